package dev.cotangent.benchmarks;

import dev.cotangent.runtime.Dual;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * GMM at the standard sizes K=25, n=1000, d in {10, 64}: primal, Cotangent (reverse and one
 * forward-mode sweep), hand-written adjoint.
 */
@State(Scope.Benchmark)
public class GmmBench {
  @Param({"10", "64"})
  public int d;

  @Param({"25"})
  public int k;

  @Param({"1000"})
  public int n;

  GmmFixture fx;

  @Setup
  public void setup() {
    fx = new GmmFixture(d, k, n);
  }

  @Benchmark
  public double primal() {
    return fx.primal();
  }

  /** The generated pullback into a reused holder (cleared first, as the gradient is added). */
  @Benchmark
  public GmmAdjoint.ObjectiveGradient cotangent() {
    return fx.cotangent();
  }

  @Benchmark
  public double[][] hand() {
    return fx.hand();
  }

  /** The generated tangent: value and one directional derivative (fixed direction). */
  @Benchmark
  public Dual tangent() {
    return fx.tangent();
  }
}
