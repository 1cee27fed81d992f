package dev.cotangent.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.regression.LabeledPoint;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/** Conversions between the shapes in which Spark holds training examples. */
public final class Examples {
  private Examples() {}

  /**
   * {@code points} as the {@code RDD[(Double, Vector)]} that MLlib's optimisers ({@code
   * GradientDescent.runMiniBatchSGD}, {@code LBFGS.runLBFGS}) take. The optimisers read the data
   * once per iteration (L-BFGS once per evaluation of its line search): cache the result, {@code
   * forOptimizer(points).cache()}, or every pass makes its pairs again. The pairs share the points'
   * feature vectors, so the cache costs a pair per example, not a copy of the features.
   */
  public static RDD<Tuple2<Object, org.apache.spark.mllib.linalg.Vector>> forOptimizer(
      JavaRDD<LabeledPoint> points) {
    return points
        .map(point -> new Tuple2<Object, org.apache.spark.mllib.linalg.Vector>(
            point.label(), point.features()))
        .rdd();
  }

  /**
   * The rows of a {@link Dataset} as labelled points: the label from the numeric column {@code
   * label}, the features from the {@code org.apache.spark.ml.linalg.Vector} column {@code features}
   * (what {@code VectorAssembler} and the {@code libsvm} data source write).
   */
  public static JavaRDD<LabeledPoint> fromDataset(
      Dataset<Row> rows, String label, String features) {
    return rows.select(label, features)
        .javaRDD()
        .map(row -> new LabeledPoint(
            ((Number) row.get(0)).doubleValue(), Vectors.fromML((Vector) row.get(1))));
  }
}
