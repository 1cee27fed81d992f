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
 * <p>The highest point of the same simulated trajectory, {@link #apexHeight}, is continuous too:
 * the height climbs by {@code vy·dt} in each step while {@code vy > 0}, and the step in which
 * {@code vy} turns negative adds a term that tends to zero.
 *
 * <p>Cotangent generates {@code ProjectileAdjoint} (reverse mode) and {@code ProjectileTangent}
 * (forward mode) from the {@link Differentiable} methods below: the two simulations, the losses
 * of {@link ProjectileAiming} (angle only) and {@link AngleAndSpeed} (angle and speed), which
 * call the simulations, and the vector-valued {@link #landingAndApex}, whose generated {@code
 * landingAndApexJacobian} drives the Gauss–Newton iteration of {@link AngleAndSpeed}.
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
      double angle, double speed, @NoDerivative double drag, @NoDerivative double dt) {
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
   * The greatest height of the trajectory simulated by {@link #landingDistance}: the steps are the
   * same, and the height grows exactly while the vertical speed is positive.
   *
   * @return the apex height, m (0 for a shot that does not go up)
   */
  @Differentiable
  public static double apexHeight(
      double angle, double speed, @NoDerivative double drag, @NoDerivative double dt) {
    double y = 0;
    double vx = speed * Math.cos(angle);
    double vy = speed * Math.sin(angle);
    while (vy > 0) {
      double v = Math.hypot(vx, vy);
      double ax = -drag * v * vx;
      double ay = -G - drag * v * vy;
      y += vy * dt;
      vx += ax * dt;
      vy += ay * dt;
    }
    return y;
  }

  /**
   * Where a shot lands and how high it climbs, {@code {landingDistance, apexHeight}}: a
   * vector-valued function, for which Cotangent also generates the 2×2 Jacobian {@code
   * ProjectileAdjoint.landingAndApexJacobian} (rows: distance, apex; columns: angle, speed).
   */
  @Differentiable
  public static double[] landingAndApex(
      double angle, double speed, @NoDerivative double drag, @NoDerivative double dt) {
    double distance = landingDistance(angle, speed, drag, dt);
    double apex = apexHeight(angle, speed, drag, dt);
    return new double[] {distance, apex};
  }

  /**
   * How badly a shot misses the target: the squared difference between the landing distance
   * and the target distance, the loss that {@link ProjectileAiming} minimises over the angle.
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
    double error = landingDistance(angle, speed, drag, dt) - target;
    return error * error;
  }

  /**
   * How badly a shot misses both targets of {@link AngleAndSpeed}: the sum of the squared misses
   * of the landing distance and of the apex height, a function of the angle and the speed.
   *
   * @param targetDistance the distance the shot should land at, m
   * @param targetApex the height the shot should reach, m
   * @return the loss, m²
   */
  @Differentiable
  public static double missLandingAndApex(
      double angle,
      double speed,
      @NoDerivative double drag,
      @NoDerivative double dt,
      @NoDerivative double targetDistance,
      @NoDerivative double targetApex) {
    double distanceError = landingDistance(angle, speed, drag, dt) - targetDistance;
    double apexError = apexHeight(angle, speed, drag, dt) - targetApex;
    return distanceError * distanceError + apexError * apexError;
  }
}
