package dev.cotangent.samples.projectile;

import dev.cotangent.runtime.Dual;
import java.util.function.Consumer;
import java.util.function.DoubleUnaryOperator;

/**
 * Aims a projectile: finds the launch angle at which it lands at a target distance, by descending
 * the gradient of {@link Projectile#miss} that Cotangent generated in {@link ProjectileAdjoint}.
 */
public final class ProjectileAiming {
  /** Launch speed of the demonstration, m/s. */
  public static final double SPEED = 50;
  /** Drag coefficient of the demonstration, 1/m. */
  public static final double DRAG = 0.002;
  /** Time step of the simulation, s. */
  public static final double DT = 0.01;
  /** Where the shot should land, m. */
  public static final double TARGET = 150;
  /** First guess for the launch angle, degrees. */
  public static final double START_DEGREES = 10;

  /**
   * Step for finite differences of the landing distance, radians. The distance has a kink
   * wherever the number of simulation steps changes (about every 1.2e-3 rad here, where its
   * derivative jumps by about 0.7%), so the step must be much smaller than that for a difference
   * quotient to see one smooth piece, yet not so small that rounding dominates.
   */
  public static final double DIFFERENCE_STEP = 1e-5;

  /** Stop when the shot lands this close to the target, m. */
  static final double TOLERANCE = 1e-9;
  /** Give up after this many steps. */
  static final int MAX_ITERATIONS = 50;
  /** Give up shrinking a step that does not reduce the loss after this many halvings. */
  static final int MAX_HALVINGS = 30;

  private ProjectileAiming() {}

  /** The state at the start of one iteration of {@link #aim}. */
  public record Iterate(int iteration, double angle, double distance, double loss, double slope) {}

  /**
   * The outcome of {@link #aim}.
   *
   * @param angle the launch angle found, radians
   * @param distance where a shot at that angle lands, m
   * @param iterations how many steps were taken
   * @param converged whether the shot lands within the tolerance of the target
   */
  public record Aim(double angle, double distance, int iterations, boolean converged) {
    /** The launch angle in degrees. */
    public double degrees() {
      return Math.toDegrees(angle);
    }
  }

  /**
   * Finds the launch angle at which a shot lands at {@code target}, starting from {@code angle}.
   *
   * <p>The loss {@code miss = (distance - target)²} is minimised by gradient descent. Its gradient
   * comes from the generated reverse-mode companion {@link ProjectileAdjoint#miss}. Since the loss
   * is a square, the step length that would make the residual vanish if the distance were linear
   * in the angle (the Gauss–Newton step) is {@code -2·miss / miss'}. Each step starts from there
   * and is halved until the loss decreases and the angle stays between 0 and 90°. (Below 0° the
   * shot lands at once, the loss is flat, and the descent would stall.)
   *
   * @param observer called with the state at the start of each iteration, and at the end
   */
  public static Aim aim(
      double speed, double drag, double dt, double target, double angle, Consumer<Iterate> observer) {
    for (int iteration = 0; ; iteration++) {
      ProjectileAdjoint.MissGradient gradient =
          ProjectileAdjoint.miss(angle, speed, drag, dt, target);
      double loss = gradient.value;
      double slope = gradient.angle;
      double distance = Projectile.landingDistance(angle, speed, drag, dt);
      observer.accept(new Iterate(iteration, angle, distance, loss, slope));

      boolean converged = Math.abs(distance - target) <= TOLERANCE;
      if (converged || iteration == MAX_ITERATIONS || slope == 0) {
        return new Aim(angle, distance, iteration, converged);
      }

      double step = -2 * loss / slope;
      int halvings = 0;
      while (!isLaunchAngle(angle + step)
          || Projectile.miss(angle + step, speed, drag, dt, target) >= loss) {
        if (++halvings > MAX_HALVINGS) {
          return new Aim(angle, distance, iteration, false);
        }
        step /= 2;
      }
      angle += step;
    }
  }

  private static boolean isLaunchAngle(double angle) {
    return angle > 0 && angle < Math.PI / 2;
  }

  /**
   * The derivative of {@code f} at {@code x} by central finite differences with step {@code h}
   * and {@code h/2}, combined by Richardson extrapolation to cancel the {@code h²} error term.
   */
  public static double centralDifference(DoubleUnaryOperator f, double x, double h) {
    double wide = (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
    double narrow = (f.applyAsDouble(x + h / 2) - f.applyAsDouble(x - h / 2)) / h;
    return (4 * narrow - wide) / 3;
  }

  public static void main(String[] args) {
    System.out.printf(
        "Aim at %.0f m: speed %.0f m/s, drag %.3f 1/m, time step %.2f s, first guess %.0f°%n",
        TARGET, SPEED, DRAG, DT, START_DEGREES);
    System.out.println("iter  angle[°]  distance[m]     loss[m²]  dloss/dangle[m²/rad]");
    Aim aim =
        aim(
            SPEED,
            DRAG,
            DT,
            TARGET,
            Math.toRadians(START_DEGREES),
            it ->
                System.out.printf(
                    "%4d  %8.4f  %11.6f  %11.4e  %11.4e%n",
                    it.iteration(),
                    Math.toDegrees(it.angle()),
                    it.distance(),
                    it.loss(),
                    it.slope()));
    System.out.printf(
        "%s: %.4f° lands at %.9f m after %d iterations%n",
        aim.converged() ? "Hit" : "Missed", aim.degrees(), aim.distance(), aim.iterations());

    double angle = aim.angle();
    double reverse = ProjectileAdjoint.landingDistance(angle, SPEED, DRAG, DT).angle;
    Dual forward = ProjectileTangent.landingDistance(angle, 1, SPEED, 0, DRAG, DT);
    double numeric =
        centralDifference(a -> Projectile.landingDistance(a, SPEED, DRAG, DT), angle, DIFFERENCE_STEP);
    System.out.printf(
        "d(distance)/d(angle) there, m/rad: ProjectileAdjoint %.10f, ProjectileTangent %.10f,%n"
            + "  central difference %.10f (rel. diff. %.1e)%n",
        reverse, forward.tangent(), numeric, Math.abs(numeric - reverse) / Math.abs(reverse));
  }
}
