package dev.cotangent.benchmarks;

import dev.cotangent.Differentiable;
import dev.cotangent.NoDerivative;

/** ADBench's bundle-adjustment reprojection error of one observation (definitions in adbench.md). */
public final class Ba {
  private Ba() {}

  /** Camera layout: rotation (3), centre (3), focal length, principal point (2), distortion (2). */
  public static final int ROT = 0, CENTER = 3, FOCAL = 6, X0 = 7, RAD = 9;

  /**
   * The two weighted reprojection residuals of one observation.
   *
   * @param camera 11 camera parameters
   * @param point the 3D point
   * @param w the observation's weight
   * @param feature the measured 2D feature (constant)
   */
  @Differentiable
  public static double[] residual(double[] camera, double[] point, double w, @NoDerivative double[] feature) {
    double xo0 = point[0] - camera[3];
    double xo1 = point[1] - camera[4];
    double xo2 = point[2] - camera[5];
    double r0 = camera[0];
    double r1 = camera[1];
    double r2 = camera[2];
    double sqtheta = r0 * r0 + r1 * r1 + r2 * r2;
    double xc0;
    double xc1;
    double xc2;
    if (sqtheta != 0) {
      double theta = Math.sqrt(sqtheta);
      double costheta = Math.cos(theta);
      double sintheta = Math.sin(theta);
      double v0 = r0 / theta;
      double v1 = r1 / theta;
      double v2 = r2 / theta;
      // v x Xo
      double c0 = v1 * xo2 - v2 * xo1;
      double c1 = v2 * xo0 - v0 * xo2;
      double c2 = v0 * xo1 - v1 * xo0;
      double tmp = (v0 * xo0 + v1 * xo1 + v2 * xo2) * (1 - costheta);
      xc0 = xo0 * costheta + c0 * sintheta + v0 * tmp;
      xc1 = xo1 * costheta + c1 * sintheta + v1 * tmp;
      xc2 = xo2 * costheta + c2 * sintheta + v2 * tmp;
    } else {
      // first order: Xo + r x Xo
      xc0 = xo0 + (r1 * xo2 - r2 * xo1);
      xc1 = xo1 + (r2 * xo0 - r0 * xo2);
      xc2 = xo2 + (r0 * xo1 - r1 * xo0);
    }
    double p0 = xc0 / xc2;
    double p1 = xc1 / xc2;
    double rsq = p0 * p0 + p1 * p1;
    double l = 1 + camera[9] * rsq + camera[10] * rsq * rsq;
    double proj0 = p0 * l * camera[6] + camera[7];
    double proj1 = p1 * l * camera[6] + camera[8];
    double[] err = new double[2];
    err[0] = w * (proj0 - feature[0]);
    err[1] = w * (proj1 - feature[1]);
    return err;
  }

  /** The weight residual {@code 1 - w^2}. */
  @Differentiable
  public static double weightError(double w) {
    return 1 - w * w;
  }
}
