package dev.cotangent.processor.second;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.Numerics;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A direct {@code fBatch} call leaves the caller's direction arrays as they were, also when the
 * method reassigns a scalar parameter (whose lanes the sweep then writes): the sweep works on a
 * copy of that parameter's lanes, in one method and in a split frame
 * ({@code -Acotangent.splitAbove=0}). The derivatives are checked against central differences
 * along each direction, and the directions are reused for a second call.
 */
class BatchDirectionsTest {
  private static final String SOURCE = """
      package second.directions;

      import dev.cotangent.Differentiable;

      public class Reassigned {
        @Differentiable
        public static double f(double a, double b, int n) {
          for (int i = 0; i < n; i++) {
            a = a * 0.5 + Math.sin(b * a);
            b = b - 0.1 * a;
          }
          return a * b;
        }
      }
      """;

  private static final double[][] POINTS = {{0.4, 0.9}, {-1.1, 0.3}};

  @Test
  void directionsOfReassignedScalarsStayTheCallers() throws Exception {
    check(CompiledSources.compile(SOURCE));
  }

  @Test
  void directionsStayTheCallersInASplitFrame() throws Exception {
    CompiledSources s = CompiledSources.compileWith(List.of("-Acotangent.splitAbove=0"), SOURCE);
    assumeFalse(CompiledSources.referenceOnly(), "no companions in reference-only mode");
    assertTrue(s.generatedSource("second.directions.ReassignedTangent").contains("FrameBatch"),
        "fBatch runs in a frame");
    check(s);
  }

  private static void check(CompiledSources s) throws Exception {
    assumeFalse(CompiledSources.referenceOnly(), "no companions in reference-only mode");
    Class<?> owner = s.load("second.directions.Reassigned");
    Method original = owner.getMethod("f", double.class, double.class, int.class);
    Method batch = s.load("second.directions.ReassignedTangent").getMethod("fBatch",
        double.class, double[].class, double.class, double[].class, int.class, int.class,
        double[].class);
    int k = 3;
    double[] aDot = {1.0, 0.0, 0.7};
    double[] bDot = {0.0, 1.0, -0.4};
    double[] aDirections = aDot.clone();
    double[] bDirections = bDot.clone();
    for (double[] p : POINTS) {
      double[] resultDot = new double[k];
      double value = (double) call(batch, p[0], aDot, p[1], bDot, 4, k, resultDot);
      assertArrayEquals(aDirections, aDot, 0.0, "the caller's aDot is unchanged");
      assertArrayEquals(bDirections, bDot, 0.0, "the caller's bDot is unchanged");
      assertEquals((double) call(original, p[0], p[1], 4), value, 0.0, "value bit for bit");
      for (int d = 0; d < k; d++) {
        int lane = d;
        Numerics.Estimate numeric = Numerics.derivative(t -> (double) call(original,
            p[0] + t * aDirections[lane], p[1] + t * bDirections[lane], 4), 1e-3);
        assertEquals(numeric.value(), resultDot[d],
            1e-7 * Math.max(1, Math.abs(numeric.value())),
            "direction " + d + ": " + numeric.describe());
      }
    }
  }

  private static Object call(Method m, Object... args) {
    try {
      return m.invoke(null, args);
    } catch (InvocationTargetException e) {
      throw new AssertionError(e.getCause());
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }
}
