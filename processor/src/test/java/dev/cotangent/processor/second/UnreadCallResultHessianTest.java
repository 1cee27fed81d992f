package dev.cotangent.processor.second;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.SecondOrderMethod;
import org.junit.jupiter.api.Test;

/**
 * Random program 240740: a local declared in a branch (so the pullback declares it before its
 * sweeps) holding the result of a call to a helper with a guard clause, locals and an early
 * return in nested ifs, a result nothing reads. The call is inactive at order 1, and the
 * Hessian-vector product assigned the local's tangent, which it never declared. Checked against
 * Richardson central differences of the gradient, with the dot test.
 */
class UnreadCallResultHessianTest {
  static final FunctionGroup GROUP = FunctionGroup.of("second.unread", "Unread")
      .members("""
          static double g(double a, double b) {
            if (!(a > -1.5)) return a;
            double d = a;
            a /= 1.5 + Math.sin(b);
            if (-0.3 <= -1 / (1.5 + Math.cos(d))) {
              if (Math.hypot(d, b) <= Math.atan2(d, 1.5 + Math.cos(a))) return -0.08;
            } else {
              b /= Math.hypot(1, Math.log(2 + Math.sin(d)));
            }
            d += b > 0.5 ? a : Math.sin(b);
            return d;
          }
          """)
      .function("unread", """
          @Differentiable(order = 2)
          public static double unread(double x, double y, double[] w) {
            if (x > y) {
              x *= Math.sin(w[0]);
              final double d = g(y, x);
              w[1] *= w[0];
            } else {
              int c = 0;
              do {
                c++;
                y = Math.tanh(x);
                x *= Math.atan(y);
              } while (c < 2);
              y *= 0.5;
            }
            return Math.exp(Math.tanh(-w[0] * w[1] * Math.floor(2 * y)));
          }
          """)
      .function("guarded", """
          @Differentiable(order = 2)
          public static double guarded(double x, double y) {
            if (!(x > -1.5)) return x * y;
            double d = x * y;
            x /= 1.5 + Math.sin(y);
            if (-0.3 <= -1 / (1.5 + Math.cos(d))) {
              if (Math.hypot(d, y) <= Math.atan2(d, 1.5 + Math.cos(x))) return d * x;
            } else {
              y /= Math.hypot(1, Math.log(2 + Math.sin(d)));
            }
            d += y > 0.5 ? x * y : Math.sin(y * d);
            return d * g(x, y);
          }
          """);

  private static SecondOrderMethod method(String name, Class<?>[] types, boolean... d) {
    assumeFalse(CompiledSources.referenceOnly(), "no companions in reference-only mode");
    return new SecondOrderMethod(GROUP.sourcesFor(name), GROUP.className(), name, types, d);
  }

  @Test
  void anUnreadCallResultDeclaredInABranch() {
    SecondOrderMethod m = method("unread",
        new Class<?>[] {double.class, double.class, double[].class}, true, true, true);
    // floor(2 y) = 1, 2, -2 and (the loop) 0, away from its jumps
    for (double[] p : new double[][] {{2.0, 0.8}, {1.7, 1.3}, {0.4, -0.7}, {-0.4, 0.6}}) {
      Object[] args = {p[0], p[1], new double[] {0.7, -0.4}};
      Object[] v = {0.5, -0.3, new double[] {0.6, 0.2}};
      Object[] w = {-0.2, 0.9, new double[] {-0.5, 0.8}};
      m.check(args, v, 1e-6);
      m.check(args, w, 1e-6);
      m.dotTest(args, v, w, 1e-11);
    }
  }

  @Test
  void aGuardClauseLocalsAndAnEarlyReturnInNestedIfs() {
    SecondOrderMethod m = method("guarded", new Class<?>[] {double.class, double.class}, true,
        true);
    for (double[] p : new double[][] {{-2.0, 0.4}, {0.3, 0.2}, {2.5, 0.9}, {1.2, -0.7},
        {-1.0, 1.3}}) {
      Object[] args = {p[0], p[1]};
      Object[] v = {0.7, -0.2};
      Object[] w = {-0.4, 0.9};
      m.check(args, v, 1e-6);
      m.check(args, w, 1e-6);
      m.dotTest(args, v, w, 1e-11);
    }
  }
}
