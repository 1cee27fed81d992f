package dev.cotangent.samples.heat;

import java.util.Random;
import java.util.function.Consumer;
import java.util.function.DoubleUnaryOperator;

/**
 * An inverse problem: recovers the thermal diffusivity of a rod from a noisy measurement of its
 * temperatures, by differentiating the whole finite-difference simulation of {@link HeatEquation}
 * with respect to the diffusivity.
 *
 * <p>The rod starts with a hot spot and its ends held at 0. Synthetic measurements come from the
 * simulation itself with a known diffusivity, plus Gaussian noise from a fixed seed. The
 * diffusivity is then found again by Gauss–Newton iterations in one dimension:
 *
 * <pre>{@code κ ← κ − misfit'(κ) / |∂u/∂κ|²}</pre>
 *
 * <p>where {@code misfit'(κ)} comes from the reverse-mode companion {@code
 * HeatEquationAdjoint.misfit} and the sensitivity {@code ∂u/∂κ} of every simulated temperature from
 * one forward-mode sweep, {@code HeatEquationTangent.temperatures}. ({@code |∂u/∂κ|²} is the
 * Gauss–Newton approximation of {@code misfit''}.)
 */
public final class DiffusivityRecovery {
  /** Grid points along the rod, ends included. */
  public static final int POINTS = 101;

  /** Grid spacing for a rod of length 1 m. */
  public static final double DX = 1.0 / (POINTS - 1);

  /** Time step, s: stable for diffusivities up to DX²/(2·DT) = 0.125 m²/s. */
  public static final double DT = 4e-4;

  /** Time steps until the measurement (0.5 s). */
  public static final int STEPS = 1250;

  /** The diffusivity that made the measurements, m²/s. */
  public static final double TRUE_DIFFUSIVITY = 0.05;

  /** Standard deviation of the measurement noise, in units of the initial peak temperature. */
  public static final double NOISE = 0.01;

  /** Seed of the measurement noise. */
  public static final long SEED = 20240601L;

  /** First guess of the diffusivity, m²/s. */
  public static final double FIRST_GUESS = 0.01;

  /** Stop when a step changes κ by less than this, relatively. */
  static final double TOLERANCE = 1e-12;

  static final int MAX_ITERATIONS = 30;

  private DiffusivityRecovery() {}

  /** The largest diffusivity that keeps the explicit scheme stable. */
  public static double stableLimit(double dx, double dt) {
    return dx * dx / (2 * dt);
  }

  /** The temperatures at time 0: a hot spot of peak 1 at x = 0.35 m, both ends at 0. */
  public static double[] initialTemperatures(int points) {
    double[] u = new double[points];
    for (int i = 1; i < points - 1; i++) {
      double x = (double) i / (points - 1);
      u[i] = Math.exp(-0.5 * Math.pow((x - 0.35) / 0.08, 2));
    }
    return u;
  }

  /**
   * Synthetic measurements: the temperatures simulated with {@code diffusivity}, plus Gaussian
   * noise of standard deviation {@code noise} on every interior point (the ends are held fixed).
   */
  public static double[] measure(
      double diffusivity,
      double[] initial,
      int steps,
      double dx,
      double dt,
      double noise,
      long seed) {
    double[] u = HeatEquation.temperatures(diffusivity, initial, steps, dx, dt);
    Random random = new Random(seed);
    for (int i = 1; i < u.length - 1; i++) {
      u[i] += noise * random.nextGaussian();
    }
    return u;
  }

  /** The state at the start of one iteration of {@link #recover}. */
  public record Iterate(int iteration, double diffusivity, double misfit, double derivative) {}

  /**
   * The outcome of {@link #recover}.
   *
   * @param sensitivity {@code |∂u/∂κ|} at the solution: with measurement noise of standard
   *     deviation σ, the standard error of the recovered diffusivity is {@code σ / sensitivity}
   */
  public record Recovery(
      double diffusivity, double misfit, double sensitivity, int iterations, boolean converged) {
    public double standardError(double noise) {
      return noise / sensitivity;
    }
  }

  /**
   * Finds the diffusivity whose simulation best fits {@code measured}, by Gauss–Newton from {@code
   * guess}. A step that would leave the stable range (0, DX²/(2·DT)] or increase the misfit is
   * halved until it does neither.
   */
  public static Recovery recover(
      double[] initial,
      double[] measured,
      int steps,
      double dx,
      double dt,
      double guess,
      Consumer<Iterate> observer) {
    double limit = stableLimit(dx, dt);
    double kappa = guess;
    for (int iteration = 0; ; iteration++) {
      HeatEquationAdjoint.MisfitGradient g =
          HeatEquationAdjoint.misfit(kappa, initial, measured, steps, dx, dt);
      double[] sensitivity = new double[initial.length];
      HeatEquationTangent.temperatures(kappa, 1.0, initial, steps, dx, dt, sensitivity);
      double curvature = 0;
      for (double s : sensitivity) {
        curvature += s * s;
      }
      observer.accept(new Iterate(iteration, kappa, g.value, g.diffusivity));

      double step = -g.diffusivity / curvature;
      boolean converged = Math.abs(step) <= TOLERANCE * kappa;
      if (converged || iteration == MAX_ITERATIONS) {
        return new Recovery(kappa, g.value, Math.sqrt(curvature), iteration, converged);
      }
      while (!(kappa + step > 0 && kappa + step <= limit)
          || HeatEquation.misfit(kappa + step, initial, measured, steps, dx, dt) > g.value) {
        step /= 2;
        if (Math.abs(step) <= TOLERANCE * kappa) {
          return new Recovery(kappa, g.value, Math.sqrt(curvature), iteration, false);
        }
      }
      kappa += step;
    }
  }

  /**
   * The derivative of {@code f} at {@code x} by central differences with steps {@code h} and {@code
   * h/2}, combined by Richardson extrapolation. (The step must be small relative to κ, which is
   * much smaller than 1 here.)
   */
  public static double centralDifference(DoubleUnaryOperator f, double x, double h) {
    double wide = (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
    double narrow = (f.applyAsDouble(x + h / 2) - f.applyAsDouble(x - h / 2)) / h;
    return (4 * narrow - wide) / 3;
  }

  public static void main(String[] args) {
    double[] initial = initialTemperatures(POINTS);
    double[] measured = measure(TRUE_DIFFUSIVITY, initial, STEPS, DX, DT, NOISE, SEED);
    System.out.printf(
        "Rod of 1 m, %d points, %d explicit steps of %.0e s (stable for κ ≤ %.3f m²/s)%n",
        POINTS, STEPS, DT, stableLimit(DX, DT));
    System.out.printf(
        "Measured at t = %.1f s with κ = %.3f m²/s and noise σ = %.2f; first guess κ = %.3f%n",
        STEPS * DT, TRUE_DIFFUSIVITY, NOISE, FIRST_GUESS);
    System.out.println(
        "Gauss–Newton κ ← κ - misfit'/|∂u/∂κ|²"
            + " (HeatEquationAdjoint.misfit, HeatEquationTangent.temperatures)");
    System.out.println("iter  κ [m²/s]        misfit      d misfit/dκ");
    Recovery recovery =
        recover(
            initial,
            measured,
            STEPS,
            DX,
            DT,
            FIRST_GUESS,
            it ->
                System.out.printf(
                    "%4d  %.12f  %.6e  %12.5e%n",
                    it.iteration(), it.diffusivity(), it.misfit(), it.derivative()));
    double error = recovery.diffusivity() / TRUE_DIFFUSIVITY - 1;
    System.out.printf(
        "Recovered κ = %.5f ± %.5f m²/s (true %.5f, error %+.2f%%) in %d iterations%n",
        recovery.diffusivity(),
        recovery.standardError(NOISE),
        TRUE_DIFFUSIVITY,
        100 * error,
        recovery.iterations());

    double[] exact = HeatEquation.temperatures(TRUE_DIFFUSIVITY, initial, STEPS, DX, DT);
    Recovery noiseless = recover(initial, exact, STEPS, DX, DT, FIRST_GUESS, it -> {});
    System.out.printf(
        "Without noise: κ = %.12f m²/s in %d iterations%n",
        noiseless.diffusivity(), noiseless.iterations());

    double at = 0.03;
    double adjoint = HeatEquationAdjoint.misfit(at, initial, measured, STEPS, DX, DT).diffusivity;
    double numeric =
        centralDifference(
            k -> HeatEquation.misfit(k, initial, measured, STEPS, DX, DT), at, 1e-3 * at);
    System.out.printf(
        "d misfit/dκ at κ = %.2f: generated %.10f, central difference %.10f%n",
        at, adjoint, numeric);
  }
}
