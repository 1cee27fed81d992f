package dev.cotangent.benchmarks;

import dev.cotangent.Differentiable;
import dev.cotangent.NoDerivative;

/**
 * A long simulation: a damped pendulum {@code θ'' = -(g/L) sin θ - c θ'} integrated with the
 * classical fourth-order Runge-Kutta method for a fixed number of steps.
 */
public final class Pendulum {
  private Pendulum() {}

  static final double G_OVER_L = 9.81;

  /**
   * The pendulum's energy-like quantity {@code θ² + ω²} after {@code steps} RK4 steps.
   *
   * @param damping the damping coefficient c
   * @param theta0 the initial angle
   * @param omega0 the initial angular velocity
   * @param dt the time step (constant)
   * @param steps the number of steps
   */
  @Differentiable
  public static double simulate(double damping, double theta0, double omega0, @NoDerivative double dt, int steps) {
    double theta = theta0;
    double omega = omega0;
    for (int s = 0; s < steps; s++) {
      double k1t = omega;
      double k1w = -G_OVER_L * Math.sin(theta) - damping * omega;
      double t2 = theta + 0.5 * dt * k1t;
      double w2 = omega + 0.5 * dt * k1w;
      double k2t = w2;
      double k2w = -G_OVER_L * Math.sin(t2) - damping * w2;
      double t3 = theta + 0.5 * dt * k2t;
      double w3 = omega + 0.5 * dt * k2w;
      double k3t = w3;
      double k3w = -G_OVER_L * Math.sin(t3) - damping * w3;
      double t4 = theta + dt * k3t;
      double w4 = omega + dt * k3w;
      double k4t = w4;
      double k4w = -G_OVER_L * Math.sin(t4) - damping * w4;
      theta = theta + dt / 6 * (k1t + 2 * k2t + 2 * k3t + k4t);
      omega = omega + dt / 6 * (k1w + 2 * k2w + 2 * k3w + k4w);
    }
    return theta * theta + omega * omega;
  }
}
