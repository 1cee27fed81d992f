package dev.cotangent.benchmarks;

import dev.cotangent.runtime.Dual;
import org.hipparchus.analysis.differentiation.Gradient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * GMM d=10, K=25 at a reduced n=10, where the dense forward-mode and finite-difference baselines
 * (whose cost is about 1650 times the objective's) run in tens of milliseconds. Every J/f here is
 * taken against the primal at the same n; Cotangent and the hand-written adjoint are measured again
 * at this size for comparison.
 */
@State(Scope.Benchmark)
public class GmmSmallBench {
  @Param({"10"})
  public int d;

  @Param({"25"})
  public int k;

  @Param({"10"})
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

  @Benchmark
  public double[] hipparchus() {
    Fixtures.GmmInstance g = fx.g;
    Gradient r = Forward.gmm(g.alpha, g.means, g.icf, g.x, g.gamma, g.m);
    return r.getGradient();
  }

  @Benchmark
  public double[][] finiteDifferences() {
    Fixtures.GmmInstance g = fx.g;
    FiniteDifferences.gmm(g.alpha, g.means, g.icf, g.x, g.gamma, g.m, fx.gAlpha, fx.gMeans, fx.gIcf);
    return fx.gIcf;
  }
}
