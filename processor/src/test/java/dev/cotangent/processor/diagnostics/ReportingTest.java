package dev.cotangent.processor.diagnostics;

import static dev.cotangent.processor.diagnostics.ExpectDiagnostics.check;
import static dev.cotangent.processor.diagnostics.ExpectDiagnostics.inClass;
import static dev.cotangent.processor.diagnostics.ExpectDiagnostics.inMethod;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * How errors are reported: all of them, each once, and without stopping the other methods'
 * companions.
 */
class ReportingTest {

  @Test
  void severalErrorsInOneMethodAreAllReported() {
    check(inMethod("""
        double r = x;
        synchronized (C.class) { // error: [COTANGENT-UNSUPPORTED] synchronized
          r = y;
        }
        r = r * Math.random(); // error: [COTANGENT-CALL] at `Math.random()`
        if (b) {
          try { // error: [COTANGENT-UNSUPPORTED] try
            r = 1;
          } finally {
            r = 2;
          }
        }
        for (int i = 0; i < n; i++) {
          r = r + (Double) r; // error: [COTANGENT-TYPE] in a cast
        }
        return r;
        """));
  }

  @Test
  void signatureAndParameterErrorsAreAllReported() {
    check(inClass("""
        @Differentiable
        static double f(
            Short a, // error: [COTANGENT-TYPE] for the parameter a
            double value, // error: [COTANGENT-METHOD] named value
            @NoDerivative int k, // warning: [COTANGENT-NO-DERIVATIVE]
            Object s) { // error: [COTANGENT-TYPE] for the parameter s
          return value * k;
        }
        """));
  }

  @Test
  void errorsInSeveralMethodsAreAllReported() {
    check(inClass("""
        @Differentiable
        static double f(double x) {
          return Math.random() * x; // error: [COTANGENT-CALL]
        }

        @Differentiable
        static int g(double x) { // error: [COTANGENT-METHOD] must return double
          return 1;
        }

        @Differentiable
        static double h(double x) {
          assert x > 0 : new Object(); // error: [COTANGENT-UNSUPPORTED] object creation
          return x;
        }
        """));
  }

  @Test
  void oneBadMethodDoesNotStopTheOthers() {
    ExpectDiagnostics.Result result = check(inClass("""
        @Differentiable
        static double bad(double x) {
          return Math.random() * x; // error: [COTANGENT-CALL] the call Math.random(...)
        }

        @Differentiable
        static double good(double x, double y) {
          return Math.sin(x) * y;
        }
        """));
    String adjoint = result.generated("p.CAdjoint").orElseThrow(
        () -> new AssertionError("no p.CAdjoint" + result.report()));
    String tangent = result.generated("p.CTangent").orElseThrow(
        () -> new AssertionError("no p.CTangent" + result.report()));
    assertTrue(adjoint.contains("static GoodGradient good(double x, double y)"), adjoint);
    assertTrue(tangent.contains(" good("), tangent);
    assertFalse(adjoint.contains("bad"), adjoint);
    assertFalse(tangent.contains("bad"), tangent);
  }

  @Test
  void aClassWithOnlyBadMethodsGetsNoCompanion() {
    ExpectDiagnostics.Result result = check(inMethod("""
        return Math.random(); // error: [COTANGENT-CALL]
        """));
    assertFalse(result.generated("p.CAdjoint").isPresent(), result.report());
    assertFalse(result.generated("p.CTangent").isPresent(), result.report());
  }

  @Test
  void badClassDoesNotStopOtherClasses() {
    ExpectDiagnostics.Result result = check(
        inMethod("""
            return Math.random(); // error: [COTANGENT-CALL]
            """),
        """
        package p;

        import dev.cotangent.Differentiable;

        class D {
          @Differentiable
          static double square(double x) {
            return x * x;
          }
        }
        """);
    assertTrue(result.generated("p.DAdjoint").isPresent(), result.report());
    assertTrue(result.generated("p.DTangent").isPresent(), result.report());
  }

  @Test
  void eachProblemIsReportedOnce() {
    ExpectDiagnostics.Result result = check(inMethod("""
        double r = x;
        while (r < 10) {
          r = r * Math.random(); // error: [COTANGENT-CALL]
        }
        return r;
        """));
    long count = result.compilation().errors().size();
    assertTrue(count == 1, "expected exactly one error" + result.report());
  }

  @Test
  void rejectedInitialiserDoesNotCascade() {
    check(inMethod("""
        double r = x * Math.random(); // error: [COTANGENT-CALL]
        r = r * 2;
        return r + y;
        """));
  }

  @Test
  void rejectedLocalTypeDoesNotCascade() {
    check(inMethod("""
        Short v = 1; // error: [COTANGENT-TYPE] for the local variable v
        return x * v;
        """));
  }

  @Test
  void rejectedParameterTypeDoesNotCascade() {
    check(inClass("""
        @Differentiable
        static double f(Short s, double x) { // error: [COTANGENT-TYPE] for the parameter s
          return s * x;
        }
        """));
  }

  @Test
  void warningAndErrorInOneMethod() {
    check(inClass("""
        @Differentiable
        static double f(double x, @NoDerivative boolean b) { // warning: [COTANGENT-NO-DERIVATIVE]
          return b ? x : Math.random(); // error: [COTANGENT-CALL]
        }
        """));
  }
}
