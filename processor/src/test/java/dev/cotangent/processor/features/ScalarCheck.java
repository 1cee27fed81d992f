package dev.cotangent.processor.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.cotangent.processor.testing.Numerics;
import dev.cotangent.runtime.Dual;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Checks the companions of one scalar-valued {@code @Differentiable} method (static or instance,
 * returning {@code double} or {@code float}) at one point, by reflection on classes loaded from any
 * class loader: value-and-gradient against Richardson central differences of the original, the
 * pullback's accumulate contract with a seed ≠ 1, the tangent along each unit direction and a
 * random one, the dot-product test, values bit for bit, and the caller's arrays.
 *
 * <p>For a method with {@code float} parameters or result the finite differences evaluate the
 * original with float arguments shifted by powers of two times max(1, |x|) (exact for the dyadic
 * test points the tests use), and the agreement demanded is relative 1e-3; between AD results
 * (computed in float) relative 1e-5.
 */
final class ScalarCheck {
  private final Class<?> adjoint;
  private final Class<?> tangent;
  private final Method original;
  private final String name;
  private final Class<?>[] types;
  private final String[] names;
  private final int[] diff;
  private final boolean isFloat;
  private final boolean floatMode;
  private final boolean isStatic;
  private double numericTolerance;
  private double step = 1e-3;

  ScalarCheck(Class<?> owner, Class<?> adjoint, Class<?> tangent, String name, Class<?>[] types,
      String... differentiable) {
    this.adjoint = adjoint;
    this.tangent = tangent;
    this.name = name;
    this.types = types;
    this.original = Support.method(owner, name, types);
    this.isStatic = Modifier.isStatic(original.getModifiers());
    this.isFloat = original.getReturnType() == float.class;
    this.names = Arrays.stream(original.getParameters()).map(p -> p.getName())
        .toArray(String[]::new);
    this.diff = new int[differentiable.length];
    for (int k = 0; k < diff.length; k++) {
      diff[k] = Arrays.asList(names).indexOf(differentiable[k]);
      if (diff[k] < 0) {
        throw new IllegalArgumentException(name + " has no parameter " + differentiable[k]
            + " (parameters " + Arrays.toString(names) + "; compile with -parameters)");
      }
    }
    boolean floats = isFloat;
    for (Class<?> t : types) {
      floats |= t == float.class || t == float[].class;
    }
    this.floatMode = floats;
    this.numericTolerance = floatMode ? 1e-3 : 1e-6;
    if (floatMode) {
      step = 1.0 / 128;
    }
  }

  private boolean numericCheck = true;

  /**
   * Skips the comparison with finite differences (for functions whose derivative is by design not
   * the derivative of their values: detach, a rule that differs from the source); the test then
   * compares {@link Result#gradient()} with a closed form.
   */
  ScalarCheck withoutFiniteDifferences() {
    this.numericCheck = false;
    return this;
  }

  ScalarCheck tolerance(double relative) {
    this.numericTolerance = relative;
    return this;
  }

  private double consistency() {
    return floatMode ? 1e-5 : 1e-9;
  }

  private static String capitalise(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** The value (as a double) and the adjoint's gradient, flattened in coordinate order. */
  record Result(double value, double[] gradient, Object holder) {}

  double value(Object receiver, Object... args) {
    return ((Number) Support.call(original, receiver, Support.copyAll(args))).doubleValue();
  }

  Result at(Object receiver, Object... args) {
    Class<?> holderClass = holderClass();
    String what = original.getDeclaringClass().getName() + "." + name + " at "
        + Support.show(args) + (isStatic ? "" : " on " + receiver);
    List<String> failures = new ArrayList<>();

    Object[] after = Support.copyAll(args);
    Object v = Support.call(original, receiver, after);
    double value = ((Number) v).doubleValue();
    List<Support.Coord> coords = Support.coords(names, diff, args);
    int n = coords.size();

    // numerical gradient
    double[] numeric = new double[n];
    for (int c = 0; c < n && numericCheck; c++) {
      Support.Coord coord = coords.get(c);
      double h = floatMode
          ? step * Math.pow(2, Math.ceil(Math.log(Math.max(1, Math.abs(Support.get(args, coord))))
              / Math.log(2)))
          : Numerics.step(step, Support.get(args, coord));
      Numerics.Estimate e = Numerics.derivative(t -> {
        Object[] a = Support.copyAll(args);
        Support.add(a, coord, t);
        return ((Number) Support.call(original, receiver, a)).doubleValue();
      }, h);
      double spread = e.spread();
      double allowed = (floatMode ? 1e-3 : 1e-7) * Math.max(1, Math.abs(e.value()));
      if (!(spread <= allowed)) {
        fail(what + ": unstable numerical reference ∂/∂" + coord.label() + ": " + e.describe());
      }
      numeric[c] = e.value();
    }

    // value and gradient
    Method gradientMethod = Support.method(adjoint, name, withReceiver(types));
    Object[] ag = Support.copyAll(args);
    Object holder = Support.call(gradientMethod, null, withReceiver(receiver, ag));
    Support.assertSameArgs(after, ag, names, what + ", " + name + "(args)");
    Object hv = Support.field(holder, "value");
    soft(failures, () -> Support.assertSameBits(v, hv, what + ": holder value vs the original"));
    double[] g = Support.flatten(fields(holder));
    assertEquals(n, g.length, what + ": holder coordinates");
    for (int c = 0; c < n && numericCheck; c++) {
      int cc = c;
      soft(failures, () -> Support.near(numeric[cc], g[cc], numericTolerance,
          what + ": ∂/∂" + coords.get(cc).label() + " (adjoint) vs central differences"));
    }
    for (int p : diff) {
      Class<?> expectedType = types[p];
      Class<?> actual = Support.fieldType(holderClass, names[p]);
      soft(failures, () -> assertEquals(expectedType, actual,
          what + ": the holder's field " + names[p] + " has the parameter's type"));
    }
    Class<?> valueType = Support.fieldType(holderClass, "value");
    soft(failures, () -> assertEquals(original.getReturnType(), valueType,
        what + ": the holder's value field has the method's return type"));

    // pullback into a pre-filled holder with seed ≠ 1
    Class<?>[] pullTypes = Arrays.copyOf(withReceiver(types), withReceiver(types).length + 2);
    pullTypes[pullTypes.length - 2] = isFloat ? float.class : double.class;
    pullTypes[pullTypes.length - 1] = holderClass;
    Method pullback = Support.method(adjoint, name, pullTypes);
    Object into = newHolder(holderClass, args);
    double[] prefill = prefill(into);
    Object seed = isFloat ? (Object) (-1.75f) : (Object) (-1.75);
    Object[] ap = Support.copyAll(args);
    Object[] pullArgs = Arrays.copyOf(withReceiver(receiver, ap), pullTypes.length);
    pullArgs[pullTypes.length - 2] = seed;
    pullArgs[pullTypes.length - 1] = into;
    Object returned = Support.call(pullback, null, pullArgs);
    soft(failures, () -> Support.assertSameBits(v, returned, what + ": pullback's return value"));
    soft(failures, () -> Support.assertSameBits(v, Support.field(into, "value"),
        what + ": pullback's into.value"));
    soft(failures, () -> Support.assertSameArgs(after, ap, names, what + ", pullback"));
    double[] pulled = Support.flatten(fields(into));
    for (int c = 0; c < n; c++) {
      int cc = c;
      soft(failures, () -> Support.near(prefill[cc] - 1.75 * g[cc], pulled[cc],
          consistency() * Math.max(1, Math.abs(prefill[cc]) + Math.abs(1.75 * g[cc])),
          what + ": pullback(seed −1.75) into " + coords.get(cc).label() + " pre-filled with "
              + prefill[cc]));
    }

    // tangent along unit directions and a random one; dot-product test
    List<Class<?>> tanTypes = new ArrayList<>();
    if (!isStatic) {
      tanTypes.add(original.getDeclaringClass());
    }
    for (int i = 0; i < types.length; i++) {
      tanTypes.add(types[i]);
      if (contains(diff, i)) {
        tanTypes.add(types[i]);
      }
    }
    Method tangentMethod = Support.method(tangent, name, tanTypes.toArray(new Class<?>[0]));
    for (int c = 0; c <= n; c++) {
      double[] direction = new double[n];
      if (c < n) {
        direction[c] = 1;
      } else {
        Random random = new Random(what.hashCode());
        for (int k = 0; k < n; k++) {
          direction[k] = floatMode ? (random.nextInt(17) - 8) / 8.0 : -1 + 2 * random.nextDouble();
        }
      }
      Object[] at = Support.copyAll(args);
      Dual d = (Dual) Support.call(tangentMethod, null, tangentArgs(receiver, at, coords, direction));
      String along = c < n ? "∂/∂" + coords.get(c).label() : "along " + Arrays.toString(direction);
      soft(failures, () -> Support.assertSameBits(value, d.value(),
          what + ": tangent's value (as a double) vs the original's"));
      soft(failures, () -> Support.assertSameArgs(after, at, names, what + ", tangent"));
      double expected = 0;
      double scale = 0;
      for (int k = 0; k < n; k++) {
        expected += g[k] * direction[k];
        scale += Math.abs(g[k] * direction[k]);
      }
      double e = expected;
      double s = scale;
      soft(failures, () -> Support.near(e, d.tangent(), consistency() * Math.max(1, s),
          what + ": tangent " + along + " vs the adjoint gradient (dot-product test ⟨1, J·ẋ⟩ = ⟨Jᵀ·1, ẋ⟩)"));
    }
    if (!failures.isEmpty()) {
      fail(failures.size() + " failed check(s):\n  " + String.join("\n  ", failures));
    }
    return new Result(value, g, holder);
  }

  private static void soft(List<String> failures, Runnable check) {
    try {
      check.run();
    } catch (AssertionError e) {
      failures.add(e.getMessage());
    }
  }

  Class<?> holderClass() {
    String holderName = adjoint.getName() + "$" + capitalise(name) + "Gradient";
    try {
      return Class.forName(holderName, true, adjoint.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new AssertionError("no holder " + holderName + "; nested classes of " + adjoint.getName()
          + ": " + Arrays.toString(adjoint.getDeclaredClasses()), e);
    }
  }

  private Class<?>[] withReceiver(Class<?>[] t) {
    if (isStatic) {
      return t;
    }
    Class<?>[] out = new Class<?>[t.length + 1];
    out[0] = original.getDeclaringClass();
    System.arraycopy(t, 0, out, 1, t.length);
    return out;
  }

  private Object[] withReceiver(Object receiver, Object[] args) {
    if (isStatic) {
      return args;
    }
    Object[] out = new Object[args.length + 1];
    out[0] = receiver;
    System.arraycopy(args, 0, out, 1, args.length);
    return out;
  }

  private List<Object> fields(Object holder) {
    List<Object> out = new ArrayList<>();
    for (int p : diff) {
      out.add(Support.field(holder, names[p]));
    }
    return out;
  }

  private Object newHolder(Class<?> holderClass, Object[] args) {
    List<Class<?>> t = new ArrayList<>();
    List<Object> templates = new ArrayList<>();
    for (int p : diff) {
      if (args[p].getClass().isArray()) {
        t.add(args[p].getClass());
        templates.add(Support.copy(args[p]));
      }
    }
    try {
      Constructor<?> ctor = holderClass.getDeclaredConstructor(t.toArray(new Class<?>[0]));
      ctor.setAccessible(true); // package-private holders of package-private companions
      return ctor.newInstance(templates.toArray());
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(holderClass.getName() + ": no constructor " + t, e);
    }
  }

  /** Fills every gradient field with small dyadic numbers; returns them flattened. */
  private double[] prefill(Object holder) {
    int k = 0;
    for (int p : diff) {
      Object field = Support.field(holder, names[p]);
      if (field instanceof Double) {
        Support.setField(holder, names[p], 0.5 + 0.25 * k++);
      } else if (field instanceof Float) {
        Support.setField(holder, names[p], (float) (0.5 + 0.25 * k++));
      } else if (field instanceof double[] a) {
        for (int e = 0; e < a.length; e++) {
          a[e] = -1.0 + 0.125 * k++;
        }
      } else if (field instanceof float[] a) {
        for (int e = 0; e < a.length; e++) {
          a[e] = (float) (-1.0 + 0.125 * k++);
        }
      } else if (field instanceof double[][] m) {
        for (double[] row : m) {
          for (int e = 0; e < row.length; e++) {
            row[e] = 0.75 - 0.0625 * k++;
          }
        }
      } else {
        fail("holder field " + names[p] + " = " + Support.show(field) + " is not a gradient field");
      }
    }
    return Support.flatten(fields(holder));
  }

  private Object[] tangentArgs(Object receiver, Object[] args, List<Support.Coord> coords,
      double[] direction) {
    Object[] shaped = Support.copyAll(args);
    for (int p : diff) {
      Object v = shaped[p];
      if (v instanceof double[] a) {
        Arrays.fill(a, 0);
      } else if (v instanceof float[] a) {
        Arrays.fill(a, 0);
      } else if (v instanceof double[][] m) {
        for (double[] row : m) {
          Arrays.fill(row, 0);
        }
      } else if (v instanceof Float) {
        shaped[p] = 0f;
      } else {
        shaped[p] = 0.0;
      }
    }
    for (int c = 0; c < coords.size(); c++) {
      Support.add(shaped, coords.get(c), direction[c]);
    }
    List<Object> all = new ArrayList<>();
    if (!isStatic) {
      all.add(receiver);
    }
    for (int i = 0; i < args.length; i++) {
      all.add(args[i]);
      if (contains(diff, i)) {
        all.add(shaped[i]);
      }
    }
    return all.toArray();
  }

  private static boolean contains(int[] a, int v) {
    for (int x : a) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }

  static String fmt(double x) {
    return String.format(Locale.ROOT, "%.17g", x);
  }
}
