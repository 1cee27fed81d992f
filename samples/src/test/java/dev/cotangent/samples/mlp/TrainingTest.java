package dev.cotangent.samples.mlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cotangent.runtime.GradientCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class TrainingTest {
  private static final Training.DataSet DATA =
      Training.twoMoons(Training.POINTS_PER_CLASS, Training.NOISE, Training.SEED);

  @Test
  void learnsTheTwoMoons() {
    Training.Weights weights =
        Training.Weights.random(2, Training.HIDDEN, new Random(Training.SEED));
    List<Training.Epoch> epochs = new ArrayList<>();

    Training.train(weights, DATA, Training.EPOCHS, Training.LEARNING_RATE, epochs::add);

    assertEquals(Training.EPOCHS + 1, epochs.size());
    assertTrue(weights.accuracy(DATA) >= 0.95, () -> "accuracy " + weights.accuracy(DATA));
    double first = epochs.get(0).loss();
    double last = epochs.get(epochs.size() - 1).loss();
    assertTrue(last < 0.05 * first, () -> "loss went from " + first + " to " + last);
    // Over every stretch of 50 epochs the loss goes down (Adam need not decrease it every step).
    for (int e = 50; e < epochs.size(); e += 50) {
      assertTrue(epochs.get(e).loss() < epochs.get(e - 50).loss(), "at epoch " + e);
    }
    assertEquals(last, weights.loss(DATA));
    // The boundary generalises to fresh points from the same distribution.
    Training.DataSet fresh = Training.twoMoons(100, Training.NOISE, 7);
    assertTrue(weights.accuracy(fresh) >= 0.95, () -> "fresh accuracy " + weights.accuracy(fresh));
  }

  @Test
  void gradientMatchesCentralDifferences() {
    Training.Weights w = Training.Weights.random(2, Training.HIDDEN, new Random(3));
    w.b1[2] = 0.4;
    w.b2 = -0.2;
    NetworkAdjoint.LossGradient g = w.gradient(DATA);

    assertEquals(w.loss(DATA), g.value);
    for (int j = 0; j < Training.HIDDEN; j++) {
      for (int i = 0; i < 2; i++) {
        double[] row = w.w1[j];
        int col = i;
        assertClose(
            numeric(x -> set(row, col, x, w), row[col]), g.w1[j][i], "w1[" + j + "][" + i + "]");
      }
    }
    for (int j : new int[] {0, 2, 7}) {
      assertClose(numeric(x -> set(w.b1, j, x, w), w.b1[j]), g.b1[j], "b1[" + j + "]");
      assertClose(numeric(x -> set(w.w2, j, x, w), w.w2[j]), g.w2[j], "w2[" + j + "]");
    }
    double b2 = w.b2;
    double expected =
        numeric(
            x -> {
              w.b2 = x;
              double loss = w.loss(DATA);
              w.b2 = b2;
              return loss;
            },
            b2);
    assertClose(expected, g.b2, "b2");
  }

  @Test
  void lossIsTheCrossEntropyOfThePredictedProbabilities() {
    Training.Weights w = Training.Weights.random(2, Training.HIDDEN, new Random(5));
    double sum = 0;
    for (int k = 0; k < DATA.ys().length; k++) {
      double p = Network.probability(w.w1, w.b1, w.w2, w.b2, DATA.xs()[k]);
      sum -= DATA.ys()[k] == 1 ? Math.log(p) : Math.log(1 - p);
    }
    assertEquals(sum / DATA.ys().length, w.loss(DATA), 1e-12);
  }

  @Test
  void lossStaysFiniteForVeryConfidentPredictions() {
    Training.Weights w = Training.Weights.random(2, Training.HIDDEN, new Random(5));
    w.b2 = 800; // predicts class 1 with probability 1 - e^-800 everywhere
    NetworkAdjoint.LossGradient g = w.gradient(DATA);

    // Half the points are of class 0, each costing about 800.
    assertEquals(400, g.value, 20);
    assertEquals(0.5, g.b2, 1e-12); // ∂/∂b2 = mean of σ(z) - y = 1 - 1/2
  }

  /** Sets {@code a[i] = x}, evaluates the loss, and puts the old value back. */
  private static double set(double[] a, int i, double x, Training.Weights w) {
    double old = a[i];
    a[i] = x;
    double loss = w.loss(DATA);
    a[i] = old;
    return loss;
  }

  private static double numeric(DoubleUnaryOperator f, double x) {
    return GradientCheck.centralDifference(f, x);
  }

  private static void assertClose(double expected, double actual, String what) {
    assertEquals(expected, actual, 1e-7 * Math.max(1e-3, Math.abs(expected)), what);
  }
}
