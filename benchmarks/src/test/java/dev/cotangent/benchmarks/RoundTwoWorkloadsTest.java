package dev.cotangent.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cotangent.runtime.GradientCheck;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/**
 * The gradients of issue 23's workloads ({@link Lstm}, {@link LogisticSigmoid}) against central
 * differences with Richardson extrapolation and against the closed form of the logistic loss's
 * gradient, and {@link Paired}'s methods for them against the same numbers.
 */
class RoundTwoWorkloadsTest {
  @Test
  void lstmGradientMatchesCentralDifferences() {
    RoundTwoFixture.LstmInstance s = RoundTwoFixture.lstm(2, 12, 5, 7);
    LstmAdjoint.LossGradient g = LstmAdjoint.loss(s.weight(), s.bias(), s.extra(), s.state(),
        s.sequence());
    assertEquals(s.loss(), g.value, 0);
    GradientCheck.Result r = GradientCheck.holder(g, GradientCheck.point()
            .with("weight", s.weight()).with("bias", s.bias()).with("extra", s.extra()),
        p -> Lstm.loss(p.matrix("weight"), p.matrix("bias"), p.matrix("extra"), s.state(),
            s.sequence()), 1e-7);
    assertTrue(r.passed(), r::toString);
  }

  @Test
  void lstmOfAdbenchSizeMatchesCentralDifferencesAlongADirectionAndPairedsMethodsAgree() {
    RoundTwoFixture.LstmInstance s = RoundTwoFixture.lstm(2, 1024, 14, RoundTwoFixture.SEED);
    LstmAdjoint.LossGradient g = LstmAdjoint.loss(s.weight(), s.bias(), s.extra(), s.state(),
        s.sequence());
    // most components are below what central differences resolve (1e-9: the gates damp early
    // weights), so the whole gradient is checked along a random direction instead
    double[][][] v = {Fixtures.direction(2, 56, 5), Fixtures.direction(2, 56, 6),
        Fixtures.direction(3, 14, 7)};
    double[][][] at = {s.weight(), s.bias(), s.extra()};
    double expected = GradientCheck.difference(t -> Lstm.loss(moved(at[0], v[0], t),
        moved(at[1], v[1], t), moved(at[2], v[2], t), s.state(), s.sequence()), 0).value();
    double actual = dot(g.weight, v[0]) + dot(g.bias, v[1]) + dot(g.extra, v[2]);
    assertEquals(expected, actual, 1e-8 * Math.abs(expected));
    Map<String, DoubleSupplier> m = RoundTwoFixture.lstm();
    assertEquals(s.loss(), m.get("primal").getAsDouble(), 0);
    for (int repeat = 0; repeat < 2; repeat++) { // the reused holder is cleared between calls
      assertEquals(g.weight[0][0], m.get("cotangent").getAsDouble(), 0);
      assertEquals(g.weight[0][0], m.get("cotangentNew").getAsDouble(), 0);
    }
  }

  private static double[][] moved(double[][] x, double[][] v, double t) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i].clone();
      for (int j = 0; j < x[i].length; j++) {
        out[i][j] += t * v[i][j];
      }
    }
    return out;
  }

  private static double dot(double[][] a, double[][] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[i].length; j++) {
        sum += a[i][j] * b[i][j];
      }
    }
    return sum;
  }

  @Test
  void logisticGradientIsTheClosedForm() {
    RoundTwoFixture.LogisticInstance s = RoundTwoFixture.logistic(20_000, 50, RoundTwoFixture.SEED);
    double[] expected = new double[50]; // (1/n) Σ (σ(wᵀx) - y) x
    for (int k = 0; k < s.xs().length; k++) {
      double z = 0;
      for (int j = 0; j < 50; j++) {
        z += s.w()[j] * s.xs()[k][j];
      }
      double residual = 1 / (1 + Math.exp(-z)) - s.ys()[k];
      for (int j = 0; j < 50; j++) {
        expected[j] += residual * s.xs()[k][j] / s.xs().length;
      }
    }
    LogisticSigmoidAdjoint.LossGradient g = LogisticSigmoidAdjoint.loss(s.w(), s.xs(), s.ys());
    assertArrayEquals(expected, g.w, 1e-12);
    Map<String, DoubleSupplier> m = RoundTwoFixture.logistic();
    assertEquals(s.loss(), m.get("primal").getAsDouble(), 0);
    for (int repeat = 0; repeat < 2; repeat++) {
      assertEquals(g.w[0], m.get("cotangent").getAsDouble(), 0);
      assertEquals(g.w[0], m.get("cotangentNew").getAsDouble(), 0);
    }
  }

  @Test
  void logisticGradientMatchesCentralDifferences() {
    RoundTwoFixture.LogisticInstance s = RoundTwoFixture.logistic(200, 8, 11);
    double[] g = LogisticSigmoidAdjoint.loss(s.w(), s.xs(), s.ys()).w;
    GradientCheck.Result r = GradientCheck.gradient(g,
        w -> LogisticSigmoid.loss(w, s.xs(), s.ys()), s.w(), 1e-8);
    assertTrue(r.passed(), r::toString);
  }

  @Test
  void theNewWorkloadsTargetsAreTheIssues() {
    assertEquals(2.0, Paired.target("LSTM l=2 c=1024 b=14", "cotangent"));
    assertEquals(2.5, Paired.target("LSTM l=2 c=1024 b=14", "cotangentNew"));
    assertEquals(2.5, Paired.target("Logistic sigmoid n=20000 d=50", "cotangent"));
    assertEquals(2.5, Paired.target("Logistic sigmoid n=20000 d=50", "cotangentNew"));
    assertEquals(2.0, Paired.target("GMM d=64 K=25 n=1000", "cotangent"));
    assertEquals(3.0, Paired.target("GMM d=10 K=25 n=1000", "cotangentNew"));
  }
}
