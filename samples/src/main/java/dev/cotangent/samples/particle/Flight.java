package dev.cotangent.samples.particle;

import dev.cotangent.Differentiable;
import dev.cotangent.NoDerivative;

/**
 * A particle thrown through wind with quadratic drag, written with records: positions and
 * velocities are {@link Vec3}s, and the {@link State} of the particle is replaced by a new one in
 * every explicit Euler step.
 *
 * <p>The drag decelerates the particle along its velocity relative to the air: {@code a = g -
 * drag·|v - wind|·(v - wind)}. The flight lasts a fixed time {@code steps·dt}, and {@link #miss}
 * is the squared distance from where the particle is then to a target: a smooth function of the
 * launch velocity and of the drag coefficient.
 *
 * <p>Cotangent generates {@code FlightAdjoint} and {@code FlightTangent} from {@link #miss}. Its
 * gradient with respect to the record parameter {@code launch} is a {@code Vec3}, built by the
 * holder's accessor {@code launch()}.
 */
public final class Flight {
  /** Standard gravity, m/s², pointing down the z axis. */
  static final double G = 9.80665;

  private Flight() {}

  /** Where the particle is and how fast it moves, m and m/s. */
  public record State(Vec3 position, Vec3 velocity) {
    /** The state one explicit Euler step of length {@code dt} later. */
    State step(double drag, Vec3 wind, double dt) {
      Vec3 air = velocity.minus(wind);
      Vec3 acceleration = new Vec3(0, 0, -G).minus(air.scale(drag * air.norm()));
      return new State(position.plus(velocity.scale(dt)), velocity.plus(acceleration.scale(dt)));
    }
  }

  /**
   * The squared miss distance of a particle launched from the origin with velocity {@code
   * launch}, after {@code steps} steps of length {@code dt}.
   *
   * @param launch the launch velocity, m/s
   * @param drag the drag coefficient, 1/m: the drag deceleration is {@code drag·|v - wind|²}
   * @param wind the velocity of the air, m/s
   * @param target where the particle should be at the end of the flight, m
   * @param dt the time step, s
   * @param steps how many steps the flight lasts
   * @return the squared distance from the final position to {@code target}, m²
   */
  @Differentiable
  public static double miss(
      Vec3 launch,
      double drag,
      @NoDerivative Vec3 wind,
      @NoDerivative Vec3 target,
      @NoDerivative double dt,
      @NoDerivative int steps) {
    State state = new State(new Vec3(0, 0, 0), launch);
    for (int i = 0; i < steps; i++) {
      state = state.step(drag, wind, dt);
    }
    Vec3 error = state.position().minus(target);
    return error.dot(error);
  }

  /** The final position of the flight that {@link #miss} simulates (plain Java, not generated). */
  public static Vec3 landing(Vec3 launch, double drag, Vec3 wind, double dt, int steps) {
    State state = new State(Vec3.ZERO, launch);
    for (int i = 0; i < steps; i++) {
      state = state.step(drag, wind, dt);
    }
    return state.position();
  }
}
