package dev.cotangent.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleSupplier;

/**
 * {@link Paired}'s workloads of issue 23: the LSTM ({@link Lstm}, ADBench's l=2, c=1024, b=14) and
 * logistic regression with a {@code sigmoid} helper ({@link LogisticSigmoid}, n=20,000, d=50),
 * each measured through the pullback into a reused, cleared holder ({@code cotangent}) and through
 * the allocating call a user writes first ({@code cotangentNew}, a new holder per gradient).
 * Every method returns a number of its result so that nothing is dead code.
 */
final class RoundTwoFixture {
  private RoundTwoFixture() {}

  /** The seed of the instances. */
  static final long SEED = 2323;

  /** A fixed-seed LSTM instance: parameters, initial state and sequence. */
  record LstmInstance(double[][] weight, double[][] bias, double[][] extra, double[][] state,
      double[][] sequence) {
    double loss() {
      return Lstm.loss(weight, bias, extra, state, sequence);
    }
  }

  /** ADBench's LSTM sizes: {@code layers} layers, {@code c} steps of vectors of size {@code b}. */
  static LstmInstance lstm(int layers, int c, int b, long seed) {
    Random random = new Random(seed);
    return new LstmInstance(uniform(random, layers, 4 * b), uniform(random, layers, 4 * b),
        uniform(random, 3, b), uniform(random, 2 * layers, b), uniform(random, c, b));
  }

  private static double[][] uniform(Random random, int rows, int columns) {
    double[][] out = new double[rows][columns];
    for (double[] row : out) {
      for (int j = 0; j < columns; j++) {
        row[j] = 2 * random.nextDouble() - 1;
      }
    }
    return out;
  }

  /** A fixed-seed logistic-regression instance with labels in {0, 1}. */
  record LogisticInstance(double[] w, double[][] xs, double[] ys) {
    double loss() {
      return LogisticSigmoid.loss(w, xs, ys);
    }
  }

  /** {@code n} standard-normal points of {@code d} features, labels drawn from a random model. */
  static LogisticInstance logistic(int n, int d, long seed) {
    Random random = new Random(seed);
    double[] truth = new double[d];
    double[] w = new double[d];
    for (int j = 0; j < d; j++) {
      truth[j] = random.nextGaussian() / Math.sqrt(d);
      w[j] = 0.1 * random.nextGaussian();
    }
    double[][] xs = SecondOrderFixture.logisticPoints(n, d, seed + 1);
    double[] ys = SecondOrderFixture.logisticLabels(xs, truth, seed + 2);
    for (int k = 0; k < n; k++) {
      ys[k] = ys[k] > 0 ? 1 : 0;
    }
    return new LogisticInstance(w, xs, ys);
  }

  /** LSTM l=2, c=1024, b=14: primal, pullback into a reused holder, the allocating call. */
  static Map<String, DoubleSupplier> lstm() {
    LstmInstance s = lstm(2, 1024, 14, SEED);
    LstmAdjoint.LossGradient into = new LstmAdjoint.LossGradient(s.weight, s.bias, s.extra);
    Map<String, DoubleSupplier> m = new LinkedHashMap<>();
    m.put("primal", s::loss);
    m.put("cotangent", () -> {
      into.clear();
      LstmAdjoint.loss(s.weight, s.bias, s.extra, s.state, s.sequence, 1.0, into);
      return into.weight[0][0];
    });
    m.put("cotangentNew",
        () -> LstmAdjoint.loss(s.weight, s.bias, s.extra, s.state, s.sequence).weight[0][0]);
    return m;
  }

  /** Logistic regression n=20,000, d=50: primal, reused holder, the allocating call. */
  static Map<String, DoubleSupplier> logistic() {
    LogisticInstance s = logistic(20_000, 50, SEED);
    LogisticSigmoidAdjoint.LossGradient into = new LogisticSigmoidAdjoint.LossGradient(s.w);
    Map<String, DoubleSupplier> m = new LinkedHashMap<>();
    m.put("primal", s::loss);
    m.put("cotangent", () -> {
      into.clear();
      LogisticSigmoidAdjoint.loss(s.w, s.xs, s.ys, 1.0, into);
      return into.w[0];
    });
    m.put("cotangentNew", () -> LogisticSigmoidAdjoint.loss(s.w, s.xs, s.ys).w[0]);
    return m;
  }
}
