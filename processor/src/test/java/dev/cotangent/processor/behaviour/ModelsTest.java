package dev.cotangent.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.DifferentiableMethod;
import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.GradientCheck;
import dev.cotangent.processor.testing.Values;
import dev.cotangent.runtime.Dual;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Small numerical models over arrays: n-dimensional Rosenbrock, a 2–4–1 tanh MLP's squared-error
 * loss, a matrix–vector least-squares loss, and gradient steps written into the parameter array
 * before the loss is taken. Each is checked numerically by {@link GradientCheck} and against a
 * gradient worked out by hand (independent of finite differences).
 */
class ModelsTest {
  static final FunctionGroup MODELS =
      FunctionGroup.of("behaviour.models", "Models")
          .function(
              "rosenbrock",
              """
              @Differentiable
              public static double rosenbrock(double[] x) {
                double s = 0;
                for (int i = 0; i < x.length - 1; i++) {
                  double a = x[i + 1] - x[i] * x[i];
                  double b = 1 - x[i];
                  s += 100 * a * a + b * b;
                }
                return s;
              }
              """)
          .function(
              "mlp",
              """
              @Differentiable
              public static double mlp(double[][] w1, double[] b1, double[] w2, double b2,
                  @NoDerivative double[][] xs, @NoDerivative double[] ys) {
                double loss = 0;
                for (int s = 0; s < xs.length; s++) {
                  double[] h = new double[b1.length];
                  for (int j = 0; j < h.length; j++) {
                    double z = b1[j];
                    for (int k = 0; k < xs[s].length; k++) {
                      z += w1[j][k] * xs[s][k];
                    }
                    h[j] = Math.tanh(z);
                  }
                  double out = b2;
                  for (int j = 0; j < h.length; j++) {
                    out += w2[j] * h[j];
                  }
                  double e = out - ys[s];
                  loss += e * e;
                }
                return loss;
              }
              """)
          .function(
              "leastSquares",
              """
              @Differentiable
              public static double leastSquares(double[][] a, double[] x, @NoDerivative double[] b) {
                double[] r = new double[a.length];
                for (int i = 0; i < a.length; i++) {
                  for (int j = 0; j < x.length; j++) {
                    r[i] += a[i][j] * x[j];
                  }
                  r[i] -= b[i];
                }
                double s = 0;
                for (double ri : r) {
                  s += ri * ri;
                }
                return 0.5 * s;
              }
              """)
          .function(
              "gradientSteps",
              """
              @Differentiable
              public static double gradientSteps(double[] w, @NoDerivative double[] target, double lr,
                  int steps) {
                for (int t = 0; t < steps; t++) {
                  for (int i = 0; i < w.length; i++) {
                    double g = 2 * (w[i] - target[i]) + 0.5 * Math.sin(w[i]);
                    if (i > 0) {
                      g += w[i] - w[i - 1];
                    }
                    w[i] -= lr * g;
                  }
                }
                double loss = 0;
                for (int i = 0; i < w.length; i++) {
                  double d = w[i] - target[i];
                  loss += d * d + Math.cos(w[i]);
                }
                return loss;
              }
              """);

  private static DifferentiableMethod method(String name) {
    assumeFalse(CompiledSources.referenceOnly(), "companions are not generated in reference-only mode");
    return MODELS.sourcesFor(name).method(MODELS.className(), name);
  }

  private static void near(double expected, double actual, String what) {
    double tol = 1e-11 * Math.max(1, Math.abs(expected));
    assertEquals(expected, actual, tol, what + ": expected " + expected + ", got " + actual);
  }

  // ------------------------------------------------------------------ Rosenbrock

  private static GradientCheck rosenbrock(int n) {
    return GradientCheck.of(MODELS, "rosenbrock").differentiable("x").uniformArray("x", n, -2, 2);
  }

  @Test
  void rosenbrockTwoDimensions() {
    rosenbrock(2).points(8).at((Object) new double[] {1, 1}).at((Object) new double[] {-1.2, 1}).checkAll();
  }

  @Test
  void rosenbrockFiveDimensions() {
    rosenbrock(5).points(6).at((Object) new double[] {1, 1, 1, 1, 1}).checkAll();
  }

  @Test
  void rosenbrockThirtyDimensions() {
    rosenbrock(30).points(3).checkAll();
  }

  @Test
  void rosenbrockClosedForm() {
    DifferentiableMethod m = method("rosenbrock");
    Random random = new Random(7);
    for (int n : new int[] {2, 5, 30}) {
      for (int rep = 0; rep < 3; rep++) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
          x[i] = rep == 0 ? 1 : -2 + 4 * random.nextDouble();
        }
        double[] expected = new double[n];
        for (int i = 0; i < n - 1; i++) {
          expected[i] += -400 * x[i] * (x[i + 1] - x[i] * x[i]) - 2 * (1 - x[i]);
          expected[i + 1] += 200 * (x[i + 1] - x[i] * x[i]);
        }
        Object h = m.gradient(new Object[] {x.clone()});
        double[] g = (double[]) m.holderField(h, "x");
        for (int i = 0; i < n; i++) {
          near(expected[i], g[i], "rosenbrock n=" + n + " ∂/∂x[" + i + "] at " + Arrays.toString(x));
        }
        if (rep == 0) {
          assertEquals(0.0, m.holderValue(h), "value at the minimum");
          assertArrayEquals(new double[n], g, 0.0, "gradient at the minimum (1, …, 1)");
        }
      }
    }
  }

  // ------------------------------------------------------------------ MLP

  private static final double[][] XS = {{0.5, -1.0}, {1.5, 0.25}, {-0.75, 0.8}, {0.1, 1.9}, {-1.2, -0.4}};
  private static final double[] YS = {0.3, -0.8, 1.1, 0.4, -0.2};

  @Test
  void mlpLoss() {
    GradientCheck.of(MODELS, "mlp")
        .differentiable("w1", "b1", "w2", "b2")
        .uniformMatrix("w1", 4, 2, -1.2, 1.2)
        .uniformArray("b1", 4, -0.5, 0.5)
        .uniformArray("w2", 4, -1.2, 1.2)
        .uniform("b2", -0.5, 0.5)
        .fixed("xs", XS)
        .fixed("ys", YS)
        .points(5)
        .checkAll();
  }

  @Test
  void mlpClosedFormBackprop() {
    DifferentiableMethod m = method("mlp");
    Random random = new Random(11);
    for (int rep = 0; rep < 4; rep++) {
      double[][] w1 = new double[4][2];
      double[] b1 = new double[4];
      double[] w2 = new double[4];
      for (int j = 0; j < 4; j++) {
        w1[j][0] = random.nextGaussian();
        w1[j][1] = random.nextGaussian();
        b1[j] = 0.3 * random.nextGaussian();
        w2[j] = random.nextGaussian();
      }
      double b2 = 0.2;
      // hand-written backpropagation
      double[][] gw1 = new double[4][2];
      double[] gb1 = new double[4];
      double[] gw2 = new double[4];
      double gb2 = 0;
      double loss = 0;
      for (int s = 0; s < XS.length; s++) {
        double[] h = new double[4];
        double out = b2;
        for (int j = 0; j < 4; j++) {
          h[j] = Math.tanh(b1[j] + w1[j][0] * XS[s][0] + w1[j][1] * XS[s][1]);
          out += w2[j] * h[j];
        }
        double e = out - YS[s];
        loss += e * e;
        double dOut = 2 * e;
        gb2 += dOut;
        for (int j = 0; j < 4; j++) {
          gw2[j] += dOut * h[j];
          double dz = dOut * w2[j] * (1 - h[j] * h[j]);
          gb1[j] += dz;
          gw1[j][0] += dz * XS[s][0];
          gw1[j][1] += dz * XS[s][1];
        }
      }
      Object[] args = {w1, b1, w2, b2, Values.copy(XS), YS.clone()};
      Object h = m.gradient(args);
      near(loss, m.holderValue(h), "mlp loss");
      double[][] aw1 = (double[][]) m.holderField(h, "w1");
      for (int j = 0; j < 4; j++) {
        near(gw1[j][0], aw1[j][0], "∂/∂w1[" + j + "][0]");
        near(gw1[j][1], aw1[j][1], "∂/∂w1[" + j + "][1]");
        near(gb1[j], ((double[]) m.holderField(h, "b1"))[j], "∂/∂b1[" + j + "]");
        near(gw2[j], ((double[]) m.holderField(h, "w2"))[j], "∂/∂w2[" + j + "]");
      }
      near(gb2, (Double) m.holderField(h, "b2"), "∂/∂b2");
    }
  }

  // ------------------------------------------------------------------ least squares

  @Test
  void leastSquaresLoss() {
    GradientCheck.of(MODELS, "leastSquares")
        .differentiable("a", "x")
        .generate(
            "a",
            (r, p) -> {
              double[][] a = new double[1 + r.nextInt(5)][1 + r.nextInt(4)];
              for (double[] row : a) {
                for (int j = 0; j < row.length; j++) {
                  row[j] = -2 + 4 * r.nextDouble();
                }
              }
              return a;
            })
        .generate("x", (r, p) -> random(r, p.m("a")[0].length))
        .generate("b", (r, p) -> random(r, p.m("a").length))
        .points(8)
        .checkAll();
  }

  private static double[] random(Random r, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = -2 + 4 * r.nextDouble();
    }
    return v;
  }

  @Test
  void leastSquaresClosedForm() {
    DifferentiableMethod m = method("leastSquares");
    double[][] a = {{1.0, 2.0, -0.5}, {0.25, -1.5, 3.0}, {2.0, 0.0, 1.0}, {-1.0, 0.75, 0.5}};
    double[] x = {0.3, -1.2, 0.8};
    double[] b = {1.0, -2.0, 0.5, 0.25};
    double[] r = new double[4];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 3; j++) {
        r[i] += a[i][j] * x[j];
      }
      r[i] -= b[i];
    }
    Object h = m.gradient(new Object[] {a, x, b});
    double[][] ga = (double[][]) m.holderField(h, "a");
    double[] gx = (double[]) m.holderField(h, "x");
    for (int j = 0; j < 3; j++) {
      double expected = 0; // (Aᵀr)_j
      for (int i = 0; i < 4; i++) {
        expected += a[i][j] * r[i];
        near(r[i] * x[j], ga[i][j], "∂/∂a[" + i + "][" + j + "] = r_i·x_j");
      }
      near(expected, gx[j], "∂/∂x[" + j + "] = (Aᵀr)_j");
    }
  }

  // ------------------------------------------------------------------ in-place updates

  @Test
  void gradientStepsWrittenIntoTheParameter() {
    GradientCheck.of(MODELS, "gradientSteps")
        .differentiable("w", "lr")
        .uniformArray("w", 1, 6, -1.5, 1.5)
        .uniformArray("target", 6, -1, 1)
        .uniform("lr", 0.01, 0.2)
        .ints("steps", 0, 8)
        .points(8)
        .at(new double[] {0.5, -1.0, 0.25}, new double[] {0.1, 0.2, 0.3}, 0.1, 0)
        .checkAll();
  }

  /** The update, written independently of the method under test. */
  private static double[] stepped(double[] w0, double[] target, double lr, int steps) {
    double[] w = w0.clone();
    for (int t = 0; t < steps; t++) {
      for (int i = 0; i < w.length; i++) {
        double g = 2 * (w[i] - target[i]) + 0.5 * Math.sin(w[i]) + (i > 0 ? w[i] - w[i - 1] : 0);
        w[i] -= lr * g;
      }
    }
    return w;
  }

  @Test
  void callerSeesTheUpdatedParameterAfterEveryCompanion() {
    DifferentiableMethod m = method("gradientSteps");
    double[] w0 = {0.8, -0.3, 1.2, 0.1};
    double[] target = {0.5, 0.25, -0.5, 1.0};
    double lr = 0.1;
    int steps = 5;
    double[] expected = stepped(w0, target, lr, steps);

    double[] w = w0.clone();
    Object h = m.gradient(new Object[] {w, target, lr, steps});
    assertArrayEquals(expected, w, 0.0, "w after CAdjoint.gradientSteps");
    double[] g = m.holderGradient(h);

    w = w0.clone();
    Object into = m.newHolder(new Object[] {w0, target, lr, steps});
    m.pullback(new Object[] {w, target, lr, steps}, 2.0, into);
    assertArrayEquals(expected, w, 0.0, "w after the pullback");
    double[] pulled = m.holderGradient(into);
    for (int k = 0; k < g.length; k++) {
      near(2 * g[k], pulled[k], "pullback(seed 2) coordinate " + k);
    }

    w = w0.clone();
    double[] wDot = {1.0, 0.0, 0.0, 0.0};
    Dual t = m.tangentWith(new Object[] {w, target, lr, steps}, new Object[] {wDot, 0.0});
    assertArrayEquals(expected, w, 0.0, "w after the tangent");
    near(g[0], t.tangent(), "tangent along wDot = e0 equals ∂f/∂w[0]");
    // wDot now holds ∂(final w)/∂w0[0]; check it with a central difference of the update alone
    double eps = 1e-6;
    double[] plus = w0.clone();
    double[] minus = w0.clone();
    plus[0] += eps;
    minus[0] -= eps;
    double[] up = stepped(plus, target, lr, steps);
    double[] down = stepped(minus, target, lr, steps);
    for (int i = 0; i < w0.length; i++) {
      double fd = (up[i] - down[i]) / (2 * eps);
      assertEquals(fd, wDot[i], 1e-7, "wDot[" + i + "] after the tangent = ∂(final w[" + i + "])/∂w[0]");
    }
    // the holder's gradient array did not alias the caller's array
    assertArrayEquals(expected, w, 0.0);
    assertEquals(w0.length, ((double[]) m.holderField(h, "w")).length);
  }
}
