package dev.cotangent.samples.newton;

import dev.cotangent.Differentiable;
import dev.cotangent.NoDerivative;

/**
 * The loss of L2-regularised logistic regression: for weights {@code w}, points {@code xs[k]} and
 * labels {@code ys[k]} (-1 or +1),
 * {@code (1/n) Σ log(1 + e^(-y·wᵀx)) + (λ/2)·|w|²}.
 *
 * <p>{@code order = 2} asks Cotangent for {@code LogisticLossHessian} as well as the adjoint and
 * the tangent: a Hessian-vector product {@code LogisticLossHessian.loss(w, v, xs, ys, lambda)}
 * (value, gradient {@code w} and {@code wHv}) and the dense Hessian
 * {@code LogisticLossHessian.lossHessian(w, xs, ys, lambda)}, which Newton's method solves with.
 */
public final class LogisticLoss {
  private LogisticLoss() {}

  /**
   * The regularised mean logistic loss. {@code log(1 + e^-m)} is written so that it never
   * overflows: {@code log1p(e^-m)} for a margin {@code m ≥ 0}, {@code -m + log1p(e^m)} below.
   */
  @Differentiable(order = 2)
  public static double loss(
      double[] w, @NoDerivative double[][] xs, @NoDerivative double[] ys, @NoDerivative double lambda) {
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
    double norm = 0;
    for (int j = 0; j < w.length; j++) {
      norm += w[j] * w[j];
    }
    return total / xs.length + 0.5 * lambda * norm;
  }
}
