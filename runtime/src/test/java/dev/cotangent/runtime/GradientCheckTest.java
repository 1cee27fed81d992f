package dev.cotangent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GradientCheckTest {
  /** f(x) = x0² x1 + sin x2, with the gradient written by hand. */
  private static double f(double[] x) {
    return x[0] * x[0] * x[1] + Math.sin(x[2]);
  }

  private static double[] gradientOfF(double[] x) {
    return new double[] {2 * x[0] * x[1], x[0] * x[0], Math.cos(x[2])};
  }

  @Test
  void richardsonIsAccurateForSmoothFunctions() {
    double d = GradientCheck.centralDifference(Math::exp, 1.3);
    assertEquals(Math.exp(1.3), d, 1e-10);
  }

  @Test
  void acceptsTheRightGradientAndNamesTheWrongComponent() {
    double[] x = {0.7, -1.1, 2.3};
    assertTrue(GradientCheck.gradient(gradientOfF(x), GradientCheckTest::f, x, 1e-8).passed());
    double[] wrong = gradientOfF(x);
    wrong[1] += 1e-4;
    GradientCheck.Result result = GradientCheck.gradient(wrong, GradientCheckTest::f, x, 1e-8);
    assertFalse(result.passed());
    assertEquals(1, result.worstIndex());
  }

  @Test
  void evaluatesOnCopiesSoFunctionsMayWriteIntoTheirArgument() {
    double[] x = {0.5, 2.0};
    double[] numerical = GradientCheck.numericalGradient(v -> {
      v[0] *= 3;
      return v[0] * v[1];
    }, x);
    assertEquals(6.0, numerical[0], 1e-9);
    assertEquals(1.5, numerical[1], 1e-9);
    assertEquals(0.5, x[0]);
  }

  @Test
  void dotProductTests() {
    double[] x = {0.7, -1.1, 2.3};
    double[] g = gradientOfF(x);
    double[] direction = {0.2, 0.5, -1.0};
    double tangent = g[0] * 0.2 + g[1] * 0.5 - g[2];
    assertTrue(GradientCheck.dotProduct(tangent, g, direction, 1e-12).passed());
    assertFalse(GradientCheck.dotProduct(tangent + 1e-6, g, direction, 1e-9).passed());
    // J = [[1, 2], [3, 4]], ẋ = (1, -1), ȳ = (2, 0.5): J·ẋ = (-1, -1), Jᵀ·ȳ = (3.5, 6).
    assertTrue(GradientCheck.dotProduct(new double[] {2, 0.5}, new double[] {-1, -1},
        new double[] {3.5, 6}, new double[] {1, -1}, 1e-12).passed());
  }
}
