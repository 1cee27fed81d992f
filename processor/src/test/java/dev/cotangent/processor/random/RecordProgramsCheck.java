package dev.cotangent.processor.random;

import dev.cotangent.processor.random.ProgramGenerator.Program;
import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.runtime.GradientCheck;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Checks the record parameter and record result of a random program with
 * {@link RecordStatements}: {@code rq(Rv p, double s)}'s holder accessor {@code p()} (a record)
 * and field {@code s} against central differences of the original method called with records,
 * and {@code rm(Rv p, double s)}'s pullback with a record seed {@code u} against the derivative
 * of {@code u · rm} along every double leaf. Int components of the gradient must be zero.
 */
final class RecordProgramsCheck {
  private static final int POINTS = 3;

  private RecordProgramsCheck() {}

  /** Whether {@code p} declares the records (generated or a regression's source). */
  static boolean applies(Program p) {
    return p.source().contains("record Rv(");
  }

  /** Checks {@code rq} and {@code rm} at a few random points; throws AssertionError on a mismatch. */
  static void check(CompiledSources sources, Program p) {
    Class<?> owner = sources.load(p.qualifiedName());
    Class<?> adjoint = sources.load(p.qualifiedName() + "Adjoint");
    Class<?> rv = sources.load(p.qualifiedName() + "$Rv");
    Class<?> rmHolder = sources.load(p.qualifiedName() + "Adjoint$RmGradient");
    Method rq = method(owner, "rq", rv, double.class);
    Method rm = method(owner, "rm", rv, double.class);
    Method rqAdjoint = method(adjoint, "rq", rv, double.class);
    Method rmPullback = method(adjoint, "rm", rv, double.class, rv, rmHolder);
    Random random = new Random(p.seed() ^ 0x18L);
    for (int point = 0; point < POINTS; point++) {
      double[] x = new double[leafCount(rv)];
      for (int i = 0; i < x.length; i++) {
        x[i] = random.nextGaussian();
      }
      if (Math.abs(x[0]) < 0.05) {
        x[0] = 0.5; // away from rm's branch on p.x() > 0
      }
      double s = 0.5 * random.nextGaussian();
      int k = random.nextInt(4);
      Object at = build(rv, x, 0, k);

      Object holder = invoke(rqAdjoint, null, at, s);
      near(invoke(rq, null, at, s), field(holder, "value"), 0, "rq's value", p);
      double[] gp = leaves(invoke(method(holder.getClass(), "p"), holder));
      for (int i = 0; i < x.length; i++) {
        int leaf = i;
        GradientCheck.Difference numeric = numeric(
            h -> (double) invoke(rq, null, build(rv, shift(x, leaf, h), 0, k), s), 0);
        near(numeric, gp[i], 1e-6, "rq: d/dp leaf " + i, p);
      }
      near(numeric(h -> (double) invoke(rq, null, at, s + h), 0),
          (double) field(holder, "s"), 1e-6, "rq: d/ds", p);
      zeroInts(invoke(method(holder.getClass(), "p"), holder));

      double[] u = new double[x.length];
      for (int i = 0; i < u.length; i++) {
        u[i] = random.nextGaussian();
      }
      Object into = construct(rmHolder);
      Object result = invoke(rmPullback, null, at, s, build(rv, u, 0, k), into);
      if (!invoke(rm, null, at, s).equals(result)) {
        throw new AssertionError(p.className() + ": rm's pullback returned " + result
            + ", rm returns " + invoke(rm, null, at, s));
      }
      double[] pulled = leaves(invoke(method(rmHolder, "p"), into));
      for (int i = 0; i < x.length; i++) {
        int leaf = i;
        GradientCheck.Difference numeric = numeric(
            h -> dot(u, leaves(invoke(rm, null, build(rv, shift(x, leaf, h), 0, k), s))), 0);
        near(numeric, pulled[i], 1e-6, "rm: (Jᵀu) leaf " + i, p);
      }
      near(numeric(h -> dot(u, leaves(invoke(rm, null, at, s + h))), 0),
          (double) field(into, "s"), 1e-6, "rm: (Jᵀu) for s", p);
    }
    RecordArrayCheck.check(sources, p, owner, adjoint, rv);
  }

  /**
   * Central differences with Richardson extrapolation and their error estimate; the comparison
   * allows that error (steep points, where the estimate is large, are not a processor bug).
   */
  static GradientCheck.Difference numeric(java.util.function.DoubleUnaryOperator f,
      double x) {
    return GradientCheck.difference(f, x);
  }

  static double[] shift(double[] x, int i, double h) {
    double[] y = x.clone();
    y[i] += h;
    return y;
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  static int leafCount(Class<?> type) {
    int n = 0;
    for (RecordComponent c : type.getRecordComponents()) {
      n += c.getType() == double.class ? 1 : c.getType().isRecord() ? leafCount(c.getType()) : 0;
    }
    return n;
  }

  /** A record of {@code type} with its double leaves from {@code x} at {@code from}, ints = k. */
  static Object build(Class<?> type, double[] x, int from, int k) {
    RecordComponent[] components = type.getRecordComponents();
    Object[] args = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    int at = from;
    for (int i = 0; i < components.length; i++) {
      Class<?> c = components[i].getType();
      types[i] = c;
      if (c == double.class) {
        args[i] = x[at++];
      } else if (c.isRecord()) {
        args[i] = build(c, x, at, k);
        at += leafCount(c);
      } else {
        args[i] = k;
      }
    }
    try {
      var constructor = type.getDeclaredConstructor(types);
      constructor.setAccessible(true);
      return constructor.newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  static double[] leaves(Object record) {
    List<Double> out = new ArrayList<>();
    collect(record, out, false);
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static void zeroInts(Object record) {
    collect(record, new ArrayList<>(), true);
  }

  private static void collect(Object record, List<Double> out, boolean intsMustBeZero) {
    for (RecordComponent c : record.getClass().getRecordComponents()) {
      Object v = invoke(c.getAccessor(), record);
      if (c.getType() == double.class) {
        out.add((Double) v);
      } else if (c.getType().isRecord()) {
        collect(v, out, intsMustBeZero);
      } else if (intsMustBeZero && ((Number) v).intValue() != 0) {
        throw new AssertionError("the gradient's int component " + c.getName() + " is " + v);
      }
    }
  }

  static void near(Object expected, Object actual, double tolerance, String what,
      Program p) {
    double error = 0;
    if (expected instanceof GradientCheck.Difference d) {
      error = d.error();
      expected = d.value();
    }
    double e = (double) expected;
    double a = (double) actual;
    if (!(Math.abs(e - a) <= tolerance * Math.max(1, Math.abs(e)) + 2 * error)) {
      throw new AssertionError(p.className() + ": " + what + ": numerical " + e
          + " but adjoint gradient " + a);
    }
  }

  static Method method(Class<?> owner, String name, Class<?>... types) {
    try {
      Method m = owner.getMethod(name, types);
      m.setAccessible(true);
      return m;
    } catch (NoSuchMethodException e) {
      throw new AssertionError(owner.getName() + " has no " + name, e);
    }
  }

  static Object field(Object holder, String name) {
    try {
      return holder.getClass().getField(name).get(holder);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  static Object construct(Class<?> type) {
    try {
      var constructor = type.getDeclaredConstructor();
      constructor.setAccessible(true);
      return constructor.newInstance();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  static Object invoke(Method m, Object target, Object... args) {
    try {
      m.setAccessible(true);
      return m.invoke(target, args);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(m.getName() + " threw " + (e.getCause() == null ? e : e.getCause()), e);
    }
  }
}
