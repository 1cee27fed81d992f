package dev.cotangent.processor.diagnostics;

import static dev.cotangent.processor.diagnostics.ExpectDiagnostics.check;
import static dev.cotangent.processor.diagnostics.ExpectDiagnostics.inClass;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code @Differentiable(order = ...)}: order 2 compiles into a {@code Hessian} companion, also
 * for the methods it calls; an order other than 1 and 2, order 2 on a vector-valued method, and
 * a {@code @DerivativeOf} rule whose body cannot be differentiated (at order 2 rules are
 * differentiated too) are errors with advice.
 */
class SecondOrderDiagnosticsTest {
  @Test
  void orderTwoWritesAHessianCompanionForTheMethodAndItsCallees() {
    ExpectDiagnostics.Result result = check(inClass("""
        static double helper(double v) {
          return Math.exp(v) * v;
        }

        @Differentiable(order = 2)
        static double f(double x, double y) {
          return helper(x * y) + x;
        }

        @Differentiable
        static double g(double x) {
          return x * x;
        }
        """));
    String hessian = result.generated("p.CHessian")
        .orElseThrow(() -> new AssertionError("no p.CHessian" + result.report()));
    assertTrue(hessian.contains("static FHvp f(double x, double xDot, double y, double yDot)"),
        hessian);
    assertTrue(hessian.contains("static double[][] fHessian(double x, double y)"), hessian);
    assertTrue(hessian.contains("static HelperHvp helper(double v, double vDot)"), hessian);
    assertTrue(!hessian.contains(" g("), "order 1 gets no Hessian companion:\n" + hessian);
    assertTrue(result.generated("p.CAdjoint").orElseThrow().contains(" f("), "order 1 companions");
  }

  @Test
  void onlyOrdersOneAndTwo() {
    check(inClass("""
        @Differentiable(order = 3)
        static double f(double x) { // error: [COTANGENT-ORDER] write order = 1 or order = 2
          return x * x;
        }
        """));
  }

  @Test
  void noSecondOrderForVectorValuedMethods() {
    check(inClass("""
        @Differentiable(order = 2)
        static double[] f(double x) { // error: [COTANGENT-ORDER] a scalar function of its result
          return new double[] {x, x * x};
        }
        """));
  }

  @Test
  void noSecondOrderWithCheckpointsYet() {
    check(inClass("""
        @Differentiable(order = 2, checkpoints = 4)
        static double f(double x, int n) { // error: [COTANGENT-ORDER] remove checkpoints from it
          double s = x;
          for (int i = 0; i < n; i++) {
            s = Math.sin(s) * x;
          }
          return s;
        }
        """));
  }

  @Test
  void aRuleIsDifferentiatedAtSecondOrder() {
    check(inClass("""
        static double erf(double x) {
          return x;
        }

        @dev.cotangent.DerivativeOf(owner = C.class, method = "erf")
        static double erfDerivative(double x) {
          return Math.exp(-x * x) * Math.random(); // error: [COTANGENT-CALL] Math.random
        }

        @Differentiable(order = 2)
        static double f(double x) {
          return erf(x) * x; // error: [COTANGENT-CALL] its @DerivativeOf rule erfDerivative is differentiated too
        }
        """));
  }
}
