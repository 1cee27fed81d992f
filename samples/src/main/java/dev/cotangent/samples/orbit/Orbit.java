package dev.cotangent.samples.orbit;

import dev.cotangent.Differentiable;
import dev.cotangent.NoDerivative;

/**
 * A satellite around a planet, slowed by a thin atmosphere: {@code r'' = −μ·r/|r|³ − c·r'},
 * integrated with the semi-implicit (symplectic) Euler method for many small time steps.
 *
 * <p>{@link #misfit} compares the simulated positions with observed ones every {@code every}
 * steps. Its gradient with respect to the gravitational parameter μ and the drag coefficient c
 * flows back through every step; with {@code checkpoints = 20} Cotangent reverses the loop from
 * at most 20 snapshots of the satellite's state (and its counters) instead of taping each of
 * the hundreds of thousands of steps.
 */
public final class Orbit {
  private Orbit() {}

  /** Where the satellite starts, at time 0: (1, 0), moving at (0, 1.1). */
  public static final double X0 = 1;

  public static final double Y0 = 0;

  public static final double VX0 = 0;

  public static final double VY0 = 1.1;

  /**
   * Half the sum of the squared distances between the simulated and the observed positions.
   *
   * @param mu the gravitational parameter μ
   * @param drag the drag coefficient c
   * @param observedX the observed x positions, one every {@code every} steps
   * @param observedY the observed y positions
   * @param every the steps between observations
   * @param steps the steps simulated (at most {@code every · observedX.length})
   * @param dt the time step
   */
  @Differentiable(checkpoints = 20)
  public static double misfit(double mu, double drag, @NoDerivative double[] observedX,
      @NoDerivative double[] observedY, int every, int steps, @NoDerivative double dt) {
    double x = X0;
    double y = Y0;
    double vx = VX0;
    double vy = VY0;
    double loss = 0;
    int k = 0;
    for (int s = 0; s < steps; s++) {
      double r2 = x * x + y * y;
      double pull = mu / (r2 * Math.sqrt(r2));
      vx -= (pull * x + drag * vx) * dt;
      vy -= (pull * y + drag * vy) * dt;
      x += vx * dt;
      y += vy * dt;
      if ((s + 1) % every == 0) {
        double ex = x - observedX[k];
        double ey = y - observedY[k];
        loss += ex * ex + ey * ey;
        k++;
      }
    }
    return 0.5 * loss;
  }

  /**
   * The same misfit taped step by step (a plain {@code @Differentiable}), for comparison: its
   * gradient is the same, its tape grows with the number of steps.
   */
  @Differentiable
  public static double misfitTaped(double mu, double drag, @NoDerivative double[] observedX,
      @NoDerivative double[] observedY, int every, int steps, @NoDerivative double dt) {
    double x = X0;
    double y = Y0;
    double vx = VX0;
    double vy = VY0;
    double loss = 0;
    int k = 0;
    for (int s = 0; s < steps; s++) {
      double r2 = x * x + y * y;
      double pull = mu / (r2 * Math.sqrt(r2));
      vx -= (pull * x + drag * vx) * dt;
      vy -= (pull * y + drag * vy) * dt;
      x += vx * dt;
      y += vy * dt;
      if ((s + 1) % every == 0) {
        double ex = x - observedX[k];
        double ey = y - observedY[k];
        loss += ex * ex + ey * ey;
        k++;
      }
    }
    return 0.5 * loss;
  }

  /** The positions every {@code every} steps, as {@link #misfit} simulates them: {x[], y[]}. */
  public static double[][] track(double mu, double drag, int every, int steps, double dt) {
    double[][] track = new double[2][steps / every];
    double x = X0;
    double y = Y0;
    double vx = VX0;
    double vy = VY0;
    int k = 0;
    for (int s = 0; s < steps; s++) {
      double r2 = x * x + y * y;
      double pull = mu / (r2 * Math.sqrt(r2));
      vx -= (pull * x + drag * vx) * dt;
      vy -= (pull * y + drag * vy) * dt;
      x += vx * dt;
      y += vy * dt;
      if ((s + 1) % every == 0) {
        track[0][k] = x;
        track[1][k] = y;
        k++;
      }
    }
    return track;
  }
}
