package dev.cotangent.spark;

import java.util.Objects;
import org.apache.spark.mllib.linalg.DenseVector;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.optimization.Gradient;

/**
 * A generated pullback as an MLlib {@link Gradient}, for {@code GradientDescent.runMiniBatchSGD},
 * {@code LBFGS.runLBFGS} and every other MLlib optimiser that takes one:
 *
 * <pre>{@code
 * Gradient gradient = CotangentGradient.of(
 *     ExampleLoss.of(ModelAdjoint::loss, ModelAdjoint.LossGradient::new, g -> g.w));
 * Tuple2<Vector, double[]> result = LBFGS.runLBFGS(Examples.forOptimizer(points), gradient,
 *     new SquaredL2Updater(), 10, 1e-6, 100, 0.0, Vectors.dense(initial));
 * }</pre>
 *
 * <p>MLlib serializes the gradient into every task, and each task deserializes its own copy: the
 * copy makes one holder on its first example and reuses it for every other example of the task.
 * {@link #compute(Vector, double, Vector, Vector)} runs the pullback into that holder, adds the
 * holder's gradient into {@code cumGradient} and zeroes it again, so that an example costs one
 * pullback and one pass over the weights, and allocates nothing. An instance is therefore not
 * thread-safe; Spark never shares one between tasks.
 *
 * @param <H> the generated gradient holder
 */
public final class CotangentGradient<H> extends Gradient {
  private static final long serialVersionUID = 1L;

  private final ExampleLoss<H> loss;
  private transient H holder;
  private transient double[] holderGradient;
  private transient Features features;

  private CotangentGradient(ExampleLoss<H> loss) {
    this.loss = Objects.requireNonNull(loss, "loss");
  }

  /** The MLlib gradient of {@code loss}. */
  public static <H> CotangentGradient<H> of(ExampleLoss<H> loss) {
    return new CotangentGradient<>(loss);
  }

  /** The loss this gradient evaluates. */
  public ExampleLoss<H> loss() {
    return loss;
  }

  /**
   * Adds the gradient of the loss of one example (features {@code data}, label {@code label}) at
   * {@code weights} into {@code cumGradient} and returns the loss.
   *
   * <p>{@code weights} and {@code cumGradient} are dense in every MLlib optimiser; a sparse
   * {@code data} is scattered into an array this instance keeps.
   *
   * @throws IllegalArgumentException if {@code cumGradient} is not a {@link DenseVector} of the
   *     weights' size
   */
  @Override
  public double compute(Vector data, double label, Vector weights, Vector cumGradient) {
    if (!(cumGradient instanceof DenseVector cumulative)) {
      throw new IllegalArgumentException(
          "cumGradient must be a DenseVector, not " + cumGradient.getClass().getName());
    }
    double[] w = weights instanceof DenseVector dense ? dense.values() : weights.toArray();
    double[] sum = cumulative.values();
    if (sum.length != w.length) {
      throw new IllegalArgumentException(
          "cumGradient has " + sum.length + " elements for " + w.length + " weights");
    }
    if (holder == null || holderGradient.length != w.length) {
      holder = loss.newHolder(w);
      holderGradient = loss.gradient(holder);
      features = new Features();
    }
    double value = loss.addGradient(holder, w, features.of(data), label);
    double[] g = holderGradient;
    for (int i = 0; i < g.length; i++) {
      sum[i] += g[i];
      g[i] = 0.0;
    }
    return value;
  }
}
