package dev.cotangent.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.DifferentiableMethod;
import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * A replayed counted loop whose trips only add into sums and elements that no trip reads (or
 * write their own element) runs its trips upwards. These tests check the derivatives against
 * closed forms and central differences where loops run upwards, including inner loops that run
 * no trip while a second counter carries on across them, and that loops whose trips depend on
 * each other (a recurrence through an adjoint array, a sum that the body reads, a trip that pops
 * the tape) keep the descending replay. {@code AscendingReplaysUnitTest} checks each rule on
 * hand-built replays against an interpreter.
 */
class AscendingReplaysTest {
  private static final FunctionGroup LOOPS =
      FunctionGroup.of("behaviour.ascending", "Replays")
          .function(
              "triangular",
              """
              @Differentiable
              public static double triangular(double[] l, double[] x) {
                int d = x.length;
                double[] q = new double[d];
                for (int j = 0; j < d; j++) {
                  q[j] = Math.exp(l[j]);
                }
                double[] lx = new double[d];
                for (int j = 0; j < d; j++) {
                  lx[j] = q[j] * x[j];
                }
                int k = d;
                for (int col = 0; col < d; col++) {
                  for (int row = col + 1; row < d; row++) {
                    lx[row] += l[k] * x[col];
                    k++;
                  }
                }
                double s = 0;
                for (int j = 0; j < d; j++) {
                  s += lx[j] * lx[j];
                }
                return s;
              }
              """)
          .function(
              "skipping",
              """
              @Differentiable
              public static double skipping(double[] w, double[] x, int m) {
                double s = 0;
                int k = 0;
                for (int i = 0; i < x.length; i++) {
                  for (int j = i; j < m; j++) { // no trip once i >= m; k carries on
                    s += w[k % w.length] * x[j % x.length] * x[i];
                    k++;
                  }
                  s += 0.5 * x[i] * k;
                }
                return s;
              }
              """)
          .function(
              "recurrence",
              """
              @Differentiable
              public static double recurrence(double[] x, @NoDerivative double a) {
                double[] z = new double[x.length];
                z[0] = x[0];
                for (int i = 1; i < x.length; i++) {
                  z[i] = a * z[i - 1] + x[i]; // reversed: zBar[i - 1] += a * zBar[i], in order
                }
                double s = 0;
                for (int i = 0; i < x.length; i++) {
                  s += z[i] * z[i];
                }
                return s;
              }
              """)
          .function(
              "prefix",
              """
              @Differentiable
              public static double prefix(double[] x, @NoDerivative double[] c) {
                double t = 0;
                double s = 0;
                for (int i = 0; i < x.length; i++) {
                  t += x[i];     // reversed: xBar[i] += tBar, the sum the later trips built
                  s += c[i] * t; // reversed: tBar += c[i] * sBar
                }
                return s;
              }
              """);

  private static DifferentiableMethod method(String name) {
    assumeFalse(CompiledSources.referenceOnly(), "companions are not generated in reference-only mode");
    return LOOPS.sourcesFor(name).method(LOOPS.className(), name);
  }

  private static String adjoint(String name) {
    assumeFalse(CompiledSources.referenceOnly(), "companions are not generated in reference-only mode");
    return LOOPS.pullbackMethod(name);
  }

  private static boolean hasLine(String source, String line) {
    return source.lines().map(String::trim).anyMatch(line::equals);
  }

  /** ∂/∂l and ∂/∂x of triangular, from the matrix form s = |L x|² (not the generated code). */
  private static double[][] triangularGradient(double[] l, double[] x) {
    int d = x.length;
    double[][] lower = new double[d][d];
    int k = d;
    for (int j = 0; j < d; j++) {
      lower[j][j] = Math.exp(l[j]);
    }
    for (int col = 0; col < d; col++) {
      for (int row = col + 1; row < d; row++) {
        lower[row][col] = l[k++];
      }
    }
    double[] y = new double[d];
    for (int r = 0; r < d; r++) {
      for (int c = 0; c < d; c++) {
        y[r] += lower[r][c] * x[c];
      }
    }
    double[] gl = new double[l.length];
    double[] gx = new double[d];
    for (int r = 0; r < d; r++) {
      for (int c = 0; c < d; c++) {
        gx[c] += 2 * y[r] * lower[r][c]; // ∂|y|²/∂x = 2 Lᵀ y
      }
    }
    for (int j = 0; j < d; j++) {
      gl[j] = 2 * y[j] * x[j] * lower[j][j];
    }
    k = d;
    for (int col = 0; col < d; col++) {
      for (int row = col + 1; row < d; row++) {
        gl[k++] = 2 * y[row] * x[col];
      }
    }
    return new double[][] {gl, gx};
  }

  @Test
  void aTriangularProductReplaysItsRowsUpwards() {
    String adjoint = adjoint("triangular");
    assertTrue(hasLine(adjoint, "while (row < rowEnd) {"), adjoint);
    assertTrue(hasLine(adjoint, "k -= rowEnd - row;"), adjoint);
    assertTrue(LOOPS.passTrace("triangular").adjoint().contains("AscendingReplays (reverse)"),
        adjoint);
    assertFalse(hasLine(adjoint, "while (row > col + 1) {"), adjoint);
    // x[col]'s sum is added once the loop ran, under its guard: no test for zero
    assertTrue(hasLine(adjoint, "xBar[col] += xBarCol;"), adjoint);
    assertFalse(adjoint.contains("if (xBarCol != 0.0)"), adjoint);
    // the diagonal's adjoint is read and zeroed at the trip's own index: upwards too
    assertTrue(hasLine(adjoint, "while (j2 < jEnd) {"), adjoint);
    assertTrue(hasLine(adjoint, "lxBar[j2] = 0.0;"), adjoint);
    // the loop filling q pops the exp it overwrote on every trip: downwards
    assertTrue(hasLine(adjoint, "while (j > 0) {"), adjoint);
    assertTrue(hasLine(adjoint, "exp = doubles[--doubleTop];"), adjoint);
    DifferentiableMethod m = method("triangular");
    for (int d : new int[] {0, 1, 2, 5, 9}) {
      double[] x = new double[d];
      double[] l = new double[d * (d + 1) / 2];
      for (int i = 0; i < d; i++) {
        x[i] = Math.sin(1.3 * i + 0.2);
      }
      for (int i = 0; i < l.length; i++) {
        l[i] = 0.4 * Math.cos(0.7 * i);
      }
      double[][] expected = triangularGradient(l, x);
      double[] both = new double[l.length + d];
      System.arraycopy(expected[0], 0, both, 0, l.length);
      System.arraycopy(expected[1], 0, both, l.length, d);
      assertArrayEquals(both, m.gradientAt(l, x).gradient(), 1e-12, "d = " + d);
    }
    GradientCheck.of(LOOPS, "triangular")
        .generate("l", (random, point) -> {
          int d = random.nextInt(8);
          double[] l = new double[d * (d + 1) / 2];
          for (int i = 0; i < l.length; i++) {
            l[i] = -0.5 + random.nextDouble();
          }
          return l;
        })
        .generate("x", (random, point) -> {
          double[] l = point.a("l");
          int d = (int) Math.round((Math.sqrt(8 * l.length + 1) - 1) / 2);
          double[] x = new double[d];
          for (int i = 0; i < d; i++) {
            x[i] = -1 + 2 * random.nextDouble();
          }
          return x;
        })
        .points(20)
        .checkAll();
  }

  @Test
  void innerLoopsWithoutTripsLeaveTheSecondCounterWhereTheDescendingReplayWould() {
    String adjoint = adjoint("skipping");
    assertTrue(adjoint.contains("while (j < jEnd) {"), adjoint);
    GradientCheck.of(LOOPS, "skipping")
        .uniformArray("w", 1, 6, -1, 1)
        .uniformArray("x", 1, 9, -1, 1)
        .ints("m", -3, 12)
        .points(30)
        .checkAll();
  }

  @Test
  void aRecurrenceThroughTheAdjointArrayKeepsTheDescendingReplay() {
    String adjoint = adjoint("recurrence");
    assertTrue(hasLine(adjoint, "while (i > 1) {"), adjoint);
    DifferentiableMethod m = method("recurrence");
    // z = (x0, x1 + a x0, x2 + a x1 + a² x0): s = |z|², by hand at x = (1, 2, 3), a = 0.5
    double[] z = {1, 2.5, 4.25};
    double[] expected = {
        2 * z[0] + 2 * z[1] * 0.5 + 2 * z[2] * 0.25, 2 * z[1] + 2 * z[2] * 0.5, 2 * z[2]};
    assertArrayEquals(expected, m.gradientAt(new double[] {1, 2, 3}, 0.5).gradient(), 1e-12);
    GradientCheck.of(LOOPS, "recurrence")
        .uniformArray("x", 1, 12, -1, 1)
        .uniform("a", -0.9, 0.9)
        .points(20)
        .checkAll();
  }

  @Test
  void aSumTheTripsReadKeepsTheDescendingReplay() {
    String adjoint = adjoint("prefix");
    assertFalse(adjoint.contains("End = "), adjoint);
    assertFalse(adjoint.contains("doubles[--doubleTop]"), adjoint); // only the order matters
    DifferentiableMethod m = method("prefix");
    // s = sum_i c_i (x_0 + ... + x_i): ∂s/∂x_j = c_j + ... + c_last
    double[] x = {0.5, -1.0, 2.0, 0.25};
    double[] c = {1.5, -2.0, 0.75, 3.0};
    double[] expected = {3.25, 1.75, 3.75, 3.0};
    assertArrayEquals(expected, m.gradientAt(x, c).gradient(), 1e-12);
    GradientCheck.of(LOOPS, "prefix")
        .uniformArray("x", 0, 15, -2, 2)
        .generate("c", (random, point) -> {
          double[] c2 = new double[point.a("x").length];
          for (int i = 0; i < c2.length; i++) {
            c2[i] = -1 + 2 * random.nextDouble();
          }
          return c2;
        })
        .points(20)
        .checkAll();
  }
}
