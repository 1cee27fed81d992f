package dev.cotangent.processor.calls;

import static dev.cotangent.processor.calls.CallDiagnostics.check;

import org.junit.jupiter.api.Test;

/** Each [COTANGENT-CALL] error of the calls feature, on the line of the call. */
class CallDiagnosticsTest {
  private static final String HEADER =
      """
      package p;

      import dev.cotangent.Differentiable;
      import dev.cotangent.NoDerivative;

      """;

  @Test
  void calleeThatCannotBeDifferentiated() {
    check(HEADER + """
        class C {
          static double pick(double x, int n) {
            try { // error: [COTANGENT-UNSUPPORTED]
              return n == 0 ? x : 2 * x;
            } finally {
              n++;
            }
          }

          @Differentiable
          static double f(double x, int n) {
            double y = x * pick(x, n); // error: [COTANGENT-CALL] pick is called with differentiable arguments, but it cannot be differentiated
            return y;
          }
        }
        """);
  }

  @Test
  void failureTravelsUpTheCallChain() {
    check(HEADER + """
        class C {
          static double bad(double x) {
            String s = "x";
            return x * s.length(); // error: [COTANGENT-CALL] s.length() calls a method of the object s
          }

          static double middle(double x) {
            return bad(x) + 1; // error: [COTANGENT-CALL] bad is called with differentiable arguments, but it cannot be differentiated
          }

          @Differentiable
          static double f(double x) {
            return middle(x * x); // error: [COTANGENT-CALL] middle is called with differentiable arguments, but it cannot be differentiated
          }

          @Differentiable
          static double g(double x, int n) {
            return x * bad(n); // an inactive call: fine
          }
        }
        """);
  }

  @Test
  void mutualRecursionWithAnUndifferentiableMember() {
    check(HEADER + """
        class C {
          static double ping(double x, int n) {
            if (n <= 0) {
              return x;
            }
            return pong(x * 0.5, n - 1); // error: [COTANGENT-CALL] pong is called with differentiable arguments, but it cannot be differentiated
          }

          static double pong(double x, int n) {
            Object o = null; // error: [COTANGENT-
            return ping(x + 1, n); // pong already fails on its own (line above): no second error
          }

          @Differentiable
          static double f(double x) {
            return ping(x, 3); // error: [COTANGENT-CALL] ping is called with differentiable arguments, but it cannot be differentiated
          }
        }
        """);
  }

  @Test
  void inactiveCallToAnUndifferentiableHelperCompiles() {
    check(HEADER + """
        class C {
          static double table(double h) {
            String key = "k" + (int) h;
            switch (key.length()) {
              case 2:
                return 1.0;
              default:
                return 2.0;
            }
          }

          @Differentiable
          static double f(double x, @NoDerivative double k, int n) {
            return x * table(0.5 * n) + table(k) + table(n * k);
          }
        }
        """);
  }

  @Test
  void calleeWritingIntoArrays() {
    check(HEADER + """
        class C {
          static double scale(double[] w, double x) {
            w[0] = w[0] * x;
            return w[0];
          }

          static double fill(double[] w, double x) {
            java.util.Arrays.fill(w, x);
            return x;
          }

          @Differentiable
          static double f(double[] w, double x) {
            double a = scale(w, x); // differentiated: the callee writes into w
            double b = fill(w, x);
            double c = 1 + scale(w, x); // error: [COTANGENT-CALL] scale writes into its array arguments, so it cannot be called inside an initialiser
            if (scale(w, b) > 0) { // error: [COTANGENT-CALL] scale writes into its array arguments, so it cannot be called inside a condition
              c = c * 2;
            }
            return a + b + c;
          }
        }
        """);
  }

  @Test
  void calleeWritingIntoArraysWithIncrementAndCompoundAssignment() {
    check(HEADER + """
        class C {
          static double bump(double[] w, double x) {
            w[0]++;
            return w[0] * x;
          }

          static double addTo(double[] w, double x) {
            w[1] += x;
            return x;
          }

          @Differentiable
          static double f(double[] w, double x) {
            double a = bump(w, x); // differentiated: the callee writes into w
            double b = addTo(w, x);
            return a + b;
          }
        }
        """);
  }

  @Test
  void outParameterCallsCotangentCannotFollow() {
    check(HEADER + """
        class C {
          static void copy(double[] from, @NoDerivative double[] to) {
            for (int i = 0; i < to.length; i++) {
              to[i] = from[i];
            }
          }

          static void twice(double[] a) {
            for (int i = 0; i < a.length; i++) {
              a[i] = 2 * a[i];
            }
          }

          @Differentiable
          static double f(double[] w, double x) {
            double[] v = {x, x};
            copy(w, v); // error: [COTANGENT-CALL] the method copy writes into its parameter to, which carries no derivative
            twice(new double[] {x}); // fine: what it writes is never read
            return v[0];
          }
        }
        """);
  }

  @Test
  void privateCallee() {
    check(HEADER + """
        class C {
          private static double secret(double x) {
            synchronized (C.class) { // error: [COTANGENT-UNSUPPORTED] synchronized
              return x * x;
            }
          }

          private static double copied(double x) {
            return x * x;
          }

          @Differentiable
          static double f(double x) {
            return 2 * secret(x) + copied(x); // error: [COTANGENT-CALL] secret is called with differentiable arguments, but it cannot be differentiated
          }
        }
        """);
  }

  @Test
  void callInTheConditionOfConditionalAndLeftOfShortCircuitIsFine() {
    check(HEADER + """
        class C {
          static double g(double x) {
            return x * x;
          }

          static boolean big(double x) {
            return x > 1;
          }

          @Differentiable
          static double f(double x, boolean b) {
            double a = g(x) > 1 ? x : 2 * x;
            double d = x;
            if (big(x) && b) {
              d = 2 * x;
            }
            return a + d;
          }
        }
        """);
  }

  @Test
  void instanceMethodCalls() {
    check(HEADER + """
        class C {
          double scale(double x) {
            return 2 * x;
          }

          @Differentiable
          static double f(double x) {
            C c = new C(); // error: [COTANGENT-
            return c.scale(x); // c was reported where it is declared
          }

          @Differentiable
          static double g(double x) {
            return scale(x); // error: [COTANGENT-CALL] the method scale
          }
        }
        """);
  }

  @Test
  void unknownDerivativeOfAJdkMethod() {
    check(HEADER + """
        class C {
          @Differentiable
          static double f(double x) {
            return Double.sum(x, 1.0); // error: [COTANGENT-CALL] the derivative of ... is unknown
          }
        }
        """);
  }
}
