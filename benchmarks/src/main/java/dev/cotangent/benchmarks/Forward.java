package dev.cotangent.benchmarks;

import org.hipparchus.analysis.differentiation.Gradient;

/**
 * The forward-mode baseline: the workloads written a second time over Hipparchus's {@link
 * Gradient} (value plus a dense gradient vector carried through every operation), the way one
 * uses operator-overloading forward mode in Java.
 */
public final class Forward {
  private Forward() {}

  /** GMM objective over Gradient; the gradient is ordered alpha, means row by row, icf row by row. */
  public static Gradient gmm(double[] alpha, double[][] means, double[][] icf, double[][] x, double wishartGamma, int wishartM) {
    int k = alpha.length;
    int d = means[0].length;
    int n = x.length;
    int p = k * (1 + d + icf[0].length);
    int idx = 0;
    Gradient[] a = new Gradient[k];
    for (int c = 0; c < k; c++) {
      a[c] = Gradient.variable(p, idx++, alpha[c]);
    }
    Gradient[][] mu = new Gradient[k][d];
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        mu[c][j] = Gradient.variable(p, idx++, means[c][j]);
      }
    }
    int m = icf[0].length;
    Gradient[][] q = new Gradient[k][m];
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < m; j++) {
        q[c][j] = Gradient.variable(p, idx++, icf[c][j]);
      }
    }
    Gradient[] sumQs = new Gradient[k];
    Gradient[][] expq = new Gradient[k][d];
    for (int c = 0; c < k; c++) {
      Gradient s = q[c][0];
      for (int j = 1; j < d; j++) {
        s = s.add(q[c][j]);
      }
      sumQs[c] = s;
      for (int j = 0; j < d; j++) {
        expq[c][j] = q[c][j].exp();
      }
    }
    Gradient slse = Gradient.constant(p, 0);
    Gradient[] xc = new Gradient[d];
    Gradient[] y = new Gradient[d];
    Gradient[] main = new Gradient[k];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < k; c++) {
        for (int j = 0; j < d; j++) {
          xc[j] = mu[c][j].negate().add(x[i][j]);
          y[j] = expq[c][j].multiply(xc[j]);
        }
        int li = d;
        for (int col = 0; col < d; col++) {
          for (int row = col + 1; row < d; row++) {
            y[row] = y[row].add(q[c][li++].multiply(xc[col]));
          }
        }
        Gradient sq = y[0].square();
        for (int j = 1; j < d; j++) {
          sq = sq.add(y[j].square());
        }
        main[c] = a[c].add(sumQs[c]).subtract(sq.multiply(0.5));
      }
      slse = slse.add(logsumexp(main, p));
    }
    Gradient lseAlpha = logsumexp(a, p);
    int bigN = d + wishartM + 1;
    double constC = bigN * d * (Math.log(wishartGamma) - 0.5 * Math.log(2.0)) - Gmm.logMultiGamma(0.5 * bigN, d);
    Gradient prior = Gradient.constant(p, 0);
    for (int c = 0; c < k; c++) {
      Gradient frob = Gradient.constant(p, 0);
      for (int j = 0; j < d; j++) {
        frob = frob.add(expq[c][j].square());
      }
      for (int j = d; j < m; j++) {
        frob = frob.add(q[c][j].square());
      }
      prior = prior.add(frob.multiply(0.5 * wishartGamma * wishartGamma)).subtract(sumQs[c].multiply(wishartM));
    }
    prior = prior.subtract(k * constC);
    double constant = -n * d * 0.5 * Math.log(2 * Math.PI);
    return slse.subtract(lseAlpha.multiply(n)).add(prior).add(constant);
  }

  private static Gradient logsumexp(Gradient[] v, int p) {
    int imax = 0;
    for (int c = 1; c < v.length; c++) {
      if (v[c].getValue() > v[imax].getValue()) {
        imax = c;
      }
    }
    Gradient mx = v[imax];
    Gradient se = Gradient.constant(p, 0);
    for (Gradient g : v) {
      se = se.add(g.subtract(mx).exp());
    }
    return mx.add(se.log());
  }

  /** Rosenbrock over Gradient. */
  public static Gradient rosenbrock(double[] xv) {
    int p = xv.length;
    Gradient[] x = new Gradient[p];
    for (int i = 0; i < p; i++) {
      x[i] = Gradient.variable(p, i, xv[i]);
    }
    Gradient sum = Gradient.constant(p, 0);
    for (int i = 0; i + 1 < p; i++) {
      Gradient a = x[i + 1].subtract(x[i].square());
      Gradient b = x[i].negate().add(1);
      sum = sum.add(a.square().multiply(100)).add(b.square());
    }
    return sum;
  }

  /**
   * The 2x15 BA block (and ∂(1-w²)/∂w) over Gradient: writes the Jacobian row by row into {@code
   * jac} (30 values: camera 11, point 3, w) and returns ∂(1-w²)/∂w.
   */
  public static double ba(double[] camera, double[] point, double wv, double[] feature, double[] jac) {
    int p = 15;
    Gradient[] cam = new Gradient[11];
    for (int i = 0; i < 11; i++) {
      cam[i] = Gradient.variable(p, i, camera[i]);
    }
    Gradient[] xo = new Gradient[3];
    for (int i = 0; i < 3; i++) {
      xo[i] = Gradient.variable(p, 11 + i, point[i]).subtract(cam[3 + i]);
    }
    Gradient w = Gradient.variable(p, 14, wv);
    Gradient r0 = cam[0];
    Gradient r1 = cam[1];
    Gradient r2 = cam[2];
    Gradient sqtheta = r0.square().add(r1.square()).add(r2.square());
    Gradient xc0;
    Gradient xc1;
    Gradient xc2;
    if (sqtheta.getValue() != 0) {
      Gradient theta = sqtheta.sqrt();
      Gradient cos = theta.cos();
      Gradient sin = theta.sin();
      Gradient v0 = r0.divide(theta);
      Gradient v1 = r1.divide(theta);
      Gradient v2 = r2.divide(theta);
      Gradient c0 = v1.multiply(xo[2]).subtract(v2.multiply(xo[1]));
      Gradient c1 = v2.multiply(xo[0]).subtract(v0.multiply(xo[2]));
      Gradient c2 = v0.multiply(xo[1]).subtract(v1.multiply(xo[0]));
      Gradient tmp = v0.multiply(xo[0]).add(v1.multiply(xo[1])).add(v2.multiply(xo[2])).multiply(cos.negate().add(1));
      xc0 = xo[0].multiply(cos).add(c0.multiply(sin)).add(v0.multiply(tmp));
      xc1 = xo[1].multiply(cos).add(c1.multiply(sin)).add(v1.multiply(tmp));
      xc2 = xo[2].multiply(cos).add(c2.multiply(sin)).add(v2.multiply(tmp));
    } else {
      xc0 = xo[0].add(r1.multiply(xo[2]).subtract(r2.multiply(xo[1])));
      xc1 = xo[1].add(r2.multiply(xo[0]).subtract(r0.multiply(xo[2])));
      xc2 = xo[2].add(r0.multiply(xo[1]).subtract(r1.multiply(xo[0])));
    }
    Gradient p0 = xc0.divide(xc2);
    Gradient p1 = xc1.divide(xc2);
    Gradient rsq = p0.square().add(p1.square());
    Gradient l = cam[9].multiply(rsq).add(cam[10].multiply(rsq.square())).add(1);
    Gradient e0 = p0.multiply(l).multiply(cam[6]).add(cam[7]).subtract(feature[0]).multiply(w);
    Gradient e1 = p1.multiply(l).multiply(cam[6]).add(cam[8]).subtract(feature[1]).multiply(w);
    System.arraycopy(e0.getGradient(), 0, jac, 0, 15);
    System.arraycopy(e1.getGradient(), 0, jac, 15, 15);
    return w.square().negate().add(1).getPartialDerivative(14);
  }

  /** The pendulum simulation over Gradient (3 variables: damping, theta0, omega0). */
  public static Gradient pendulum(double dampingV, double theta0, double omega0, double dt, int steps) {
    Gradient damping = Gradient.variable(3, 0, dampingV);
    Gradient theta = Gradient.variable(3, 1, theta0);
    Gradient omega = Gradient.variable(3, 2, omega0);
    double g = Pendulum.G_OVER_L;
    for (int s = 0; s < steps; s++) {
      Gradient k1t = omega;
      Gradient k1w = theta.sin().multiply(-g).subtract(damping.multiply(omega));
      Gradient t2 = theta.add(k1t.multiply(0.5 * dt));
      Gradient w2 = omega.add(k1w.multiply(0.5 * dt));
      Gradient k2t = w2;
      Gradient k2w = t2.sin().multiply(-g).subtract(damping.multiply(w2));
      Gradient t3 = theta.add(k2t.multiply(0.5 * dt));
      Gradient w3 = omega.add(k2w.multiply(0.5 * dt));
      Gradient k3t = w3;
      Gradient k3w = t3.sin().multiply(-g).subtract(damping.multiply(w3));
      Gradient t4 = theta.add(k3t.multiply(dt));
      Gradient w4 = omega.add(k3w.multiply(dt));
      Gradient k4t = w4;
      Gradient k4w = t4.sin().multiply(-g).subtract(damping.multiply(w4));
      theta = theta.add(k1t.add(k2t.multiply(2)).add(k3t.multiply(2)).add(k4t).multiply(dt / 6));
      omega = omega.add(k1w.add(k2w.multiply(2)).add(k3w.multiply(2)).add(k4w).multiply(dt / 6));
    }
    return theta.square().add(omega.square());
  }
}
