package dev.cotangent.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * A callee's gradient holder made in a loop's reversed trips is made once per call of the
 * pullback and cleared on every trip ({@code ReusedHolders}). The gradients are checked against
 * central differences where holders are reused: a scalar helper called per point (logistic
 * regression), a helper with a loop of its own (its holder carries a tape), two call sites in one
 * trip, a call in a loop whose trips fuse with the forward ones, and recursion; a callee with an
 * array parameter keeps a holder per trip (its shapes come from the trip's arguments).
 */
class ReusedHoldersTest {
  private static final FunctionGroup CALLS =
      FunctionGroup.of("behaviour.holders", "Holders")
          .members("""
              static double sigmoid(double z) {
                return 1 / (1 + Math.exp(-z));
              }

              static double series(double x, int n) {
                double s = 0;
                double term = 1;
                for (int k = 1; k <= n; k++) {
                  term = term * x / k;
                  s += term;
                }
                return s;
              }

              static double norm(double[] v) {
                double s = 0;
                for (int i = 0; i < v.length; i++) {
                  s += v[i] * v[i];
                }
                return Math.sqrt(s);
              }
              """)
          .function("logistic", """
              @Differentiable
              public static double logistic(double[] w, @NoDerivative double[][] xs,
                  @NoDerivative double[] ys) {
                double total = 0;
                for (int k = 0; k < xs.length; k++) {
                  double z = 0;
                  for (int j = 0; j < w.length; j++) {
                    z += w[j] * xs[k][j];
                  }
                  double p = sigmoid(z);
                  total -= ys[k] * Math.log(p) + (1 - ys[k]) * Math.log(1 - p);
                }
                return total / xs.length;
              }
              """)
          .function("twoSites", """
              @Differentiable
              public static double twoSites(double[] x, double a) {
                double s = 0;
                for (int i = 0; i < x.length; i++) {
                  s = sigmoid(s + x[i]) * series(a * x[i], 4) + sigmoid(a - x[i]);
                }
                return s;
              }
              """)
          .function("fused", """
              @Differentiable
              public static double fused(double[] x, double a) {
                double s = 0;
                for (int i = 0; i < x.length; i++) {
                  s += sigmoid(a * x[i]);
                }
                return s;
              }
              """)
          .function("recursive", """
              @Differentiable
              public static double recursive(double x, int n) {
                double s = x;
                for (int i = 0; i < 2 && n > 0; i++) {
                  s = s * sigmoid(s) + recursive(s * 0.5, n - 1);
                }
                return s;
              }
              """)
          .function("arrays", """
              @Differentiable
              public static double arrays(double[][] rows) {
                double s = 0;
                for (int i = 0; i < rows.length; i++) {
                  s += sigmoid(norm(rows[i]));
                }
                return s;
              }
              """);

  private static String adjoint(String name) {
    assumeFalse(CompiledSources.referenceOnly(), "companions are not generated in reference-only mode");
    return CALLS.pullbackMethod(name);
  }

  private static int count(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }

  @Test
  void aHelperCalledPerPointGetsOneHolderPerCall() {
    String adjoint = adjoint("logistic");
    assertEquals(1, count(adjoint, "new SigmoidGradient()"), adjoint);
    assertTrue(adjoint.contains("sigmoidGradient.clear();"), adjoint);
    assertTrue(CALLS.passTrace("logistic").adjoint().contains("ReusedHolders"));
    GradientCheck.of(CALLS, "logistic")
        .uniformArray("w", 4, -1, 1)
        .uniformMatrix("xs", 6, 4, -2, 2)
        .generate("ys", (random, point) -> {
          double[] ys = new double[6];
          for (int k = 0; k < ys.length; k++) {
            ys[k] = random.nextBoolean() ? 1 : 0;
          }
          return ys;
        })
        .differentiable("w")
        .points(10)
        .checkAll();
  }

  @Test
  void twoCallSitesAndAHelperWithATapeOfItsOwn() {
    String adjoint = adjoint("twoSites");
    assertEquals(2, count(adjoint, "new SigmoidGradient()"), adjoint);
    assertEquals(1, count(adjoint, "new SeriesGradient()"), adjoint);
    GradientCheck.of(CALLS, "twoSites")
        .uniformArray("x", 0, 6, -1, 1)
        .uniform("a", -1, 1)
        .points(20)
        .checkAll();
  }

  @Test
  void aCallInFusedTripsAndRecursion() {
    assertEquals(1, count(adjoint("fused"), "new SigmoidGradient()"));
    GradientCheck.of(CALLS, "fused")
        .uniformArray("x", 0, 6, -1, 1)
        .uniform("a", -1, 1)
        .points(20)
        .checkAll();
    GradientCheck.of(CALLS, "recursive")
        .uniform("x", -1, 1)
        .ints("n", 0, 3)
        .points(20)
        .checkAll();
  }

  @Test
  void aCalleeWithAnArrayParameterKeepsAHolderPerTrip() {
    String adjoint = adjoint("arrays");
    assertTrue(adjoint.contains("new NormGradient(rows[i])"), adjoint);
    assertFalse(adjoint.contains("normGradient.clear()"), adjoint);
    GradientCheck.of(CALLS, "arrays")
        .uniformMatrix("rows", 3, 4, -1, 1)
        .points(10)
        .checkAll();
  }
}
