package dev.cotangent.benchmarks;

import dev.cotangent.runtime.Dual;
import java.util.Arrays;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Bundle adjustment: one operation evaluates every observation of an instance the size of
 * ADBench's ba1 (49 cameras, 7776 points, 31843 observations). The objective is the 2 reprojection
 * residuals and the weight residual of each observation; the Jacobian is each observation's dense
 * 2x15 block and ∂(1-w²)/∂w. The tangent is one directional derivative of the same functions along
 * a fixed direction over each observation's 15 inputs (11 camera, 3 point, 1 weight).
 */
@State(Scope.Benchmark)
public class BaBench {
  @Param({"31843"})
  public int observations;

  /** The seed of the forward-mode direction. */
  static final long DIRECTION_SEED = 17;

  Fixtures.BaInstance ba;
  BaAdjoint.ResidualGradient holder;
  BaAdjoint.WeightErrorGradient wHolder;
  double[] seed0 = {1, 0};
  double[] seed1 = {0, 1};
  double[] jac = new double[30];
  /** The Jacobian block the generated {@code residualJacobian} writes into. */
  double[][] block = new double[2][15];
  /** The forward-mode direction: 11 camera entries, 3 point entries and the weight's. */
  double[] cameraDot;
  double[] pointDot;
  double wDot;
  /** The residuals' directional derivative of the last observation evaluated. */
  double[] residualDot = new double[2];

  @Setup
  public void setup() {
    ba = Fixtures.ba(49, 7776, observations, 3);
    holder = new BaAdjoint.ResidualGradient(ba.cameras[0], ba.points[0]);
    wHolder = new BaAdjoint.WeightErrorGradient();
    double[] v = Fixtures.direction(15, DIRECTION_SEED);
    cameraDot = Arrays.copyOfRange(v, 0, 11);
    pointDot = Arrays.copyOfRange(v, 11, 14);
    wDot = v[14];
  }

  @Benchmark
  public void primal(Blackhole bh) {
    for (int o = 0; o < ba.observations(); o++) {
      double[] r = Ba.residual(ba.cameras[ba.camIndex[o]], ba.points[ba.ptIndex[o]], ba.weights[o], ba.features[o]);
      bh.consume(r);
      bh.consume(Ba.weightError(ba.weights[o]));
    }
  }

  /**
   * The generated {@code residualJacobian} into a reused 2x15 matrix with a reused holder as its
   * workspace (2 pullbacks inside), as a least-squares solver would call it per observation.
   */
  @Benchmark
  public void cotangentJacobian(Blackhole bh) {
    for (int o = 0; o < ba.observations(); o++) {
      double[][] j = BaAdjoint.residualJacobian(ba.cameras[ba.camIndex[o]], ba.points[ba.ptIndex[o]], ba.weights[o],
          ba.features[o], block, holder);
      bh.consume(j);
      weightRow(o, bh);
    }
  }

  /** The generated {@code residualJacobian} that returns a new matrix (and makes its own holder). */
  @Benchmark
  public void cotangentJacobianNew(Blackhole bh) {
    for (int o = 0; o < ba.observations(); o++) {
      double[][] j = BaAdjoint.residualJacobian(ba.cameras[ba.camIndex[o]], ba.points[ba.ptIndex[o]], ba.weights[o],
          ba.features[o]);
      bh.consume(j);
      weightRow(o, bh);
    }
  }

  /** The same block from two calls of the generated pullback into a reused holder. */
  @Benchmark
  public void cotangentPullbacks(Blackhole bh) {
    for (int o = 0; o < ba.observations(); o++) {
      double[] cam = ba.cameras[ba.camIndex[o]];
      double[] pt = ba.points[ba.ptIndex[o]];
      double w = ba.weights[o];
      double[] f = ba.features[o];
      holder.clear();
      BaAdjoint.residual(cam, pt, w, f, seed0, holder);
      copyRow(holder, jac, 0);
      holder.clear();
      BaAdjoint.residual(cam, pt, w, f, seed1, holder);
      copyRow(holder, jac, 15);
      bh.consume(jac);
      weightRow(o, bh);
    }
  }

  /** The weight residual's 1x1 block of observation o, from the generated pullback. */
  private void weightRow(int o, Blackhole bh) {
    wHolder.clear();
    BaAdjoint.weightError(ba.weights[o], 1.0, wHolder);
    bh.consume(wHolder.w);
  }

  static void copyRow(BaAdjoint.ResidualGradient g, double[] jac, int at) {
    System.arraycopy(g.camera, 0, jac, at, 11);
    System.arraycopy(g.point, 0, jac, at + 11, 3);
    jac[at + 14] = g.w;
  }

  /**
   * The generated tangents, one sweep per observation: the residuals with their directional
   * derivative (into {@link #residualDot}), and the weight residual's.
   */
  @Benchmark
  public void tangent(Blackhole bh) {
    for (int o = 0; o < ba.observations(); o++) {
      bh.consume(residualTangent(o));
      bh.consume(residualDot);
      Dual e = weightTangent(o);
      bh.consume(e.value());
      bh.consume(e.tangent());
    }
  }

  /** Observation o's residuals; their derivative along the fixed direction goes into {@link #residualDot}. */
  double[] residualTangent(int o) {
    return BaTangent.residual(ba.cameras[ba.camIndex[o]], cameraDot, ba.points[ba.ptIndex[o]], pointDot, ba.weights[o],
        wDot, ba.features[o], residualDot);
  }

  /** Observation o's weight residual and its derivative along the fixed direction. */
  Dual weightTangent(int o) {
    return BaTangent.weightError(ba.weights[o], wDot);
  }

  @Benchmark
  public void hipparchus(Blackhole bh) {
    for (int o = 0; o < ba.observations(); o++) {
      bh.consume(Forward.ba(ba.cameras[ba.camIndex[o]], ba.points[ba.ptIndex[o]], ba.weights[o], ba.features[o], jac));
      bh.consume(jac);
    }
  }

  @Benchmark
  public void finiteDifferences(Blackhole bh) {
    for (int o = 0; o < ba.observations(); o++) {
      double w = ba.weights[o];
      FiniteDifferences.ba(ba.cameras[ba.camIndex[o]], ba.points[ba.ptIndex[o]], w, ba.features[o], jac);
      bh.consume(jac);
      double h = 1e-6 * Math.max(1, Math.abs(w));
      bh.consume((Ba.weightError(w + h) - Ba.weightError(w - h)) / (2 * h));
    }
  }
}
