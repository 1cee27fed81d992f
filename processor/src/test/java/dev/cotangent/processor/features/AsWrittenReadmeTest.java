package dev.cotangent.processor.features;

import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * The examples of the README's section "Java as it is written", with the helper bodies the README
 * elides, checked by {@link GradientCheck} (central differences, tangent, dot test, pullback
 * contract, the caller's arrays after every companion).
 */
class AsWrittenReadmeTest {
  static final FunctionGroup README =
      FunctionGroup.of("features.aswritten", "AsWritten")
          .members(
              """
              static double[] dense(double[][] w, double[] b, double[] x) {
                double[] out = new double[b.length];
                for (int i = 0; i < b.length; i++) {
                  double s = b[i];
                  for (int j = 0; j < x.length; j++) {
                    s += w[i][j] * x[j];
                  }
                  out[i] = s;
                }
                return out;
              }

              static double[] relu(double[] z) {
                double[] out = new double[z.length];
                for (int i = 0; i < z.length; i++) {
                  out[i] = Math.max(0, z[i]);
                }
                return out;
              }

              static void matVec(double[][] a, double[] x, double[] y) {
                for (int i = 0; i < y.length; i++) {
                  double s = 0;
                  for (int j = 0; j < x.length; j++) {
                    s += a[i][j] * x[j];
                  }
                  y[i] = s;
                }
              }

              @Differentiable
              static void axpy(double alpha, double[] x, double[] y) {
                for (int i = 0; i < y.length; i++) {
                  y[i] += alpha * x[i];
                }
              }
              """)
          .function(
              "loss",
              """
              @Differentiable
              static double loss(double[][] w1, double[] b1, double[][] w2, double[] b2, double[] x) {
                double[] out = dense(w2, b2, relu(dense(w1, b1, x)));
                double s = 0;
                for (double o : out) {
                  s += o * o;
                }
                return s;
              }
              """)
          .function(
              "f",
              """
              @Differentiable
              static double f(double[][] a, double[] x, double[][] m) {
                double[] y = new double[a.length];
                matVec(a, x, y);
                axpy(0.5, y, m[1]);
                return y[0] * m[1][0];
              }
              """)
          .function(
              "pick",
              """
              @Differentiable
              static double pick(double x, int k) {
                double y = switch (k % 3) {
                  case 0 -> Math.sin(x);
                  case 1, 2 -> {
                    double t = 0.5 * x;
                    yield t * t;
                  }
                  default -> x;
                };
                switch (k) {
                  case 0:
                    y = y * 2;       // falls through
                  case 1:
                    y = y + x;
                    break;
                  default:
                    y = -y;
                }
                return y;
              }
              """)
          .function(
              "guarded",
              """
              @Differentiable
              static double guarded(double[] x) {
                if (x.length == 0) {
                  throw new IllegalArgumentException("empty input, n = " + x.length);
                }
                double s = 0;
                for (double v : x) {
                  s += v * v;
                }
                return Math.sqrt(s);
              }
              """);

  @Test
  void aTwoLayerNetworkFromHelpers() {
    GradientCheck.of(README, "loss")
        .differentiable("w1", "b1", "w2", "b2", "x")
        .uniformMatrix("w1", 3, 2, -1, 1)
        .uniformArray("b1", 3, -1, 1)
        .uniformMatrix("w2", 2, 3, -1, 1)
        .uniformArray("b2", 2, -1, 1)
        .uniformArray("x", 2, -1, 1)
        .checkAll();
  }

  @Test
  void anOutParameterAndAnUpdateOfARow() {
    GradientCheck.of(README, "f")
        .differentiable("a", "x", "m")
        .uniformMatrix("a", 3, 2, -1, 1)
        .uniformArray("x", 2, -1, 1)
        .uniformMatrix("m", 2, 3, -1, 1)
        .checkAll();
  }

  @Test
  void switchStatementAndExpression() {
    GradientCheck.of(README, "pick")
        .differentiable("x")
        .uniform("x", -1, 1)
        .ints("k", 0, 5)
        .checkAll();
  }

  @Test
  void aGuardClause() {
    GradientCheck.of(README, "guarded")
        .differentiable("x")
        .uniformArray("x", 1, 4, 0.5, 1.5)
        .checkAll();
  }
}
