package dev.cotangent.processor.edges;

import static dev.cotangent.processor.edges.Probe.check;
import static dev.cotangent.processor.edges.Probe.checkWithTangents;

import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.DifferentiableMethod;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * README, "Conventions where the derivative does not exist": "NaN and infinities propagate through
 * derivatives as through the original arithmetic". Every companion returns the original's value
 * bit for bit (NaN, ±Infinity, -0.0) and the derivative is what the rule formula gives in IEEE
 * arithmetic at that point. Expected values are written out here, not read from generated code.
 */
class NonFiniteTest {
  private static final double INF = Double.POSITIVE_INFINITY;
  private static final double NAN = Double.NaN;

  private static CompiledSources sources;

  @BeforeAll
  static void compile() {
    Probe.assumeCompanions();
    sources =
        Probe.compile(
            "edges.nonfinite",
            "NonFinite",
            """
              @Differentiable
              public static double logOf(double x) {
                return Math.log(x);
              }

              @Differentiable
              public static double reciprocal(double x) {
                return 1 / x;
              }

              @Differentiable
              public static double sqrtOfMinus(double x) {
                return Math.sqrt(-x);
              }

              @Differentiable
              public static double quotient(double x, double y) {
                return x / y;
              }

              @Differentiable
              public static double square(double x, double y) {
                return x * x + 3 * y;
              }

              @Differentiable
              public static double product(double x, double y) {
                return x * y;
              }

              @Differentiable
              public static double cube(double x) {
                return x * x * x;
              }

              @Differentiable
              public static double expExp(double x) {
                return Math.exp(Math.exp(x));
              }

              @Differentiable
              public static double selfDifference(double x) {
                return x - x;
              }

              @Differentiable
              public static double saturating(double x) {
                return Math.atan(x) + Math.tanh(x);
              }

              @Differentiable
              public static double logInLoop(double x, int n) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                  s += Math.log(x - i);
                }
                return s;
              }
            """);
  }

  private static DifferentiableMethod m(String name) {
    return sources.method("edges.nonfinite.NonFinite", name);
  }

  @Test
  void logAtZeroIsMinusInfinityWithDerivativePlusInfinity() {
    check(m("logOf"), new Object[] {0.0}, -INF, INF); // 1/x at +0
  }

  @Test
  void logAtMinusZeroFollowsTheFormulaOneOverX() {
    check(m("logOf"), new Object[] {-0.0}, -INF, -INF); // log(-0.0) = -Inf, 1/(-0.0) = -Inf
  }

  @Test
  void logOfANegativeNumberIsNaNWithTheFormulasDerivative() {
    // log(-1) is NaN; the rule 1/x reads only the argument, so the derivative is 1/(-1) = -1.
    check(m("logOf"), new Object[] {-1.0}, NAN, -1.0);
  }

  @Test
  void logAtInfinityAndNaN() {
    check(m("logOf"), new Object[] {INF}, INF, 0.0);
    check(m("logOf"), new Object[] {NAN}, NAN, NAN);
    check(m("logOf"), new Object[] {-INF}, NAN, -0.0);
  }

  @Test
  void reciprocalAtZero() {
    // 1/0 = +Inf; d/dx 1/x = -1/x² = -Inf at +0 and at -0
    check(m("reciprocal"), new Object[] {0.0}, INF, -INF);
    check(m("reciprocal"), new Object[] {-0.0}, -INF, -INF);
  }

  @Test
  void reciprocalAtInfinityAndNaN() {
    check(m("reciprocal"), new Object[] {INF}, 0.0, -0.0);
    check(m("reciprocal"), new Object[] {-INF}, -0.0, -0.0);
    check(m("reciprocal"), new Object[] {NAN}, NAN, NAN);
  }

  @Test
  void sqrtOfANegativeArgumentIsNaNAndSoIsItsDerivative() {
    check(m("sqrtOfMinus"), new Object[] {1.0}, NAN, NAN);
    check(m("sqrtOfMinus"), new Object[] {INF}, NAN, NAN);
  }

  @Test
  void sqrtOfMinusXAtZero() {
    // sqrt(-0.0) = -0.0 (IEEE); sqrt'(0) = +Inf by the documented convention, so by the chain
    // rule d/dx sqrt(-x) = -1 * +Inf = -Inf (also the one-sided limit as x rises to 0).
    check(m("sqrtOfMinus"), new Object[] {0.0}, -0.0, -INF);
  }

  @Test
  void sqrtOfMinusXAwayFromZero() {
    check(m("sqrtOfMinus"), new Object[] {-4.0}, 2.0, -0.25);
    check(m("sqrtOfMinus"), new Object[] {-INF}, INF, -0.0);
  }

  @Test
  void quotientByZero() {
    // x / y at (1, 0): +Inf; ∂/∂x = 1/y = +Inf, ∂/∂y = -x/y² = -Inf.
    // The tangents mix ∞ with 0·∞ and depend on how the quotient rule is written: value only.
    checkWithTangents(m("quotient"), new Object[] {1.0, 0.0}, INF, new double[] {INF, -INF},
        new Double[] {null, null});
    // 0 / 0: NaN; ∂/∂x = 1/0 = +Inf, ∂/∂y = -0/0 = NaN
    checkWithTangents(m("quotient"), new Object[] {0.0, 0.0}, NAN, new double[] {INF, NAN},
        new Double[] {null, null});
    // -1 / -0.0 = +Inf; ∂/∂x = 1/(-0.0) = -Inf, ∂/∂y = -(-1)/(+0) = +Inf
    checkWithTangents(m("quotient"), new Object[] {-1.0, -0.0}, INF, new double[] {-INF, INF},
        new Double[] {null, null});
  }

  @Test
  void quotientOfInfinities() {
    // Inf / Inf is NaN; ∂/∂x = 1/Inf = 0, ∂/∂y = -Inf/Inf² = NaN
    checkWithTangents(m("quotient"), new Object[] {INF, INF}, NAN, new double[] {0.0, NAN},
        new Double[] {null, NAN});
  }

  @Test
  void aNaNInputGivesANaNGradientComponent() {
    // x*x + 3y at x = NaN: value NaN, ∂/∂x = 2x = NaN, ∂/∂y = 3 (y's adjoint never meets the NaN)
    check(m("square"), new Object[] {NAN, 2.0}, NAN, NAN, 3.0);
    // y = NaN: value NaN, ∂/∂x = 2x = 1.0, ∂/∂y = 3
    check(m("square"), new Object[] {0.5, NAN}, NAN, 1.0, 3.0);
    // x*y at x = NaN: ∂/∂x = y (finite), ∂/∂y = x = NaN
    check(m("product"), new Object[] {NAN, 2.0}, NAN, 2.0, NAN);
  }

  @Test
  void infiniteInputs() {
    check(m("square"), new Object[] {INF, 1.0}, INF, INF, 3.0);
    check(m("square"), new Object[] {-INF, 1.0}, INF, -INF, 3.0);
    // x*y at (Inf, 0): value NaN (Inf*0); ∂/∂x = y = 0, ∂/∂y = x = Inf
    check(m("product"), new Object[] {INF, 0.0}, NAN, 0.0, INF);
  }

  @Test
  void overflowToInfinityInTheOriginal() {
    // (1e200)³ overflows; 3x² = 3e400 overflows too
    check(m("cube"), new Object[] {1e200}, INF, INF);
    check(m("cube"), new Object[] {-1e200}, -INF, INF);
    // exp(exp(800)) = exp(Inf) = Inf; derivative exp(exp x)·exp x = Inf
    check(m("expExp"), new Object[] {800.0}, INF, INF);
    // exp(exp(-Inf)) = exp(0) = 1; derivative 1·0 = 0
    check(m("expExp"), new Object[] {-INF}, 1.0, 0.0);
    check(m("expExp"), new Object[] {NAN}, NAN, NAN);
  }

  @Test
  void infinityMinusInfinityIsNaNButTheDerivativeOfXMinusXIsStillZero() {
    // Inf - Inf = NaN in the original; the derivative 1 - 1 = 0 involves no infinity
    check(m("selfDifference"), new Object[] {INF}, NAN, 0.0);
    // NaN - NaN is NaN, but the derivative 1 - 1 never reads x: 0, not NaN
    check(m("selfDifference"), new Object[] {NAN}, NAN, 0.0);
  }

  @Test
  void saturatingFunctionsAtInfinity() {
    // atan(Inf) + tanh(Inf) = π/2 + 1; atan' = 1/(1 + Inf) = 0, tanh' = 1 - 1² = 0
    check(m("saturating"), new Object[] {INF}, Math.PI / 2 + 1.0, 0.0);
    check(m("saturating"), new Object[] {-INF}, -Math.PI / 2 - 1.0, 0.0);
  }

  @Test
  void aNaNMadeInsideALoopPropagates() {
    // Σ_{i<3} log(x - i) at x = 2: log 2 + log 1 + log 0 = -Inf; derivative 1/2 + 1 + 1/0 = +Inf
    check(m("logInLoop"), new Object[] {2.0, 3}, Math.log(2.0) + 0.0 + -INF, INF);
    // at x = 1: log 1 + log 0 + log(-1) = NaN; derivative 1 + Inf + (-1) = Inf
    check(m("logInLoop"), new Object[] {1.0, 3}, NAN, INF);
    // at x = -1, n = 2: log(-1) + log(-2) = NaN; derivative 1/(-1) + 1/(-2) = -1.5 (exact in any order)
    check(m("logInLoop"), new Object[] {-1.0, 2}, NAN, -1.5);
  }
}
