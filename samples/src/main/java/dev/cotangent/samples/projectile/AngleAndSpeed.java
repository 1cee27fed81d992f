package dev.cotangent.samples.projectile;

import static dev.cotangent.samples.projectile.ProjectileAiming.DIFFERENCE_STEP;
import static dev.cotangent.samples.projectile.ProjectileAiming.DRAG;
import static dev.cotangent.samples.projectile.ProjectileAiming.DT;
import static dev.cotangent.samples.projectile.ProjectileAiming.centralDifference;

import java.util.function.Consumer;

/**
 * Chooses the launch angle <em>and</em> the launch speed together, so that the shot lands at a
 * target distance and on its way reaches a given apex height: two conditions for two unknowns.
 *
 * <p>The residual {@code r = (distance - targetDistance, apex - targetApex)} comes from the
 * vector-valued {@link Projectile#landingAndApex}, and its 2×2 Jacobian by angle and speed from the
 * generated {@code ProjectileAdjoint.landingAndApexJacobian}. Gauss–Newton solves {@code J·δ = -r}
 * and halves {@code δ} until the loss {@code |r|²} ({@link Projectile#missLandingAndApex}, whose
 * generated gradient {@code 2·Jᵀ·r} is printed) decreases and the shot still goes up.
 */
public final class AngleAndSpeed {
  /** Where the shot should land, m. */
  public static final double TARGET_DISTANCE = 150;
  /** How high the shot should climb, m. */
  public static final double TARGET_APEX = 40;
  /** First guess for the launch angle, degrees. */
  public static final double START_DEGREES = 10;
  /** First guess for the launch speed, m/s. */
  public static final double START_SPEED = 50;

  /** Stop when both the distance and the apex are this close to their targets, m. */
  static final double TOLERANCE = 1e-9;
  /** Give up after this many steps. */
  static final int MAX_ITERATIONS = 50;
  /** Give up shrinking a step that does not reduce the loss after this many halvings. */
  static final int MAX_HALVINGS = 30;

  private AngleAndSpeed() {}

  /** The state at the start of one iteration of {@link #solve}. */
  public record Iterate(
      int iteration,
      double angle,
      double speed,
      double distance,
      double apex,
      double loss,
      double gradientNorm) {}

  /**
   * The outcome of {@link #solve}.
   *
   * @param angle the launch angle found, radians
   * @param speed the launch speed found, m/s
   * @param distance where that shot lands, m
   * @param apex how high that shot climbs, m
   * @param iterations how many steps were taken
   * @param converged whether both targets are met within the tolerance
   */
  public record Solution(
      double angle, double speed, double distance, double apex, int iterations, boolean converged) {
    /** The launch angle in degrees. */
    public double degrees() {
      return Math.toDegrees(angle);
    }
  }

  /**
   * Finds the launch angle and speed of a shot that lands at {@code targetDistance} and climbs to
   * {@code targetApex}, starting from {@code angle} and {@code speed}.
   *
   * @param observer called with the state at the start of each iteration, and at the end
   */
  public static Solution solve(
      double drag,
      double dt,
      double targetDistance,
      double targetApex,
      double angle,
      double speed,
      Consumer<Iterate> observer) {
    for (int iteration = 0; ; iteration++) {
      double[] shot = Projectile.landingAndApex(angle, speed, drag, dt);
      double rDistance = shot[0] - targetDistance;
      double rApex = shot[1] - targetApex;
      ProjectileAdjoint.MissLandingAndApexGradient gradient =
          ProjectileAdjoint.missLandingAndApex(angle, speed, drag, dt, targetDistance, targetApex);
      double loss = gradient.value;
      observer.accept(
          new Iterate(
              iteration,
              angle,
              speed,
              shot[0],
              shot[1],
              loss,
              Math.hypot(gradient.angle, gradient.speed)));

      boolean converged = Math.abs(rDistance) <= TOLERANCE && Math.abs(rApex) <= TOLERANCE;
      if (converged || iteration == MAX_ITERATIONS) {
        return new Solution(angle, speed, shot[0], shot[1], iteration, converged);
      }

      // Gauss–Newton: J·(dAngle, dSpeed) = -r, by Cramer's rule. Where J is singular, fall back
      // to the gradient direction, with the length that would zero a linear residual.
      double[][] j = ProjectileAdjoint.landingAndApexJacobian(angle, speed, drag, dt);
      double det = j[0][0] * j[1][1] - j[0][1] * j[1][0];
      double dAngle;
      double dSpeed;
      if (det != 0 && Double.isFinite(det)) {
        dAngle = (-rDistance * j[1][1] + rApex * j[0][1]) / det;
        dSpeed = (-rApex * j[0][0] + rDistance * j[1][0]) / det;
      } else {
        double g2 = gradient.angle * gradient.angle + gradient.speed * gradient.speed;
        if (g2 == 0) {
          return new Solution(angle, speed, shot[0], shot[1], iteration, false);
        }
        dAngle = -2 * loss * gradient.angle / g2;
        dSpeed = -2 * loss * gradient.speed / g2;
      }
      int halvings = 0;
      while (!isLaunch(angle + dAngle, speed + dSpeed)
          || Projectile.missLandingAndApex(
                  angle + dAngle, speed + dSpeed, drag, dt, targetDistance, targetApex)
              >= loss) {
        if (++halvings > MAX_HALVINGS) {
          return new Solution(angle, speed, shot[0], shot[1], iteration, false);
        }
        dAngle /= 2;
        dSpeed /= 2;
      }
      angle += dAngle;
      speed += dSpeed;
    }
  }

  private static boolean isLaunch(double angle, double speed) {
    return angle > 0 && angle < Math.PI / 2 && speed > 0;
  }

  public static void main(String[] args) {
    System.out.printf(
        "Now choose angle and speed together: land at %.0f m and climb to %.0f m;"
            + " first guess %.0f°, %.0f m/s%n",
        TARGET_DISTANCE, TARGET_APEX, START_DEGREES, START_SPEED);
    System.out.println(
        "iter  angle[°]  speed[m/s]  distance[m]    apex[m]     loss[m²]  |grad loss|");
    Solution s =
        solve(
            DRAG,
            DT,
            TARGET_DISTANCE,
            TARGET_APEX,
            Math.toRadians(START_DEGREES),
            START_SPEED,
            it ->
                System.out.printf(
                    "%4d  %8.4f  %10.5f  %11.6f  %9.6f  %11.4e  %11.4e%n",
                    it.iteration(),
                    Math.toDegrees(it.angle()),
                    it.speed(),
                    it.distance(),
                    it.apex(),
                    it.loss(),
                    it.gradientNorm()));
    System.out.printf(
        "%s: %.4f° at %.5f m/s lands at %.9f m, apex %.9f m, after %d Gauss–Newton steps%n",
        s.converged() ? "Hit" : "Missed",
        s.degrees(),
        s.speed(),
        s.distance(),
        s.apex(),
        s.iterations());

    double[][] j = ProjectileAdjoint.landingAndApexJacobian(s.angle(), s.speed(), DRAG, DT);
    double worst = 0;
    for (int row = 0; row < 2; row++) {
      final int r = row;
      double byAngle =
          centralDifference(
              a -> Projectile.landingAndApex(a, s.speed(), DRAG, DT)[r], s.angle(), DIFFERENCE_STEP);
      double bySpeed =
          centralDifference(
              v -> Projectile.landingAndApex(s.angle(), v, DRAG, DT)[r], s.speed(), DIFFERENCE_STEP);
      worst = Math.max(worst, Math.abs(byAngle - j[row][0]) / Math.abs(j[row][0]));
      worst = Math.max(worst, Math.abs(bySpeed - j[row][1]) / Math.abs(j[row][1]));
    }
    System.out.printf(
        "Jacobian there [distance; apex] by [angle, speed]: [%.4f %.4f; %.4f %.4f]"
            + " (central differences: worst rel. diff. %.1e)%n",
        j[0][0], j[0][1], j[1][0], j[1][1], worst);
  }
}
