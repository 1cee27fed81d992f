package dev.cotangent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GradientCheckTest {
  /** f(x) = x0² x1 + sin x2, with the gradient written by hand. */
  private static double f(double[] x) {
    return x[0] * x[0] * x[1] + Math.sin(x[2]);
  }

  private static double[] gradientOfF(double[] x) {
    return new double[] {2 * x[0] * x[1], x[0] * x[0], Math.cos(x[2])};
  }

  /** 1e-8·|x|²: a gradient of about 1e-8, far below 1. */
  private static double tiny(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v * v;
    }
    return 1e-8 * s;
  }

  @Test
  void richardsonIsAccurateForSmoothFunctions() {
    double d = GradientCheck.centralDifference(Math::exp, 1.3);
    assertEquals(Math.exp(1.3), d, 1e-10);
  }

  @Test
  void theDifferencesErrorEstimateBoundsItsErrorAndIsSmall() {
    for (double x : new double[] {-3, -0.4, 0, 1.3, 7}) {
      GradientCheck.Difference d = GradientCheck.difference(Math::sin, x);
      assertEquals(GradientCheck.centralDifference(Math::sin, x), d.value());
      double error = Math.abs(d.value() - Math.cos(x));
      assertTrue(error <= d.error(), () -> "x=" + x + ": error " + error + " > " + d.error());
      assertTrue(d.error() < 1e-9 * Math.max(1, Math.abs(x)), () -> "x=" + x + ": " + d);
    }
    // A large |x| gets a large step (1e-3·|x|), and the estimate says so.
    GradientCheck.Difference far = GradientCheck.difference(Math::sin, 250);
    assertTrue(Math.abs(far.value() - Math.cos(250)) <= far.error(), far::toString);
    // A rough function: the estimate grows with the truncation error.
    GradientCheck.Difference rough = GradientCheck.difference(v -> Math.sin(1e3 * v), 0.1);
    double error = Math.abs(rough.value() - 1e3 * Math.cos(100));
    assertTrue(error <= rough.error(), rough::toString);
  }

  @Test
  void acceptsTheRightGradientAndNamesTheWrongComponent() {
    double[] x = {0.7, -1.1, 2.3};
    assertTrue(GradientCheck.gradient(gradientOfF(x), GradientCheckTest::f, x, 1e-8).passed());
    double[] wrong = gradientOfF(x);
    wrong[1] += 1e-4;
    GradientCheck.Result result = GradientCheck.gradient(wrong, GradientCheckTest::f, x, 1e-8);
    assertFalse(result.passed());
    assertEquals(1, result.worstIndex());
    assertEquals(1e-4, result.absoluteError(), 1e-9);
    assertEquals(1e-4 / (0.7 * 0.7), result.relativeError(), 1e-8);
  }

  @Test
  void anAllZeroGradientOfASmallFunctionFails() {
    double[] x = {0.3, -1.2, 2.0};
    GradientCheck.Result zero = GradientCheck.gradient(new double[3], GradientCheckTest::tiny, x,
        1e-6);
    assertFalse(zero.passed(), zero::toString);
    assertEquals(1.0, zero.relativeError(), 1e-6); // every component is 100 % wrong
    assertEquals(0, zero.worstIndex());
    assertEquals(6e-9, zero.absoluteError(), 1e-15);
    assertTrue(zero.toString().startsWith("FAILED: worst relative error"), zero::toString);

    double[] right = {2e-8 * x[0], 2e-8 * x[1], 2e-8 * x[2]};
    GradientCheck.Result ok = GradientCheck.gradient(right, GradientCheckTest::tiny, x, 1e-6);
    assertTrue(ok.passed(), ok::toString);
    assertTrue(ok.relativeError() < 1e-9, ok::toString);

    double[] offByOnePercent = {right[0], right[1] * 1.01, right[2]};
    assertFalse(GradientCheck.gradient(offByOnePercent, GradientCheckTest::tiny, x, 1e-6)
        .passed());
  }

  @Test
  void aComponentWithinTheDifferencesNoiseIsNotHeldAgainstTheGradient() {
    // At the minimum of 1 + |x - 1|², central differences give zero only up to rounding.
    double[] x = {1.0, 1.0};
    GradientCheck.Result r = GradientCheck.gradient(new double[2],
        v -> 1 + (v[0] - 1) * (v[0] - 1) + (v[1] - 1) * (v[1] - 1), x, 1e-10);
    assertTrue(r.passed(), r::toString);
    assertTrue(r.absoluteError() <= r.noise(), r::toString);
  }

  @Test
  void refusesANonPositiveToleranceAndMismatchedLengths() {
    double[] x = {1, 2, 3};
    assertThrows(IllegalArgumentException.class,
        () -> GradientCheck.gradient(gradientOfF(x), GradientCheckTest::f, x, 0));
    assertThrows(IllegalArgumentException.class,
        () -> GradientCheck.gradient(new double[2], GradientCheckTest::f, x, 1e-8));
  }

  @Test
  void evaluatesOnCopiesSoFunctionsMayWriteIntoTheirArgument() {
    double[] x = {0.5, 2.0};
    double[] numerical = GradientCheck.numericalGradient(v -> {
      v[0] *= 3;
      return v[0] * v[1];
    }, x);
    assertEquals(6.0, numerical[0], 1e-9);
    assertEquals(1.5, numerical[1], 1e-9);
    assertEquals(0.5, x[0]);
  }

  @Test
  void dotProductTests() {
    double[] x = {0.7, -1.1, 2.3};
    double[] g = gradientOfF(x);
    double[] direction = {0.2, 0.5, -1.0};
    double tangent = g[0] * 0.2 + g[1] * 0.5 - g[2];
    assertTrue(GradientCheck.dotProduct(tangent, g, direction, 1e-12).passed());
    assertFalse(GradientCheck.dotProduct(tangent + 1e-6, g, direction, 1e-9).passed());
    // J = [[1, 2], [3, 4]], ẋ = (1, -1), ȳ = (2, 0.5): J·ẋ = (-1, -1), Jᵀ·ȳ = (3.5, 6).
    assertTrue(GradientCheck.dotProduct(new double[] {2, 0.5}, new double[] {-1, -1},
        new double[] {3.5, 6}, new double[] {1, -1}, 1e-12).passed());
  }

  @Test
  void dotProductsAreRelativeToTheSizeOfTheirTerms() {
    // Everything 1e-10 times smaller: a 1 % error still fails.
    double[] g = {1e-10, 2e-10};
    double[] direction = {1, 1};
    assertTrue(GradientCheck.dotProduct(3e-10, g, direction, 1e-12).passed());
    GradientCheck.Result wrong = GradientCheck.dotProduct(3.03e-10, g, direction, 1e-6);
    assertFalse(wrong.passed(), wrong::toString);
    assertEquals(0.01, wrong.relativeError(), 1e-9);
  }

  /** A hand-written holder shaped like a generated one. */
  public static final class Holder {
    public double value;
    public double a;
    public float b;
    public final double[] x = new double[2];
    public final double[][] m = new double[2][2];
    private final Object tape = new Object(); // private fields are not derivatives
  }

  /** h(a, b, x, m) = a·b + x0·x1 + Σ m_ij² (i + 1). */
  private static double h(double a, double b, double[] x, double[][] m) {
    double s = a * b + x[0] * x[1];
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m[i].length; j++) {
        s += m[i][j] * m[i][j] * (i + 1);
      }
    }
    return s;
  }

  private static Holder holderAt(double a, double b, double[] x, double[][] m) {
    Holder g = new Holder();
    g.value = h(a, b, x, m);
    g.a = b;
    g.b = (float) a;
    g.x[0] = x[1];
    g.x[1] = x[0];
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        g.m[i][j] = 2 * m[i][j] * (i + 1);
      }
    }
    return g;
  }

  @Test
  void checksAWholeHolderByName() {
    double[] x = {0.4, -2};
    double[][] m = {{1, 2}, {-0.5, 3}};
    double a = 1.5;
    double b = 0.25; // a float field: its value is exact in float
    GradientCheck.Point at = GradientCheck.point().with("x", x).with("a", a).with("m", m)
        .with("b", b);
    Holder g = holderAt(a, b, x, m);
    GradientCheck.Result ok = GradientCheck.holder(g, at,
        p -> h(p.scalar("a"), p.scalar("b"), p.array("x"), p.matrix("m")), 1e-8);
    assertTrue(ok.passed(), ok::toString);

    g.m[1][0] += 1e-3;
    GradientCheck.Result wrong = GradientCheck.holder(g, at,
        p -> h(p.scalar("a"), p.scalar("b"), p.array("x"), p.matrix("m")), 1e-8);
    assertFalse(wrong.passed());
    assertEquals("m[1][0]", wrong.component());
    assertTrue(wrong.toString().contains("at m[1][0]"), wrong::toString);
  }

  @Test
  void aHolderCheckRefusesPointsThatDoNotMatchTheFields() {
    Holder g = new Holder();
    GradientCheck.Point missing = GradientCheck.point().with("a", 1).with("x", new double[2]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GradientCheck.holder(g, missing, p -> 0, 1e-8));
    assertTrue(e.getMessage().contains("[a, b, x, m]"), e::getMessage);
    GradientCheck.Point shape = GradientCheck.point().with("a", 1).with("b", 1)
        .with("x", new double[3]).with("m", new double[2][2]);
    assertThrows(IllegalArgumentException.class,
        () -> GradientCheck.holder(g, shape, p -> 0, 1e-8));
  }
}
