package dev.cotangent.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cotangent.runtime.Dual;
import org.junit.jupiter.api.Test;

/**
 * The {@code tangent} benchmarks compute the right thing: each one's directional derivative equals
 * the generated adjoint gradient dotted with the benchmark's own direction (relative 1e-10), and its
 * value is exactly the primal's. The benchmarks are set up as JMH sets them up (their parameters,
 * then {@code setup()}).
 */
class TangentBenchmarksTest {
  private static final double RELATIVE = 1e-10;

  @Test
  void rosenbrock() {
    for (int n : new int[] {10, 100, 1000, 10000}) {
      RosenbrockBench b = new RosenbrockBench();
      b.n = n;
      b.setup();
      Dual t = b.tangent();
      RosenbrockAdjoint.ValueGradient g = RosenbrockAdjoint.value(b.x);
      assertEquals(b.primal(), t.value(), 0.0);
      assertRelative(dot(g.x, b.xDot), t.tangent(), "n=" + n);
    }
  }

  @Test
  void pendulum() {
    PendulumBench b = new PendulumBench();
    b.steps = 100_000;
    b.setup();
    Dual t = b.tangent();
    PendulumAdjoint.SimulateGradient g = PendulumAdjoint.simulate(b.damping, b.theta0, b.omega0, b.dt, b.steps);
    assertEquals(b.primal(), t.value(), 0.0);
    double expected = g.damping * b.dampingDot + g.theta0 * b.theta0Dot + g.omega0 * b.omega0Dot;
    assertRelative(expected, t.tangent(), "pendulum");
  }

  @Test
  void gmmSmall() {
    GmmSmallBench b = new GmmSmallBench();
    b.d = 10;
    b.k = 25;
    b.n = 10;
    b.setup();
    checkGmm(b.fx, b.tangent(), b.primal());
  }

  @Test
  void gmmStandardSizes() {
    // d=10 at the benchmark's n; d=64 at a smaller n (same code path, 53,625 inputs)
    for (int[] size : new int[][] {{10, 1000}, {64, 100}}) {
      GmmBench b = new GmmBench();
      b.d = size[0];
      b.k = 25;
      b.n = size[1];
      b.setup();
      checkGmm(b.fx, b.tangent(), b.primal());
    }
  }

  @Test
  void gmmFixtureIsTheSeed42Instance() {
    GmmBench b = new GmmBench();
    b.d = 10;
    b.k = 25;
    b.n = 1000;
    b.setup();
    Fixtures.GmmInstance g = Fixtures.gmm(10, 25, 1000, 42);
    assertEquals(Gmm.objective(g.alpha, g.means, g.icf, g.x, g.gamma, g.m), b.primal(), 0.0);
    assertEquals(10, b.fx.gMeans[0].length);
    assertEquals(55, b.fx.gIcf[0].length);
    assertEquals(55, b.fx.icfDot[24].length);
  }

  private static void checkGmm(GmmFixture fx, Dual t, double primal) {
    Fixtures.GmmInstance g = fx.g;
    GmmAdjoint.ObjectiveGradient grad = GmmAdjoint.objective(g.alpha, g.means, g.icf, g.x, g.gamma, g.m);
    double[] gradient = WorkloadGradientsTest.flatten(grad.alpha, grad.means, grad.icf);
    double[] direction = WorkloadGradientsTest.flatten(fx.alphaDot, fx.meansDot, fx.icfDot);
    assertEquals(primal, t.value(), 0.0);
    assertRelative(dot(gradient, direction), t.tangent(), "d=" + g.means[0].length + " n=" + g.x.length);
  }

  @Test
  void ba() {
    BaBench b = new BaBench();
    b.observations = 31843;
    b.setup();
    Fixtures.BaInstance ba = b.ba;
    double[] direction = new double[15];
    System.arraycopy(b.cameraDot, 0, direction, 0, 11);
    System.arraycopy(b.pointDot, 0, direction, 11, 3);
    direction[14] = b.wDot;
    for (int o = 0; o < ba.observations(); o++) {
      double[] cam = ba.cameras[ba.camIndex[o]];
      double[] pt = ba.points[ba.ptIndex[o]];
      double w = ba.weights[o];
      double[] r = b.residualTangent(o);
      double[][] jac = BaAdjoint.residualJacobian(cam, pt, w, ba.features[o]);
      double[] primal = Ba.residual(cam, pt, w, ba.features[o]);
      for (int row = 0; row < 2; row++) {
        assertEquals(primal[row], r[row], 0.0);
        assertRelative(dot(jac[row], direction), b.residualDot[row], "observation " + o + ", row " + row);
      }
      Dual e = b.weightTangent(o);
      assertEquals(Ba.weightError(w), e.value(), 0.0);
      assertRelative(BaAdjoint.weightError(w).w * b.wDot, e.tangent(), "weight of observation " + o);
    }
  }

  static double dot(double[] a, double[] b) {
    assertEquals(a.length, b.length);
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static void assertRelative(double expected, double actual, String what) {
    assertTrue(Math.abs(expected - actual) <= RELATIVE * Math.abs(expected),
        () -> what + ": expected " + expected + ", got " + actual + " (relative error "
            + Math.abs(expected - actual) / Math.abs(expected) + ")");
  }
}
