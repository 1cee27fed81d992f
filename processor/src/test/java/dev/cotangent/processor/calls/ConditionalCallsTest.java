package dev.cotangent.processor.calls;

import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * Calls inside {@code ?:} branches and on the right of {@code &&} and {@code ||}: they run only
 * when Java evaluates them, in every companion. A helper that throws outside its domain shows
 * it: at the points where the original does not call it, no companion may.
 */
class ConditionalCallsTest {
  static final FunctionGroup CONDITIONAL =
      FunctionGroup.of("calls.conditional", "Conditional")
          .members(
              """
              /** Defined for x > 0 only. */
              static double logOf(double x) {
                if (x <= 0) {
                  throw new IllegalArgumentException("log of " + x);
                }
                return Math.log(x);
              }

              static double g(double x, double y) {
                return x * Math.exp(-y);
              }
              """)
          .function(
              "inBranches",
              """
              @Differentiable
              public static double inBranches(double x, double y) {
                double a = x > 0 ? logOf(x) * y : g(y, x) + 1;
                double b = y > 0.5 ? (x > 0 ? g(x, logOf(x)) : x) : 2 * y;
                return a * b + (x < 0 ? 0 : logOf(x + 1));
              }
              """)
          .function(
              "shortCircuit",
              """
              @Differentiable
              public static double shortCircuit(double x, double y) {
                double r = y;
                boolean big = x > 0 && logOf(x) * y > 0.1;
                if (big) {
                  r = r * x;
                }
                boolean either = x <= 0 || g(y, logOf(x)) > 0.3;
                return either ? r + x : r - y;
              }
              """)
          .function(
              "inALoop",
              """
              @Differentiable
              public static double inALoop(double x, int n) {
                double s = x;
                for (int i = 0; i < n; i++) {
                  s = i % 2 == 0 ? g(s, x) : s + logOf(1 + s * s);
                }
                return s;
              }
              """);

  @Test
  void callsInConditionalBranchesRunOnlyWhenChosen() {
    GradientCheck.of(CONDITIONAL, "inBranches")
        .differentiable("x", "y")
        .where("away from x = 0 and y = 0.5", p -> Math.abs(p.d("x")) > 0.05
            && Math.abs(p.d("y") - 0.5) > 0.05)
        .covering("x < 0", p -> p.d("x") < 0)
        .covering("x > 0, y > 0.5", p -> p.d("x") > 0 && p.d("y") > 0.5)
        .points(12)
        .checkAll();
  }

  @Test
  void callsRightOfShortCircuitOperatorsRunOnlyWhenNeeded() {
    GradientCheck.of(CONDITIONAL, "shortCircuit")
        .differentiable("x", "y")
        .where("away from x = 0", p -> Math.abs(p.d("x")) > 0.05)
        .covering("x < 0", p -> p.d("x") < 0)
        .covering("x > 0", p -> p.d("x") > 0)
        .points(12)
        .checkAll();
  }

  @Test
  void conditionalCallsInALoop() {
    GradientCheck.of(CONDITIONAL, "inALoop")
        .differentiable("x")
        .uniform("x", -1, 1)
        .ints("n", 0, 5)
        .checkAll();
  }
}
