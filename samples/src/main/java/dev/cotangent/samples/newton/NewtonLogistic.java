package dev.cotangent.samples.newton;

import dev.cotangent.samples.plots.Charts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Fits L2-regularised logistic regression ({@link LogisticLoss}) twice, to the same gradient
 * tolerance: with Newton's method, which solves {@code H·step = -g} with the dense Hessian that
 * Cotangent generates ({@code LogisticLossHessian.lossHessian}) and Hipparchus' Cholesky
 * decomposition, and with gradient descent at the fixed step {@code 1/L} for the loss's
 * curvature bound {@code L}. The features are correlated and of different scales, so the loss is
 * badly conditioned: gradient descent needs thousands of steps where Newton needs a handful.
 * Writes the gradient norms of both as {@code newton.png}.
 */
public final class NewtonLogistic {
  /** Points, features (the last is a constant 1, the intercept), seed and regularisation. */
  static final int POINTS = 500;

  static final int FEATURES = 6;
  static final long SEED = 11;
  static final double LAMBDA = 1e-3;

  /** Both methods stop when the gradient's Euclidean norm is below this. */
  static final double TOLERANCE = 1e-8;

  /** Gradient descent gives up after this many steps. */
  static final int MAX_STEPS = 200_000;

  private NewtonLogistic() {}

  /** Points {@code xs} (rows of features) with labels {@code ys} in {-1, +1}. */
  record DataSet(double[][] xs, double[] ys) {}

  /** One iterate: its number, the loss and the gradient's norm there. */
  record Iterate(int iteration, double loss, double gradientNorm) {}

  /** A fit: the weights reached and every iterate on the way (iteration 0 is the start). */
  record Fit(double[] w, List<Iterate> iterates) {
    int steps() {
      return iterates.size() - 1;
    }
  }

  /**
   * A fixed-seed problem: features {@code a·g₁ + b·g₂}-style mixtures of Gaussians with scales
   * from 0.2 to 4 (so strongly correlated), an intercept, and labels drawn from the logistic model
   * of a fixed weight vector.
   */
  static DataSet data(int points, long seed) {
    Random random = new Random(seed);
    double[] truth = {1.5, -2.0, 0.7, 0.0, 3.0, -0.5};
    double[] scales = {4.0, 2.0, 1.0, 0.5, 0.2};
    double[][] xs = new double[points][FEATURES];
    double[] ys = new double[points];
    for (int k = 0; k < points; k++) {
      double common = random.nextGaussian();
      for (int j = 0; j < FEATURES - 1; j++) {
        xs[k][j] = scales[j] * (0.8 * common + 0.6 * random.nextGaussian());
      }
      xs[k][FEATURES - 1] = 1;
      double z = 0;
      for (int j = 0; j < FEATURES; j++) {
        z += truth[j] * xs[k][j];
      }
      ys[k] = random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : -1;
    }
    return new DataSet(xs, ys);
  }

  /** The Euclidean norm. */
  static double norm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }

  /**
   * Newton's method from {@code w0}: each step solves {@code H·step = -g}, {@code H} from
   * {@code lossHessian(..., into, work)} into a reused matrix (symmetric positive definite: the
   * loss is strictly convex for {@code λ > 0}), then halves the step until the loss decreases.
   */
  static Fit newton(DataSet data, double lambda, double[] w0, double tolerance) {
    double[] w = w0.clone();
    int n = w.length;
    double[][] hessian = new double[n][n];
    LogisticLossHessian.LossHvp work = new LogisticLossHessian.LossHvp(w);
    List<Iterate> iterates = new ArrayList<>();
    for (int iteration = 0; ; iteration++) {
      LogisticLossAdjoint.LossGradient g = LogisticLossAdjoint.loss(w, data.xs(), data.ys(), lambda);
      iterates.add(new Iterate(iteration, g.value, norm(g.w)));
      if (norm(g.w) < tolerance || iteration == 100) {
        return new Fit(w, iterates);
      }
      LogisticLossHessian.lossHessian(w, data.xs(), data.ys(), lambda, hessian, work);
      RealMatrix h = MatrixUtils.createRealMatrix(hessian);
      double[] minus = new double[n];
      for (int j = 0; j < n; j++) {
        minus[j] = -g.w[j];
      }
      double[] step =
          new CholeskyDecomposition(h).getSolver().solve(MatrixUtils.createRealVector(minus)).toArray();
      double t = 1;
      double[] next = new double[n];
      while (true) {
        for (int j = 0; j < n; j++) {
          next[j] = w[j] + t * step[j];
        }
        if (LogisticLoss.loss(next, data.xs(), data.ys(), lambda) <= g.value || t < 1e-10) {
          break;
        }
        t /= 2;
      }
      w = next;
    }
  }

  /**
   * An upper bound of the loss's curvature: {@code σ(1-σ) ≤ 1/4}, so {@code H ≤ XᵀX/(4n) + λI}, and
   * the largest eigenvalue of {@code XᵀX/(4n)} is at most its Frobenius norm.
   */
  static double curvatureBound(DataSet data, double lambda) {
    int d = data.xs()[0].length;
    double sum = 0;
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        double s = 0;
        for (double[] x : data.xs()) {
          s += x[i] * x[j];
        }
        s /= 4.0 * data.xs().length;
        sum += s * s;
      }
    }
    return Math.sqrt(sum) + lambda;
  }

  /** Gradient descent at the fixed step {@code 1/L}, {@code L} from {@link #curvatureBound}. */
  static Fit gradientDescent(
      DataSet data, double lambda, double[] w0, double tolerance, int maxSteps) {
    double[] w = w0.clone();
    double step = 1 / curvatureBound(data, lambda);
    LogisticLossAdjoint.LossGradient g = new LogisticLossAdjoint.LossGradient(w);
    List<Iterate> iterates = new ArrayList<>();
    for (int iteration = 0; ; iteration++) {
      g.clear();
      double loss = LogisticLossAdjoint.loss(w, data.xs(), data.ys(), lambda, 1.0, g);
      double gradientNorm = norm(g.w);
      iterates.add(new Iterate(iteration, loss, gradientNorm));
      if (gradientNorm < tolerance || iteration == maxSteps) {
        return new Fit(w, iterates);
      }
      for (int j = 0; j < w.length; j++) {
        w[j] -= step * g.w[j];
      }
    }
  }

  public static void main(String[] args) {
    DataSet data = data(POINTS, SEED);
    double[] w0 = new double[FEATURES];
    Fit newton = newton(data, LAMBDA, w0, TOLERANCE);
    Fit descent = gradientDescent(data, LAMBDA, w0, TOLERANCE, MAX_STEPS);

    XYChart chart =
        Charts.chart(
            "Logistic regression: |gradient| per iteration", "iteration", "|gradient| (log scale)");
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setXAxisLogarithmic(true);
    for (var entry : List.of(Map.entry("Newton (generated Hessian)", newton),
        Map.entry("gradient descent, step 1/L", descent))) {
      List<Iterate> its = entry.getValue().iterates();
      // x is the iteration + 1 on a logarithmic axis; thin out the thousands of descent steps
      int every = Math.max(1, its.size() / 400);
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (int i = 0; i < its.size(); i++) {
        if (i % every == 0 || i == its.size() - 1) {
          xs.add(i + 1.0);
          ys.add(its.get(i).gradientNorm());
        }
      }
      XYSeries series = chart.addSeries(entry.getKey(), xs, ys);
      series.setMarker(its.size() < 50 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    }
    Path png = Charts.save(chart, "newton");

    Iterate last = newton.iterates().get(newton.steps());
    System.out.printf(
        "%d points, %d weights, lambda %.0e: Newton reaches |gradient| < %.0e in %d steps"
            + " (loss %.10f),%n",
        POINTS, FEATURES, LAMBDA, TOLERANCE, newton.steps(), last.loss());
    Iterate lastDescent = descent.iterates().get(descent.steps());
    System.out.printf(
        "gradient descent in %d steps (loss %.10f); largest weight difference %.1e%n",
        descent.steps(), lastDescent.loss(), maxDifference(newton.w(), descent.w()));
    System.out.println("Plot: " + png);
  }

  static double maxDifference(double[] a, double[] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }
}
