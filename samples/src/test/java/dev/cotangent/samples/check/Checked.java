package dev.cotangent.samples.check;

import dev.cotangent.Differentiable;
import dev.cotangent.NoDerivative;

/** Functions whose generated holders {@link HolderCheckTest} checks with GradientCheck. */
final class Checked {
  private Checked() {}

  /** 1e-8·|x|²: a gradient of about 1e-8, far below 1. */
  @Differentiable
  static double tiny(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * x[i];
    }
    return 1e-8 * s;
  }

  /** A scalar, an array and a matrix, and a constant: a·Σ m_ij·x_j² + sin(a·k). */
  @Differentiable
  public static double mixed(double a, double[] x, double[][] m, @NoDerivative double k) {
    double s = 0;
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < x.length; j++) {
        s += m[i][j] * x[j] * x[j];
      }
    }
    return a * s + Math.sin(a * k);
  }
}
