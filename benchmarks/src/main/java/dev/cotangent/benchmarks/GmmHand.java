package dev.cotangent.benchmarks;

/**
 * A hand-written adjoint of {@link Gmm#objective}, derived from the math (not from the generated
 * code): the baseline "what a careful programmer writes by hand".
 *
 * <p>With xc = x_i - mu_k, y = Q_k xc and main_k = alpha_k + sum(q_k) - ½|y|², the derivative of
 * log-sum-exp over k is the softmax weight w_k = exp(main_k - lse_i), and
 *
 * <pre>
 *   ∂main/∂alpha_k = 1
 *   ∂main/∂q_kj    = 1 - y_j exp(q_kj) xc_j
 *   ∂main/∂l(r,c)  = -y_r xc_c
 *   ∂main/∂mu_k    = Qᵀ y
 * </pre>
 */
public final class GmmHand {
  private GmmHand() {}

  /**
   * Writes the gradient into {@code gAlpha}, {@code gMeans}, {@code gIcf} (overwriting them) and
   * returns the objective.
   */
  public static double gradient(
      double[] alpha,
      double[][] means,
      double[][] icf,
      double[][] x,
      double wishartGamma,
      int wishartM,
      double[] gAlpha,
      double[][] gMeans,
      double[][] gIcf) {
    int k = alpha.length;
    int d = means[0].length;
    int n = x.length;
    for (int c = 0; c < k; c++) {
      gAlpha[c] = 0;
      java.util.Arrays.fill(gMeans[c], 0.0);
      java.util.Arrays.fill(gIcf[c], 0.0);
    }
    double[][] expq = new double[k][d];
    double[] sumQs = new double[k];
    for (int c = 0; c < k; c++) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        expq[c][j] = Math.exp(icf[c][j]);
        s += icf[c][j];
      }
      sumQs[c] = s;
    }
    double[][] xc = new double[k][d];
    double[][] y = new double[k][d];
    double[] main = new double[k];
    double slse = 0;
    for (int i = 0; i < n; i++) {
      double[] xi = x[i];
      double mx = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        double[] xcc = xc[c];
        double[] yc = y[c];
        double[] mu = means[c];
        double[] ic = icf[c];
        double[] eq = expq[c];
        for (int j = 0; j < d; j++) {
          xcc[j] = xi[j] - mu[j];
          yc[j] = eq[j] * xcc[j];
        }
        int li = d;
        for (int col = 0; col < d; col++) {
          double xcol = xcc[col];
          for (int row = col + 1; row < d; row++) {
            yc[row] += ic[li++] * xcol;
          }
        }
        double sq = 0;
        for (int j = 0; j < d; j++) {
          sq += yc[j] * yc[j];
        }
        main[c] = alpha[c] + sumQs[c] - 0.5 * sq;
        if (main[c] > mx) {
          mx = main[c];
        }
      }
      double se = 0;
      for (int c = 0; c < k; c++) {
        se += Math.exp(main[c] - mx);
      }
      double lse = mx + Math.log(se);
      slse += lse;
      for (int c = 0; c < k; c++) {
        double w = Math.exp(main[c] - lse);
        double[] xcc = xc[c];
        double[] yc = y[c];
        double[] ic = icf[c];
        double[] eq = expq[c];
        double[] gm = gMeans[c];
        double[] gi = gIcf[c];
        gAlpha[c] += w;
        // diagonal: q and the diagonal part of Qᵀy
        for (int j = 0; j < d; j++) {
          double wy = w * yc[j];
          gi[j] += w - wy * eq[j] * xcc[j];
          gm[j] += wy * eq[j];
        }
        int li = d;
        for (int col = 0; col < d; col++) {
          double xcol = xcc[col];
          double acc = 0;
          for (int row = col + 1; row < d; row++) {
            double wy = w * yc[row];
            gi[li] -= wy * xcol;
            acc += ic[li] * wy;
            li++;
          }
          gm[col] += acc;
        }
      }
    }
    // - n * logsumexp(alpha)
    double amx = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      amx = Math.max(amx, alpha[c]);
    }
    double ase = 0;
    for (int c = 0; c < k; c++) {
      ase += Math.exp(alpha[c] - amx);
    }
    double lseAlpha = amx + Math.log(ase);
    for (int c = 0; c < k; c++) {
      gAlpha[c] -= n * Math.exp(alpha[c] - lseAlpha);
    }
    // Wishart prior
    int bigN = d + wishartM + 1;
    double constC =
        bigN * d * (Math.log(wishartGamma) - 0.5 * Math.log(2.0)) - Gmm.logMultiGamma(0.5 * bigN, d);
    double g2 = wishartGamma * wishartGamma;
    double prior = 0;
    for (int c = 0; c < k; c++) {
      double frob = 0;
      double[] ic = icf[c];
      double[] gi = gIcf[c];
      for (int j = 0; j < d; j++) {
        double e = expq[c][j];
        frob += e * e;
        gi[j] += g2 * e * e - wishartM;
      }
      for (int j = d; j < ic.length; j++) {
        frob += ic[j] * ic[j];
        gi[j] += g2 * ic[j];
      }
      prior += 0.5 * g2 * frob - wishartM * sumQs[c];
    }
    prior -= k * constC;
    double constant = -n * d * 0.5 * Math.log(2 * Math.PI);
    return constant + slse - n * lseAlpha + prior;
  }
}
