package dev.cotangent.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleSupplier;

/**
 * The second-order workloads of {@link Paired}: a Hessian-vector product against the gradient
 * (GMM d=10, Rosenbrock n=1000; target HVP/gradient ≤ 3), and the dense Hessian through vector
 * mode ({@code fHessian(args, into, work)}) against n separate Hessian-vector products into a
 * reused holder (Rosenbrock n=100, a logistic loss with d=50; target ≤ 0.6). Every method returns
 * a number of its result so that nothing is dead code.
 */
final class SecondOrderFixture {
  private SecondOrderFixture() {}

  /** The seed of the Hessian-vector products' directions. */
  static final long DIRECTION_SEED = 23;

  /** GMM d=10, K=25, n=1000: primal, gradient, one Hessian-vector product into a reused holder. */
  static Map<String, DoubleSupplier> gmmHvp() {
    GmmFixture f = new GmmFixture(10, 25, 1000);
    Fixtures.GmmInstance g = f.g;
    GmmHessian.ObjectiveHvp hvp = new GmmHessian.ObjectiveHvp(g.alpha, g.means, g.icf);
    Map<String, DoubleSupplier> m = new LinkedHashMap<>();
    m.put("primal", f::primal);
    m.put("cotangent", () -> f.cotangent().icf[0][0]);
    m.put("hvp", () -> {
      hvp.clear();
      GmmHessian.objective(g.alpha, f.alphaDot, g.means, f.meansDot, g.icf, f.icfDot, g.x,
          g.gamma, g.m, hvp);
      return hvp.icfHv[0][0];
    });
    return m;
  }

  /** Rosenbrock: primal, gradient, one Hessian-vector product into a reused holder. */
  static Map<String, DoubleSupplier> rosenbrockHvp(int n) {
    RosenbrockBench b = new RosenbrockBench();
    b.n = n;
    b.setup();
    double[] v = Fixtures.direction(n, DIRECTION_SEED);
    RosenbrockHessian.ValueHvp hvp = new RosenbrockHessian.ValueHvp(b.x);
    Map<String, DoubleSupplier> m = new LinkedHashMap<>();
    m.put("primal", b::primal);
    m.put("cotangent", () -> b.cotangent()[0]);
    m.put("hvp", () -> {
      hvp.clear();
      RosenbrockHessian.value(b.x, v, hvp);
      return hvp.xHv[0];
    });
    return m;
  }

  /** Rosenbrock's dense Hessian: vector mode against n products along the unit vectors. */
  static Map<String, DoubleSupplier> rosenbrockHessian(int n) {
    double[] x = Fixtures.rosenbrock(n, 7);
    double[][] h = new double[n][n];
    double[] e = new double[n];
    RosenbrockHessian.ValueHvp work = new RosenbrockHessian.ValueHvp(x);
    RosenbrockHessian.ValueHvp hvp = new RosenbrockHessian.ValueHvp(x);
    Map<String, DoubleSupplier> m = new LinkedHashMap<>();
    m.put("primal", () -> Rosenbrock.value(x));
    m.put("hvps", () -> {
      for (int j = 0; j < n; j++) {
        e[j] = 1;
        hvp.clear();
        RosenbrockHessian.value(x, e, hvp);
        System.arraycopy(hvp.xHv, 0, h[j], 0, n);
        e[j] = 0;
      }
      return h[n - 1][n - 1];
    });
    m.put("hessian", () -> RosenbrockHessian.valueHessian(x, h, work)[n - 1][n - 1]);
    return m;
  }

  /** A fixed-seed logistic-regression instance: {@code points} rows of {@code d} features. */
  static double[][] logisticPoints(int points, int d, long seed) {
    Random random = new Random(seed);
    double[][] xs = new double[points][d];
    for (double[] row : xs) {
      for (int j = 0; j < d; j++) {
        row[j] = random.nextGaussian();
      }
    }
    return xs;
  }

  /** Labels in {-1, +1} drawn from the logistic model of {@code w}. */
  static double[] logisticLabels(double[][] xs, double[] w, long seed) {
    Random random = new Random(seed);
    double[] ys = new double[xs.length];
    for (int k = 0; k < xs.length; k++) {
      double z = 0;
      for (int j = 0; j < w.length; j++) {
        z += w[j] * xs[k][j];
      }
      ys[k] = random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : -1;
    }
    return ys;
  }

  /** The logistic loss's dense Hessian (d weights, 500 points): vector mode against d products. */
  static Map<String, DoubleSupplier> logisticHessian(int d) {
    double[][] xs = logisticPoints(500, d, 5);
    double[] w = Fixtures.direction(d, 6);
    for (int j = 0; j < d; j++) {
      w[j] *= 0.2;
    }
    double[] ys = logisticLabels(xs, w, 7);
    double[][] h = new double[d][d];
    double[] e = new double[d];
    LogisticHessian.LossHvp work = new LogisticHessian.LossHvp(w);
    LogisticHessian.LossHvp hvp = new LogisticHessian.LossHvp(w);
    Map<String, DoubleSupplier> m = new LinkedHashMap<>();
    m.put("primal", () -> Logistic.loss(w, xs, ys));
    m.put("hvps", () -> {
      for (int j = 0; j < d; j++) {
        e[j] = 1;
        hvp.clear();
        LogisticHessian.loss(w, e, xs, ys, hvp);
        System.arraycopy(hvp.wHv, 0, h[j], 0, d);
        e[j] = 0;
      }
      return h[d - 1][d - 1];
    });
    m.put("hessian", () -> LogisticHessian.lossHessian(w, xs, ys, h, work)[d - 1][d - 1]);
    return m;
  }
}
