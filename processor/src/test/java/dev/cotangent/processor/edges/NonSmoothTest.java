package dev.cotangent.processor.edges;

import static dev.cotangent.processor.edges.Probe.check;
import static dev.cotangent.processor.edges.Probe.checkWithTangents;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.DifferentiableMethod;
import dev.cotangent.runtime.Dual;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The table "Conventions where the derivative does not exist" in the README, asserted exactly:
 * abs at 0, min/max ties, sqrt/cbrt at 0 (and its 0·∞ = NaN consequence), hypot at the origin,
 * pow with an active exponent at a ≤ 0, the step functions, and branches at their jump.
 */
class NonSmoothTest {
  private static final double INF = Double.POSITIVE_INFINITY;
  private static final double NAN = Double.NaN;

  private static CompiledSources sources;

  @BeforeAll
  static void compile() {
    Probe.assumeCompanions();
    sources =
        Probe.compile(
            "edges.nonsmooth",
            "NonSmooth",
            """
              @Differentiable
              public static double absOf(double x) {
                return Math.abs(x);
              }

              @Differentiable
              public static double absPlus(double x) {
                return 3 * Math.abs(x) + x;
              }

              @Differentiable
              public static double minMax(double x, double y) {
                return Math.min(x, y) + 10 * Math.max(x, y);
              }

              @Differentiable
              public static double maxOfThree(double x, double y, double z) {
                return Math.max(x, Math.max(y, z)) + 100 * Math.min(Math.min(x, y), z);
              }

              @Differentiable
              public static double sqrtOf(double x) {
                return Math.sqrt(x);
              }

              @Differentiable
              public static double cbrtOf(double x) {
                return Math.cbrt(x);
              }

              @Differentiable
              public static double zeroTimesSqrt(double x, double y) {
                double c = y - y;
                return c * Math.sqrt(x) + y;
              }

              @Differentiable
              public static double hypotOf(double x, double y) {
                return 2 * Math.hypot(x, y);
              }

              @Differentiable
              public static double power(double a, double b) {
                return Math.pow(a, b);
              }

              @Differentiable
              public static double steps(double x) {
                return Math.signum(x) + Math.floor(x) + Math.ceil(x) + Math.rint(x) + Math.round(x);
              }

              @Differentiable
              public static double timesFloor(double x) {
                return x * Math.floor(x) + Math.signum(x) * x;
              }

              @Differentiable
              public static double branchAbs(double x) {
                return x > 0 ? x : -x;
              }

              @Differentiable
              public static double ifAtJump(double x) {
                if (x >= 0) {
                  return x * x + x;
                }
                return -2 * x;
              }

              @Differentiable
              public static double loopAtJump(double x) {
                double s = 0;
                while (s < x) {
                  s += 0.5 * x;
                }
                return s;
              }
            """);
  }

  private static DifferentiableMethod m(String name) {
    return sources.method("edges.nonsmooth.NonSmooth", name);
  }

  @Test
  void absAtZeroHasDerivativeZero() {
    check(m("absOf"), new Object[] {0.0}, 0.0, 0.0);
    check(m("absOf"), new Object[] {-0.0}, 0.0, 0.0); // abs(-0.0) = +0.0
    check(m("absOf"), new Object[] {-2.0}, 2.0, -1.0);
    check(m("absPlus"), new Object[] {0.0}, 0.0, 1.0); // 3·0 + 1
  }

  @Test
  void minAndMaxTiesGiveTheDerivativeToTheFirstArgument() {
    // min(x, y) + 10 max(x, y) at a tie: both pick x, so ∂/∂x = 1 + 10, ∂/∂y = 0
    check(m("minMax"), new Object[] {2.0, 2.0}, 22.0, 11.0, 0.0);
    check(m("minMax"), new Object[] {1.0, 2.0}, 21.0, 1.0, 10.0);
    check(m("minMax"), new Object[] {3.0, 1.0}, 31.0, 10.0, 1.0);
    check(m("minMax"), new Object[] {-INF, -INF}, -INF, 11.0, 0.0);
  }

  @Test
  void nestedTiesGoToTheOutermostFirstArgument() {
    // all equal: max(x, max(y, z)) picks x; min(min(x, y), z) picks min(x, y), which picks x
    check(m("maxOfThree"), new Object[] {1.0, 1.0, 1.0}, 101.0, 101.0, 0.0, 0.0);
    // y = z > x: max(y, z) picks y; min picks x
    check(m("maxOfThree"), new Object[] {0.0, 1.0, 1.0}, 1.0, 100.0, 1.0, 0.0);
    // x = y < z: min(x, y) picks x, then min(·, z) picks it; max picks z
    check(m("maxOfThree"), new Object[] {0.0, 0.0, 1.0}, 1.0, 100.0, 0.0, 1.0);
  }

  @Test
  void sqrtAtZeroIsPlusInfinity() {
    check(m("sqrtOf"), new Object[] {0.0}, 0.0, INF);
    check(m("sqrtOf"), new Object[] {4.0}, 2.0, 0.25);
  }

  @Test
  void sqrtAtMinusZeroIsPlusInfinityAsDocumented() {
    // Math.sqrt(-0.0) = -0.0. The README documents sqrt'(0) = +Infinity; -0.0 is 0.
    check(m("sqrtOf"), new Object[] {-0.0}, -0.0, INF);
  }

  @Test
  void cbrtAtZeroIsPlusInfinity() {
    check(m("cbrtOf"), new Object[] {0.0}, 0.0, INF);
    check(m("cbrtOf"), new Object[] {-0.0}, -0.0, INF); // 1/(3·(-0)²) = +Inf
    check(m("cbrtOf"), new Object[] {8.0}, 2.0, 1.0 / 12.0);
  }

  @Test
  void sqrtAtZeroTimesAZeroTangentIsNaN() {
    Probe.assumeCompanions();
    Dual d = m("sqrtOf").tangent(new Object[] {0.0}, new double[] {0.0});
    assertTrue(d.value() == 0.0 && Double.isNaN(d.tangent()),
        "sqrt at 0 with tangent 0: expected (0, NaN), got (" + d.value() + ", " + d.tangent() + ")");
  }

  @Test
  void sqrtAtZeroTimesAZeroAdjointIsNaN() {
    // c = y - y = 0 at run time: ∂/∂x = c·(0.5/sqrt 0) = 0·Inf = NaN; ∂/∂y = (1 - 1)·sqrt(0) + 1 = 1
    check(m("zeroTimesSqrt"), new Object[] {0.0, 1.0}, 1.0, NAN, 1.0);
  }

  @Test
  void hypotAtTheOriginHasDerivativeZero() {
    check(m("hypotOf"), new Object[] {0.0, 0.0}, 0.0, 0.0, 0.0);
    check(m("hypotOf"), new Object[] {-0.0, 0.0}, 0.0, 0.0, 0.0);
    check(m("hypotOf"), new Object[] {3.0, 4.0}, 10.0, 2 * (3.0 / 5.0), 2 * (4.0 / 5.0));
  }

  @Test
  void powWithAnActiveExponentIsNaNForANonPositiveBase() {
    // pow(0, 2) = 0: ∂/∂a = 2·0¹ = 0, ∂/∂b = 0·log 0 = 0·(-Inf) = NaN; a zero direction
    // contributes exactly zero, so the tangent along a is ∂/∂a, as the adjoint says (not NaN·0)
    checkWithTangents(m("power"), new Object[] {0.0, 2.0}, 0.0, new double[] {0.0, NAN},
        new Double[] {0.0, NAN});
    // pow(0, 1) = 0: ∂/∂a = 1 (the shape the peers' suites found: adjoint 1, tangent was NaN)
    checkWithTangents(m("power"), new Object[] {0.0, 1.0}, 0.0, new double[] {1.0, NAN},
        new Double[] {1.0, NAN});
    // pow(-2, 3) = -8: ∂/∂a = 3·(-2)² = 12, ∂/∂b = -8·log(-2) = NaN
    checkWithTangents(m("power"), new Object[] {-2.0, 3.0}, -8.0, new double[] {12.0, NAN},
        new Double[] {12.0, NAN});
    // pow(2, 3) = 8: ∂/∂a = 12, ∂/∂b = 8·log 2
    check(m("power"), new Object[] {2.0, 3.0}, 8.0, 12.0, 8.0 * Math.log(2.0));
  }

  @Test
  void powWithAZeroSeedContributesExactlyZero() {
    Probe.assumeCompanions();
    for (double a : new double[] {0.0, -2.0}) {
      Object into = m("power").newHolder();
      m("power").pullback(new Object[] {a, 3.0}, 0.0, into);
      double[] g = m("power").holderGradient(into);
      assertTrue(g[0] == 0.0 && g[1] == 0.0, "pullback of pow(" + a + ", 3) with seed 0: expected"
          + " (0, 0), got (" + g[0] + ", " + g[1] + ")");
    }
  }

  @Test
  void stepFunctionsHaveDerivativeZeroAlsoAtTheirJumps() {
    for (double x : new double[] {0.0, -0.0, 1.0, 0.5, -0.5, 2.5, 1.5, -1.0, 0.3, 1e300}) {
      double expected = Math.signum(x) + Math.floor(x) + Math.ceil(x) + Math.rint(x) + Math.round(x);
      check(m("steps"), new Object[] {x}, expected, 0.0);
    }
    check(m("steps"), new Object[] {NAN}, NAN, 0.0);
    // x·floor(x) + signum(x)·x at the jump x = 2: derivative floor(2) + signum(2) = 3
    check(m("timesFloor"), new Object[] {2.0}, 2.0 * 2.0 + 2.0, 3.0);
    check(m("timesFloor"), new Object[] {0.0}, 0.0, 0.0);
    check(m("timesFloor"), new Object[] {-1.0}, 2.0, -2.0);
  }

  @Test
  void aBranchAtItsJumpTakesTheBranchTheOriginalTakes() {
    // x > 0 ? x : -x at 0 takes -x: value -0.0, derivative -1
    check(m("branchAbs"), new Object[] {0.0}, -0.0, -1.0);
    check(m("branchAbs"), new Object[] {-0.0}, 0.0, -1.0);
    check(m("branchAbs"), new Object[] {Double.MIN_VALUE}, Double.MIN_VALUE, 1.0);
    // a NaN makes the comparison false: -x, derivative -1
    check(m("branchAbs"), new Object[] {NAN}, NAN, -1.0);
    // x >= 0 at 0 takes x² + x: derivative 2·0 + 1 = 1
    check(m("ifAtJump"), new Object[] {0.0}, 0.0, 1.0);
    check(m("ifAtJump"), new Object[] {-0.0}, 0.0, 1.0); // -0.0 >= 0 holds; (-0)² + (-0) = +0
    check(m("ifAtJump"), new Object[] {NAN}, NAN, -2.0);
  }

  @Test
  void aLoopConditionAtItsJumpContributesNothing() {
    // s = 0 → x/2 → x, and s < x fails exactly at s == x: two iterations, s = x, ds/dx = 1
    check(m("loopAtJump"), new Object[] {1.0}, 1.0, 1.0);
    // x = 0: no iteration, s = 0, derivative 0
    check(m("loopAtJump"), new Object[] {0.0}, 0.0, 0.0);
  }
}
