package dev.cotangent.benchmarks;

import dev.cotangent.Differentiable;
import dev.cotangent.NoDerivative;

/**
 * Logistic regression as a Java programmer writes it first: the mean cross-entropy of
 * {@code sigmoid(wᵀx)} against labels in {0, 1}, with the {@code sigmoid} helper called once per
 * point inside the loop ({@code Paired}'s "Logistic sigmoid n=20000 d=50").
 */
public final class LogisticSigmoid {
  private LogisticSigmoid() {}

  /** The logistic function {@code 1 / (1 + e^-z)}; Cotangent differentiates it as a callee. */
  static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  /** The mean cross-entropy of weights {@code w} on points {@code xs} with labels {@code ys}. */
  @Differentiable
  public static double loss(double[] w, @NoDerivative double[][] xs, @NoDerivative double[] ys) {
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
}
