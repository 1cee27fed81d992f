package dev.cotangent.processor.second;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.SecondOrderMethod;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Second-order companions against Hessians worked out by hand: Rosenbrock's tridiagonal
 * Hessian, a quadratic form's symmetric part, the logistic loss's {@code Σ σ(1−σ) x xᵀ}, and
 * small closed forms in two variables. Both the dense Hessian and Hessian-vector products are
 * compared with the formulas (relative 1e-12: both sides are exact formulas in double).
 */
class ClosedFormHessianTest {
  static final FunctionGroup CLOSED = FunctionGroup.of("second.closed", "Closed")
      .function("rosenbrock", """
          @Differentiable(order = 2)
          public static double rosenbrock(double[] x) {
            double sum = 0;
            for (int i = 0; i + 1 < x.length; i++) {
              double a = x[i + 1] - x[i] * x[i];
              double b = 1 - x[i];
              sum += 100 * a * a + b * b;
            }
            return sum;
          }
          """)
      .function("quadratic", """
          @Differentiable(order = 2)
          public static double quadratic(@NoDerivative double[][] a, double[] x) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
              for (int j = 0; j < x.length; j++) {
                s += 0.5 * x[i] * a[i][j] * x[j];
              }
            }
            return s;
          }
          """)
      .function("logistic", """
          @Differentiable(order = 2)
          public static double logistic(double[] w, @NoDerivative double[][] data,
              @NoDerivative double[] labels) {
            double loss = 0;
            for (int i = 0; i < data.length; i++) {
              double z = 0;
              for (int j = 0; j < w.length; j++) {
                z += w[j] * data[i][j];
              }
              loss += Math.log(1 + Math.exp(-labels[i] * z));
            }
            return loss;
          }
          """)
      .function("x2y", """
          @Differentiable(order = 2)
          public static double x2y(double x, double y) {
            return x * x * y;
          }
          """)
      .function("sinExp", """
          @Differentiable(order = 2)
          public static double sinExp(double x, double y) {
            return Math.sin(x) * Math.exp(y);
          }
          """);

  private static SecondOrderMethod method(String name, Class<?>[] types, boolean... d) {
    assumeFalse(CompiledSources.referenceOnly(), "no companions in reference-only mode");
    return new SecondOrderMethod(CLOSED.sourcesFor(name), CLOSED.className(), name, types, d);
  }

  private static void near(double[][] expected, double[][] actual, String what) {
    for (int i = 0; i < expected.length; i++) {
      for (int j = 0; j < expected.length; j++) {
        double tol = 1e-12 * Math.max(1, Math.abs(expected[i][j]));
        assertEquals(expected[i][j], actual[i][j], tol, what + " [" + i + "][" + j + "]");
      }
    }
  }

  /** The product along each unit direction is the Hessian's row. */
  private static void productsAreRows(SecondOrderMethod m, Object[] args, double[][] h,
      int[] shape) {
    int n = h.length;
    for (int j = 0; j < n; j++) {
      double[] e = new double[n];
      e[j] = 1;
      double[] hv = m.product(args, directions(e, shape)).hv();
      for (int i = 0; i < n; i++) {
        assertEquals(h[j][i], hv[i], 1e-12 * Math.max(1, Math.abs(h[j][i])), "H e_" + j);
      }
    }
  }

  /** A flat vector as directions: a scalar for each 0 in {@code shape}, else an array. */
  static Object[] directions(double[] flat, int[] shape) {
    Object[] out = new Object[shape.length];
    int at = 0;
    for (int k = 0; k < shape.length; k++) {
      if (shape[k] == 0) {
        out[k] = flat[at++];
      } else {
        out[k] = java.util.Arrays.copyOfRange(flat, at, at + shape[k]);
        at += shape[k];
      }
    }
    return out;
  }

  @Test
  void rosenbrockHasItsTridiagonalHessian() {
    SecondOrderMethod m = method("rosenbrock", new Class<?>[] {double[].class}, true);
    double[] x = {-1.2, 1.0, 0.3, 2.5, -0.7};
    int n = x.length;
    double[][] expected = new double[n][n];
    for (int i = 0; i + 1 < n; i++) {
      expected[i][i] += 1200 * x[i] * x[i] - 400 * x[i + 1] + 2;
      expected[i + 1][i + 1] += 200;
      expected[i][i + 1] = -400 * x[i];
      expected[i + 1][i] = -400 * x[i];
    }
    Object[] args = {x};
    near(expected, m.hessian(args), "Rosenbrock");
    productsAreRows(m, args, expected, new int[] {n});
  }

  @Test
  void quadraticFormHasTheSymmetricPart() {
    SecondOrderMethod m = method("quadratic",
        new Class<?>[] {double[][].class, double[].class}, false, true);
    double[][] a = {{2, 1, -3}, {0.5, 4, 1}, {2, -1, 3}};
    double[] x = {0.3, -1.1, 2.0};
    double[][] expected = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        expected[i][j] = 0.5 * (a[i][j] + a[j][i]);
      }
    }
    near(expected, m.hessian(a, x), "quadratic form");
    productsAreRows(m, new Object[] {a, x}, expected, new int[] {3});
  }

  @Test
  void logisticLossHasTheWeightedOuterProducts() {
    SecondOrderMethod m = method("logistic",
        new Class<?>[] {double[].class, double[][].class, double[].class}, true, false, false);
    Random random = new Random(7);
    int d = 4;
    double[][] data = new double[9][d];
    double[] labels = new double[9];
    for (int i = 0; i < data.length; i++) {
      for (int j = 0; j < d; j++) {
        data[i][j] = random.nextGaussian();
      }
      labels[i] = random.nextBoolean() ? 1 : -1;
    }
    double[] w = {0.4, -0.3, 0.8, 0.1};
    double[][] expected = new double[d][d];
    for (int i = 0; i < data.length; i++) {
      double z = 0;
      for (int j = 0; j < d; j++) {
        z += w[j] * data[i][j];
      }
      double s = 1 / (1 + Math.exp(-labels[i] * z));
      for (int j = 0; j < d; j++) {
        for (int k = 0; k < d; k++) {
          expected[j][k] += s * (1 - s) * data[i][j] * data[i][k];
        }
      }
    }
    near(expected, m.hessian(w, data, labels), "logistic loss");
    productsAreRows(m, new Object[] {w, data, labels}, expected, new int[] {d});
  }

  @Test
  void smallClosedForms() {
    SecondOrderMethod x2y = method("x2y", new Class<?>[] {double.class, double.class}, true,
        true);
    SecondOrderMethod sinExp = method("sinExp", new Class<?>[] {double.class, double.class},
        true, true);
    double[][] points = {{0.5, 2.0}, {-1.25, 0.75}, {3.0, -0.4}};
    for (double[] p : points) {
      double x = p[0];
      double y = p[1];
      near(new double[][] {{2 * y, 2 * x}, {2 * x, 0}}, x2y.hessian(x, y), "x²y");
      double s = Math.sin(x) * Math.exp(y);
      double c = Math.cos(x) * Math.exp(y);
      near(new double[][] {{-s, c}, {c, s}}, sinExp.hessian(x, y), "sin(x)·exp(y)");
      productsAreRows(sinExp, new Object[] {x, y}, new double[][] {{-s, c}, {c, s}},
          new int[] {0, 0});
    }
  }
}
