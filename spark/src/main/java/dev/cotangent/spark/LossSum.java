package dev.cotangent.spark;

import java.io.Serializable;

/**
 * The sum of a loss and of its gradient over a set of examples, and how many examples there were:
 * what {@link DistributedLoss#evaluate} returns.
 *
 * <p>A plain class with non-final fields (not a record), so that it travels through Java
 * serialization and Kryo alike.
 */
public final class LossSum implements Serializable {
  private static final long serialVersionUID = 1L;

  private double loss;
  private double[] gradient;
  private long count;

  /** For serializers that need a no-argument constructor. */
  private LossSum() {}

  LossSum(double loss, double[] gradient, long count) {
    this.loss = loss;
    this.gradient = gradient;
    this.count = count;
  }

  /** Nothing yet: loss 0 and a zero gradient of {@code dimension} elements. */
  static LossSum zero(int dimension) {
    return new LossSum(0.0, new double[dimension], 0);
  }

  /** Adds {@code other} into this sum and returns this sum (Spark's aggregation contract). */
  LossSum add(LossSum other) {
    loss += other.loss;
    count += other.count;
    double[] g = gradient;
    double[] h = other.gradient;
    for (int i = 0; i < g.length; i++) {
      g[i] += h[i];
    }
    return this;
  }

  /** The sum of the examples' losses. */
  public double loss() {
    return loss;
  }

  /** The sum of the examples' gradients (this object's array, not a copy). */
  public double[] gradient() {
    return gradient;
  }

  /** How many examples were summed. */
  public long count() {
    return count;
  }

  /** The mean loss per example. */
  public double meanLoss() {
    return loss / count;
  }

  /** The mean gradient per example, in a new array. */
  public double[] meanGradient() {
    double[] mean = new double[gradient.length];
    for (int i = 0; i < mean.length; i++) {
      mean[i] = gradient[i] / count;
    }
    return mean;
  }
}
