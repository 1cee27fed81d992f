package dev.cotangent.benchmarks;

import dev.cotangent.Differentiable;
import dev.cotangent.NoDerivative;

/**
 * The mean logistic loss of a linear classifier, the workload of the dense-Hessian benchmark
 * ({@code Paired}'s "Hessian logistic d=50"): {@code (1/n) Σ log(1 + e^(-y·wᵀx))}, written with
 * the branch that keeps it from overflowing.
 */
public final class Logistic {
  private Logistic() {}

  /** The loss of weights {@code w} on points {@code xs} with labels {@code ys} in {-1, +1}. */
  @Differentiable(order = 2)
  public static double loss(double[] w, @NoDerivative double[][] xs, @NoDerivative double[] ys) {
    double total = 0;
    for (int k = 0; k < xs.length; k++) {
      double z = 0;
      for (int j = 0; j < w.length; j++) {
        z += w[j] * xs[k][j];
      }
      double m = ys[k] * z;
      if (m >= 0) {
        total += Math.log1p(Math.exp(-m));
      } else {
        total += -m + Math.log1p(Math.exp(m));
      }
    }
    return total / xs.length;
  }
}
