package dev.cotangent.processor.diagnostics;

import static dev.cotangent.processor.diagnostics.ExpectDiagnostics.check;
import static dev.cotangent.processor.diagnostics.ExpectDiagnostics.inClass;
import static dev.cotangent.processor.diagnostics.ExpectDiagnostics.inMethod;

import org.junit.jupiter.api.Test;

/**
 * Statements outside the supported subset: each is an error on the statement itself, with the
 * id {@code [COTANGENT-UNSUPPORTED]}.
 */
class UnsupportedStatementsTest {

  @Test
  void switchStatement() {
    check(inMethod("""
        double r = 0;
        switch (n) { // error: [COTANGENT-UNSUPPORTED] a switch statement
          case 1: r = x; break;
          default: r = y;
        }
        return r;
        """));
  }

  @Test
  void switchExpression() {
    check(inMethod("""
        return switch (n) { case 1 -> x; default -> y; }; // error: [COTANGENT-UNSUPPORTED] switch expression
        """));
  }

  @Test
  void tryCatch() {
    check(inMethod("""
        double r = 0;
        try { // error: [COTANGENT-UNSUPPORTED] try
          r = x;
        } catch (RuntimeException e) {
          r = y;
        }
        return r;
        """));
  }

  @Test
  void throwStatement() {
    check(inMethod("""
        if (x < 0) {
          throw new IllegalArgumentException(); // error: [COTANGENT-UNSUPPORTED] throw at `throw new IllegalArgumentException();`
        }
        return x;
        """));
  }

  @Test
  void synchronizedBlock() {
    check(inMethod("""
        double r;
        synchronized (C.class) { // error: [COTANGENT-UNSUPPORTED] synchronized
          r = x;
        }
        return r;
        """));
  }

  @Test
  void assertStatement() {
    check(inMethod("""
        assert x > 0 : "positive"; // error: [COTANGENT-UNSUPPORTED] assert at `assert x > 0 : "positive";`
        return x;
        """));
  }

  @Test
  void localClass() {
    check(inMethod("""
        class Local { // error: [COTANGENT-UNSUPPORTED] a local class
          double twice(double v) { return 2 * v; }
        }
        return x;
        """));
  }

  @Test
  void localInterfaceAndEnum() {
    check(inMethod("""
        interface Shape {} // error: [COTANGENT-UNSUPPORTED] a local class
        enum Sign { PLUS, MINUS } // error: [COTANGENT-UNSUPPORTED] a local class
        return x;
        """));
  }

  @Test
  void localRecord() {
    check(inMethod("""
        record Pair(double a, double b) {} // error: [COTANGENT-UNSUPPORTED] a local class
        return x;
        """));
  }

  @Test
  void labelledBlock() {
    check(inMethod("""
        double r = x;
        done: { // error: [COTANGENT-UNSUPPORTED] a label on a non-loop statement
          if (x > 0) break done;
          r = -x;
        }
        return r;
        """));
  }

  @Test
  void labelledIf() {
    check(inMethod("""
        double r = x;
        check: if (x > 0) { // error: [COTANGENT-UNSUPPORTED] a label on a non-loop statement
          r = y;
        }
        return r;
        """));
  }

  @Test
  void mathCallAsStatement() {
    check(inMethod("""
        Math.sin(x); // error: [COTANGENT-UNSUPPORTED] a call used as a statement at `Math.sin(x)`
        return x;
        """));
  }

  @Test
  void userCallAsStatement() {
    check(inClass("""
        static void log(double v) {}

        @Differentiable
        static double f(double x) {
          log(x); // error: [COTANGENT-UNSUPPORTED] a call used as a statement at `log(x)`
          return x;
        }
        """));
  }

  @Test
  void objectCreationAsStatement() {
    check(inMethod("""
        new Object(); // error: [COTANGENT-UNSUPPORTED] object creation at `new Object()`
        return x;
        """));
  }

  @Test
  void finalLocalIsAccepted() {
    check(inMethod("""
        final double a = x;
        return a;
        """));
  }

  @Test
  void callInForUpdate() {
    check(inMethod("""
        double r = 0;
        for (int i = 0; i < n; i++, Math.abs(r)) { // error: [COTANGENT-UNSUPPORTED] a call used as a statement at `Math.abs(r)`
          r = r + x;
        }
        return r;
        """));
  }

  @Test
  void unsupportedStatementInsideLoopBodyAndBranches() {
    check(inMethod("""
        double r = 0;
        for (int i = 0; i < n; i++) {
          if (b) {
            assert r >= 0; // error: [COTANGENT-UNSUPPORTED] assert
          } else {
            while (r < 10) r = r + 1;
            throw new IllegalStateException(); // error: [COTANGENT-UNSUPPORTED] throw
          }
          do {
            r = r + x;
            Math.cos(r); // error: [COTANGENT-UNSUPPORTED] a call used as a statement
          } while (r < 3);
        }
        return r;
        """));
  }
}
