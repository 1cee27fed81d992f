package dev.cotangent.samples.mlp;

import dev.cotangent.Differentiable;
import dev.cotangent.NoDerivative;

/**
 * A multilayer perceptron for binary classification of points in the plane: two inputs, one hidden
 * layer of {@code tanh} units, and one sigmoid output, the probability of class 1.
 *
 * <p>The weights are plain arrays: {@code w1[j][i]} from input {@code i} to hidden unit {@code j},
 * {@code b1[j]} the bias of hidden unit {@code j}, {@code w2[j]} from hidden unit {@code j} to the
 * output and {@code b2} the output's bias. Cotangent generates {@code NetworkAdjoint.loss}, the
 * loss and its gradient with respect to all of them at once, from {@link #loss}.
 */
public final class Network {
  private Network() {}

  /**
   * The output before the sigmoid (the log-odds of class 1) for the input {@code x}.
   *
   * <p>Not annotated {@code @Differentiable}: Cotangent differentiates it because {@link #loss}
   * calls it, and {@code @NoDerivative} spares it the derivative with respect to the input.
   */
  static double logit(
      double[][] w1, double[] b1, double[] w2, double b2, @NoDerivative double[] x) {
    double z = b2;
    for (int j = 0; j < b1.length; j++) {
      double a = b1[j];
      for (int i = 0; i < x.length; i++) {
        a += w1[j][i] * x[i];
      }
      z += w2[j] * Math.tanh(a);
    }
    return z;
  }

  /** The probability that {@code x} is of class 1. */
  public static double probability(double[][] w1, double[] b1, double[] w2, double b2, double[] x) {
    return 1 / (1 + Math.exp(-logit(w1, b1, w2, b2, x)));
  }

  /**
   * The mean binary cross-entropy of the network's predictions on the points {@code xs} with labels
   * {@code ys} (0 or 1).
   *
   * <p>For a log-odds {@code z} and a label {@code y}, the cross-entropy {@code -y·log σ(z) -
   * (1-y)·log(1-σ(z))} equals {@code log(1 + e^z) - y·z}. Written as {@code max(z, 0) - y·z +
   * log1p(e^-|z|)} it never overflows and keeps its precision when the prediction is confident.
   */
  @Differentiable
  public static double loss(
      double[][] w1,
      double[] b1,
      double[] w2,
      double b2,
      @NoDerivative double[][] xs,
      @NoDerivative double[] ys) {
    double total = 0;
    for (int k = 0; k < xs.length; k++) {
      double z = logit(w1, b1, w2, b2, xs[k]);
      total += Math.max(z, 0) - ys[k] * z + Math.log1p(Math.exp(-Math.abs(z)));
    }
    return total / xs.length;
  }
}
