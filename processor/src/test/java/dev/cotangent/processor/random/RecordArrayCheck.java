package dev.cotangent.processor.random;

import static dev.cotangent.processor.random.RecordProgramsCheck.build;
import static dev.cotangent.processor.random.RecordProgramsCheck.field;
import static dev.cotangent.processor.random.RecordProgramsCheck.invoke;
import static dev.cotangent.processor.random.RecordProgramsCheck.leafCount;
import static dev.cotangent.processor.random.RecordProgramsCheck.leaves;
import static dev.cotangent.processor.random.RecordProgramsCheck.method;
import static dev.cotangent.processor.random.RecordProgramsCheck.near;

import dev.cotangent.processor.random.ProgramGenerator.Program;
import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.runtime.GradientCheck;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.Random;

/**
 * Checks {@link RecordArrayStatements}' {@code ra(Rv[] ps, double s)} of a random program (an
 * array of records as a parameter, read and written): the record-shaped adjoint's value bit for
 * bit, the caller's array after it equal to what the original leaves (records compared with
 * {@code equals}), the holder's {@code ps()} (a {@code Rv[]}) and {@code s} against central
 * differences with respect to the contents on entry; then, in a second-order program, {@code
 * rq}'s and {@code ra}'s Hessians ({@link RecordHessianCheck}).
 */
final class RecordArrayCheck {
  private static final int POINTS = 2;

  private RecordArrayCheck() {}

  /** Checks {@code ra} (when the program has it); throws AssertionError on a mismatch. */
  static void check(CompiledSources sources, Program p, Class<?> owner, Class<?> adjoint,
      Class<?> rv) {
    if (!p.source().contains("ra(Rv[] ps, double s)")) {
      return; // a regression's program from before ra
    }
    Class<?> rvs = rv.arrayType();
    Method ra = method(owner, "ra", rvs, double.class);
    Method raAdjoint = method(adjoint, "ra", rvs, double.class);
    Random random = new Random(p.seed() ^ 0x18A7L);
    int leaves = leafCount(rv);
    for (int point = 0; point < POINTS; point++) {
      int n = 2 + random.nextInt(2);
      double[] x = new double[n * leaves];
      for (int i = 0; i < x.length; i++) {
        x[i] = 0.7 * random.nextGaussian();
      }
      double s = 0.5 * random.nextGaussian();
      int k = random.nextInt(4);
      Object original = array(rv, x, n, k);
      double value = (double) invoke(ra, null, original, s);
      Object passed = array(rv, x, n, k);
      Object holder = invoke(raAdjoint, null, passed, s);
      if (Double.doubleToLongBits(value) != Double.doubleToLongBits((double) field(holder,
          "value"))) {
        throw new AssertionError(p.className() + ": ra's adjoint value " + field(holder, "value")
            + " but the original returns " + value);
      }
      for (int i = 0; i < n; i++) {
        if (!Array.get(original, i).equals(Array.get(passed, i))) {
          throw new AssertionError(p.className() + ": after ra's adjoint ps[" + i + "] is "
              + Array.get(passed, i) + ", the original leaves " + Array.get(original, i));
        }
      }
      Object gps = invoke(method(holder.getClass(), "ps"), holder);
      double[] g = flat(gps, leaves);
      for (int i = 0; i < x.length; i++) {
        int leaf = i;
        GradientCheck.Difference numeric = GradientCheck.difference(
            h -> (double) invoke(ra, null, array(rv, RecordProgramsCheck.shift(x, leaf, h), n, k),
                s), 0);
        near(numeric, g[i], 1e-6, "ra: d/dps leaf " + i, p);
      }
      near(GradientCheck.difference(h -> (double) invoke(ra, null, array(rv, x, n, k), s + h), 0),
          (double) field(holder, "s"), 1e-6, "ra: d/ds", p);
    }
    if (SecondOrderPrograms.applies(p) && p.source().contains("(order = 2)\n  public static double rq")) {
      RecordHessianCheck.check(sources, p, rv);
    }
  }

  /** {@code n} records from {@code x} (element by element, each its leaves in order). */
  static Object array(Class<?> rv, double[] x, int n, int k) {
    Object out = Array.newInstance(rv, n);
    int leaves = x.length / n;
    for (int i = 0; i < n; i++) {
      Array.set(out, i, build(rv, x, i * leaves, k));
    }
    return out;
  }

  /** The leaves of an array of records, element by element. */
  static double[] flat(Object records, int leaves) {
    int n = Array.getLength(records);
    double[] out = new double[n * leaves];
    for (int i = 0; i < n; i++) {
      System.arraycopy(leaves(Array.get(records, i)), 0, out, i * leaves, leaves);
    }
    return out;
  }
}
