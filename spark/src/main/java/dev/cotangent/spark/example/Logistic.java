package dev.cotangent.spark.example;

import dev.cotangent.Differentiable;
import dev.cotangent.NoDerivative;

/**
 * Logistic regression with an intercept: an example with features {@code x} is of class 1 with
 * probability {@code σ(w[0] + w[1]·x[0] + ... + w[d]·x[d-1])}.
 *
 * <p>Cotangent generates {@code LogisticAdjoint.loss}, the pullback of {@link #loss}, which Spark
 * runs once per example (see {@link dev.cotangent.spark.CotangentGradient}).
 */
public final class Logistic {
  private Logistic() {}

  /** The number of weights for {@code features} features: one per feature and the intercept. */
  public static int weights(int features) {
    return features + 1;
  }

  /**
   * The cross-entropy of the prediction for one example with features {@code x} and label {@code
   * y} (0 or 1): {@code log(1 + e^z) - y·z} for the log-odds {@code z}.
   *
   * <p>The log-odds are computed here rather than by a helper method: a call inside a
   * differentiated method gets a fresh gradient holder on every evaluation, and this loss runs
   * once per example.
   *
   * <p>{@code log(1 + e^z)} is computed without overflow by one of two smooth branches. The
   * one-line form {@code max(z, 0) + log1p(exp(-|z|))} has the same value, but its pieces have
   * kinks at 0, and with the conventions for {@code max} and {@code abs} there (derivatives 1 and
   * 0) its derivative at exactly {@code z = 0}, where every example is when the weights start at
   * zero, comes out as 1 instead of 1/2.
   */
  @Differentiable
  public static double loss(double[] w, @NoDerivative double[] x, @NoDerivative double y) {
    double z = w[0];
    for (int i = 0; i < x.length; i++) {
      z += w[i + 1] * x[i];
    }
    double softplus = z >= 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    return softplus - y * z;
  }

  /** The probability that the example with features {@code x} is of class 1. */
  public static double probability(double[] w, double[] x) {
    double z = w[0];
    for (int i = 0; i < x.length; i++) {
      z += w[i + 1] * x[i];
    }
    return 1 / (1 + Math.exp(-z));
  }
}
