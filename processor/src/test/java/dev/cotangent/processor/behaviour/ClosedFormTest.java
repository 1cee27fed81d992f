package dev.cotangent.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.DifferentiableMethod;
import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.runtime.Dual;
import org.junit.jupiter.api.Test;

/**
 * Gradients and tangents against derivatives worked out by hand, independent of finite
 * differences. Tolerances are a few ulps' worth (1e-13 relative), since both sides are exact
 * formulas evaluated in double precision.
 */
class ClosedFormTest {
  static final FunctionGroup CLOSED =
      FunctionGroup.of("behaviour.closed", "Closed")
          .function(
              "x2y",
              """
              @Differentiable
              public static double x2y(double x, double y) {
                return x * x * y;
              }
              """)
          .function(
              "sinExp",
              """
              @Differentiable
              public static double sinExp(double x, double y) {
                return Math.sin(x) * Math.exp(y);
              }
              """)
          .function(
              "ratio",
              """
              @Differentiable
              public static double ratio(double x, double y) {
                return x / y;
              }
              """)
          .function(
              "hypot",
              """
              @Differentiable
              public static double hypot(double x, double y) {
                return Math.hypot(x, y);
              }
              """)
          .function(
              "geometric",
              """
              @Differentiable
              public static double geometric(double x, int n) {
                double r = 0;
                double p = 1;
                for (int i = 0; i < n; i++) {
                  r += p;
                  p *= x;
                }
                return r;
              }
              """)
          .function(
              "twiceSquared",
              """
              @Differentiable
              public static double twiceSquared(double x) {
                for (int i = 0; i < 2; i++) {
                  x = x * x + 1;
                }
                return x;
              }
              """)
          .function(
              "newtonSqrt",
              """
              @Differentiable
              public static double newtonSqrt(double a) {
                double x = a > 1 ? a : 1;
                double prev;
                int it = 0;
                do {
                  prev = x;
                  x = 0.5 * (x + a / x);
                  it++;
                } while (Math.abs(x - prev) > 1e-13 * x && it < 100);
                return x;
              }
              """)
          .function(
              "absProduct",
              """
              @Differentiable
              public static double absProduct(double x, double y) {
                return Math.abs(x) * y;
              }
              """);

  private static final double[][] POINTS = {
    {0.5, 2.0}, {-1.25, 0.75}, {3.0, -0.4}, {0.1, 1.7}, {-2.2, -1.1}
  };

  private static DifferentiableMethod method(String name) {
    assumeFalse(CompiledSources.referenceOnly(), "companions are not generated in reference-only mode");
    return CLOSED.sourcesFor(name).method(CLOSED.className(), name);
  }

  private static void near(double expected, double actual, String what) {
    double tol = 1e-13 * Math.max(1, Math.abs(expected));
    assertEquals(expected, actual, tol, what + ": expected " + expected + ", got " + actual);
  }

  /** Checks the gradient (adjoint), a pullback with seed 2.5, and the tangent along (0.3, −0.7). */
  private static void expect2(DifferentiableMethod m, double x, double y, double dfdx, double dfdy) {
    String at = m.signature() + " at (" + x + ", " + y + ")";
    DifferentiableMethod.Gradient g = m.gradientAt(x, y);
    near(dfdx, g.get(0), at + " ∂f/∂x");
    near(dfdy, g.get(1), at + " ∂f/∂y");
    Object into = m.newHolder();
    m.pullback(new Object[] {x, y}, 2.5, into);
    near(2.5 * dfdx, m.holderGradient(into)[0], at + " pullback(seed 2.5) x");
    near(2.5 * dfdy, m.holderGradient(into)[1], at + " pullback(seed 2.5) y");
    Dual t = m.tangent(new Object[] {x, y}, new double[] {0.3, -0.7});
    near(0.3 * dfdx - 0.7 * dfdy, t.tangent(), at + " tangent along (0.3, -0.7)");
  }

  @Test
  void squareTimesY() {
    DifferentiableMethod m = method("x2y");
    for (double[] p : POINTS) {
      double x = p[0];
      double y = p[1];
      expect2(m, x, y, 2 * x * y, x * x);
    }
  }

  @Test
  void sineTimesExponential() {
    DifferentiableMethod m = method("sinExp");
    for (double[] p : POINTS) {
      double x = p[0];
      double y = p[1];
      expect2(m, x, y, Math.cos(x) * Math.exp(y), Math.sin(x) * Math.exp(y));
    }
  }

  @Test
  void quotient() {
    DifferentiableMethod m = method("ratio");
    for (double[] p : POINTS) {
      double x = p[0];
      double y = p[1];
      expect2(m, x, y, 1 / y, -x / (y * y));
    }
  }

  @Test
  void hypotenuse() {
    DifferentiableMethod m = method("hypot");
    for (double[] p : POINTS) {
      double x = p[0];
      double y = p[1];
      double r = Math.hypot(x, y);
      expect2(m, x, y, x / r, y / r);
    }
  }

  @Test
  void absoluteValueTimesY() {
    DifferentiableMethod m = method("absProduct");
    for (double[] p : POINTS) {
      double x = p[0];
      double y = p[1];
      expect2(m, x, y, Math.signum(x) * y, Math.abs(x));
    }
  }

  @Test
  void geometricSeriesBuiltInALoop() {
    DifferentiableMethod m = method("geometric");
    for (double x : new double[] {-1.3, -0.5, 0.25, 0.9, 1.7}) {
      for (int n = 0; n <= 7; n++) {
        double expected = 0; // d/dx Σ_{i<n} x^i = Σ_{1≤i<n} i·x^(i−1)
        for (int i = 1; i < n; i++) {
          expected += i * Math.pow(x, i - 1);
        }
        String at = "geometric(" + x + ", " + n + ")";
        near(expected, m.gradientAt(x, n).get(0), at);
        near(expected, m.tangent(new Object[] {x, n}, new double[] {1}).tangent(), at + " tangent");
      }
    }
  }

  @Test
  void overwrittenParameter() {
    DifferentiableMethod m = method("twiceSquared");
    for (double x : new double[] {-1.5, -0.3, 0.0, 0.8, 2.0}) {
      // f = (x² + 1)² + 1, f' = 4x(x² + 1)
      near(4 * x * (x * x + 1), m.gradientAt(x).get(0), "twiceSquared(" + x + ")");
      near(4 * x * (x * x + 1), m.tangent(new Object[] {x}, new double[] {1}).tangent(), "tangent at " + x);
    }
  }

  @Test
  void newtonSquareRoot() {
    DifferentiableMethod m = method("newtonSqrt");
    for (double a : new double[] {0.2, 0.7, 2.0, 9.0, 42.0}) {
      DifferentiableMethod.Gradient g = m.gradientAt(a);
      near(Math.sqrt(a), g.value(), "newtonSqrt(" + a + ") value");
      double expected = 0.5 / Math.sqrt(a);
      // the derivative of the last iterate differs from 1/(2√a) by ~ the last step (≤ 1e-13·x)
      assertEquals(expected, g.get(0), 1e-11 * expected, "d newtonSqrt/da at " + a);
      assertEquals(
          expected, m.tangent(new Object[] {a}, new double[] {1}).tangent(), 1e-11 * expected,
          "tangent of newtonSqrt at " + a);
    }
  }
}
