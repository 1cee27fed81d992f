package dev.cotangent.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Rosenbrock in n dimensions: primal, Cotangent, hand-written adjoint, central differences. */
@State(Scope.Benchmark)
public class RosenbrockBench {
  @Param({"10", "100", "1000", "10000"})
  public int n;

  double[] x;
  double[] grad;
  RosenbrockAdjoint.ValueGradient into;

  @Setup
  public void setup() {
    x = Fixtures.rosenbrock(n, 7);
    grad = new double[n];
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
