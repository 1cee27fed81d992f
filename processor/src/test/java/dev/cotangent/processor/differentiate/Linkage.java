package dev.cotangent.processor.differentiate;

import com.palantir.javapoet.ClassName;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What {@link SweepInterpreter} cannot run itself, run by reflection in the compiled classes of
 * one compilation: static fields (constants), calls of user methods and of other methods'
 * companions ({@code GAdjoint.g(a, b, aBar, holder)}, {@code GTangent.g(...)}), the runtime's
 * {@code ArrayState} and {@code Checks}, holders ({@code new GGradient()}, {@code holder.a}) and
 * {@code Dual}s ({@code dual.tangent()}). A callee is a black box here: its own code is tested
 * where it is differentiated. An exception the callee throws is rethrown as it is.
 */
final class Linkage {
  private final Function<String, Class<?>> loader;
  private final Map<String, Object> constants = new ConcurrentHashMap<>();
  private final Map<String, Executable> executables = new ConcurrentHashMap<>();

  /** Linkage to the classes {@code loader} gives by binary name. */
  Linkage(Function<String, Class<?>> loader) {
    this.loader = loader;
  }

  Class<?> load(ClassName name) {
    return loader.apply(name.reflectionName());
  }

  /** {@code Owner.NAME}, boxed as its declared type. */
  Object staticField(ClassName owner, String name) {
    return constants.computeIfAbsent(owner.reflectionName() + "#" + name, key -> {
      try {
        Field field = load(owner).getDeclaredField(name);
        field.setAccessible(true);
        return field.get(null);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + key, e);
      }
    });
  }

  /** {@code Owner.method(args)}, the overload whose parameters take the arguments' classes. */
  Object callStatic(ClassName owner, String method, List<Object> args) {
    Method m = (Method) resolve(load(owner), method, args, false);
    return invoke(m, null, args);
  }

  /** {@code Owner.method(args)} with the parameter types the call site names. */
  Object callStatic(ClassName owner, String method, List<String> parameterTypes,
      List<Object> args) {
    String key = owner.reflectionName() + "#" + method + parameterTypes;
    Method m = (Method) executables.computeIfAbsent(key, k -> {
      try {
        Class<?>[] types = new Class<?>[parameterTypes.size()];
        for (int i = 0; i < types.length; i++) {
          types[i] = classOf(parameterTypes.get(i));
        }
        Method found = load(owner).getDeclaredMethod(method, types);
        found.setAccessible(true);
        return found;
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("no method " + k, e);
      }
    });
    return invoke(m, null, args);
  }

  /** {@code new Owner(args)}. */
  Object construct(ClassName owner, List<Object> args) {
    Constructor<?> c = (Constructor<?>) resolve(load(owner), "<init>", args, true);
    try {
      return c.newInstance(args.toArray());
    } catch (InvocationTargetException e) {
      throw rethrow(e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code target.name}. */
  static Object field(Object target, String name) {
    try {
      Field field = target.getClass().getField(name);
      return field.get(target);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("no field " + name + " in " + target.getClass(), e);
    }
  }

  /** {@code target.method(args)}. */
  Object callInstance(Object target, String method, List<Object> args) {
    Method m = (Method) resolve(target.getClass(), method, args, false);
    return invoke(m, target, args);
  }

  private Executable resolve(Class<?> owner, String name, List<Object> args, boolean constructor) {
    StringBuilder key = new StringBuilder(owner.getName()).append('#').append(name);
    for (Object arg : args) {
      key.append(',').append(arg == null ? "null" : arg.getClass().getName());
    }
    return executables.computeIfAbsent(key.toString(), k -> {
      Executable[] candidates = constructor ? owner.getDeclaredConstructors()
          : owner.getDeclaredMethods();
      Executable best = null;
      for (Executable e : candidates) {
        if ((constructor || e.getName().equals(name)) && accepts(e.getParameterTypes(), args)
            && (best == null || moreSpecific(e, best))) {
          best = e;
        }
      }
      if (best == null) {
        throw new IllegalStateException("no " + name + " in " + owner.getName() + " for " + k);
      }
      best.setAccessible(true);
      return best;
    });
  }

  private static boolean moreSpecific(Executable a, Executable b) {
    Class<?>[] p = a.getParameterTypes();
    Class<?>[] q = b.getParameterTypes();
    for (int i = 0; i < p.length; i++) {
      if (!widens(p[i], q[i])) {
        return false;
      }
    }
    return true;
  }

  private static boolean accepts(Class<?>[] parameters, List<Object> args) {
    if (parameters.length != args.size()) {
      return false;
    }
    for (int i = 0; i < parameters.length; i++) {
      Object arg = args.get(i);
      if (arg == null ? parameters[i].isPrimitive()
          : !widens(primitive(arg.getClass()), parameters[i])) {
        return false;
      }
    }
    return true;
  }

  /** Whether a value of class {@code from} passes as {@code to} (identity or widening). */
  private static boolean widens(Class<?> from, Class<?> to) {
    if (from == to || (!to.isPrimitive() && to.isAssignableFrom(from))) {
      return true;
    }
    List<Class<?>> order = List.of(int.class, long.class, float.class, double.class);
    int a = order.indexOf(from);
    int b = order.indexOf(to);
    return a >= 0 && b >= a;
  }

  private static Class<?> primitive(Class<?> boxed) {
    if (boxed == Double.class) {
      return double.class;
    } else if (boxed == Float.class) {
      return float.class;
    } else if (boxed == Integer.class) {
      return int.class;
    } else if (boxed == Long.class) {
      return long.class;
    } else if (boxed == Boolean.class) {
      return boolean.class;
    }
    return boxed;
  }

  private Class<?> classOf(String type) {
    return switch (type) {
      case "double" -> double.class;
      case "float" -> float.class;
      case "int" -> int.class;
      case "long" -> long.class;
      case "boolean" -> boolean.class;
      case "double[]" -> double[].class;
      case "double[][]" -> double[][].class;
      case "float[]" -> float[].class;
      case "float[][]" -> float[][].class;
      case "int[]" -> int[].class;
      default -> loader.apply(type.replaceAll("<.*>", ""));
    };
  }

  private static Object invoke(Method m, Object target, List<Object> args) {
    Object[] converted = args.toArray();
    Class<?>[] types = m.getParameterTypes();
    for (int i = 0; i < types.length; i++) {
      converted[i] = widen(converted[i], types[i]);
    }
    try {
      return m.invoke(target, converted);
    } catch (InvocationTargetException e) {
      throw rethrow(e);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reflection does not widen an Integer into a double parameter's box: do it here. */
  private static Object widen(Object value, Class<?> type) {
    if (value instanceof Number n && type.isPrimitive()) {
      if (type == double.class) {
        return n.doubleValue();
      } else if (type == float.class) {
        return n.floatValue();
      } else if (type == long.class) {
        return n.longValue();
      }
    }
    return value;
  }

  private static RuntimeException rethrow(InvocationTargetException e) {
    Throwable cause = e.getCause();
    if (cause instanceof RuntimeException r) {
      return r;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new IllegalStateException(cause);
  }
}
