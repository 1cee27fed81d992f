package dev.cotangent.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.DifferentiableMethod;
import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.GradientCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code NestReservations}: before the outermost counted loop of a nest, one {@code long}
 * reservation for every value the nest pushes, so that a new holder's tape grows once. The tests
 * check the reservation's text, derivatives against the closed form and central differences with
 * the tape grown by it, a nest whose size overflows an array (the reservation must then change
 * nothing: the exception is the primal's own), nests it must leave alone, and the code with the
 * pass switched off.
 */
class NestReservationsTest {
  private static final FunctionGroup NESTS =
      FunctionGroup.of("behaviour.nests", "Nests")
          .function(
              "grid",
              """
              @Differentiable
              public static double grid(double x, int n, int m) {
                double p = x;
                for (int i = 0; i < n; i++) {
                  for (int j = 0; j < m; j++) {
                    p = Math.sin(p) + 0.5 * p;
                  }
                  p = 0.9 * p + Math.cos(p);
                }
                return p;
              }
              """)
          .function(
              "indexed",
              """
              @Differentiable
              public static double indexed(double x, double[] a, int n, int m) {
                double p = x;
                for (int i = 0; i < n; i++) {
                  for (int j = 0; j < m; j++) {
                    p = Math.sin(p) + a[j] * p; // a[j] fails once j reaches a.length
                  }
                }
                return p;
              }
              """)
          .function(
              "ragged",
              """
              @Differentiable
              public static double ragged(double[][] a) {
                double s = 0;
                for (int r = 0; r < a.length; r++) {
                  for (int c = 0; c < a[r].length; c++) {
                    s = Math.sin(s) + a[r][c];
                  }
                }
                return s;
              }
              """);

  private static String adjoint(String name) {
    assumeFalse(CompiledSources.referenceOnly(), "companions are not generated in reference-only mode");
    return NESTS.pullbackMethod(name);
  }

  private static DifferentiableMethod method(String name) {
    assumeFalse(CompiledSources.referenceOnly(), "companions are not generated in reference-only mode");
    return NESTS.sourcesFor(name).method(NESTS.className(), name);
  }

  /** d grid / dx by the chain rule over the primal's own iterates (not the generated code). */
  private static double gridDerivative(double x, int n, int m) {
    double p = x;
    double d = 1;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        d *= Math.cos(p) + 0.5;
        p = Math.sin(p) + 0.5 * p;
      }
      d *= 0.9 - Math.sin(p);
      p = 0.9 * p + Math.cos(p);
    }
    return d;
  }

  @Test
  void aNestReservesItsWholeTapeOnceAndGivesTheClosedForm() {
    String adjoint = adjoint("grid");
    assertTrue(adjoint.contains("doubles = tape.reserve(doubles, doubleTop, 1, 0L, "
        + "(Math.max(0L, (long) m) + 1L) * Math.max(0L, (long) n - (long) i));"), adjoint);
    assertTrue(adjoint.contains("doubles = tape.reserve(doubles, doubleTop, 1, j, m);"), adjoint);
    DifferentiableMethod method = method("grid");
    // 300 x 200 trips through the allocating call: the new tape is sized before the nest
    for (int[] nm : new int[][] {{0, 5}, {4, 0}, {3, -2}, {1, 1}, {300, 200}}) {
      double expected = gridDerivative(0.7, nm[0], nm[1]);
      Object holder = method.gradient(0.7, nm[0], nm[1]);
      assertEquals(expected, method.holderGradient(holder)[0], 1e-12 * Math.max(1, Math.abs(expected)),
          nm[0] + " x " + nm[1]);
    }
    GradientCheck.of(NESTS, "grid").uniform("x", -2, 2).ints("n", -2, 12).ints("m", -2, 12)
        .points(20).checkAll();
  }

  @Test
  void aNestTooLargeForAnArrayFailsAsThePrimalDoes() {
    assertTrue(adjoint("indexed").contains("1, 0L, "), adjoint("indexed"));
    DifferentiableMethod method = method("indexed");
    double[] a = {0.3, -0.2, 0.1};
    // 10^6 x 10^6 values would be reserved: too many for an array, so nothing is grown, and
    // the pushes run until a[3] fails as in the primal (no OutOfMemoryError from the size)
    Object[] args = {0.5, a, 1_000_000, 1_000_000};
    RuntimeException primal = assertThrows(RuntimeException.class, () -> method.value(args));
    RuntimeException adjoint = assertThrows(RuntimeException.class, () -> method.gradient(args));
    assertInstanceOf(ArrayIndexOutOfBoundsException.class, rootCause(primal));
    assertInstanceOf(ArrayIndexOutOfBoundsException.class, rootCause(adjoint));
    GradientCheck.of(NESTS, "indexed").uniform("x", -1, 1).fixed("a", a).ints("n", 0, 6)
        .ints("m", 0, 3).points(16).checkAll();
  }

  @Test
  void aNestWhoseInnerBoundReadsAnElementIsLeftToTheInnerReservation() {
    String adjoint = adjoint("ragged");
    assertFalse(adjoint.contains("0L"), adjoint);
    assertTrue(adjoint.contains("doubles = tape.reserve(doubles, doubleTop, 1, c, a[r].length);"),
        adjoint);
  }

  @Test
  void switchedOffTheNestGrowsAsBefore() {
    assumeFalse(CompiledSources.referenceOnly(), "companions are not generated in reference-only mode");
    String off = CompiledSources.compileWith(List.of("-Acotangent.passes=-NestReservations"),
        NESTS.source()).generatedSource(NESTS.className() + "Adjoint");
    assertFalse(off.contains("0L"), off);
    assertTrue(off.contains("doubles = tape.reserve(doubles, doubleTop, 1, j, m);"), off);
  }

  private static Throwable rootCause(Throwable t) {
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
