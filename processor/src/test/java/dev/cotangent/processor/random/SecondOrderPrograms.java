package dev.cotangent.processor.random;

import dev.cotangent.processor.random.ProgramGenerator.Program;
import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.Numerics;
import dev.cotangent.processor.testing.SecondOrderMethod;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The random programs' second order: one program in three marks {@code f} with {@code
 * @Differentiable(order = 2)} (chosen from the seed alone, so the programs themselves are the
 * same as without this hook), and {@link #check} tests its Hessian-vector products at random
 * points along random directions: the value bit for bit, the gradient against the first-order
 * gradient, H·v against Richardson central differences of that gradient, the dense Hessian's
 * rows against the products, and the dot test ⟨w, H·v⟩ = ⟨H·w, v⟩ ({@link #check}); and every
 * program's vector forward mode against its tangent ({@link #checkBatch}). Points where the
 * differences of the gradient are unstable (a branch under the stencil) are skipped, as
 * {@code GradientCheck} skips them for the first order.
 */
final class SecondOrderPrograms {
  /** Random points (each with two directions) checked per second-order program. */
  static final int POINTS = 2;

  private SecondOrderPrograms() {}

  /**
   * Whether the program of {@code seed} asks for second order: one in three, except those with
   * array-returning helpers ({@link AsWrittenConstructs}), whose second order is COTANGENT-ORDER.
   */
  static boolean isSecondOrder(long seed) {
    return Long.remainderUnsigned(ProgramGenerator.mix(seed ^ 0x2545F4914F6CDD1DL), 3) == 0
        && !ProgramGenerator.writesJavaAsWritten(seed);
  }

  /** The annotation of the program's {@code f}. */
  static String annotation(long seed) {
    return isSecondOrder(seed) ? "@Differentiable(order = 2)" : "@Differentiable";
  }

  /** Whether a program (generated or a regression's) has second-order companions. */
  static boolean applies(Program p) {
    return p.source().contains("@Differentiable(order = 2)");
  }

  /** Checks {@code f}'s second-order companion; failures go into the result. */
  static void check(CompiledSources sources, Program p, RandomPrograms.Result result) {
    try {
      Class<?>[] types = p.hasArray()
          ? new Class<?>[] {double.class, double.class, double.class, int.class, double[].class}
          : new Class<?>[] {double.class, double.class, double.class, int.class};
      boolean[] differentiable = p.hasArray()
          ? new boolean[] {true, true, true, false, true} : new boolean[] {true, true, true, false};
      SecondOrderMethod m = new SecondOrderMethod(sources, p.qualifiedName(), "f", types,
          differentiable);
      Random random = new Random(p.seed() * 31 + 7);
      int checked = 0;
      for (int draw = 0; draw < 6 * POINTS && checked < POINTS; draw++) {
        int length = 2 + random.nextInt(3);
        Object[] args = point(random, p.hasArray(), length);
        Object[] v = directions(random, p.hasArray(), length);
        Object[] w = directions(random, p.hasArray(), length);
        if (checkPoint(m, args, v, w)) {
          checked++;
        }
      }
      result.points.addAndGet(checked);
    } catch (AssertionError | RuntimeException e) {
      result.failures.add(new RandomPrograms.Failure(p, "second order wrong",
          e instanceof AssertionError ? String.valueOf(e.getMessage()) : e.toString()));
    }
  }

  /**
   * Checks {@code f}'s vector forward mode ({@code fBatch}, every program) against its tangent
   * (which {@code GradientCheck} checks against central differences), k = 3 random directions
   * at a random point: the value bit for bit, each direction's tangent, and the tangents of the
   * array {@code w} a program writes into.
   */
  static void checkBatch(CompiledSources sources, Program p, RandomPrograms.Result result) {
    try {
      Class<?> tangent = sources.load(p.qualifiedName() + "Tangent");
      java.lang.reflect.Method scalar = null;
      java.lang.reflect.Method batch = null;
      for (java.lang.reflect.Method m : tangent.getDeclaredMethods()) {
        if (m.getName().equals("f")) {
          scalar = m;
        } else if (m.getName().equals("fBatch") && m.getParameterCount() == (p.hasArray() ? 11 : 9)) {
          batch = m;
        }
      }
      if (batch == null) {
        // methods that call array-valued or void (out-parameter) helpers have no lanes, nor
        // methods that throw (a record's validating compact constructor is inlined), nor
        // those with float locals, float calls or Arrays.copyOf (issue 24's peer shapes, BatchMethod)
        if (!p.source().contains("static double[] ") && !p.source().contains("static void ")
            && !RecordStatements.validates(p.source())
            && !PeerShapeStatements.withoutLanes(p.source())) {
          result.failures.add(new RandomPrograms.Failure(p, "vector mode wrong",
              "no fBatch generated"));
        }
        return;
      }
      Random random = new Random(p.seed() * 17 + 3);
      int k = 3;
      int length = 2 + random.nextInt(3);
      Object[] args = point(random, p.hasArray(), length);
      double[][] dots = new double[3][k];
      for (double[] lanes : dots) {
        for (int d = 0; d < k; d++) {
          lanes[d] = -1 + 2 * random.nextDouble();
        }
      }
      double[] wLanes = p.hasArray() ? uniform(random, length * k) : null;
      double[] resultDot = new double[k];
      List<Object> batchArgs = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        batchArgs.add(args[i]);
        batchArgs.add(dots[i].clone());
      }
      batchArgs.add(args[3]);
      if (p.hasArray()) {
        batchArgs.add(((double[]) args[4]).clone());
        batchArgs.add(wLanes.clone());
      }
      batchArgs.add(k);
      batchArgs.add(resultDot);
      double value;
      try {
        value = ((Number) batch.invoke(null, batchArgs.toArray())).doubleValue();
      } catch (java.lang.reflect.InvocationTargetException e) {
        return; // the original throws here too (GradientCheck checks that the tangent does)
      }
      double[] wLanesAfter = p.hasArray() ? (double[]) batchArgs.get(8) : null;
      for (int d = 0; d < k; d++) {
        List<Object> one = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          one.add(args[i]);
          one.add(dots[i][d]);
        }
        one.add(args[3]);
        double[] wDot = null;
        if (p.hasArray()) {
          wDot = new double[length];
          for (int i = 0; i < length; i++) {
            wDot[i] = wLanes[i * k + d];
          }
          one.add(((double[]) args[4]).clone());
          one.add(wDot);
        }
        dev.cotangent.runtime.Dual dual = (dev.cotangent.runtime.Dual) scalar.invoke(null,
            one.toArray());
        where(Double.doubleToLongBits(dual.value()) == Double.doubleToLongBits(value),
            "fBatch's value " + value + " but the tangent's " + dual.value(), args, dots);
        double t = dual.tangent();
        where(Math.abs(t - resultDot[d]) <= 1e-12 * Math.max(1, Math.abs(t)) || t == resultDot[d],
            "fBatch direction " + d + ": " + resultDot[d] + " but the tangent gives " + t, args,
            dots);
        for (int i = 0; wDot != null && i < length; i++) {
          where(Math.abs(wDot[i] - wLanesAfter[i * k + d]) <= 1e-12 * Math.max(1,
              Math.abs(wDot[i])), "fBatch's tangent of w[" + i + "] in direction " + d, args,
              dots);
        }
      }
      result.points.incrementAndGet();
    } catch (AssertionError | ReflectiveOperationException | RuntimeException e) {
      result.failures.add(new RandomPrograms.Failure(p, "vector mode wrong",
          e instanceof AssertionError ? String.valueOf(e.getMessage()) : e.toString()));
    }
  }

  /** Checks one point; false when the reference is unstable there (or the original throws). */
  private static boolean checkPoint(SecondOrderMethod m, Object[] args, Object[] v, Object[] w) {
    double value;
    try {
      value = m.value(args);
    } catch (AssertionError | RuntimeException e) {
      return false; // the original throws here: GradientCheck checks the companions do as well
    }
    if (!Double.isFinite(value)) {
      return false;
    }
    Numerics.Estimate[] numeric = m.numericProduct(args, v, 1e-3);
    double scale = 1;
    for (Numerics.Estimate e : numeric) {
      if (!Double.isFinite(e.spread())) {
        return false;
      }
      scale = Math.max(scale, Math.abs(e.value()));
    }
    for (Numerics.Estimate e : numeric) {
      if (e.spread() > 1e-5 * scale) {
        return false; // a branch or kink under the stencil
      }
    }
    SecondOrderMethod.Product product = m.product(args, v);
    where(Double.doubleToLongBits(product.value()) == Double.doubleToLongBits(value),
        "value " + product.value() + " but the original returns " + value, args, v);
    double[] gradient = m.gradient(args);
    double gScale = 1;
    for (double g : gradient) {
      gScale = Math.max(gScale, Math.abs(g));
    }
    for (int i = 0; i < gradient.length; i++) {
      where(Math.abs(gradient[i] - product.gradient()[i]) <= 1e-11 * gScale,
          "gradient entry " + i + ": " + product.gradient()[i] + " but the adjoint gives "
              + gradient[i], args, v);
    }
    for (int i = 0; i < numeric.length; i++) {
      double tolerance = 1e-6 * scale + 10 * numeric[i].spread();
      where(Math.abs(numeric[i].value() - product.hv()[i]) <= tolerance,
          "H·v entry " + i + ": " + product.hv()[i] + " but central differences of the gradient"
              + " give " + numeric[i].describe() + "; all " + Arrays.toString(product.hv()),
          args, v);
    }
    m.dotTest(args, v, w, 1e-9);
    double[][] hessian = m.hessian(args);
    double[] flat = SecondOrderMethod.flattenDirections(v);
    for (int i = 0; i < hessian.length; i++) {
      double row = 0;
      for (int j = 0; j < hessian.length; j++) {
        row += hessian[i][j] * flat[j];
      }
      where(Math.abs(row - product.hv()[i]) <= 1e-9 * Math.max(scale, 1),
          "dense Hessian row " + i + " times v: " + row + " but H·v gives " + product.hv()[i],
          args, v);
    }
    return true;
  }

  private static void where(boolean ok, String message, Object[] args, Object[] v) {
    if (!ok) {
      throw new AssertionError(message + " at " + Arrays.deepToString(args) + " along "
          + Arrays.deepToString(v));
    }
  }

  private static Object[] point(Random random, boolean array, int length) {
    Object[] args = new Object[array ? 5 : 4];
    for (int i = 0; i < 3; i++) {
      args[i] = -1.5 + 3 * random.nextDouble();
    }
    args[3] = random.nextInt(5);
    if (array) {
      args[4] = uniform(random, length);
    }
    return args;
  }

  private static Object[] directions(Random random, boolean array, int length) {
    Object[] out = new Object[array ? 4 : 3];
    for (int i = 0; i < 3; i++) {
      out[i] = -1 + 2 * random.nextDouble();
    }
    if (array) {
      out[3] = uniform(random, length);
    }
    return out;
  }

  private static double[] uniform(Random random, int length) {
    double[] a = new double[length];
    for (int i = 0; i < length; i++) {
      a[i] = -1.5 + 3 * random.nextDouble();
    }
    return a;
  }
}
