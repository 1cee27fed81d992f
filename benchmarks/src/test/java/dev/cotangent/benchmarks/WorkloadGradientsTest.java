package dev.cotangent.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cotangent.runtime.GradientCheck;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The workloads and their derivatives: the GMM reference value, and every gradient (generated,
 * hand-written, Hipparchus, the benchmark's own finite differences) against central differences
 * with Richardson extrapolation.
 */
class WorkloadGradientsTest {

  // ---- GMM ----------------------------------------------------------------------------------

  @Test
  void gmmReferenceFixtureValue() {
    Fixtures.GmmInstance g = Fixtures.gmmReference();
    double f = Gmm.objective(g.alpha, g.means, g.icf, g.x, g.gamma, g.m);
    assertEquals(8.07380408004975791, f, 1e-12 * 8.07380408004975791);
    // every companion returns exactly the primal's value
    GmmAdjoint.ObjectiveGradient grad = GmmAdjoint.objective(g.alpha, g.means, g.icf, g.x, g.gamma, g.m);
    assertEquals(f, grad.value, 0.0);
  }

  @Test
  void gmmReferenceFixtureGradient() {
    checkGmm(Fixtures.gmmReference(), 1e-7);
  }

  @Test
  void gmmRandomInstanceGradient() {
    checkGmm(Fixtures.gmm(4, 5, 20, 11), 1e-7);
  }

  @Test
  void gmmWishartPriorWithNonzeroM() {
    Fixtures.GmmInstance g = Fixtures.gmm(3, 4, 6, 5);
    ToDoubleFunction<double[]> f = v -> {
      Fixtures.GmmInstance u = unflatten(g, v);
      return Gmm.objective(u.alpha, u.means, u.icf, u.x, 1.7, 2);
    };
    GmmAdjoint.ObjectiveGradient gen = GmmAdjoint.objective(g.alpha, g.means, g.icf, g.x, 1.7, 2);
    double[] generated = flatten(gen.alpha, gen.means, gen.icf);
    GradientCheck.Result r = GradientCheck.gradient(generated, f, flatten(g.alpha, g.means, g.icf), 1e-7);
    assertTrue(r.passed(), r::toString);
    double[] gA = new double[4];
    double[][] gM = new double[4][3];
    double[][] gI = new double[4][6];
    double v = GmmHand.gradient(g.alpha, g.means, g.icf, g.x, 1.7, 2, gA, gM, gI);
    assertEquals(gen.value, v, 1e-12 * Math.abs(v));
    assertClose(generated, flatten(gA, gM, gI), 1e-10);
  }

  private static void checkGmm(Fixtures.GmmInstance g, double tol) {
    int k = g.alpha.length;
    int d = g.means[0].length;
    ToDoubleFunction<double[]> f = v -> {
      Fixtures.GmmInstance u = unflatten(g, v);
      return Gmm.objective(u.alpha, u.means, u.icf, u.x, u.gamma, u.m);
    };
    double[] point = flatten(g.alpha, g.means, g.icf);
    GmmAdjoint.ObjectiveGradient gen = GmmAdjoint.objective(g.alpha, g.means, g.icf, g.x, g.gamma, g.m);
    double[] generated = flatten(gen.alpha, gen.means, gen.icf);
    GradientCheck.Result r = GradientCheck.gradient(generated, f, point, tol);
    assertTrue(r.passed(), () -> "generated: " + r);

    // the baselines compute the same gradient
    double[] gA = new double[k];
    double[][] gM = new double[k][d];
    double[][] gI = new double[k][d * (d + 1) / 2];
    double value = GmmHand.gradient(g.alpha, g.means, g.icf, g.x, g.gamma, g.m, gA, gM, gI);
    assertEquals(gen.value, value, 1e-12 * Math.abs(value));
    assertClose(generated, flatten(gA, gM, gI), 1e-10);
    assertClose(generated, Forward.gmm(g.alpha, g.means, g.icf, g.x, g.gamma, g.m).getGradient(), 1e-10);
    FiniteDifferences.gmm(g.alpha, g.means, g.icf, g.x, g.gamma, g.m, gA, gM, gI);
    assertClose(generated, flatten(gA, gM, gI), 1e-6);
  }

  static double[] flatten(double[] a, double[][] b, double[][] c) {
    int size = a.length;
    for (double[] row : b) {
      size += row.length;
    }
    for (double[] row : c) {
      size += row.length;
    }
    double[] out = new double[size];
    int at = 0;
    System.arraycopy(a, 0, out, at, a.length);
    at += a.length;
    for (double[] row : b) {
      System.arraycopy(row, 0, out, at, row.length);
      at += row.length;
    }
    for (double[] row : c) {
      System.arraycopy(row, 0, out, at, row.length);
      at += row.length;
    }
    return out;
  }

  static Fixtures.GmmInstance unflatten(Fixtures.GmmInstance shape, double[] v) {
    int k = shape.alpha.length;
    int d = shape.means[0].length;
    int m = shape.icf[0].length;
    Fixtures.GmmInstance u = Fixtures.gmm(d, k, shape.x.length, 0);
    int at = 0;
    for (int c = 0; c < k; c++) {
      u.alpha[c] = v[at++];
    }
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        u.means[c][j] = v[at++];
      }
    }
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < m; j++) {
        u.icf[c][j] = v[at++];
      }
    }
    for (int i = 0; i < shape.x.length; i++) {
      System.arraycopy(shape.x[i], 0, u.x[i], 0, d);
    }
    return u;
  }

  static void assertClose(double[] expected, double[] actual, double tol) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      double scale = Math.max(1.0, Math.abs(expected[i]));
      int at = i;
      assertTrue(Math.abs(expected[i] - actual[i]) <= tol * scale,
          () -> "index " + at + ": expected " + expected[at] + ", got " + actual[at]);
    }
  }

  // ---- BA -----------------------------------------------------------------------------------

  @Test
  void baJacobianMatchesCentralDifferences() {
    Fixtures.BaInstance ba = Fixtures.ba(3, 10, 20, 9);
    for (int o = 0; o < ba.observations(); o++) {
      checkBa(ba.cameras[ba.camIndex[o]], ba.points[ba.ptIndex[o]], ba.weights[o], ba.features[o]);
    }
  }

  @Test
  void baJacobianAtZeroRotation() {
    Fixtures.BaInstance ba = Fixtures.ba(1, 1, 1, 4);
    double[] cam = ba.cameras[0].clone();
    cam[0] = cam[1] = cam[2] = 0;
    // the first-order branch: its Jacobian is that branch's (checked against Hipparchus on the
    // same branch; finite differences would cross into the other branch)
    double[][] jac = BaAdjoint.residualJacobian(cam, ba.points[0], ba.weights[0], ba.features[0]);
    double[] fwd = new double[30];
    Forward.ba(cam, ba.points[0], ba.weights[0], ba.features[0], fwd);
    assertClose(fwd, flattenRows(jac), 1e-10);
  }

  private static void checkBa(double[] cam, double[] pt, double w, double[] feat) {
    double[][] jac = BaAdjoint.residualJacobian(cam, pt, w, feat);
    double[] input = new double[15];
    System.arraycopy(cam, 0, input, 0, 11);
    System.arraycopy(pt, 0, input, 11, 3);
    input[14] = w;
    for (int row = 0; row < 2; row++) {
      int r = row;
      ToDoubleFunction<double[]> f = v -> Ba.residual(
          java.util.Arrays.copyOfRange(v, 0, 11), java.util.Arrays.copyOfRange(v, 11, 14), v[14], feat)[r];
      GradientCheck.Result res = GradientCheck.gradient(jac[row], f, input, 1e-6);
      assertTrue(res.passed(), () -> "row " + r + ": " + res);
    }
    // two pullbacks give the same block
    BaAdjoint.ResidualGradient h = new BaAdjoint.ResidualGradient(cam, pt);
    double[] pulled = new double[30];
    BaAdjoint.residual(cam, pt, w, feat, new double[] {1, 0}, h);
    BaBench.copyRow(h, pulled, 0);
    h.clear();
    BaAdjoint.residual(cam, pt, w, feat, new double[] {0, 1}, h);
    BaBench.copyRow(h, pulled, 15);
    assertClose(flattenRows(jac), pulled, 0.0);
    // into a caller's matrix with a caller's holder, both holding another block's numbers: the
    // same block, in the same matrix (what BaBench.cotangentJacobian measures)
    double[][] block = new double[2][15];
    java.util.Arrays.fill(block[0], 7.0);
    java.util.Arrays.fill(block[1], -3.0);
    h.w = 5.0;
    h.camera[0] = 99.0;
    assertSame(block, BaAdjoint.residualJacobian(cam, pt, w, feat, block, h));
    assertClose(flattenRows(jac), flattenRows(block), 0.0);
    // the baselines
    double[] fwd = new double[30];
    assertEquals(-2 * w, Forward.ba(cam, pt, w, feat, fwd), 1e-15);
    assertClose(flattenRows(jac), fwd, 1e-10);
    double[] fd = new double[30];
    FiniteDifferences.ba(cam, pt, w, feat, fd);
    assertClose(flattenRows(jac), fd, 1e-5);
    assertEquals(-2 * w, BaAdjoint.weightError(w).w, 0.0);
  }

  static double[] flattenRows(double[][] m) {
    double[] out = new double[m.length * m[0].length];
    for (int i = 0; i < m.length; i++) {
      System.arraycopy(m[i], 0, out, i * m[0].length, m[0].length);
    }
    return out;
  }

  // ---- Rosenbrock ---------------------------------------------------------------------------

  @Test
  void rosenbrockGradients() {
    for (int n : new int[] {2, 10, 100}) {
      double[] x = Fixtures.rosenbrock(n, n);
      RosenbrockAdjoint.ValueGradient g = RosenbrockAdjoint.value(x);
      GradientCheck.Result r = GradientCheck.gradient(g.x, Rosenbrock::value, x, 1e-8);
      assertTrue(r.passed(), () -> "n=" + n + ": " + r);
      double[] hand = new double[n];
      assertEquals(g.value, Rosenbrock.gradient(x, hand), 1e-12 * Math.abs(g.value));
      assertClose(g.x, hand, 1e-12);
      assertClose(g.x, Forward.rosenbrock(x).getGradient(), 1e-12);
      double[] fd = new double[n];
      FiniteDifferences.rosenbrock(x, fd);
      assertClose(g.x, fd, 1e-5);
    }
  }

  // ---- the long simulation ------------------------------------------------------------------

  @Test
  void pendulumGradient() {
    int steps = 2000;
    double dt = 1e-3;
    double[] p = {0.1, 1.0, 0.0};
    PendulumAdjoint.SimulateGradient g = PendulumAdjoint.simulate(p[0], p[1], p[2], dt, steps);
    double[] generated = {g.damping, g.theta0, g.omega0};
    GradientCheck.Result r = GradientCheck.gradient(generated, v -> Pendulum.simulate(v[0], v[1], v[2], dt, steps), p, 1e-8);
    assertTrue(r.passed(), r::toString);
    assertClose(generated, Forward.pendulum(p[0], p[1], p[2], dt, steps).getGradient(), 1e-9);
    assertEquals(g.damping, PendulumTangent.simulate(p[0], 1, p[1], 0, p[2], 0, dt, steps).tangent(), 1e-12);
    double[] fd = new double[3];
    FiniteDifferences.pendulum(p[0], p[1], p[2], dt, steps, fd);
    assertClose(generated, fd, 1e-6);
  }

  @Test
  void checkpointedPendulumGradientsAreTheTapedOnes() {
    double dt = 1e-3;
    double[] p = {0.1, 1.0, 0.0};
    for (int steps : new int[] {0, 1, 7, 100_000}) {
      PendulumAdjoint.SimulateGradient taped = PendulumAdjoint.simulate(p[0], p[1], p[2], dt, steps);
      double[] expected = {taped.damping, taped.theta0, taped.omega0};
      LongPendulumAdjoint.Simulate5Gradient g5 = LongPendulumAdjoint.simulate5(p[0], p[1], p[2], dt, steps);
      LongPendulumAdjoint.Simulate20Gradient g20 = LongPendulumAdjoint.simulate20(p[0], p[1], p[2], dt, steps);
      LongPendulumAdjoint.Simulate100Gradient g100 = LongPendulumAdjoint.simulate100(p[0], p[1], p[2], dt, steps);
      assertClose(expected, new double[] {g5.damping, g5.theta0, g5.omega0}, 1e-12);
      assertClose(expected, new double[] {g20.damping, g20.theta0, g20.omega0}, 1e-12);
      assertClose(expected, new double[] {g100.damping, g100.theta0, g100.omega0}, 1e-12);
      assertEquals(taped.value, g20.value, 0.0);
      assertEquals(steps, g20.checkpoints(0).trips());
    }
  }
}
