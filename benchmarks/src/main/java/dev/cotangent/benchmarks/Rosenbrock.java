package dev.cotangent.benchmarks;

import dev.cotangent.Differentiable;

/** The n-dimensional Rosenbrock function, and its adjoint written by hand from the math. */
public final class Rosenbrock {
  private Rosenbrock() {}

  /** {@code sum_i 100 (x[i+1] - x[i]^2)^2 + (1 - x[i])^2}. */
  @Differentiable(order = 2)
  public static double value(double[] x) {
    double sum = 0;
    for (int i = 0; i + 1 < x.length; i++) {
      double a = x[i + 1] - x[i] * x[i];
      double b = 1 - x[i];
      sum += 100 * a * a + b * b;
    }
    return sum;
  }

  /**
   * Hand-written gradient: writes ∂f/∂x into {@code grad} (overwriting it) and returns f.
   * ∂/∂x[i] gets -400 a x[i] - 2 b, ∂/∂x[i+1] gets 200 a.
   */
  public static double gradient(double[] x, double[] grad) {
    int n = x.length;
    java.util.Arrays.fill(grad, 0.0);
    double sum = 0;
    for (int i = 0; i + 1 < n; i++) {
      double xi = x[i];
      double a = x[i + 1] - xi * xi;
      double b = 1 - xi;
      sum += 100 * a * a + b * b;
      grad[i] += -400 * a * xi - 2 * b;
      grad[i + 1] += 200 * a;
    }
    return sum;
  }
}
