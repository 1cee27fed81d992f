package dev.cotangent.spark;

import dev.cotangent.spark.example.Logistic;
import dev.cotangent.spark.example.LogisticAdjoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.regression.LabeledPoint;
import org.apache.spark.sql.SparkSession;

/**
 * The embedded Spark ({@code local[2]}: two executor threads in this JVM) that all the tests
 * share, started once, and the helpers they have in common.
 */
final class LocalSpark {
  private static SparkSession session;

  private LocalSpark() {}

  /** The shared session, started on first use (Spark stops it when the JVM exits). */
  static synchronized SparkSession session() {
    if (session == null) {
      session =
          SparkSession.builder()
              .master("local[2]")
              .appName("cotangent-spark-tests")
              .config("spark.ui.enabled", "false")
              .config("spark.ui.showConsoleProgress", "false")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.sql.shuffle.partitions", "2")
              .getOrCreate();
    }
    return session;
  }

  static JavaSparkContext context() {
    return JavaSparkContext.fromSparkContext(session().sparkContext());
  }

  /** {@code points} in an RDD of {@code partitions} partitions, cached. */
  static JavaRDD<LabeledPoint> rdd(List<LabeledPoint> points, int partitions) {
    return context().parallelize(points, partitions).cache();
  }

  /** The generated pullback of logistic regression, as the adapters take it. */
  static ExampleLoss<LogisticAdjoint.LossGradient> logisticLoss() {
    return ExampleLoss.of(LogisticAdjoint::loss, LogisticAdjoint.LossGradient::new, g -> g.w);
  }

  /**
   * {@code count} examples with {@code features} standard normal features and labels drawn from
   * a logistic model with weights {@code truth} (intercept first), from {@code seed}.
   */
  static List<LabeledPoint> logisticData(int count, double[] truth, long seed) {
    Random random = new Random(seed);
    List<LabeledPoint> points = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      double[] x = new double[truth.length - 1];
      for (int i = 0; i < x.length; i++) {
        x[i] = random.nextGaussian();
      }
      double y = random.nextDouble() < Logistic.probability(truth, x) ? 1 : 0;
      points.add(new LabeledPoint(y, Vectors.dense(x)));
    }
    return points;
  }

  /**
   * The single-machine sums: the generated pullback over every example in order, into one holder
   * (what a loop on one machine does).
   */
  static <H> LossSum singleMachine(ExampleLoss<H> loss, List<LabeledPoint> points, double[] w) {
    H holder = loss.newHolder(w);
    double sum = 0;
    for (LabeledPoint p : points) {
      sum += loss.addGradient(holder, w, p.features().toArray(), p.label());
    }
    return new LossSum(sum, loss.gradient(holder), points.size());
  }

  /** The largest absolute element of {@code a}. */
  static double maxAbs(double[] a) {
    double m = 0;
    for (double v : a) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  /** The largest difference between {@code a} and {@code b}, relative to {@code b}'s largest element. */
  static double relativeDifference(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new AssertionError("lengths " + a.length + " and " + b.length);
    }
    double d = 0;
    for (int i = 0; i < a.length; i++) {
      d = Math.max(d, Math.abs(a[i] - b[i]));
    }
    return d / maxAbs(b);
  }

  static double relativeDifference(double a, double b) {
    return Math.abs(a - b) / Math.abs(b);
  }
}
