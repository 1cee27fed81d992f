package dev.cotangent.samples.mlp;

import java.util.Random;
import java.util.function.Consumer;

/**
 * Trains the {@link Network} (2 inputs → 8 tanh units → 1 sigmoid output) to tell apart the two
 * half-moons of a synthetic data set, by full-batch Adam on the gradient that Cotangent generated
 * for {@link Network#loss} in {@code NetworkAdjoint}.
 */
public final class Training {
  /** Points per moon. */
  public static final int POINTS_PER_CLASS = 100;

  /** Standard deviation of the Gaussian noise added to every point. */
  public static final double NOISE = 0.1;

  /** Hidden units. */
  public static final int HIDDEN = 8;

  /** Seed of the data set and of the initial weights. */
  public static final long SEED = 42;

  public static final int EPOCHS = 500;
  public static final double LEARNING_RATE = 0.03;

  private Training() {}

  /** Points {@code xs} with labels {@code ys} (0 for the upper moon, 1 for the lower one). */
  public record DataSet(double[][] xs, double[] ys) {}

  /**
   * Two interleaved half-moons: the upper one centred at (0, 0), the lower one at (1, 0.5) and
   * turned over, each point moved by Gaussian noise; then shifted so that the set is centred.
   */
  public static DataSet twoMoons(int perClass, double noise, long seed) {
    Random random = new Random(seed);
    double[][] xs = new double[2 * perClass][];
    double[] ys = new double[2 * perClass];
    for (int k = 0; k < perClass; k++) {
      double t = Math.PI * k / (perClass - 1);
      xs[k] = new double[] {Math.cos(t), Math.sin(t)};
      xs[perClass + k] = new double[] {1 - Math.cos(t), 0.5 - Math.sin(t)};
      ys[perClass + k] = 1;
    }
    for (double[] x : xs) {
      x[0] += noise * random.nextGaussian() - 0.5;
      x[1] += noise * random.nextGaussian() - 0.25;
    }
    return new DataSet(xs, ys);
  }

  /** The weights of a {@link Network}. */
  public static final class Weights {
    public final double[][] w1;
    public final double[] b1;
    public final double[] w2;
    public double b2;

    Weights(double[][] w1, double[] b1, double[] w2, double b2) {
      this.w1 = w1;
      this.b1 = b1;
      this.w2 = w2;
      this.b2 = b2;
    }

    /** Random weights scaled by the fan-in (Xavier initialisation); zero biases. */
    public static Weights random(int inputs, int hidden, Random random) {
      double[][] w1 = new double[hidden][inputs];
      double[] w2 = new double[hidden];
      for (int j = 0; j < hidden; j++) {
        for (int i = 0; i < inputs; i++) {
          w1[j][i] = random.nextGaussian() / Math.sqrt(inputs);
        }
        w2[j] = random.nextGaussian() / Math.sqrt(hidden);
      }
      return new Weights(w1, new double[hidden], w2, 0);
    }

    public double loss(DataSet data) {
      return Network.loss(w1, b1, w2, b2, data.xs(), data.ys());
    }

    /** The loss and its gradient with respect to every weight and bias. */
    public NetworkAdjoint.LossGradient gradient(DataSet data) {
      return NetworkAdjoint.loss(w1, b1, w2, b2, data.xs(), data.ys());
    }

    /** The fraction of points whose predicted class (probability above 1/2) is their label. */
    public double accuracy(DataSet data) {
      int correct = 0;
      for (int k = 0; k < data.ys().length; k++) {
        double p = Network.probability(w1, b1, w2, b2, data.xs()[k]);
        if ((p > 0.5) == (data.ys()[k] > 0.5)) {
          correct++;
        }
      }
      return (double) correct / data.ys().length;
    }
  }

  /**
   * Adam (Kingma and Ba, 2015) with the usual β₁ = 0.9, β₂ = 0.999, ε = 1e-8: one first and one
   * second moment estimate per weight, here kept in arrays shaped like the weights.
   */
  static final class Adam {
    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPSILON = 1e-8;

    private final double rate;
    private final double[][] mW1;
    private final double[][] vW1;
    private final double[] mB1;
    private final double[] vB1;
    private final double[] mW2;
    private final double[] vW2;
    private final double[] mB2 = new double[1];
    private final double[] vB2 = new double[1];
    private int t;

    Adam(Weights shape, double rate) {
      this.rate = rate;
      int hidden = shape.b1.length;
      int inputs = shape.w1[0].length;
      mW1 = new double[hidden][inputs];
      vW1 = new double[hidden][inputs];
      mB1 = new double[hidden];
      vB1 = new double[hidden];
      mW2 = new double[hidden];
      vW2 = new double[hidden];
    }

    /** Moves {@code weights} one step against {@code gradient}. */
    void step(Weights weights, NetworkAdjoint.LossGradient gradient) {
      t++;
      for (int j = 0; j < weights.w1.length; j++) {
        update(weights.w1[j], gradient.w1[j], mW1[j], vW1[j]);
      }
      update(weights.b1, gradient.b1, mB1, vB1);
      update(weights.w2, gradient.w2, mW2, vW2);
      double[] b2 = {weights.b2};
      update(b2, new double[] {gradient.b2}, mB2, vB2);
      weights.b2 = b2[0];
    }

    private void update(double[] p, double[] g, double[] m, double[] v) {
      double correction1 = 1 - Math.pow(BETA1, t);
      double correction2 = 1 - Math.pow(BETA2, t);
      for (int i = 0; i < p.length; i++) {
        m[i] = BETA1 * m[i] + (1 - BETA1) * g[i];
        v[i] = BETA2 * v[i] + (1 - BETA2) * g[i] * g[i];
        p[i] -= rate * (m[i] / correction1) / (Math.sqrt(v[i] / correction2) + EPSILON);
      }
    }
  }

  /** The loss at the start of an epoch. */
  public record Epoch(int epoch, double loss, double accuracy) {}

  /**
   * Trains {@code weights} in place on {@code data} for {@code epochs} full-batch Adam steps,
   * calling {@code observer} with the loss and accuracy before every step and after the last.
   */
  public static void train(
      Weights weights, DataSet data, int epochs, double rate, Consumer<Epoch> observer) {
    Adam adam = new Adam(weights, rate);
    for (int epoch = 0; ; epoch++) {
      NetworkAdjoint.LossGradient g = weights.gradient(data);
      observer.accept(new Epoch(epoch, g.value, weights.accuracy(data)));
      if (epoch == epochs) {
        return;
      }
      adam.step(weights, g);
    }
  }

  public static void main(String[] args) {
    DataSet data = twoMoons(POINTS_PER_CLASS, NOISE, SEED);
    Weights weights = Weights.random(2, HIDDEN, new Random(SEED));
    System.out.printf(
        "Two moons, %d points (noise %.2f); network 2 → %d tanh → 1 sigmoid, %d weights%n",
        data.ys().length, NOISE, HIDDEN, 2 * HIDDEN + HIDDEN + HIDDEN + 1);
    System.out.printf(
        "Full-batch Adam, learning rate %.2f; gradient from NetworkAdjoint.loss%n", LEARNING_RATE);
    System.out.println("epoch  cross-entropy  accuracy");
    train(
        weights,
        data,
        EPOCHS,
        LEARNING_RATE,
        e -> {
          if (e.epoch() % 100 == 0) {
            System.out.printf("%5d  %13.6f  %7.1f%%%n", e.epoch(), e.loss(), 100 * e.accuracy());
          }
        });
    System.out.printf(
        "Final training accuracy %.1f%% after %d epochs%n", 100 * weights.accuracy(data), EPOCHS);
    DataSet fresh = twoMoons(POINTS_PER_CLASS, NOISE, SEED + 1);
    System.out.printf(
        "Accuracy on %d fresh points from the same distribution: %.1f%%%n",
        fresh.ys().length, 100 * weights.accuracy(fresh));
  }
}
