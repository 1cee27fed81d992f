package dev.cotangent.samples.fitting;

import dev.cotangent.Differentiable;
import dev.cotangent.NoDerivative;

/**
 * The model {@code y(t) = a·exp(-b·t)·cos(ω·t + φ)} of a damped oscillation (a displacement y in
 * metres at time t in seconds), and the residuals of a least-squares fit of it to data.
 *
 * <p>Cotangent generates {@code DampedOscillationAdjoint.residualsJacobian}, the dense Jacobian
 * of the residuals with respect to the four parameters, which {@link OscillationFit} hands to
 * Hipparchus' Levenberg–Marquardt optimiser.
 */
public final class DampedOscillation {
  /** Index of the amplitude {@code a}, m, in the parameter array. */
  public static final int AMPLITUDE = 0;
  /** Index of the damping rate {@code b}, 1/s. */
  public static final int DAMPING = 1;
  /** Index of the angular frequency {@code ω}, rad/s. */
  public static final int FREQUENCY = 2;
  /** Index of the phase {@code φ}, rad. */
  public static final int PHASE = 3;

  private DampedOscillation() {}

  /** The model at time {@code t} for {@code params = {a, b, ω, φ}}. */
  public static double model(double[] params, double t) {
    return params[AMPLITUDE]
        * Math.exp(-params[DAMPING] * t)
        * Math.cos(params[FREQUENCY] * t + params[PHASE]);
  }

  /**
   * The residuals {@code model(params, t[i]) - y[i]} of the fit.
   *
   * @param params {@code {a, b, ω, φ}}
   * @param t the times of the observations (data: no derivative)
   * @param y the observations
   */
  @Differentiable
  public static double[] residuals(
      double[] params, @NoDerivative double[] t, @NoDerivative double[] y) {
    double a = params[AMPLITUDE];
    double b = params[DAMPING];
    double omega = params[FREQUENCY];
    double phi = params[PHASE];
    double[] r = new double[t.length];
    for (int i = 0; i < t.length; i++) {
      r[i] = a * Math.exp(-b * t[i]) * Math.cos(omega * t[i] + phi) - y[i];
    }
    return r;
  }
}
