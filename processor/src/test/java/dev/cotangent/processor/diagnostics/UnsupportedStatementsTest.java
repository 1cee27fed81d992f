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
  void switchExpressionInsideALargerExpression() {
    check(inMethod("""
        return 1 + switch (n) { case 1 -> x; default -> y; }; // error: [COTANGENT-UNSUPPORTED] a switch expression inside a larger expression is not differentiable yet; assign it to a local variable first at `switch (n) { case 1 -> x; default -> y; }`
        """));
  }

  @Test
  void switchExpressionIntoVarOrAnElement() {
    check(inMethod("""
        var r = switch (n) { case 1 -> x; default -> y; }; // error: [COTANGENT-UNSUPPORTED] a switch expression inside a larger expression
        double[] a = new double[2];
        a[0] = switch (n) { case 1 -> x; default -> y; }; // error: [COTANGENT-UNSUPPORTED] a switch expression inside a larger expression
        return r + a[0];
        """));
  }

  @Test
  void switchOnADoubleOrLongIsJavasError() {
    check(inMethod("""
        switch ((long) n) { // error: [COTANGENT-TYPE] type long is not supported as a switch selector (switch on int, char, byte, short, String or an enum)
          case 1: return x;
          default: return y;
        }
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
  void throwOfACheckedException() {
    check(inMethod("""
        if (x < 0) {
          throw new Exception("negative"); // error: [COTANGENT-UNSUPPORTED] throwing Exception, which is a checked exception (the companions declare no throws clause) is not differentiable yet; throw an unchecked exception at `new Exception("negative")`
        }
        return x;
        """));
  }

  @Test
  void throwOfAnExceptionThatIsNotCreatedHere() {
    check(inMethod("""
        RuntimeException e = new IllegalStateException(); // error: [COTANGENT-UNSUPPORTED] object creation (new)
        throw e; // error: [COTANGENT-UNSUPPORTED] throwing an exception that is not created here (throw e) is not differentiable yet; write throw new SomeException(message) at `throw e;`
        """));
  }

  @Test
  void throwOfAPrivateException() {
    check(inClass("""
        private static final class Bad extends RuntimeException {}

        @Differentiable
        static double f(double x) {
          if (x < 0) {
            throw new Bad(); // error: [COTANGENT-UNSUPPORTED] throwing Bad, which is private, so the companions (other classes) cannot create it at `new Bad()`
          }
          return x;
        }
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
  void assertWithAMessageCotangentCannotRead() {
    check(inMethod("""
        assert x > 0 : new Object(); // error: [COTANGENT-UNSUPPORTED] object creation (new) at `new Object()`
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
        Math.sin(x); // an ignored result: computed, unused
        return x;
        """));
  }

  @Test
  void userCallAsStatementRunsAsInTheOriginal() {
    check(inClass("""
        static void log(double v) {}

        @Differentiable
        static double f(double x) {
          log(x);
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
        for (int i = 0; i < n; i++, Math.abs(r)) { // fine: an ignored result
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
            synchronized (C.class) { r = r + 1; } // error: [COTANGENT-UNSUPPORTED] synchronized
          } else {
            while (r < 10) r = r + 1;
            try { r = r * x; } finally { r = r + 1; } // error: [COTANGENT-UNSUPPORTED] try
          }
          do {
            r = r + x;
            Math.cos(r);
          } while (r < 3);
        }
        return r;
        """));
  }
}
