package dev.cotangent.samples.newton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NewtonLogisticTest {
  private static final NewtonLogistic.DataSet DATA =
      NewtonLogistic.data(NewtonLogistic.POINTS, NewtonLogistic.SEED);
  private static final double LAMBDA = NewtonLogistic.LAMBDA;

  /** {@code Σ σ(m)(1-σ(m)) x xᵀ / n + λI}, the logistic loss's Hessian worked out by hand. */
  private static double[][] closedFormHessian(double[] w) {
    int d = w.length;
    double[][] h = new double[d][d];
    for (double[] x : DATA.xs()) {
      double z = 0;
      for (int j = 0; j < d; j++) {
        z += w[j] * x[j];
      }
      double s = 1 / (1 + Math.exp(-z)); // σ(m)(1-σ(m)) is the same for m = ±z
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          h[i][j] += s * (1 - s) * x[i] * x[j] / DATA.xs().length;
        }
      }
    }
    for (int i = 0; i < d; i++) {
      h[i][i] += LAMBDA;
    }
    return h;
  }

  private static double[] randomWeights(long seed) {
    Random random = new Random(seed);
    double[] w = new double[NewtonLogistic.FEATURES];
    for (int j = 0; j < w.length; j++) {
      w[j] = random.nextGaussian();
    }
    return w;
  }

  @Test
  void theGeneratedHessianIsTheClosedForm() {
    for (long seed : new long[] {1, 2, 3}) {
      double[] w = randomWeights(seed);
      double[][] expected = closedFormHessian(w);
      double[][] h = LogisticLossHessian.lossHessian(w, DATA.xs(), DATA.ys(), LAMBDA);
      for (int i = 0; i < w.length; i++) {
        for (int j = 0; j < w.length; j++) {
          assertEquals(expected[i][j], h[i][j], 1e-12 * Math.max(1, Math.abs(expected[i][j])),
              "H[" + i + "][" + j + "]");
          assertEquals(h[j][i], h[i][j], "symmetric");
        }
      }
      // a Hessian-vector product is H·v, and carries the value and the gradient
      double[] v = randomWeights(seed + 10);
      LogisticLossHessian.LossHvp hvp = LogisticLossHessian.loss(w, v, DATA.xs(), DATA.ys(), LAMBDA);
      LogisticLossAdjoint.LossGradient g = LogisticLossAdjoint.loss(w, DATA.xs(), DATA.ys(), LAMBDA);
      assertEquals(LogisticLoss.loss(w, DATA.xs(), DATA.ys(), LAMBDA), hvp.value);
      for (int i = 0; i < w.length; i++) {
        double row = 0;
        for (int j = 0; j < w.length; j++) {
          row += expected[i][j] * v[j];
        }
        assertEquals(row, hvp.wHv[i], 1e-12 * Math.max(1, Math.abs(row)), "Hv[" + i + "]");
        assertEquals(g.w[i], hvp.w[i], 1e-14 * Math.max(1, Math.abs(g.w[i])), "gradient");
      }
    }
  }

  @Test
  void newtonConvergesQuadraticallyInAFewSteps() {
    NewtonLogistic.Fit fit =
        NewtonLogistic.newton(DATA, LAMBDA, new double[NewtonLogistic.FEATURES], 1e-8);
    List<NewtonLogistic.Iterate> its = fit.iterates();
    assertTrue(fit.steps() <= 10, () -> "Newton steps: " + fit.steps());
    assertTrue(its.get(fit.steps()).gradientNorm() < 1e-8);
    // the loss decreases at every step
    for (int k = 1; k < its.size(); k++) {
      assertTrue(its.get(k).loss() < its.get(k - 1).loss(), "step " + k);
    }
    // near the minimum the gradient's norm is squared (up to a constant) from step to step
    for (int k = 1; k < its.size(); k++) {
      double before = its.get(k - 1).gradientNorm();
      if (before < 1e-2) {
        double after = its.get(k).gradientNorm();
        assertTrue(after < 100 * before * before, () -> before + " -> " + after);
      }
    }
    // at the minimum the gradient of the loss, computed by hand, vanishes
    double[] w = fit.w();
    double[] gradient = new double[w.length];
    for (int k = 0; k < DATA.xs().length; k++) {
      double z = 0;
      for (int j = 0; j < w.length; j++) {
        z += w[j] * DATA.xs()[k][j];
      }
      double m = DATA.ys()[k] * z;
      for (int j = 0; j < w.length; j++) {
        gradient[j] -= DATA.ys()[k] * DATA.xs()[k][j] / (1 + Math.exp(m)) / DATA.xs().length;
      }
    }
    for (int j = 0; j < w.length; j++) {
      gradient[j] += LAMBDA * w[j];
      assertEquals(0, gradient[j], 1e-8, "gradient " + j);
    }
  }

  @Test
  void gradientDescentReachesTheSameMinimumInThousandsOfSteps() {
    double[] w0 = new double[NewtonLogistic.FEATURES];
    NewtonLogistic.Fit newton = NewtonLogistic.newton(DATA, LAMBDA, w0, 1e-8);
    NewtonLogistic.Fit descent =
        NewtonLogistic.gradientDescent(DATA, LAMBDA, w0, 1e-8, NewtonLogistic.MAX_STEPS);
    assertTrue(descent.steps() < NewtonLogistic.MAX_STEPS, "descent converged");
    assertTrue(descent.steps() > 1000 * newton.steps(),
        () -> descent.steps() + " descent steps against " + newton.steps());
    double lossNewton = newton.iterates().get(newton.steps()).loss();
    double lossDescent = descent.iterates().get(descent.steps()).loss();
    assertEquals(lossNewton, lossDescent, 1e-12);
    // |w - w*| ≤ |g| / μ with μ ≥ λ, the loss being λ-strongly convex
    assertTrue(NewtonLogistic.maxDifference(newton.w(), descent.w()) < 1e-8 / LAMBDA);
  }

  @Test
  void theCurvatureBoundIsAboveTheHessiansEigenvalues() {
    double bound = NewtonLogistic.curvatureBound(DATA, LAMBDA);
    double[][] h = closedFormHessian(randomWeights(4));
    // vᵀHv ≤ L |v|² for random v
    Random random = new Random(5);
    for (int t = 0; t < 100; t++) {
      double[] v = new double[h.length];
      for (int j = 0; j < v.length; j++) {
        v[j] = random.nextGaussian();
      }
      double vhv = 0;
      for (int i = 0; i < v.length; i++) {
        for (int j = 0; j < v.length; j++) {
          vhv += v[i] * h[i][j] * v[j];
        }
      }
      double vv = NewtonLogistic.norm(v) * NewtonLogistic.norm(v);
      assertTrue(vhv <= bound * vv);
    }
  }

  @Test
  void theLossStaysFiniteForHugeMargins() {
    double[] w = new double[NewtonLogistic.FEATURES];
    w[0] = 1e4; // margins of ±10^4: e^m overflows, the loss must not
    double loss = LogisticLoss.loss(w, DATA.xs(), DATA.ys(), 0);
    assertTrue(Double.isFinite(loss) && loss > 0, "loss " + loss);
    double[][] h = LogisticLossHessian.lossHessian(w, DATA.xs(), DATA.ys(), 0);
    for (double[] row : h) {
      for (double x : row) {
        assertTrue(Double.isFinite(x));
      }
    }
  }
}
