package dev.cotangent.processor.differentiate;

import dev.cotangent.processor.differentiate.checkpoint.CheckpointedLoop;
import dev.cotangent.processor.ir.Exprs;
import dev.cotangent.processor.ir.MethodIR;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import dev.cotangent.runtime.ArrayState;
import dev.cotangent.runtime.Checkpoints;
import dev.cotangent.runtime.Checks;
import dev.cotangent.runtime.Dual;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One method's companions run at one {@link Point}, either through {@link SweepInterpreter} on
 * some version of their IR or as the compiled classes, with the same {@link Outcome} either way.
 * The interpreted pullback is what {@code emit/AdjointWriter.pullback()} renders around the two
 * sweeps; the interpreted tangent what {@code emit/TangentWriter} renders around the body (the
 * run-time refusal of aliased array arguments is left out: points never alias).
 */
final class CompanionRuns {
  private CompanionRuns() {}

  /**
   * Arguments, and what the companions also take: the holder's fields before the pullback (one
   * per differentiable parameter, a pullback adds into them), the seed (a {@code double[]} for a
   * vector-valued method) and a tangent per differentiable parameter.
   */
  record Point(Object[] args, Object[] holder, Object seed, Object[] dots) {}

  /**
   * What a run leaves: what it threw, or its value, the primal results (the holder's value and
   * the final contents of the array arguments) and the derivatives (the holder's fields, or the
   * tangent and the final contents of the tangent arrays). Numbers are {@code Double}s, arrays
   * copies.
   */
  record Outcome(Throwable thrown, Object value, List<Object> primal, List<Object> derivatives) {
    static Outcome threw(Throwable e) {
      return new Outcome(e, null, List.of(), List.of());
    }
  }

  // ------------------------------------------------------------------ interpreted

  /** The pullback with {@code code} as its sweeps. */
  static Outcome pullback(Linkage linkage, AdjointMethod m, AdjointCode code, Point point) {
    MethodIR ir = m.source().source();
    Object[] args = deepCopy(point.args());
    Object[] fields = deepCopy(point.holder());
    List<Variable> differentiable = ir.differentiableParameters();
    boolean vector = ir.isVectorValued();
    try {
      SweepInterpreter in = new SweepInterpreter(linkage);
      for (int i = 0; i < args.length; i++) {
        in.bind(ir.parameters().get(i), args[i]);
      }
      for (AdjointMethod.ArrayParameter array : m.arrayParameters()) {
        in.bind(array.adjoint(), array.direct()
            ? fields[differentiable.indexOf(array.parameter())]
            : zerosLike(in.get(array.parameter())));
      }
      for (CheckpointedLoop loop : m.checkpointed()) {
        in.bind(loop.local(), new Checkpoints()); // the holder's field, as AdjointWriter binds it
      }
      for (Variable local : m.locals()) {
        in.bind(local, in.eval(Exprs.defaultValue(local.type())));
      }
      if (code.adjointsFirst()) {
        declareAdjoints(in, m, point.seed(), vector);
      }
      in.run(code.forward());
      Object result = ir.returnType() == Type.VOID ? null : in.get(m.returned());
      if (vector) {
        Checks.sameLength((double[]) result, (double[]) point.seed(), "resultBar");
      }
      Object holderValue = result;
      if (!code.reverse().isEmpty() || !m.gradient().isEmpty()
          || !m.arrayParameters().isEmpty()) {
        if (!code.adjointsFirst()) {
          declareAdjoints(in, m, point.seed(), vector);
        }
        in.run(code.reverse());
        for (Map.Entry<Variable, Variable> g : m.gradient().entrySet()) {
          int k = differentiable.indexOf(g.getKey());
          fields[k] = JavaArithmetic.convert(JavaArithmetic.binary(
              dev.cotangent.processor.ir.BinaryOp.ADD, fields[k], in.get(g.getValue())),
              g.getKey().type());
        }
        for (AdjointMethod.ArrayParameter array : m.arrayParameters()) {
          if (!array.direct() && array.parameter().isDifferentiableParameter()) {
            addInto(in.get(array.adjoint()), fields[differentiable.indexOf(array.parameter())]);
          }
        }
      }
      return outcome(result, holderValue, args, List.of(fields));
    } catch (SweepInterpreter.Unsupported | IllegalStateException e) {
      throw e;
    } catch (RuntimeException | AssertionError e) {
      return Outcome.threw(e);
    }
  }

  private static void declareAdjoints(SweepInterpreter in, AdjointMethod m, Object seed,
      boolean vector) {
    if (m.resultAdjoint() != null && vector) {
      addInto(seed, in.get(m.resultAdjoint()));
    } else if (m.resultAdjoint() != null) {
      in.bind(m.resultAdjoint(), seed);
    }
    for (Variable bar : m.adjoints()) {
      in.bind(bar, 0.0);
    }
  }

  /** The tangent with {@code body} as its body. */
  static Outcome tangent(Linkage linkage, TangentMethod t, List<Stmt> body, Point point) {
    MethodIR ir = t.source().source();
    Object[] args = deepCopy(point.args());
    Object[] dots = deepCopy(point.dots());
    try {
      SweepInterpreter in = new SweepInterpreter(linkage);
      int k = 0;
      for (int i = 0; i < args.length; i++) {
        Variable p = ir.parameters().get(i);
        in.bind(p, args[i]);
        Variable dot = t.tangentParameters().get(p);
        if (dot != null) {
          in.bind(dot, dots[k++]);
        }
      }
      in.run(body);
      Object result = ir.returnType() == Type.VOID ? null : in.get(t.result());
      Object tangent;
      if (ir.isVectorValued()) {
        double[] resultDot = new double[((double[]) result).length];
        if (t.resultTangent() == null) {
          ArrayState.fill(resultDot, 0.0);
        } else {
          ArrayState.copyInto((double[]) in.get(t.resultTangent()), resultDot, "resultDot");
        }
        tangent = resultDot;
      } else {
        tangent = t.resultTangent() == null ? 0.0 : in.get(t.resultTangent());
      }
      return outcome(result, result, args, tangentDerivatives(tangent, dots));
    } catch (SweepInterpreter.Unsupported | IllegalStateException e) {
      throw e;
    } catch (RuntimeException | AssertionError e) {
      return Outcome.threw(e);
    }
  }

  // ------------------------------------------------------------------ compiled

  /** The original method's value (an {@code Outcome} whose derivatives are empty). */
  static Outcome original(Linkage linkage, MethodIR ir, Point point) {
    Object[] args = deepCopy(point.args());
    try {
      // records are one IR parameter per leaf: the original takes them whole (RecordArguments)
      Method m = linkage.load(ir.companion().original()).getDeclaredMethod(ir.name(),
          RecordArguments.classes(linkage, ir, parameterClasses(ir.parameters())));
      m.setAccessible(true);
      Object[] passed = RecordArguments.arguments(linkage, ir, args);
      Object result = RecordArguments.result(ir, m.invoke(null, passed));
      RecordArguments.writeBack(ir, passed, args);
      return outcome(result, result, args, List.of());
    } catch (InvocationTargetException e) {
      return Outcome.threw(e.getCause());
    } catch (RuntimeException e) {
      return Outcome.threw(e); // a record's compact constructor refused the leaves
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The compiled pullback {@code CAdjoint.f(args, seed, into)}, into a holder as the point's. */
  static Outcome compiledPullback(Linkage linkage, MethodIR ir, Point point) {
    Object[] args = deepCopy(point.args());
    try {
      Class<?> holderClass = linkage.load(ir.companion().holder());
      List<Object> templates = new ArrayList<>();
      for (Variable p : ir.differentiableParameters()) {
        if (p.type().isArray()) {
          templates.add(args[ir.parameters().indexOf(p)]);
        }
      }
      Object holder = null;
      for (var c : holderClass.getConstructors()) {
        if (c.getParameterCount() == templates.size()) {
          holder = c.newInstance(templates.toArray());
        }
      }
      List<String> names = ir.companion().gradientFields();
      for (int k = 0; k < names.size(); k++) {
        Field f = holderClass.getField(names.get(k));
        Object start = point.holder()[k];
        if (start instanceof Number n) {
          f.set(holder, JavaArithmetic.convert(n, ir.differentiableParameters().get(k).type()));
        } else {
          copyInto(start, f.get(holder));
        }
      }
      Class<?>[] types = parameterClasses(ir.parameters());
      Class<?>[] all = java.util.Arrays.copyOf(types, types.length + 2);
      all[types.length] = point.seed() instanceof double[] ? double[].class
          : ir.returnType() == Type.FLOAT ? float.class : double.class;
      all[types.length + 1] = holderClass;
      Method pullback = linkage.load(ir.companion().adjoint()).getDeclaredMethod(ir.name(), all);
      pullback.setAccessible(true);
      Object[] values = java.util.Arrays.copyOf(args, args.length + 2);
      values[args.length] = point.seed() instanceof Number n
          ? JavaArithmetic.convert(n, ir.returnType()) : point.seed();
      values[args.length + 1] = holder;
      Object result = pullback.invoke(null, values);
      List<Object> fields = new ArrayList<>();
      for (String name : names) {
        fields.add(holderClass.getField(name).get(holder));
      }
      return outcome(result, holderClass.getField("value").get(holder), args, fields);
    } catch (InvocationTargetException e) {
      return Outcome.threw(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The compiled tangent {@code CTangent.f(x, xDot, ...)}. */
  static Outcome compiledTangent(Linkage linkage, MethodIR ir, Point point) {
    Object[] args = deepCopy(point.args());
    Object[] dots = deepCopy(point.dots());
    List<Class<?>> types = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    int k = 0;
    for (int i = 0; i < args.length; i++) {
      Variable p = ir.parameters().get(i);
      types.add(SweepInterpreter.javaClass(p.type()));
      values.add(args[i]);
      if (p.isDifferentiableParameter()) {
        types.add(SweepInterpreter.javaClass(p.type()));
        values.add(JavaArithmetic.convert(dots[k++], p.type()));
      }
    }
    double[] resultDot = null;
    try {
      if (ir.isVectorValued()) {
        Outcome primal = original(linkage, ir, point);
        if (primal.thrown() != null) {
          return primal;
        }
        resultDot = new double[((double[]) primal.value()).length];
        types.add(double[].class);
        values.add(resultDot);
      }
      Method tangent = linkage.load(ir.companion().tangent())
          .getDeclaredMethod(ir.name(), types.toArray(Class<?>[]::new));
      tangent.setAccessible(true);
      Object result = tangent.invoke(null, values.toArray());
      if (result instanceof Dual d) {
        return outcome(d.value(), d.value(), args, tangentDerivatives(d.tangent(), dots));
      }
      return outcome(result, result, args, tangentDerivatives(resultDot, dots));
    } catch (InvocationTargetException e) {
      return Outcome.threw(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  // ------------------------------------------------------------------ values

  private static List<Object> tangentDerivatives(Object tangent, Object[] dots) {
    List<Object> out = new ArrayList<>();
    out.add(tangent);
    for (Object dot : dots) {
      if (dot != null && dot.getClass().isArray()) {
        out.add(dot);
      }
    }
    return out;
  }

  private static Outcome outcome(Object value, Object holderValue, Object[] args,
      List<Object> derivatives) {
    List<Object> primal = new ArrayList<>();
    primal.add(normal(holderValue));
    for (Object arg : args) {
      if (arg != null && arg.getClass().isArray()) {
        primal.add(normal(arg));
      }
    }
    return new Outcome(null, normal(value), primal,
        derivatives.stream().map(CompanionRuns::normal).toList());
  }

  /** Numbers as {@code Double}s (exact: floats widen), arrays as copies. */
  private static Object normal(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    return value != null && value.getClass().isArray() ? deepCopy(value) : value;
  }

  static Class<?>[] parameterClasses(List<Variable> parameters) {
    return parameters.stream().map(p -> SweepInterpreter.javaClass(p.type()))
        .toArray(Class<?>[]::new);
  }

  static Object[] deepCopy(Object[] values) {
    Object[] out = values.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] = deepCopy(out[i]);
    }
    return out;
  }

  static Object deepCopy(Object value) {
    if (value == null || !value.getClass().isArray()) {
      return value;
    }
    int length = Array.getLength(value);
    Object copy = Array.newInstance(value.getClass().getComponentType(), length);
    for (int i = 0; i < length; i++) {
      Array.set(copy, i, deepCopy(Array.get(value, i)));
    }
    return copy;
  }

  /** Copies the contents of {@code from} into the array {@code into} of the same shape. */
  private static void copyInto(Object from, Object into) {
    for (int i = 0; i < Array.getLength(from); i++) {
      Object element = Array.get(from, i);
      if (element != null && element.getClass().isArray()) {
        copyInto(element, Array.get(into, i));
      } else {
        Array.set(into, i, element);
      }
    }
  }

  private static Object zerosLike(Object array) {
    if (array instanceof double[] a) {
      return ArrayState.zerosLike(a);
    } else if (array instanceof double[][] a) {
      return ArrayState.zerosLike(a);
    } else if (array instanceof float[] a) {
      return ArrayState.zerosLike(a);
    } else if (array instanceof float[][] a) {
      return ArrayState.zerosLike(a);
    }
    return null;
  }

  private static void addInto(Object from, Object into) {
    if (from instanceof double[] a) {
      ArrayState.addInto(a, (double[]) into);
    } else if (from instanceof double[][] a) {
      ArrayState.addInto(a, (double[][]) into);
    } else if (from instanceof float[] a) {
      ArrayState.addInto(a, (float[]) into);
    } else {
      ArrayState.addInto((float[][]) from, (float[][]) into);
    }
  }
}
