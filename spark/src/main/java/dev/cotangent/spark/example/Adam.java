package dev.cotangent.spark.example;

/**
 * Adam (Kingma and Ba, 2015) with β₁ = 0.9, β₂ = 0.999, ε = 1e-8 on a flat weight vector: an
 * optimiser that runs on the driver and takes its gradients from {@link
 * dev.cotangent.spark.DistributedLoss}.
 */
public final class Adam {
  static final double BETA1 = 0.9;
  static final double BETA2 = 0.999;
  static final double EPSILON = 1e-8;

  private final double rate;
  private final double[] m;
  private final double[] v;
  private int t;

  /** Adam for {@code dimension} weights with learning rate {@code rate}. */
  public Adam(int dimension, double rate) {
    this.rate = rate;
    this.m = new double[dimension];
    this.v = new double[dimension];
  }

  /** Moves {@code weights} one step against {@code gradient}. */
  public void step(double[] weights, double[] gradient) {
    t++;
    double correction1 = 1 - Math.pow(BETA1, t);
    double correction2 = 1 - Math.pow(BETA2, t);
    for (int i = 0; i < weights.length; i++) {
      m[i] = BETA1 * m[i] + (1 - BETA1) * gradient[i];
      v[i] = BETA2 * v[i] + (1 - BETA2) * gradient[i] * gradient[i];
      weights[i] -= rate * (m[i] / correction1) / (Math.sqrt(v[i] / correction2) + EPSILON);
    }
  }
}
