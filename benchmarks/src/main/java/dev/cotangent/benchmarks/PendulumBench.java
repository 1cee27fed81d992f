package dev.cotangent.benchmarks;

import dev.cotangent.runtime.Dual;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A long simulation: 10⁵ RK4 steps of a damped pendulum; gradient with respect to the damping and
 * the initial state (3 inputs).
 */
@State(Scope.Benchmark)
public class PendulumBench {
  @Param({"100000"})
  public int steps;

  /** The seed of the forward-mode direction. */
  static final long DIRECTION_SEED = 13;

  double damping = 0.1;
  double theta0 = 1.0;
  double omega0 = 0.0;
  double dt = 1e-3;
  double[] grad = new double[3];
  PendulumAdjoint.SimulateGradient into = new PendulumAdjoint.SimulateGradient();
  /** The forward-mode direction over (damping, theta0, omega0). */
  double dampingDot;
  double theta0Dot;
  double omega0Dot;

  @Setup
  public void setup() {
    double[] v = Fixtures.direction(3, DIRECTION_SEED);
    dampingDot = v[0];
    theta0Dot = v[1];
    omega0Dot = v[2];
  }

  @Benchmark
  public double primal() {
    return Pendulum.simulate(damping, theta0, omega0, dt, steps);
  }

  /** Reverse mode: one forward sweep that tapes, one reverse sweep. */
  @Benchmark
  public PendulumAdjoint.SimulateGradient cotangent() {
    into.clear();
    PendulumAdjoint.simulate(damping, theta0, omega0, dt, steps, 1.0, into);
    return into;
  }

  /** Forward mode, generated: one tangent sweep per input (3), no tape. */
  @Benchmark
  public double[] cotangentTangent() {
    Dual a = PendulumTangent.simulate(damping, 1, theta0, 0, omega0, 0, dt, steps);
    Dual b = PendulumTangent.simulate(damping, 0, theta0, 1, omega0, 0, dt, steps);
    Dual c = PendulumTangent.simulate(damping, 0, theta0, 0, omega0, 1, dt, steps);
    grad[0] = a.tangent();
    grad[1] = b.tangent();
    grad[2] = c.tangent();
    return grad;
  }

  /** Forward mode, generated: one tangent sweep, the derivative along a fixed random direction. */
  @Benchmark
  public Dual tangent() {
    return PendulumTangent.simulate(damping, dampingDot, theta0, theta0Dot, omega0, omega0Dot, dt, steps);
  }

  @Benchmark
  public double[] hipparchus() {
    return Forward.pendulum(damping, theta0, omega0, dt, steps).getGradient();
  }

  @Benchmark
  public double[] finiteDifferences() {
    FiniteDifferences.pendulum(damping, theta0, omega0, dt, steps, grad);
    return grad;
  }
}
