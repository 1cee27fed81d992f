package dev.cotangent.processor.diagnostics;

import static dev.cotangent.processor.diagnostics.ExpectDiagnostics.check;
import static dev.cotangent.processor.diagnostics.ExpectDiagnostics.inClass;
import static dev.cotangent.processor.diagnostics.ExpectDiagnostics.inMethod;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Calls and custom derivatives. Supported: calls of other {@code @Differentiable} methods, of
 * helpers with source (differentiated transitively), of this object's methods, calls whose
 * arguments carry no derivative, {@code @DerivativeOf} rules and {@code Cotangent.detach}.
 * Rejected with {@code [COTANGENT-CALL]} on the call: calls inside {@code ?:} branches or right
 * of {@code &&}/{@code ||}, private callees, methods of other objects, callees that write into
 * their array arguments, callees without source or companions, callees that cannot be
 * differentiated, and active arguments of a function whose rules do not cover them. Bad rules
 * are {@code [COTANGENT-RULE]} on their annotation.
 */
class CallsAndRulesTest {
  /** A class whose functions the rules below differentiate. */
  private static final String SPECIAL = """
      package p;

      class Special {
        static double erf(double x) {
          return x;
        }

        static double beta(double a, double b) {
          return a * b;
        }
      }
      """;

  /** Compiles without any diagnostic, and both companions of {@code p.C} have an {@code f}. */
  private static void compiles(String... sources) {
    ExpectDiagnostics.Result result = check(sources);
    String adjoint = result.generated("p.CAdjoint")
        .orElseThrow(() -> new AssertionError("no p.CAdjoint" + result.report()));
    String tangent = result.generated("p.CTangent")
        .orElseThrow(() -> new AssertionError("no p.CTangent" + result.report()));
    assertTrue(adjoint.contains(" f("), "no f in p.CAdjoint" + result.report());
    assertTrue(tangent.contains(" f("), "no f in p.CTangent" + result.report());
  }

  // ---------------------------------------------------------------------------------------------
  // Supported

  @Test
  void helpersAreDifferentiatedTransitively() {
    compiles(inClass("""
        static double inner(double v) {
          return Math.exp(v) * v;
        }

        static double outer(double v, int k) {
          return inner(v) * k;
        }

        @Differentiable
        static double f(double x) {
          double a = outer(x, 2);
          return a + inner(a);
        }
        """));
  }

  @Test
  void callWithoutDerivativesNeedsNoDifferentiableBody() {
    // the argument is an int: the call stays a plain call, and its switch is never differentiated
    compiles(inClass("""
        static double table(int k) {
          switch (k) {
            case 0: return 1;
            default: return 2;
          }
        }

        @Differentiable
        static double f(double x, int n) {
          double c = table(n);
          return c * x;
        }
        """));
  }

  @Test
  void detach() {
    compiles("""
        package p;

        import dev.cotangent.Differentiable;
        import dev.cotangent.runtime.Cotangent;

        class C {
          @Differentiable
          static double f(double x) {
            return x * Cotangent.detach(x);
          }
        }
        """);
  }

  @Test
  void callWithARule() {
    compiles(inClass("""
        @dev.cotangent.DerivativeOf(owner = Special.class, method = "erf")
        static double erfDerivative(double x) {
          return 2 / Math.sqrt(Math.PI) * Math.exp(-x * x);
        }

        @dev.cotangent.DerivativeOf(owner = Special.class, method = "beta", wrt = "a")
        static double betaByA(double a, double b) {
          return b;
        }

        @Differentiable
        static double f(double x) {
          double e = Special.erf(x);
          return e * Special.beta(x, 2);
        }
        """), SPECIAL);
  }

  // ---------------------------------------------------------------------------------------------
  // Rejected calls

@Test
  void privateCallee() {
    check(inClass("""
        private static double h(double v) {
          try { // error: [COTANGENT-UNSUPPORTED] try is not differentiable yet
            return v * 2.0;
          } finally {
            v = 0;
          }
        }

        @Differentiable
        static double f(double x) {
          return x * h(3); // error: [COTANGENT-CALL] h is private, so the companions (other classes) call a copy of it, but Cotangent cannot copy it at `h(3)`
        }
        """));
  }

  @Test
  void methodOfAnotherObject() {
    check(inClass("""
        static final C OTHER = new C();

        double h(double v) {
          return v * v;
        }

        @Differentiable
        double f(double x) {
          return OTHER.h(x); // error: [COTANGENT-CALL] OTHER.h(x) calls a method of the object OTHER, which Cotangent cannot follow at `OTHER.h(x)`
        }
        """));
  }

  @Test
  void calleeThatWritesIntoItsArrayArgument() {
    check(inClass("""
        static double h(double[] a) {
          a[0] = 1;
          return a[0];
        }

        @Differentiable
        static double f(double x) {
          double[] a = {x};
          if (h(a) > 0) { // error: [COTANGENT-CALL] h writes into its array arguments, so it cannot be called inside at `h(a)`
            x = 2 * x;
          }
          return a[0] * x;
        }
        """));
  }

  @Test
  void calleeThatCannotBeDifferentiated() {
    // the call and the callee's own problem are both reported
    check(inClass("""
        static double h(double v) {
          return v * Math.random(); // error: [COTANGENT-CALL] at `Math.random()`
        }

        @Differentiable
        static double f(double x) {
          return h(x); // error: [COTANGENT-CALL] h is called with differentiable arguments, but it cannot be differentiated (see the errors reported there); fix it, or pass it only values without derivatives at `h(x)`
        }
        """));
  }

  @Test
  void libraryMethodWithoutCompanions() {
    check(inMethod("""
        return Double.sum(x, y); // error: [COTANGENT-CALL] the derivative of sum is unknown: its source is not part of this compilation and it has no generated companions at `Double.sum(x, y)`
        """));
  }

  @Test
  void activeArgumentWithoutARule() {
    check(inClass("""
        @dev.cotangent.DerivativeOf(owner = Special.class, method = "beta", wrt = "a")
        static double betaByA(double a, double b) {
          return b;
        }

        @Differentiable
        static double f(double x, double y) {
          return Special.beta(2, y); // error: [COTANGENT-CALL] beta has @DerivativeOf rules, but none with respect to its parameter b, which receives a differentiable value here; add @DerivativeOf(..., wrt = "b") or pass a constant at `Special.beta(2, y)`
        }
        """), SPECIAL);
  }

  // ---------------------------------------------------------------------------------------------
  // Bad rules

  @Test
  void ruleMatchingNoFunction() {
    check(inClass("""
        @dev.cotangent.DerivativeOf(owner = Special.class, method = "erff") // error: [COTANGENT-RULE] @DerivativeOf matches no function p.Special.erff with the parameters of d; give the rule exactly the function's parameter types
        static double d(double x) {
          return 1;
        }
        """), SPECIAL);
  }

  @Test
  void ruleWithOtherParametersThanItsFunction() {
    check(inClass("""
        @dev.cotangent.DerivativeOf(owner = Special.class, method = "erf") // error: [COTANGENT-RULE] @DerivativeOf matches no function p.Special.erf with the parameters of d
        static double d(double x, double y) {
          return 1;
        }
        """), SPECIAL);
  }

  @Test
  void ruleNamingAMissingParameter() {
    check(inClass("""
        @dev.cotangent.DerivativeOf(owner = Special.class, method = "beta", wrt = "c") // error: [COTANGENT-RULE] @DerivativeOf names no double parameter "c" of beta; set wrt to the name (or position from 0) of the double parameter it differentiates by
        static double d(double a, double b) {
          return 1;
        }
        """), SPECIAL);
  }

  @Test
  void ruleWithoutWrtForTwoParameters() {
    check(inClass("""
        @dev.cotangent.DerivativeOf(owner = Special.class, method = "beta") // error: [COTANGENT-RULE] @DerivativeOf names no double parameter "" of beta; set wrt
        static double d(double a, double b) {
          return 1;
        }
        """), SPECIAL);
  }

  @Test
  void nonStaticRule() {
    check(inClass("""
        @dev.cotangent.DerivativeOf(owner = Special.class, method = "erf") // error: [COTANGENT-RULE] @DerivativeOf method d is not static; rules are static, not private, and return the partial derivative as a double
        double d(double x) {
          return 1;
        }
        """), SPECIAL);
  }

  @Test
  void privateRule() {
    check(inClass("""
        @dev.cotangent.DerivativeOf(owner = Special.class, method = "erf") // error: [COTANGENT-RULE] @DerivativeOf method d is private
        private static double d(double x) {
          return 1;
        }
        """), SPECIAL);
  }

  @Test
  void ruleNotReturningDouble() {
    check(inClass("""
        @dev.cotangent.DerivativeOf(owner = Special.class, method = "erf") // error: [COTANGENT-RULE] @DerivativeOf method d returns float
        static float d(double x) {
          return 1;
        }
        """), SPECIAL);
  }

  @Test
  void twoRulesForOneParameter() {
    check(inClass("""
        @dev.cotangent.DerivativeOf(owner = Special.class, method = "erf")
        static double d(double x) {
          return 1;
        }

        @dev.cotangent.DerivativeOf(owner = Special.class, method = "erf") // error: [COTANGENT-RULE] @DerivativeOf repeats the rule d for the same parameter; keep one
        static double e(double x) {
          return 1;
        }
        """), SPECIAL);
  }
}
