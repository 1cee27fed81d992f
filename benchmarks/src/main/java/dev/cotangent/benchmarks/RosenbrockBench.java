package dev.cotangent.benchmarks;

import dev.cotangent.runtime.Dual;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Rosenbrock in n dimensions: primal, Cotangent (reverse and one forward-mode sweep), hand-written
 * adjoint, central differences.
 */
@State(Scope.Benchmark)
public class RosenbrockBench {
  @Param({"10", "100", "1000", "10000"})
  public int n;

  /** The seed of the forward-mode direction. */
  static final long DIRECTION_SEED = 11;

  double[] x;
  double[] grad;
  double[] xDot;
  RosenbrockAdjoint.ValueGradient into;

  @Setup
  public void setup() {
    x = Fixtures.rosenbrock(n, 7);
    grad = new double[n];
    xDot = Fixtures.direction(n, DIRECTION_SEED);
    into = new RosenbrockAdjoint.ValueGradient(x);
  }

  @Benchmark
  public double primal() {
    return Rosenbrock.value(x);
  }

  @Benchmark
  public double[] cotangent() {
    into.clear();
    RosenbrockAdjoint.value(x, 1.0, into);
    return into.x;
  }

  /** The generated tangent: value and the derivative along a fixed random direction. */
  @Benchmark
  public Dual tangent() {
    return RosenbrockTangent.value(x, xDot);
  }

  @Benchmark
  public double[] hand() {
    Rosenbrock.gradient(x, grad);
    return grad;
  }

  @Benchmark
  public double[] finiteDifferences() {
    FiniteDifferences.rosenbrock(x, grad);
    return grad;
  }
}
