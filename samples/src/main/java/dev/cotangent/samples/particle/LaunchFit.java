package dev.cotangent.samples.particle;

import java.util.function.Consumer;

/**
 * Fits a launch velocity so that a particle thrown through wind and drag is at a target after a
 * given time, by gradient descent on {@link Flight#miss}, whose gradient with respect to the
 * launch velocity Cotangent returns as a {@link Vec3} ({@code FlightAdjoint.MissGradient#launch()}).
 */
public final class LaunchFit {
  /** Drag coefficient of the demonstration, 1/m. */
  public static final double DRAG = 0.002;
  /** The wind, m/s. */
  public static final Vec3 WIND = new Vec3(-4, 6, 0);
  /** Where the particle should be at the end of the flight, m (z is up). */
  public static final Vec3 TARGET = new Vec3(120, 40, 5);
  /** Time step, s. */
  public static final double DT = 0.01;
  /** Number of steps: the flight lasts {@code STEPS·DT} = 3 s. */
  public static final int STEPS = 300;
  /** First guess for the launch velocity, m/s. */
  public static final Vec3 START = new Vec3(30, 0, 20);

  /** Stop when the particle ends this close to the target, m. */
  static final double TOLERANCE = 1e-9;
  /** Give up after this many steps. */
  static final int MAX_ITERATIONS = 200;
  /** Give up shrinking a step that does not reduce the miss after this many halvings. */
  static final int MAX_HALVINGS = 40;

  private LaunchFit() {}

  /** The state at the start of one iteration of {@link #fit}. */
  public record Iterate(int iteration, Vec3 launch, double missDistance, Vec3 gradient) {}

  /**
   * The outcome of {@link #fit}.
   *
   * @param launch the launch velocity found, m/s
   * @param missDistance how far from the target the particle ends, m
   * @param iterations how many descent steps were taken
   * @param converged whether the miss is within the tolerance
   */
  public record Fit(Vec3 launch, double missDistance, int iterations, boolean converged) {}

  /**
   * Gradient descent on {@code miss(launch)} from {@code launch}. The final position moves by
   * about {@code T·δ} when the launch velocity changes by {@code δ} (a flight of {@code T}
   * seconds), so the gradient is about {@code 2T²·(launch - answer)}, and the first step length
   * tried is {@code 1/(2T²)}; it is halved while a step does not reduce the miss, and kept for
   * the following steps.
   *
   * @param observer called with the state at the start of each iteration, and at the end
   */
  public static Fit fit(
      double drag, Vec3 wind, Vec3 target, double dt, int steps, Vec3 launch,
      Consumer<Iterate> observer) {
    double time = dt * steps;
    double rate = 1 / (2 * time * time);
    for (int iteration = 0; ; iteration++) {
      FlightAdjoint.MissGradient g = FlightAdjoint.miss(launch, drag, wind, target, dt, steps);
      double missDistance = Math.sqrt(g.value);
      Vec3 gradient = g.launch();
      observer.accept(new Iterate(iteration, launch, missDistance, gradient));
      boolean converged = missDistance <= TOLERANCE;
      if (converged || iteration == MAX_ITERATIONS) {
        return new Fit(launch, missDistance, iteration, converged);
      }
      int halvings = 0;
      Vec3 next = launch.minus(gradient.scale(rate));
      while (Flight.miss(next, drag, wind, target, dt, steps) >= g.value) {
        if (++halvings > MAX_HALVINGS) {
          return new Fit(launch, missDistance, iteration, false);
        }
        rate /= 2;
        next = launch.minus(gradient.scale(rate));
      }
      launch = next;
    }
  }

  /**
   * The launch velocity that reaches {@code target} after {@code time} seconds in vacuum (no drag,
   * no wind): {@code (target - ½·g·T²)/T}, the closed form the fit reproduces when drag is 0 (up
   * to the Euler steps' error, which {@link #eulerVacuumLaunch} removes).
   */
  public static Vec3 vacuumLaunch(Vec3 target, double time) {
    return target.minus(new Vec3(0, 0, -0.5 * Flight.G * time * time)).scale(1 / time);
  }

  /**
   * The exact answer without drag for the explicit Euler steps themselves: after {@code n} steps
   * the position is {@code n·dt·v0 + g·dt²·n(n-1)/2}, so {@code v0 = (target - g·dt²·n(n-1)/2) /
   * (n·dt)}.
   */
  public static Vec3 eulerVacuumLaunch(Vec3 target, double dt, int steps) {
    double fall = Flight.G * dt * dt * steps * (steps - 1) / 2;
    return target.plus(new Vec3(0, 0, fall)).scale(1 / (steps * dt));
  }

  static String show(Vec3 v) {
    return String.format("(%.6f, %.6f, %.6f)", v.x(), v.y(), v.z());
  }

  public static void main(String[] args) {
    System.out.printf(
        "Throw from the origin to %s m in %.1f s: drag %.3f 1/m, wind %s m/s, first guess %s m/s%n",
        show(TARGET), STEPS * DT, DRAG, show(WIND), show(START));
    int[] shown = {0};
    Fit fit =
        fit(DRAG, WIND, TARGET, DT, STEPS, START,
            it -> {
              if (it.iteration() < 4 || it.iteration() % 5 == 0 || it.missDistance() <= TOLERANCE) {
                shown[0]++;
                System.out.printf(
                    "%4d  launch %s  miss %.3e m  |gradient| %.3e%n",
                    it.iteration(), show(it.launch()), it.missDistance(), it.gradient().norm());
              }
            });
    System.out.printf(
        "%s after %d iterations: launch %s m/s (speed %.4f m/s), final miss %.2e m%n",
        fit.converged() ? "Hit" : "Missed", fit.iterations(), show(fit.launch()),
        fit.launch().norm(), fit.missDistance());
    System.out.printf(
        "Without drag and wind the same throw needs %s m/s (closed form)%n",
        show(vacuumLaunch(TARGET, STEPS * DT)));
  }
}
