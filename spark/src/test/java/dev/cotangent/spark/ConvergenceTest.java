package dev.cotangent.spark;

import static dev.cotangent.spark.LocalSpark.relativeDifference;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cotangent.spark.example.Adam;
import dev.cotangent.spark.example.Logistic;
import dev.cotangent.spark.example.Mlp;
import dev.cotangent.spark.example.MlpAdjoint;
import dev.cotangent.spark.example.Spheres;
import dev.cotangent.spark.example.TrainOnSpark;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.optimization.GradientDescent;
import org.apache.spark.mllib.optimization.LBFGS;
import org.apache.spark.mllib.optimization.LogisticGradient;
import org.apache.spark.mllib.optimization.SimpleUpdater;
import org.apache.spark.mllib.optimization.SquaredL2Updater;
import org.apache.spark.mllib.regression.LabeledPoint;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/**
 * Training on two partitions ends where a single-machine loop with the same optimiser and steps
 * ends: MLlib's gradient descent, Adam over {@link DistributedLoss}, and LBFGS at the minimiser
 * that Newton's method finds on one machine.
 */
class ConvergenceTest {
  private static final double[] TRUTH = {-0.4, 1.2, -0.8, 2.0, 0.5};

  @Test
  void gradientDescentMatchesSingleMachineLoopAndMllibsLogisticGradient() {
    List<LabeledPoint> points = LocalSpark.logisticData(2000, TRUTH, 21);
    double[] start = new double[TRUTH.length];
    int iterations = 40;
    double step = 2.0;
    Tuple2<Vector, double[]> spark =
        GradientDescent.runMiniBatchSGD(
            Examples.forOptimizer(LocalSpark.rdd(points, 2)),
            CotangentGradient.of(LocalSpark.logisticLoss()),
            new SimpleUpdater(),
            step,
            iterations,
            0.0,
            1.0,
            Vectors.dense(start.clone()),
            0.0);

    // MLlib's update on one machine: w -= step / sqrt(i) · (mean gradient), i = 1, 2, ...
    double[] w = start.clone();
    // Spark 4's history also has the loss at the final weights: numIterations + 1 entries.
    double[] losses = new double[iterations + 1];
    for (int i = 1; i <= iterations; i++) {
      LossSum sum = LocalSpark.singleMachine(LocalSpark.logisticLoss(), points, w);
      losses[i - 1] = sum.meanLoss();
      double[] g = sum.meanGradient();
      for (int k = 0; k < w.length; k++) {
        w[k] += -(step / Math.sqrt(i)) * g[k];
      }
    }
    losses[iterations] = LocalSpark.singleMachine(LocalSpark.logisticLoss(), points, w).meanLoss();
    assertEquals(iterations + 1, spark._2().length);
    assertTrue(relativeDifference(spark._1().toArray(), w) < 1e-10);
    assertTrue(relativeDifference(spark._2(), losses) < 1e-12);
    assertTrue(losses[iterations] < 0.8 * losses[0], "the loss went down");

    // The same run with MLlib's hand-written binary logistic gradient (intercept as feature 1).
    JavaRDD<LabeledPoint> withIntercept =
        LocalSpark.rdd(points, 2).map(GradientAgreementTest::withIntercept);
    Tuple2<Vector, double[]> mllib =
        GradientDescent.runMiniBatchSGD(
            Examples.forOptimizer(withIntercept),
            new LogisticGradient(),
            new SimpleUpdater(),
            step,
            iterations,
            0.0,
            1.0,
            Vectors.dense(start.clone()),
            0.0);
    assertTrue(relativeDifference(spark._1().toArray(), mllib._1().toArray()) < 1e-10);
  }

  @Test
  void adamOverDistributedLossMatchesSingleMachineAdam() {
    int features = 3;
    int hidden = 4;
    List<LabeledPoint> points = Spheres.examples(1500, features, 5);
    ExampleLoss<MlpAdjoint.LossGradient> loss = TrainOnSpark.mlpLoss();
    DistributedLoss<MlpAdjoint.LossGradient> objective = DistributedLoss.of(loss);
    JavaRDD<LabeledPoint> rdd = LocalSpark.rdd(points, 2);
    double[] distributed = GradientAgreementTest.randomWeights(Mlp.weights(features, hidden), 9);
    double[] local = distributed.clone();
    Adam adamDistributed = new Adam(local.length, 0.05);
    Adam adamLocal = new Adam(local.length, 0.05);
    double first = 0;
    double last = 0;
    for (int i = 0; i < 25; i++) {
      LossSum d = objective.evaluate(rdd, distributed);
      LossSum l = LocalSpark.singleMachine(loss, points, local);
      assertTrue(relativeDifference(d.loss(), l.loss()) < 1e-11, "iteration " + i);
      adamDistributed.step(distributed, d.meanGradient());
      adamLocal.step(local, l.meanGradient());
      first = i == 0 ? l.meanLoss() : first;
      last = l.meanLoss();
    }
    assertTrue(relativeDifference(distributed, local) < 1e-9);
    assertTrue(last < first, "the loss went down");
  }

  @Test
  void lbfgsFindsTheMinimiserNewtonFindsOnOneMachine() {
    List<LabeledPoint> points = LocalSpark.logisticData(1500, TRUTH, 33);
    double lambda = 0.01;
    Tuple2<Vector, double[]> spark =
        LBFGS.runLBFGS(
            Examples.forOptimizer(LocalSpark.rdd(points, 2)),
            CotangentGradient.of(LocalSpark.logisticLoss()),
            new SquaredL2Updater(),
            10,
            1e-12,
            200,
            lambda,
            Vectors.dense(new double[TRUTH.length]));
    double[] newton = newtonMinimiser(points, lambda);
    assertTrue(relativeDifference(spark._1().toArray(), newton) < 1e-6);
  }

  /**
   * The minimiser of mean cross-entropy + λ/2·‖w‖² (MLlib's SquaredL2Updater regularises every
   * weight), by Newton's method with the closed-form gradient and Hessian.
   */
  static double[] newtonMinimiser(List<LabeledPoint> points, double lambda) {
    int n = TRUTH.length;
    double[] w = new double[n];
    for (int iteration = 0; iteration < 30; iteration++) {
      double[] g = new double[n];
      double[][] h = new double[n][n + 1];
      for (LabeledPoint p : points) {
        double[] x = withOne(p.features().toArray());
        double s = Logistic.probability(w, p.features().toArray());
        for (int a = 0; a < n; a++) {
          g[a] += (s - p.label()) * x[a] / points.size();
          for (int b = 0; b < n; b++) {
            h[a][b] += s * (1 - s) * x[a] * x[b] / points.size();
          }
        }
      }
      for (int a = 0; a < n; a++) {
        g[a] += lambda * w[a];
        h[a][a] += lambda;
        h[a][n] = g[a];
      }
      double[] delta = solve(h);
      for (int a = 0; a < n; a++) {
        w[a] -= delta[a];
      }
    }
    return w;
  }

  private static double[] withOne(double[] x) {
    double[] one = new double[x.length + 1];
    one[0] = 1;
    System.arraycopy(x, 0, one, 1, x.length);
    return one;
  }

  /** Solves the augmented system {@code [A | b]} by Gaussian elimination with partial pivoting. */
  private static double[] solve(double[][] m) {
    int n = m.length;
    for (int c = 0; c < n; c++) {
      int pivot = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
          pivot = r;
        }
      }
      double[] t = m[c];
      m[c] = m[pivot];
      m[pivot] = t;
      for (int r = c + 1; r < n; r++) {
        double f = m[r][c] / m[c][c];
        for (int k = c; k <= n; k++) {
          m[r][k] -= f * m[c][k];
        }
      }
    }
    double[] x = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double s = m[r][n];
      for (int k = r + 1; k < n; k++) {
        s -= m[r][k] * x[k];
      }
      x[r] = s / m[r][r];
    }
    return x;
  }
}
