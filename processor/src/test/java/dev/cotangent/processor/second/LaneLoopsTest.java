package dev.cotangent.processor.second;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.cotangent.processor.testing.CompiledSources;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Vector mode's passes {@code FusedLaneLoops} and {@code LaneLocals} on whole methods: which lane
 * temporaries become locals of a loop over the directions (Rosenbrock's, the logistic loss's
 * per-point ones) and which must stay {@code double[k]} arrays (a sum over an inner loop's trips,
 * {@code zDot[d] += ...}; a value read by a later loop over the directions that cannot be fused
 * with the one that wrote it; a value carried from one trip of the method's loop to the next);
 * and that the dense Hessians and {@code fBatch} are the same, bit for bit, with both passes
 * switched off (each lane computes the same operations in the same order). Values against
 * closed forms and differences are {@code ClosedFormHessianTest}'s and {@code VectorModeTest}'s.
 */
class LaneLoopsTest {
  static final String SOURCE = """
      package second.lanes;

      import dev.cotangent.Differentiable;
      import dev.cotangent.NoDerivative;

      public class Lanes {
        @Differentiable(order = 2)
        public static double rosenbrock(double[] x) {
          double sum = 0;
          for (int i = 0; i + 1 < x.length; i++) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            sum += 100 * a * a + b * b;
          }
          return sum;
        }

        @Differentiable(order = 2)
        public static double logistic(double[] w, @NoDerivative double[][] xs,
            @NoDerivative double[] ys) {
          double total = 0;
          for (int k = 0; k < xs.length; k++) {
            double z = 0;
            for (int j = 0; j < w.length; j++) {
              z += w[j] * xs[k][j];
            }
            double m = ys[k] * z;
            total += Math.log1p(Math.exp(-m));
          }
          return total / xs.length;
        }

        /** t's tangent is read after y is overwritten: the loops around that cannot fuse. */
        @Differentiable(order = 2)
        public static double across(double x, double y) {
          double t = x * y;
          y = y * t;
          double u = t * y;
          return u + Math.sin(t);
        }

        /** c's tangent is carried from one trip to the next. */
        @Differentiable(order = 2)
        public static double carried(double[] x) {
          double c = 1;
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            double e = Math.sin(x[i]) * c;
            s += e * e;
            c = c * 0.5 + x[i];
          }
          return s;
        }
      }
      """;

  private static CompiledSources on;
  private static CompiledSources off;

  @BeforeAll
  static void compile() {
    assumeFalse(CompiledSources.referenceOnly(), "no companions in reference-only mode");
    on = CompiledSources.compile(SOURCE);
    off = CompiledSources.compileWith(
        List.of("-Acotangent.passes=-FusedLaneLoops,-LaneLocals"), SOURCE);
  }

  /** The body of the generated method {@code name}: of its overloads, the longest. */
  private static String body(CompiledSources s, String companion, String name) {
    String source = s.generatedSource("second.lanes." + companion);
    Matcher m = Pattern.compile("static double " + name + "\\(").matcher(source);
    String longest = null;
    while (m.find()) {
      int open = source.indexOf('{', m.end());
      int depth = 0;
      for (int i = open; i < source.length(); i++) {
        depth += source.charAt(i) == '{' ? 1 : source.charAt(i) == '}' ? -1 : 0;
        if (depth == 0) {
          String body = source.substring(open, i + 1);
          longest = longest == null || body.length() > longest.length() ? body : longest;
          break;
        }
      }
    }
    assertTrue(longest != null, "no " + name + " in " + companion);
    return longest;
  }

  private static int count(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }

  @Test
  void rosenbrocksTripIsOneLoopWithItsTemporariesInLocals() {
    String lanes = body(on, "LanesHessian", "rosenbrockLanes");
    assertEquals(1, count(lanes, "for (int d = 0; d < k; d++)"), lanes);
    for (String local : List.of("double xIDot = ", "double aDot = ", "double bDot = ",
        "double aBarDot = ", "double bBarDot = ")) {
      assertTrue(lanes.contains(local), local + " in\n" + lanes);
    }
    assertFalse(lanes.contains("workspace.zeros"), "no lane array left:\n" + lanes);
    String before = body(off, "LanesHessian", "rosenbrockLanes");
    assertTrue(count(before, "for (int d = 0; d < k; d++)") >= 7, before);
    assertTrue(before.contains("aDot[d] = "), before);
  }

  @Test
  void aSumOverAnInnerLoopStaysAnArray() {
    String lanes = body(on, "LanesHessian", "logisticLanes");
    assertTrue(lanes.contains("zDot[d] += "), lanes); // carried across the j loop's trips
    assertTrue(lanes.contains("double[] zDot = "), lanes);
    assertTrue(lanes.contains("wBarDot[j * k2 + d] += "), lanes);
  }

  @Test
  void aTangentReadByALaterUnfusedLoopStaysAnArray() {
    String batch = body(on, "LanesTangent", "acrossBatch");
    assertTrue(batch.contains("double[] tDot = "), batch);
    assertTrue(count(batch, "for (int d = 0; d < k; d++)") >= 2, batch);
  }

  @Test
  void aTangentCarriedFromTripToTripStaysAnArray() {
    String batch = body(on, "LanesTangent", "carriedBatch");
    assertTrue(batch.contains("double[] cDot = "), batch);
    assertTrue(batch.contains("double eDot = "), "e's tangent lives in its trip:\n" + batch);
  }

  private static final Random RANDOM = new Random(19);

  private static double[] random(int n) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = RANDOM.nextDouble() * 2 - 1;
    }
    return out;
  }

  private static Object call(CompiledSources s, String companion, String name, Object... args) {
    Class<?> type = s.load("second.lanes." + companion);
    for (Method m : type.getDeclaredMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == args.length) {
        try {
          return m.invoke(null, args);
        } catch (InvocationTargetException | IllegalAccessException e) {
          throw new AssertionError(e);
        }
      }
    }
    throw new AssertionError("no " + name + "/" + args.length + " in " + companion);
  }

  private static void assertSameMatrix(double[][] expected, double[][] actual, String what) {
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(expected[i], actual[i], 0.0, what + " row " + i);
    }
  }

  @Test
  void hessiansAreThoseOfThePipelineWithoutThePassesBitForBit() {
    double[] x = random(70); // two sweeps of 35 lanes
    assertSameMatrix((double[][]) call(off, "LanesHessian", "rosenbrockHessian", (Object) x),
        (double[][]) call(on, "LanesHessian", "rosenbrockHessian", (Object) x), "rosenbrock");
    double[] w = random(6);
    double[][] xs = {random(6), random(6), random(6), random(6)};
    double[] ys = {1, -1, 1, 1};
    assertSameMatrix((double[][]) call(off, "LanesHessian", "logisticHessian", w, xs, ys),
        (double[][]) call(on, "LanesHessian", "logisticHessian", w, xs, ys), "logistic");
    assertSameMatrix((double[][]) call(off, "LanesHessian", "acrossHessian", 0.7, -1.3),
        (double[][]) call(on, "LanesHessian", "acrossHessian", 0.7, -1.3), "across");
    double[] c = random(5);
    assertSameMatrix((double[][]) call(off, "LanesHessian", "carriedHessian", (Object) c),
        (double[][]) call(on, "LanesHessian", "carriedHessian", (Object) c), "carried");
  }

  @Test
  void batchesAreThoseOfThePipelineWithoutThePassesBitForBit() {
    int k = 3;
    double[] x = random(5);
    double[] xDot = random(5 * k);
    double[] onDot = new double[k];
    double[] offDot = new double[k];
    double onValue = (double) call(on, "LanesTangent", "carriedBatch", x.clone(),
        xDot.clone(), k, onDot);
    double offValue = (double) call(off, "LanesTangent", "carriedBatch", x.clone(),
        xDot.clone(), k, offDot);
    assertEquals(offValue, onValue, 0.0);
    assertArrayEquals(offDot, onDot, 0.0);
    double[] aDot = random(k);
    double[] bDot = random(k);
    // (y is assigned: the batch works on a copy of bDot, BatchDirectionsTest)
    onValue = (double) call(on, "LanesTangent", "acrossBatch", 0.3, aDot.clone(), 1.1,
        bDot.clone(), k, onDot);
    offValue = (double) call(off, "LanesTangent", "acrossBatch", 0.3, aDot.clone(), 1.1,
        bDot.clone(), k, offDot);
    assertEquals(offValue, onValue, 0.0);
    assertArrayEquals(offDot, onDot, 0.0);
  }
}
