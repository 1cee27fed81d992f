package dev.cotangent.spark;

import java.io.Serializable;
import java.util.Collections;
import java.util.Iterator;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.mllib.regression.LabeledPoint;

/**
 * The loss and gradient of a whole data set, summed over its partitions, for optimisers that run on
 * the driver (Hipparchus, an Adam of one's own, ...):
 *
 * <pre>{@code
 * DistributedLoss<ModelAdjoint.LossGradient> objective = DistributedLoss.of(
 *     ExampleLoss.of(ModelAdjoint::loss, ModelAdjoint.LossGradient::new, g -> g.w));
 * LossSum sum = objective.evaluate(points, weights);   // points: a cached JavaRDD<LabeledPoint>
 * double[] gradient = sum.meanGradient();
 * }</pre>
 *
 * <p>One evaluation is one Spark job: the weights are broadcast, each partition runs the generated
 * pullback on all its examples into one holder (the pullback adds into it, so the holder holds the
 * partition's gradient sum at the end, and nothing is allocated per example), and the partitions'
 * sums are added with {@code treeAggregate}. For a mini-batch, evaluate a sample: {@code
 * evaluate(points.sample(false, fraction, seed), weights)}.
 *
 * @param <H> the generated gradient holder
 */
public final class DistributedLoss<H> implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The depth of the aggregation tree, as in MLlib's optimisers. */
  public static final int DEFAULT_DEPTH = 2;

  private final ExampleLoss<H> loss;

  private DistributedLoss(ExampleLoss<H> loss) {
    this.loss = Objects.requireNonNull(loss, "loss");
  }

  /** The distributed sum of {@code loss}. */
  public static <H> DistributedLoss<H> of(ExampleLoss<H> loss) {
    return new DistributedLoss<>(loss);
  }

  /** The loss this objective sums. */
  public ExampleLoss<H> loss() {
    return loss;
  }

  /** The sums of loss and gradient over {@code points} at {@code weights}. */
  public LossSum evaluate(JavaRDD<LabeledPoint> points, double[] weights) {
    return evaluate(points, weights, DEFAULT_DEPTH);
  }

  /**
   * The sums of loss and gradient over {@code points} at {@code weights}, aggregated by a tree of
   * depth {@code depth} (at least 1).
   */
  public LossSum evaluate(JavaRDD<LabeledPoint> points, double[] weights, int depth) {
    JavaSparkContext context = JavaSparkContext.fromSparkContext(points.context());
    Broadcast<double[]> shared = context.broadcast(weights.clone());
    try {
      ExampleLoss<H> perExample = loss;
      int dimension = weights.length;
      JavaRDD<LossSum> partitions =
          points.mapPartitions(examples -> sumPartition(perExample, shared.value(), examples));
      return partitions.treeAggregate(
          LossSum.zero(dimension), LossSum::add, LossSum::add, depth);
    } finally {
      shared.destroy();
    }
  }

  /** One partition's sums, with one holder for all its examples. */
  static <H> Iterator<LossSum> sumPartition(
      ExampleLoss<H> loss, double[] weights, Iterator<LabeledPoint> examples) {
    if (!examples.hasNext()) {
      return Collections.emptyIterator();
    }
    H holder = loss.newHolder(weights);
    Features features = new Features();
    double sum = 0.0;
    long count = 0;
    while (examples.hasNext()) {
      LabeledPoint point = examples.next();
      sum += loss.addGradient(holder, weights, features.of(point.features()), point.label());
      count++;
    }
    return Collections.singletonList(new LossSum(sum, loss.gradient(holder), count)).iterator();
  }
}
