package dev.cotangent.samples.projectile;

import dev.cotangent.Differentiable;
import dev.cotangent.NoDerivative;

/**
 * A point projectile launched from the ground through still air with quadratic drag.
 *
 * <p>The equations of motion are {@code a = g - drag·|v|·v}, integrated with explicit Euler
 * steps of length {@code dt} until the projectile is below the ground. The number of steps
 * therefore depends on the launch angle, and so does the step in which the projectile lands.
 *
 * <p>Returning the last simulated {@code x} would make the landing distance a staircase in the
 * angle, with a zero derivative almost everywhere. Instead the last step is interpolated to the
 * exact point where it crosses {@code y = 0}, which makes the distance continuous in the angle,
 * and differentiable everywhere except at the isolated angles where the number of steps changes.
 *
 * <p>Cotangent generates {@code ProjectileAdjoint} (reverse mode) and {@code ProjectileTangent}
 * (forward mode) from the two {@link Differentiable} methods below.
 */
public final class Projectile {
  /** Standard gravity, m/s². */
  static final double G = 9.80665;

  private Projectile() {}

  /**
   * Horizontal distance at which the projectile comes back down to the ground.
   *
   * @param angle launch angle above the horizon, in radians
   * @param speed launch speed, m/s
   * @param drag drag coefficient per metre: the drag deceleration is {@code drag·|v|²}
   * @param dt time step of the simulation, s
   * @return the landing distance, m
   */
  @Differentiable
  public static double landingDistance(
      double angle, @NoDerivative double speed, @NoDerivative double drag, @NoDerivative double dt) {
    double x = 0;
    double y = 0;
    double vx = speed * Math.cos(angle);
    double vy = speed * Math.sin(angle);
    double xBefore = 0;
    double yBefore = 0;
    while (y >= 0) {
      xBefore = x;
      yBefore = y;
      double v = Math.hypot(vx, vy);
      double ax = -drag * v * vx;
      double ay = -G - drag * v * vy;
      x += vx * dt;
      y += vy * dt;
      vx += ax * dt;
      vy += ay * dt;
    }
    // The last step went from yBefore >= 0 to y < 0: find where that segment crosses y = 0.
    double fraction = yBefore / (yBefore - y);
    return xBefore + fraction * (x - xBefore);
  }

  /**
   * How badly a shot misses the target: the squared difference between the landing distance
   * and the target distance, the loss that {@link ProjectileAiming} minimises.
   *
   * <p>The simulation is the one of {@link #landingDistance}, repeated here because Cotangent
   * does not differentiate through calls between methods yet; with such calls this body would
   * be {@code square(landingDistance(angle, speed, drag, dt) - target)}.
   *
   * @param target the distance the shot should land at, m
   * @return the squared miss distance, m²
   */
  @Differentiable
  public static double miss(
      double angle,
      @NoDerivative double speed,
      @NoDerivative double drag,
      @NoDerivative double dt,
      @NoDerivative double target) {
    double x = 0;
    double y = 0;
    double vx = speed * Math.cos(angle);
    double vy = speed * Math.sin(angle);
    double xBefore = 0;
    double yBefore = 0;
    while (y >= 0) {
      xBefore = x;
      yBefore = y;
      double v = Math.hypot(vx, vy);
      double ax = -drag * v * vx;
      double ay = -G - drag * v * vy;
      x += vx * dt;
      y += vy * dt;
      vx += ax * dt;
      vy += ay * dt;
    }
    double fraction = yBefore / (yBefore - y);
    double landing = xBefore + fraction * (x - xBefore);
    double error = landing - target;
    return error * error;
  }
}
