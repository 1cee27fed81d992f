package dev.cotangent.processor.features;

import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.FunctionGroup;
import org.junit.jupiter.api.Test;

/**
 * {@code Cotangent.detach(x)}: the value of x without its derivative. Every companion is compared
 * with the closed form of the detached derivative (finite differences would see the full
 * derivative), and with the pullback/tangent contracts by {@link ScalarCheck}.
 */
class DetachTest {
  static final FunctionGroup DETACH =
      FunctionGroup.of("features.detach", "Detached")
          .imports("static dev.cotangent.runtime.Cotangent.detach", "dev.cotangent.runtime.Cotangent")
          .function(
              "selfTimesDetached",
              """
              @Differentiable
              public static double selfTimesDetached(double x) {
                return x * detach(x);
              }
              """)
          .function(
              "detachedProduct",
              """
              @Differentiable
              public static double detachedProduct(double x, double y) {
                return detach(x * y) * y + x;
              }
              """)
          .function(
              "normalizedFirst",
              """
              @Differentiable
              public static double normalizedFirst(double[] w) {
                double s = 0;
                for (double wi : w) {
                  s += wi;
                }
                return w[0] / Cotangent.detach(s);
              }
              """)
          .function(
              "squaringLoop",
              """
              @Differentiable
              public static double squaringLoop(double x, int n) {
                double s = x;
                for (int i = 0; i < n; i++) {
                  double c = detach(s);
                  s = s * c;
                }
                return s;
              }
              """)
          .function(
              "straightThrough",
              """
              /** Value floor(x), derivative 1 (a straight-through estimator). */
              @Differentiable
              public static double straightThrough(double x) {
                return x + detach(Math.floor(x) - x);
              }
              """)
          .function(
              "detachedReturn",
              """
              @Differentiable
              public static double detachedReturn(double x) {
                return detach(x * x) + 3 * x;
              }
              """);

  private static ScalarCheck check(String name, Class<?>[] types, String... differentiable) {
    CompiledSources s = DETACH.sourcesFor(name);
    return new ScalarCheck(s.load(DETACH.className()), s.load(DETACH.className() + "Adjoint"),
        s.load(DETACH.className() + "Tangent"), name, types, differentiable)
        .withoutFiniteDifferences();
  }

  @Test
  void selfTimesDetachedHasDerivativeX() {
    ScalarCheck c = check("selfTimesDetached", new Class<?>[] {double.class}, "x");
    for (double x : new double[] {-1.7, 0.3, 2.5}) {
      ScalarCheck.Result r = c.at(null, x);
      Support.assertSameBits(x * x, r.value(), "x·detach(x) value");
      Support.near(x, r.gradient()[0], 1e-15, "d/dx x·detach(x) = x (not 2x) at " + x);
    }
  }

  @Test
  void detachedProduct() {
    ScalarCheck c = check("detachedProduct", new Class<?>[] {double.class, double.class}, "x", "y");
    for (double[] p : new double[][] {{0.7, -1.2}, {-2.0, 0.4}}) {
      ScalarCheck.Result r = c.at(null, p[0], p[1]);
      Support.near(1, r.gradient()[0], 1e-15, "∂/∂x [detach(xy)·y + x] = 1");
      Support.near(p[0] * p[1], r.gradient()[1], 1e-15, "∂/∂y [detach(xy)·y + x] = xy");
    }
  }

  @Test
  void qualifiedDetachOfANormaliser() {
    ScalarCheck c = check("normalizedFirst", new Class<?>[] {double[].class}, "w");
    double[] w = {0.6, 1.3, -0.4, 2.2};
    ScalarCheck.Result r = c.at(null, (Object) w.clone());
    double s = 0.6 + 1.3 - 0.4 + 2.2;
    Support.near(1 / s, r.gradient()[0], 1e-15, "∂/∂w[0] w[0]/detach(Σw) = 1/Σw");
    for (int i = 1; i < w.length; i++) {
      Support.near(0, r.gradient()[i], 1e-15, "∂/∂w[" + i + "] w[0]/detach(Σw) = 0");
    }
  }

  @Test
  void detachInsideALoop() {
    ScalarCheck c = check("squaringLoop", new Class<?>[] {double.class, int.class}, "x");
    for (double x : new double[] {1.1, -0.8}) {
      for (int n = 0; n <= 3; n++) {
        ScalarCheck.Result r = c.at(null, x, n);
        // s_{k+1} = s_k·detach(s_k): ds_{k+1} = s_k·ds_k, so d s_n/dx = Π_{k<n} x^(2^k)
        double expected = 1;
        double sk = x;
        for (int k = 0; k < n; k++) {
          expected *= sk;
          sk = sk * sk;
        }
        Support.near(expected, r.gradient()[0], 1e-14,
            "squaringLoop' at x=" + x + ", n=" + n + " (the undetached derivative is 2^n·x^(2^n−1))");
      }
    }
  }

  @Test
  void straightThroughEstimator() {
    ScalarCheck c = check("straightThrough", new Class<?>[] {double.class}, "x");
    for (double x : new double[] {-1.3, 0.25, 2.75}) {
      ScalarCheck.Result r = c.at(null, x);
      Support.near(1, r.gradient()[0], 0, "x + detach(floor(x) − x) has derivative 1 at " + x);
    }
  }

  @Test
  void detachedReturnExpression() {
    ScalarCheck c = check("detachedReturn", new Class<?>[] {double.class}, "x");
    ScalarCheck.Result r = c.at(null, 1.7);
    Support.near(3, r.gradient()[0], 0, "detach(x²) + 3x has derivative 3");
  }
}
