package dev.cotangent.spark.example;

import dev.cotangent.Differentiable;
import dev.cotangent.NoDerivative;

/**
 * A multilayer perceptron for binary classification: {@code d} inputs, one hidden layer of {@code
 * h} {@code tanh} units and a sigmoid output, the probability of class 1.
 *
 * <p>Spark's optimisers see the weights as one vector, so they are one flat array here: hidden
 * unit {@code j} has its bias at {@code w[j·(d+1)]} and its weight from input {@code i} at {@code
 * w[j·(d+1) + 1 + i]}; the output's weights follow at {@code w[h·(d+1) + j]}, and its bias is the
 * last element. The hidden layer's width follows from the array's length, {@code h·(d+2) + 1}.
 */
public final class Mlp {
  private Mlp() {}

  /** The number of weights of a network with {@code inputs} inputs and {@code hidden} units. */
  public static int weights(int inputs, int hidden) {
    return hidden * (inputs + 2) + 1;
  }

  /**
   * The cross-entropy of the network's prediction for one example with features {@code x} and
   * label {@code y} (0 or 1): {@code log(1 + e^z) - y·z} for the output's log-odds {@code z}
   * ({@link Logistic#loss} says why it is not written with {@code max} and {@code abs}).
   */
  @Differentiable
  public static double loss(double[] w, @NoDerivative double[] x, @NoDerivative double y) {
    int d = x.length;
    int hidden = (w.length - 1) / (d + 2);
    int out = hidden * (d + 1);
    double z = w[out + hidden];
    for (int j = 0; j < hidden; j++) {
      int row = j * (d + 1);
      double a = w[row];
      for (int i = 0; i < d; i++) {
        a += w[row + 1 + i] * x[i];
      }
      z += w[out + j] * Math.tanh(a);
    }
    double softplus = z >= 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    return softplus - y * z;
  }

  /** The probability that the example with features {@code x} is of class 1. */
  public static double probability(double[] w, double[] x) {
    int d = x.length;
    int hidden = (w.length - 1) / (d + 2);
    int out = hidden * (d + 1);
    double z = w[out + hidden];
    for (int j = 0; j < hidden; j++) {
      int row = j * (d + 1);
      double a = w[row];
      for (int i = 0; i < d; i++) {
        a += w[row + 1 + i] * x[i];
      }
      z += w[out + j] * Math.tanh(a);
    }
    return 1 / (1 + Math.exp(-z));
  }
}
