package dev.cotangent.benchmarks;

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

  Fixtures.GmmInstance g;
  GmmAdjoint.ObjectiveGradient into;
  double[] gAlpha;
  double[][] gMeans;
  double[][] gIcf;

  @Setup
  public void setup() {
    g = Fixtures.gmm(d, k, n, 42);
    into = new GmmAdjoint.ObjectiveGradient(g.alpha, g.means, g.icf);
    gAlpha = new double[k];
    gMeans = new double[k][d];
    gIcf = new double[k][d * (d + 1) / 2];
  }

  @Benchmark
  public double primal() {
    return Gmm.objective(g.alpha, g.means, g.icf, g.x, g.gamma, g.m);
  }

  @Benchmark
  public GmmAdjoint.ObjectiveGradient cotangent() {
    into.clear();
    GmmAdjoint.objective(g.alpha, g.means, g.icf, g.x, g.gamma, g.m, 1.0, into);
    return into;
  }

  @Benchmark
  public double[][] hand() {
    GmmHand.gradient(g.alpha, g.means, g.icf, g.x, g.gamma, g.m, gAlpha, gMeans, gIcf);
    return gIcf;
  }

  @Benchmark
  public double[] hipparchus() {
    Gradient r = Forward.gmm(g.alpha, g.means, g.icf, g.x, g.gamma, g.m);
    return r.getGradient();
  }

  @Benchmark
  public double[][] finiteDifferences() {
    FiniteDifferences.gmm(g.alpha, g.means, g.icf, g.x, g.gamma, g.m, gAlpha, gMeans, gIcf);
    return gIcf;
  }
}
