package dev.cotangent.benchmarks;

import dev.cotangent.Differentiable;
import dev.cotangent.NoDerivative;

/**
 * ADBench's and GradBench's LSTM objective, written as a Java programmer would: {@code layers}
 * stacked LSTM cells run over a sequence of {@code c} vectors of size {@code b}, each cell's
 * hidden and cell state carried from step to step, and the loss the mean log-likelihood of each
 * next vector under a softmax of the prediction ({@code Paired}'s "LSTM l=2 c=1024 b=14").
 *
 * <p>The parameters: {@code weight[l]} and {@code bias[l]} of layer {@code l}, each of length
 * {@code 4b} (forget gate, input gate, output gate, candidate, in that order, one value per
 * element: ADBench's cells are element-wise); {@code extra[0]} scales the input, {@code extra[1]}
 * and {@code extra[2]} map the last layer's hidden state to the prediction. {@code state[2l]} and
 * {@code state[2l + 1]} are the initial hidden and cell state of layer {@code l} (not changed).
 */
public final class Lstm {
  private Lstm() {}

  /** The logistic function; a helper the loss calls four times per element and step. */
  static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  /** The LSTM loss {@code -Σ_t Σ_i y[t+1][i] · log softmax(prediction_t)[i] / ((c - 1) b)}. */
  @Differentiable
  public static double loss(double[][] weight, double[][] bias, double[][] extra,
      @NoDerivative double[][] state, @NoDerivative double[][] sequence) {
    int layers = weight.length;
    int b = sequence[0].length;
    double[][] hidden = new double[layers][b];
    double[][] cell = new double[layers][b];
    for (int l = 0; l < layers; l++) {
      for (int i = 0; i < b; i++) {
        hidden[l][i] = state[2 * l][i];
        cell[l][i] = state[2 * l + 1][i];
      }
    }
    double[] x = new double[b];
    double[] prediction = new double[b];
    double total = 0;
    for (int t = 0; t < sequence.length - 1; t++) {
      for (int i = 0; i < b; i++) {
        x[i] = sequence[t][i] * extra[0][i];
      }
      for (int l = 0; l < layers; l++) {
        for (int i = 0; i < b; i++) {
          double forget = sigmoid(x[i] * weight[l][i] + bias[l][i]);
          double ingate = sigmoid(hidden[l][i] * weight[l][b + i] + bias[l][b + i]);
          double outgate = sigmoid(x[i] * weight[l][2 * b + i] + bias[l][2 * b + i]);
          double change = Math.tanh(hidden[l][i] * weight[l][3 * b + i] + bias[l][3 * b + i]);
          cell[l][i] = cell[l][i] * forget + ingate * change;
          hidden[l][i] = outgate * Math.tanh(cell[l][i]);
          x[i] = hidden[l][i];
        }
      }
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < b; i++) {
        prediction[i] = x[i] * extra[1][i] + extra[2][i];
        max = Math.max(max, prediction[i]);
      }
      double sumExp = 0;
      for (int i = 0; i < b; i++) {
        sumExp += Math.exp(prediction[i] - max);
      }
      double logSumExp = Math.log(sumExp) + max;
      for (int i = 0; i < b; i++) {
        total += sequence[t + 1][i] * (prediction[i] - logSumExp);
      }
    }
    return -total / ((sequence.length - 1) * b);
  }
}
