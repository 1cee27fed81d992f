package dev.cotangent.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Rosenbrock with Hipparchus forward mode, which costs O(n) per operation and O(n²) in all:
 * measured up to n = 1000 only (n = 10000 would allocate gigabytes per gradient), with its own
 * primal at the same sizes.
 */
@State(Scope.Benchmark)
public class RosenbrockForwardBench {
  @Param({"10", "100", "1000"})
  public int n;

  double[] x;

  @Setup
  public void setup() {
    x = Fixtures.rosenbrock(n, 7);
  }

  @Benchmark
  public double primal() {
    return Rosenbrock.value(x);
  }

  @Benchmark
  public double[] hipparchus() {
    return Forward.rosenbrock(x).getGradient();
  }
}
