package dev.cotangent.benchmarks;

/**
 * The central-difference baseline: 2 evaluations of the primal per input, step {@code h·max(1,|x|)}
 * with h = 1e-6 (no Richardson extrapolation: this is the cheap textbook baseline, accurate to
 * about 1e-8 relative).
 */
public final class FiniteDifferences {
  private FiniteDifferences() {}

  static final double H = 1e-6;

  private static double step(double v) {
    return H * Math.max(1.0, Math.abs(v));
  }

  /** Central differences of the GMM objective into {@code gAlpha, gMeans, gIcf}. */
  public static void gmm(double[] alpha, double[][] means, double[][] icf, double[][] x, double gamma, int m,
      double[] gAlpha, double[][] gMeans, double[][] gIcf) {
    for (int c = 0; c < alpha.length; c++) {
      gAlpha[c] = gmmPartial(alpha, c, alpha, means, icf, x, gamma, m);
    }
    for (int c = 0; c < means.length; c++) {
      for (int j = 0; j < means[c].length; j++) {
        gMeans[c][j] = gmmPartial(means[c], j, alpha, means, icf, x, gamma, m);
      }
    }
    for (int c = 0; c < icf.length; c++) {
      for (int j = 0; j < icf[c].length; j++) {
        gIcf[c][j] = gmmPartial(icf[c], j, alpha, means, icf, x, gamma, m);
      }
    }
  }

  private static double gmmPartial(double[] row, int j, double[] alpha, double[][] means, double[][] icf,
      double[][] x, double gamma, int m) {
    double v = row[j];
    double h = step(v);
    row[j] = v + h;
    double fp = Gmm.objective(alpha, means, icf, x, gamma, m);
    row[j] = v - h;
    double fm = Gmm.objective(alpha, means, icf, x, gamma, m);
    row[j] = v;
    return (fp - fm) / (2 * h);
  }

  /** Central differences of Rosenbrock into {@code grad}. */
  public static void rosenbrock(double[] x, double[] grad) {
    for (int i = 0; i < x.length; i++) {
      double v = x[i];
      double h = step(v);
      x[i] = v + h;
      double fp = Rosenbrock.value(x);
      x[i] = v - h;
      double fm = Rosenbrock.value(x);
      x[i] = v;
      grad[i] = (fp - fm) / (2 * h);
    }
  }

  /** The 2x15 BA block by central differences, row by row into {@code jac} (30 values). */
  public static void ba(double[] camera, double[] point, double w, double[] feature, double[] jac) {
    for (int col = 0; col < 15; col++) {
      double[] arr = col < 11 ? camera : col < 14 ? point : null;
      int at = col < 11 ? col : col - 11;
      double v = arr != null ? arr[at] : w;
      double h = step(v);
      double[] rp;
      double[] rm;
      if (arr != null) {
        arr[at] = v + h;
        rp = Ba.residual(camera, point, w, feature);
        arr[at] = v - h;
        rm = Ba.residual(camera, point, w, feature);
        arr[at] = v;
      } else {
        rp = Ba.residual(camera, point, v + h, feature);
        rm = Ba.residual(camera, point, v - h, feature);
      }
      jac[col] = (rp[0] - rm[0]) / (2 * h);
      jac[15 + col] = (rp[1] - rm[1]) / (2 * h);
    }
  }

  /** Central differences of the pendulum simulation with respect to (damping, theta0, omega0). */
  public static void pendulum(double damping, double theta0, double omega0, double dt, int steps, double[] grad) {
    double h = step(damping);
    grad[0] = (Pendulum.simulate(damping + h, theta0, omega0, dt, steps)
        - Pendulum.simulate(damping - h, theta0, omega0, dt, steps)) / (2 * h);
    h = step(theta0);
    grad[1] = (Pendulum.simulate(damping, theta0 + h, omega0, dt, steps)
        - Pendulum.simulate(damping, theta0 - h, omega0, dt, steps)) / (2 * h);
    h = step(omega0);
    grad[2] = (Pendulum.simulate(damping, theta0, omega0 + h, dt, steps)
        - Pendulum.simulate(damping, theta0, omega0 - h, dt, steps)) / (2 * h);
  }
}
