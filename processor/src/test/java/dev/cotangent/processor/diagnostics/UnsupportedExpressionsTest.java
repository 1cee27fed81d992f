package dev.cotangent.processor.diagnostics;

import static dev.cotangent.processor.diagnostics.ExpectDiagnostics.check;
import static dev.cotangent.processor.diagnostics.ExpectDiagnostics.inClass;
import static dev.cotangent.processor.diagnostics.ExpectDiagnostics.inMethod;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Expressions outside the supported subset. Each error sits on the offending expression itself
 * (checked with {@code at `...`}), not on the enclosing statement, also when it is nested in an
 * otherwise supported expression. Some expressions that used to be rejected are supported now
 * (float literals, calls of static helpers and of other {@code @Differentiable} methods, calls
 * whose arguments carry no derivative); they stay here as "compiles" cases. More calls, and
 * {@code @DerivativeOf} rules, are in {@link CallsAndRulesTest}.
 */
class UnsupportedExpressionsTest {

  /** Compiles without any diagnostic, and both companions of {@code p.C} are generated. */
  private static void compiles(String source) {
    ExpectDiagnostics.Result result = check(source);
    String adjoint = result.generated("p.CAdjoint")
        .orElseThrow(() -> new AssertionError("no p.CAdjoint" + result.report()));
    String tangent = result.generated("p.CTangent")
        .orElseThrow(() -> new AssertionError("no p.CTangent" + result.report()));
    assertTrue(adjoint.contains(" f("), "no f in p.CAdjoint" + result.report());
    assertTrue(tangent.contains(" f("), "no f in p.CTangent" + result.report());
  }

  @Test
  void objectCreation() {
    check(inMethod("""
        Object o = new Object(); // error: [COTANGENT-UNSUPPORTED] object creation (new) at `new Object()`
        return x;
        """));
  }

  @Test
  void lambda() {
    check(inMethod("""
        Runnable r = () -> {}; // error: [COTANGENT-UNSUPPORTED] a lambda at `() -> {}`
        return x;
        """));
  }

  @Test
  void methodReference() {
    check(inMethod("""
        java.util.function.DoubleUnaryOperator op = Math::sin; // error: [COTANGENT-UNSUPPORTED] a method reference at `Math::sin`
        return x;
        """));
  }

  @Test
  void stringsAndCharsAreData() {
    check(inMethod("""
        String s = "abc" + x;
        char c = 'a';
        return x + c;
        """));
  }

  @Test
  void methodOfAString() {
    check(inMethod("""
        String s = "abc";
        return x * s.length(); // error: [COTANGENT-CALL] s.length() calls a method of the object s
        """));
  }

  @Test
  void nullLiteral() {
    check(inMethod("""
        Object o = null; // error: [COTANGENT-UNSUPPORTED] null at `null`
        return x;
        """));
  }

  @Test
  void instanceOf() {
    check(inMethod("""
        boolean t = Double.valueOf(x) instanceof Number; // error: [COTANGENT-UNSUPPORTED] instanceof at `Double.valueOf(x) instanceof Number`
        return x;
        """));
  }

  @Test
  void thisInStaticMethod() {
    // javac would reject it too, but it stops after annotation processing reported an error, so
    // Cotangent's error is the only one
    check(inMethod("""
        Object o = this; // error: [COTANGENT-UNSUPPORTED] this and super at `this`
        return x;
        """));
  }

  @Test
  void floatLiteralCompiles() {
    compiles(inMethod("""
        return x * 2.0f + 1f;
        """));
  }

  @Test
  void remainderOnDoublesCompiles() {
    compiles(inMethod("""
        return x % y;
        """));
  }

  @Test
  void remainderAssignmentOnDoubleCompiles() {
    compiles(inMethod("""
        double r = x;
        r %= 2.0;
        return r;
        """));
  }

  @Test
  void remainderOnIntegersIsFine() {
    check(inMethod("""
        int k = n % 3;
        long m = 7L % n;
        return x * k + m;
        """));
  }

  @Test
  void assignmentInsideExpressionCompiles() {
    compiles(inMethod("""
        double z;
        double r = (z = x) * 2;
        return r;
        """));
  }

  @Test
  void chainedAssignmentCompiles() {
    compiles(inMethod("""
        double z;
        double r;
        r = z = x;
        return r;
        """));
  }

  @Test
  void compoundAssignmentInsideExpressionCompiles() {
    compiles(inMethod("""
        double r = x;
        return y * (r += 1);
        """));
  }

  @Test
  void incrementInsideExpressionCompiles() {
    compiles(inMethod("""
        double r = x++ * 2;
        return r;
        """));
  }

  @Test
  void decrementInConditionCompiles() {
    compiles(inMethod("""
        int k = n;
        while (--k > 0) {
          x = x * y;
        }
        return x;
        """));
  }

  @Test
  void callToUserMethodCompiles() {
    compiles(inClass("""
        static double helper(double v) {
          return v * v;
        }

        @Differentiable
        static double f(double x) {
          return 2 * helper(x);
        }
        """));
  }

  @Test
  void callToOtherDifferentiableMethodCompiles() {
    compiles(inClass("""
        @Differentiable
        static double square(double v) {
          return v * v;
        }

        @Differentiable
        static double f(double x) {
          return 2 * square(x);
        }
        """));
  }

  @Test
  void callToDoubleIsNaNCompiles() {
    // its argument carries a derivative, but its result is only a condition
    compiles(inMethod("""
        return Double.isNaN(x) ? 0 : x;
        """));
  }

  @Test
  void unknownMathFunction() {
    check(inMethod("""
        return x * Math.random(); // error: [COTANGENT-CALL] the call Math.random(...) at `Math.random()`
        """));
  }

  @Test
  void mathFunctionOutsideTheList() {
    check(inMethod("""
        return Math.ulp(x); // error: [COTANGENT-CALL] the call Math.ulp(...) at `Math.ulp(x)`
        """));
  }

  @Test
  void callNestedInSupportedExpression() {
    check(inMethod("""
        return Math.sin(x + Double.sum(x, y)); // error: [COTANGENT-CALL] at `Double.sum(x, y)`
        """));
  }

  @Test
  void callInConditionCompiles() {
    compiles(inMethod("""
        if (Double.isFinite(x)) {
          return x;
        }
        return y;
        """));
  }

  @Test
  void callOnAnExpression() {
    check(inMethod("""
        return Double.valueOf(x).doubleValue(); // error: [COTANGENT-CALL] at `Double.valueOf(x).doubleValue()`
        """));
  }

  @Test
  void mathFunctionsAndConstantsCompile() {
    check(inMethod("""
        double s = Math.sin(x) + StrictMath.cos(y) + Math.atan2(y, x) + Math.hypot(x, y);
        double t = Math.pow(x, 2) * Math.exp(-x) + Math.log1p(x * x) + Math.cbrt(y);
        double u = Math.max(x, y) - Math.min(x, n) + Math.abs(n) + Math.signum(x) + Math.floor(y);
        double v = Math.toRadians(x) + Math.round(x) + Math.PI * Math.E + Double.MAX_VALUE * 0;
        return s + t + u + v;
        """));
  }
}
