package dev.cotangent.benchmarks;

import dev.cotangent.runtime.Dual;

/**
 * What {@link GmmBench} and {@link GmmSmallBench} share: the fixed-seed instance, the reused
 * gradient holders and forward-mode direction (all allocated once, in the benchmarks' setup), and
 * the operations measured at both sizes.
 */
final class GmmFixture {
  /** The seed of the instance ({@link Fixtures#gmm}). */
  static final long SEED = 42;
  /** The seed of the forward-mode direction (alpha; means and icf use the next two). */
  static final long DIRECTION_SEED = 101;

  final Fixtures.GmmInstance g;
  final GmmAdjoint.ObjectiveGradient into;
  final double[] gAlpha;
  final double[][] gMeans;
  final double[][] gIcf;
  final double[] alphaDot;
  final double[][] meansDot;
  final double[][] icfDot;

  GmmFixture(int d, int k, int n) {
    g = Fixtures.gmm(d, k, n, SEED);
    into = new GmmAdjoint.ObjectiveGradient(g.alpha, g.means, g.icf);
    gAlpha = new double[k];
    gMeans = new double[k][d];
    gIcf = new double[k][d * (d + 1) / 2];
    alphaDot = Fixtures.direction(k, DIRECTION_SEED);
    meansDot = Fixtures.direction(k, d, DIRECTION_SEED + 1);
    icfDot = Fixtures.direction(k, d * (d + 1) / 2, DIRECTION_SEED + 2);
  }

  /** The objective, the {@code @Differentiable} method itself. */
  double primal() {
    return Gmm.objective(g.alpha, g.means, g.icf, g.x, g.gamma, g.m);
  }

  /** The generated pullback into the reused holder (cleared first, as the gradient is added). */
  GmmAdjoint.ObjectiveGradient cotangent() {
    into.clear();
    GmmAdjoint.objective(g.alpha, g.means, g.icf, g.x, g.gamma, g.m, 1.0, into);
    return into;
  }

  /** The allocating call a user writes first: a new holder (and tape) per gradient. */
  GmmAdjoint.ObjectiveGradient cotangentNew() {
    return GmmAdjoint.objective(g.alpha, g.means, g.icf, g.x, g.gamma, g.m);
  }

  /** The hand-written adjoint into {@link #gAlpha}, {@link #gMeans}, {@link #gIcf}. */
  double[][] hand() {
    GmmHand.gradient(g.alpha, g.means, g.icf, g.x, g.gamma, g.m, gAlpha, gMeans, gIcf);
    return gIcf;
  }

  /** One generated tangent sweep: the objective and its derivative along the fixed direction. */
  Dual tangent() {
    return GmmTangent.objective(g.alpha, alphaDot, g.means, meansDot, g.icf, icfDot, g.x, g.gamma, g.m);
  }
}
