package dev.cotangent.benchmarks;

import dev.cotangent.Differentiable;
import dev.cotangent.NoDerivative;

/**
 * ADBench's GMM objective: the negative log-likelihood of a Gaussian mixture with a Wishart prior on
 * the inverse covariance factors (definitions in {@code adbench.md}).
 *
 * <p>Written once, as one would write it without automatic differentiation in mind: the layout of
 * ADBench's C reference (the diagonals {@code exp(q)} and sums of {@code q} computed once per
 * component, then per point a centred point, its product with the triangular factor, the
 * per-component terms and a log-sum-exp over them). Cotangent generates {@code GmmAdjoint} and
 * {@code GmmTangent}.
 */
public final class Gmm {
  private Gmm() {}

  /**
   * The objective.
   *
   * @param alpha the K mixture weights (log, unnormalised)
   * @param means the K means, each of dimension d
   * @param icf per component, d log-diagonal values of Q then the d(d-1)/2 strictly lower values,
   *     column by column
   * @param x the n data points (constant)
   * @param wishartGamma the Wishart gamma (constant)
   * @param wishartM the Wishart m
   */
  @Differentiable(order = 2)
  public static double objective(
      double[] alpha,
      double[][] means,
      double[][] icf,
      @NoDerivative double[][] x,
      @NoDerivative double wishartGamma,
      int wishartM) {
    int k = alpha.length;
    int d = means[0].length;
    int n = x.length;

    // per component: sum(q) and the diagonal of Q, exp(q), computed once (not per point)
    double[] sumQs = new double[k];
    double[][] qdiags = new double[k][d];
    for (int c = 0; c < k; c++) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        s += icf[c][j];
        qdiags[c][j] = Math.exp(icf[c][j]);
      }
      sumQs[c] = s;
    }

    double[] xcentered = new double[d];
    double[] qxcentered = new double[d];
    double[] main = new double[k];
    double slse = 0;
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < k; c++) {
        for (int j = 0; j < d; j++) {
          xcentered[j] = x[i][j] - means[c][j];
        }
        // Q * xcentered, Q lower triangular with exp(q) on the diagonal
        for (int j = 0; j < d; j++) {
          qxcentered[j] = qdiags[c][j] * xcentered[j];
        }
        int li = d;
        for (int col = 0; col < d; col++) {
          for (int row = col + 1; row < d; row++) {
            qxcentered[row] += icf[c][li] * xcentered[col];
            li++;
          }
        }
        double sqnorm = 0;
        for (int j = 0; j < d; j++) {
          sqnorm += qxcentered[j] * qxcentered[j];
        }
        main[c] = alpha[c] + sumQs[c] - 0.5 * sqnorm;
      }
      // log-sum-exp over the components
      double mx = main[0];
      for (int c = 1; c < k; c++) {
        if (main[c] > mx) {
          mx = main[c];
        }
      }
      double se = 0;
      for (int c = 0; c < k; c++) {
        se += Math.exp(main[c] - mx);
      }
      slse += mx + Math.log(se);
    }

    // log-sum-exp of alpha
    double amx = alpha[0];
    for (int c = 1; c < k; c++) {
      if (alpha[c] > amx) {
        amx = alpha[c];
      }
    }
    double ase = 0;
    for (int c = 0; c < k; c++) {
      ase += Math.exp(alpha[c] - amx);
    }
    double lseAlpha = amx + Math.log(ase);

    // Wishart prior
    int bigN = d + wishartM + 1;
    double constC = bigN * d * (Math.log(wishartGamma) - 0.5 * Math.log(2.0)) - logMultiGamma(0.5 * bigN, d);
    double prior = 0;
    for (int c = 0; c < k; c++) {
      double frob = 0;
      for (int j = 0; j < d; j++) {
        frob += qdiags[c][j] * qdiags[c][j];
      }
      for (int j = d; j < icf[c].length; j++) {
        frob += icf[c][j] * icf[c][j];
      }
      prior += 0.5 * wishartGamma * wishartGamma * frob - wishartM * sumQs[c];
    }
    prior -= k * constC;

    double constant = -n * d * 0.5 * Math.log(2 * Math.PI);
    return constant + slse - n * lseAlpha + prior;
  }

  /**
   * The log of the multivariate gamma function, {@code log Γ_d(a)}. Called from {@link #objective}
   * with arguments that carry no derivative, so it stays a plain call and is not differentiated.
   */
  static double logMultiGamma(double a, int d) {
    double r = 0.25 * d * (d - 1) * Math.log(Math.PI);
    for (int j = 1; j <= d; j++) {
      r += lgamma(a + 0.5 * (1 - j));
    }
    return r;
  }

  /**
   * {@code log Γ(a)} for a > 0. Integers and half-integers (all that the Wishart prior needs) are
   * exact sums of logarithms from Γ(1) = 1 and Γ(1/2) = √π; other arguments go to Hipparchus.
   */
  static double lgamma(double a) {
    double twice = 2 * a;
    if (a > 0 && twice == Math.rint(twice) && a < 1e6) {
      double base = (Math.rint(a) == a) ? 1.0 : 0.5;
      double r = base == 1.0 ? 0.0 : 0.5 * Math.log(Math.PI);
      for (double t = base; t < a; t += 1.0) {
        r += Math.log(t);
      }
      return r;
    }
    return org.hipparchus.special.Gamma.logGamma(a);
  }
}
