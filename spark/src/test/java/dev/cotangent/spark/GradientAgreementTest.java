package dev.cotangent.spark;

import static dev.cotangent.spark.LocalSpark.relativeDifference;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cotangent.runtime.GradientCheck;
import dev.cotangent.spark.example.Mlp;
import dev.cotangent.spark.example.MlpAdjoint;
import dev.cotangent.spark.example.Spheres;
import dev.cotangent.spark.example.TrainOnSpark;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.mllib.linalg.DenseVector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.optimization.LogisticGradient;
import org.apache.spark.mllib.regression.LabeledPoint;
import org.junit.jupiter.api.Test;

/**
 * The loss and gradient summed over Spark's partitions equal the single-machine generated
 * gradient, which equals the closed form (logistic regression), MLlib's own hand-written logistic
 * gradient and central differences (the network).
 */
class GradientAgreementTest {
  private static final double[] TRUTH = {0.3, 1.5, -2.0, 0.7, 0.0, -1.1};
  private static final double[] W = {-0.2, 0.8, -1.3, 0.4, 0.25, -0.6};

  @Test
  void logisticRegressionOverPartitionsEqualsSingleMachineAndClosedForm() {
    logisticAgreement(W);
  }

  /** At zero weights every log-odds is exactly 0, where max(z, 0) and |z| have their kinks. */
  @Test
  void logisticRegressionAtZeroWeights() {
    logisticAgreement(new double[W.length]);
  }

  private static void logisticAgreement(double[] w) {
    List<LabeledPoint> points = LocalSpark.logisticData(3000, TRUTH, 7);
    ExampleLoss<?> loss = LocalSpark.logisticLoss();
    LossSum local = LocalSpark.singleMachine(LocalSpark.logisticLoss(), points, w);
    LossSum distributed = DistributedLoss.of(loss).evaluate(LocalSpark.rdd(points, 2), w);

    assertEquals(3000, distributed.count());
    assertTrue(relativeDifference(distributed.loss(), local.loss()) < 1e-12);
    assertTrue(relativeDifference(distributed.gradient(), local.gradient()) < 1e-12);

    // Closed form: loss log(1 + e^z) - y z, gradient (σ(z) - y)·(1, x).
    double closedLoss = 0;
    double[] closed = new double[w.length];
    for (LabeledPoint p : points) {
      double[] x = p.features().toArray();
      double z = w[0];
      for (int i = 0; i < x.length; i++) {
        z += w[i + 1] * x[i];
      }
      closedLoss += Math.log1p(Math.exp(z)) - p.label() * z;
      double r = 1 / (1 + Math.exp(-z)) - p.label();
      closed[0] += r;
      for (int i = 0; i < x.length; i++) {
        closed[i + 1] += r * x[i];
      }
    }
    assertTrue(relativeDifference(distributed.loss(), closedLoss) < 1e-12);
    assertTrue(relativeDifference(distributed.gradient(), closed) < 1e-12);
  }

  @Test
  void cotangentGradientEqualsMllibsOwnLogisticGradient() {
    List<LabeledPoint> points = LocalSpark.logisticData(500, TRUTH, 8);
    CotangentGradient<?> ours = CotangentGradient.of(LocalSpark.logisticLoss());
    LogisticGradient theirs = new LogisticGradient(); // binary; the intercept as a feature 1
    DenseVector weights = new DenseVector(W.clone());
    DenseVector oursSum = new DenseVector(new double[W.length]);
    DenseVector theirsSum = new DenseVector(new double[W.length]);
    double oursLoss = 0;
    double theirsLoss = 0;
    for (LabeledPoint p : points) {
      oursLoss += ours.compute(p.features(), p.label(), weights, oursSum);
      theirsLoss += theirs.compute(withIntercept(p).features(), p.label(), weights, theirsSum);
    }
    assertTrue(relativeDifference(oursLoss, theirsLoss) < 1e-12);
    assertTrue(relativeDifference(oursSum.values(), theirsSum.values()) < 1e-12);
    assertTrue(relativeDifference(weights.values(), W) == 0, "the weights are only read");
  }

  @Test
  void networkOverPartitionsEqualsSingleMachineAndCentralDifferences() {
    int features = 4;
    int hidden = 5;
    List<LabeledPoint> points = Spheres.examples(2000, features, 11);
    double[] w = randomWeights(Mlp.weights(features, hidden), 3);
    ExampleLoss<MlpAdjoint.LossGradient> loss = TrainOnSpark.mlpLoss();
    LossSum local = LocalSpark.singleMachine(loss, points, w);
    JavaRDD<LabeledPoint> rdd = LocalSpark.rdd(points, 2);
    LossSum distributed = DistributedLoss.of(loss).evaluate(rdd, w);
    LossSum deeper = DistributedLoss.of(loss).evaluate(rdd.repartition(5), w, 3);

    assertTrue(relativeDifference(distributed.loss(), local.loss()) < 1e-12);
    assertTrue(relativeDifference(distributed.gradient(), local.gradient()) < 1e-12);
    assertTrue(relativeDifference(deeper.gradient(), local.gradient()) < 1e-12);
    assertEquals(2000, deeper.count());

    // The first 200 examples against central differences of the original method.
    List<LabeledPoint> few = points.subList(0, 200);
    LossSum fewSum = LocalSpark.singleMachine(loss, few, w);
    GradientCheck.Result check =
        GradientCheck.gradient(
            fewSum.gradient(),
            v -> {
              double s = 0;
              for (LabeledPoint p : few) {
                s += Mlp.loss(v, p.features().toArray(), p.label());
              }
              return s;
            },
            w,
            1e-8);
    assertTrue(check.passed(), check::toString);
  }

  @Test
  void meansDivideBySize() {
    LossSum sum = new LossSum(6.0, new double[] {3.0, -9.0}, 3);
    assertEquals(2.0, sum.meanLoss());
    assertEquals(1.0, sum.meanGradient()[0]);
    assertEquals(-3.0, sum.meanGradient()[1]);
  }

  static LabeledPoint withIntercept(LabeledPoint p) {
    double[] x = p.features().toArray();
    double[] one = new double[x.length + 1];
    one[0] = 1;
    System.arraycopy(x, 0, one, 1, x.length);
    return new LabeledPoint(p.label(), Vectors.dense(one));
  }

  static double[] randomWeights(int n, long seed) {
    Random random = new Random(seed);
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = 0.7 * random.nextGaussian();
    }
    return w;
  }
}
