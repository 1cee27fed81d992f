package dev.cotangent.benchmarks;

import dev.cotangent.Differentiable;
import dev.cotangent.NoDerivative;

/**
 * {@link Pendulum#simulate}, the same RK4 steps, with its loop reversed from snapshots: {@code
 * @Differentiable(checkpoints = N)} for N = 5, 20 and 100 (the attribute is a constant, so each
 * N is a method of its own; the bodies are the primal's, copied).
 */
public final class LongPendulum {
  private LongPendulum() {}

  static final double G_OVER_L = Pendulum.G_OVER_L;

  /** {@link Pendulum#simulate} reversed from at most 5 snapshots. */
  @Differentiable(checkpoints = 5)
  public static double simulate5(double damping, double theta0, double omega0,
      @NoDerivative double dt, int steps) {
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

  /** {@link Pendulum#simulate} reversed from at most 20 snapshots. */
  @Differentiable(checkpoints = 20)
  public static double simulate20(double damping, double theta0, double omega0,
      @NoDerivative double dt, int steps) {
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

  /** {@link Pendulum#simulate} reversed from at most 100 snapshots. */
  @Differentiable(checkpoints = 100)
  public static double simulate100(double damping, double theta0, double omega0,
      @NoDerivative double dt, int steps) {
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
