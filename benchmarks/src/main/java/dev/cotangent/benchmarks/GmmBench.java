package dev.cotangent.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** GMM at the standard sizes K=25, n=1000, d in {10, 64}: primal, Cotangent, hand-written adjoint. */
@State(Scope.Benchmark)
public class GmmBench {
  @Param({"10", "64"})
  public int d;

  @Param({"25"})
  public int k;

  @Param({"1000"})
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

  /** The generated pullback into a reused holder (cleared first, as the gradient is added). */
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
}
