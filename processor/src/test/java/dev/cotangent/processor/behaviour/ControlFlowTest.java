package dev.cotangent.processor.behaviour;

import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * Control flow: nested {@code if}/{@code else}, {@code if} without {@code else}, {@code else if}
 * chains, several returns, {@code for} (int and double counters), {@code while}, {@code do}-{@code
 * while}, nested loops, loops whose trip count depends on the data (projectile, Newton iteration,
 * halving), {@code break}, {@code continue}, labelled {@code break}/{@code continue} out of nested
 * loops, and {@code return} inside loops and branches.
 *
 * <p>Where a trip count or a branch depends on the differentiable inputs, the random points whose
 * finite-difference stencils would straddle a switch are left out by the harness's stability test
 * (which looks at the original method only); explicit guards name the switches we know of.
 */
class ControlFlowTest {
  static final FunctionGroup FLOW =
      FunctionGroup.of("behaviour.flow", "Flow")
          .members("static final double G = 9.81;")
          .function(
              "nestedIf",
              """
              @Differentiable
              public static double nestedIf(double x, double y) {
                double r = x * y;
                if (x > 0) {
                  if (y > 0) {
                    r = r * x;
                  } else {
                    r = r - y * y;
                  }
                } else {
                  r = r + x;
                  if (y < -0.5)
                    r *= y;
                }
                if (y > 1) {
                  r += Math.sqrt(y);
                }
                return r;
              }
              """)
          .function(
              "elseIfChain",
              """
              @Differentiable
              public static double elseIfChain(double x) {
                double r;
                if (x < -1) {
                  r = -x * x;
                } else if (x < 0) {
                  r = 3 * x + 2;
                } else if (x < 1) {
                  r = Math.exp(x);
                } else {
                  r = x * x * x - x;
                }
                return r * 2;
              }
              """)
          .function(
              "severalReturns",
              """
              @Differentiable
              public static double severalReturns(double x, double y) {
                if (x < -1) {
                  return x * y;
                }
                if (x < 0) {
                  double t = x * 3;
                  return t * t - y;
                }
                if (x < 1) {
                  if (y > 0) {
                    return Math.sqrt(x + y);
                  }
                  return x - y * y;
                }
                return x * x * x;
              }
              """)
          .function(
              "forLoop",
              """
              @Differentiable
              public static double forLoop(double x, int n) {
                double s = 0;
                double p = 1;
                for (int i = 0; i < n; i++) {
                  p *= x;
                  s += p / (i + 1);
                }
                return s;
              }
              """)
          .function(
              "doubleCounter",
              """
              @Differentiable
              public static double doubleCounter(double x) {
                double acc = 0;
                for (double t = 0.5; t < 3; t++) {
                  acc += t * x * x;
                }
                for (double t = 2; t > 0; t -= 0.5) {
                  acc -= t * x;
                }
                return acc;
              }
              """)
          .function(
              "whileLoop",
              """
              @Differentiable
              public static double whileLoop(double x) {
                int i = 0;
                double s = x;
                while (i < 6) {
                  s = 0.5 * s + Math.sin(s);
                  i++;
                }
                return s;
              }
              """)
          .function(
              "doWhile",
              """
              @Differentiable
              public static double doWhile(double x, int n) {
                int k = 0;
                double acc = 1;
                do {
                  acc = acc * x + k;
                  k++;
                } while (k < n);
                return acc;
              }
              """)
          .function(
              "doWhileContinue",
              """
              @Differentiable
              public static double doWhileContinue(double x, int n) {
                int i = 0;
                double acc = x;
                do {
                  i++;
                  if (i == 2) {
                    continue;
                  }
                  acc = acc * x + i;
                } while (i < n);
                return acc;
              }
              """)
          .function(
              "nestedLoops",
              """
              @Differentiable
              public static double nestedLoops(double x, double y, int n) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                  for (int j = 0; j <= i; j++) {
                    s += x * i + y * j + s * 0.1 * x;
                  }
                }
                return s;
              }
              """)
          .function(
              "projectile",
              """
              /** Range of a projectile with a little drag: Euler steps while it is above ground. */
              @Differentiable
              public static double projectile(double v, double angle) {
                double dt = 0.05;
                double vx = v * Math.cos(angle), vy = v * Math.sin(angle);
                double px = 0, py = 0;
                double prevX = 0, prevY = 0;
                int steps = 0;
                while (py >= 0) {
                  prevX = px;
                  prevY = py;
                  px += vx * dt;
                  py += vy * dt;
                  vy -= G * dt;
                  vx *= 0.999;
                  steps++;
                }
                // linear interpolation of where it crossed y = 0
                return prevX + (px - prevX) * prevY / (prevY - py);
              }
              """)
          .function(
              "newtonSqrt",
              """
              /** sqrt(a) by Newton's method, iterated until the step is negligible. */
              @Differentiable
              public static double newtonSqrt(double a) {
                double x = a > 1 ? a : 1;
                double prev;
                int it = 0;
                do {
                  prev = x;
                  x = 0.5 * (x + a / x);
                  it++;
                } while (Math.abs(x - prev) > 1e-13 * x && it < 100);
                return x;
              }
              """)
          .function(
              "halveUntilSmall",
              """
              @Differentiable
              public static double halveUntilSmall(double x) {
                int k = 0;
                while (x > 1) {
                  x = x / 2;
                  k++;
                }
                return x * k + x * x;
              }
              """)
          .function(
              "breakContinue",
              """
              @Differentiable
              public static double breakContinue(double x, int n) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                  if (i % 3 == 0) {
                    continue;
                  }
                  if (i == 7) {
                    break;
                  }
                  s += x * i;
                  s *= 1.1;
                  if (s > 40) {
                    break;
                  }
                }
                return s;
              }
              """)
          .function(
              "whileTrueBreak",
              """
              @Differentiable
              public static double whileTrueBreak(double x) {
                double s = x;
                int k = 0;
                while (true) {
                  s = s * 1.5 + 0.1 * s * s;
                  k++;
                  if (k >= 4) {
                    break;
                  }
                }
                return s * k;
              }
              """)
          .function(
              "labelledFor",
              """
              @Differentiable
              public static double labelledFor(double x, int n) {
                double s = 0;
                outer:
                for (int i = 0; i < n; i++) {
                  inner:
                  for (int j = 0; j < n; j++) {
                    if (j > i) {
                      continue outer;
                    }
                    if (i * j == 6) {
                      break outer;
                    }
                    if (j == 1) {
                      continue inner;
                    }
                    s += x * (i + 1) - s * 0.1 * j;
                  }
                }
                return s;
              }
              """)
          .function(
              "labelledWhile",
              """
              @Differentiable
              public static double labelledWhile(double x, double y) {
                double acc = 0;
                int i = 0;
                search:
                while (i < 5) {
                  i++;
                  int j = 0;
                  while (j < 5) {
                    j++;
                    acc += x * i + y * j * acc * 0.1;
                    if (acc > 20) {
                      break search;
                    }
                    if (j >= i) {
                      continue search;
                    }
                  }
                }
                return acc;
              }
              """)
          .function(
              "earlyReturnInLoop",
              """
              @Differentiable
              public static double earlyReturnInLoop(double x, double y) {
                for (int i = 0; i < 10; i++) {
                  x = x * 0.9 + y;
                  if (x > 3) {
                    return x * y;
                  }
                }
                return -x;
              }
              """)
          .function(
              "shortCircuit",
              """
              @Differentiable
              public static double shortCircuit(double x) {
                if (x > 0 && Math.log(x) > 0.5) {
                  return x * 2;
                }
                if (x < 0 || Math.sqrt(x) < 0.5) {
                  return -x * x;
                }
                return x * x * x;
              }
              """)
          .function(
              "manyIterations",
              """
              @Differentiable
              public static double manyIterations(double x, int n) {
                double s = x;
                for (int i = 0; i < n; i++) {
                  s = s + 1e-4 * Math.sin(s) * Math.cos(x);
                }
                return s;
              }
              """)
          .function(
              "returnFromNestedLoop",
              """
              @Differentiable
              public static double returnFromNestedLoop(double x, int n) {
                double s = 1;
                for (int i = 0; i < n; i++) {
                  int j = 0;
                  while (j < n) {
                    s = s * x + j;
                    if (i * j == 4) {
                      return s * i;
                    }
                    j++;
                  }
                }
                return s;
              }
              """);

  @Test
  void nestedIfElseAndIfWithoutElse() {
    GradientCheck.of(FLOW, "nestedIf")
        .differentiable("x", "y")
        .where("x away from 0", p -> Math.abs(p.d("x")) > 0.02)
        .where("y away from 0, -0.5 and 1",
            p -> Math.abs(p.d("y")) > 0.02 && Math.abs(p.d("y") + 0.5) > 0.02 && Math.abs(p.d("y") - 1) > 0.02)
        .uniform("y", -2, 2)
        .covering("x > 0, y > 0", p -> p.d("x") > 0 && p.d("y") > 0)
        .covering("x > 0, y < 0", p -> p.d("x") > 0 && p.d("y") < 0)
        .covering("x < 0, y < -0.5", p -> p.d("x") < 0 && p.d("y") < -0.5)
        .covering("x < 0, y > -0.5", p -> p.d("x") < 0 && p.d("y") > -0.5)
        .covering("y > 1", p -> p.d("y") > 1)
        .points(16)
        .checkAll();
  }

  @Test
  void elseIfChain() {
    GradientCheck.of(FLOW, "elseIfChain")
        .differentiable("x")
        .uniform("x", -2.5, 2.5)
        .where("x away from -1, 0, 1", p -> Math.abs(p.d("x") - Math.rint(p.d("x"))) > 0.02)
        .covering("x < -1", p -> p.d("x") < -1)
        .covering("-1 < x < 0", p -> p.d("x") > -1 && p.d("x") < 0)
        .covering("0 < x < 1", p -> p.d("x") > 0 && p.d("x") < 1)
        .covering("x > 1", p -> p.d("x") > 1)
        .points(12)
        .checkAll();
  }

  @Test
  void severalReturns() {
    GradientCheck.of(FLOW, "severalReturns")
        .differentiable("x", "y")
        .uniform("x", -2, 2)
        .uniform("y", 0, 2)
        .where("x away from -1, 0, 1", p -> Math.abs(p.d("x") - Math.rint(p.d("x"))) > 0.02)
        .at(-1.5, 0.4) // x * y
        .at(0.5, 0.8) // sqrt(x + y)
        .at(0.5, -0.8) // x - y²
        .covering("x < -1", p -> p.d("x") < -1)
        .covering("-1 < x < 0", p -> p.d("x") > -1 && p.d("x") < 0)
        .covering("x > 1", p -> p.d("x") > 1)
        .points(12)
        .checkAll();
  }

  @Test
  void forLoopDrivenByAnIntParameter() {
    GradientCheck.of(FLOW, "forLoop")
        .differentiable("x")
        .uniform("x", -0.9, 0.9)
        .ints("n", 0, 8)
        .points(10)
        .checkAll();
  }

  @Test
  void forLoopWithADoubleCounter() {
    GradientCheck.of(FLOW, "doubleCounter").differentiable("x").checkAll();
  }

  @Test
  void whileLoop() {
    GradientCheck.of(FLOW, "whileLoop").differentiable("x").uniform("x", -3, 3).checkAll();
  }

  @Test
  void doWhileRunsAtLeastOnce() {
    GradientCheck.of(FLOW, "doWhile")
        .differentiable("x")
        .ints("n", 0, 5)
        .at(0.7, 0) // the body still runs once
        .at(-1.2, 0)
        .points(10)
        .checkAll();
  }

  @Test
  void continueInDoWhile() {
    GradientCheck.of(FLOW, "doWhileContinue")
        .differentiable("x")
        .uniform("x", -1.5, 1.5)
        .ints("n", 0, 5)
        .points(10)
        .checkAll();
  }

  @Test
  void nestedLoops() {
    GradientCheck.of(FLOW, "nestedLoops")
        .differentiable("x", "y")
        .ints("n", 0, 5)
        .points(10)
        .checkAll();
  }

  @Test
  void projectileWithDataDependentTripCount() {
    GradientCheck.of(FLOW, "projectile")
        .differentiable("v", "angle")
        .uniform("v", 5, 20)
        .uniform("angle", 0.3, 1.2)
        .points(8)
        .checkAll();
  }

  @Test
  void newtonIterationUntilConvergence() {
    GradientCheck.of(FLOW, "newtonSqrt")
        .differentiable("a")
        .uniform("a", 0.1, 50)
        .where("a away from 1 (initial guess switches)", p -> Math.abs(p.d("a") - 1) > 0.05)
        .covering("a < 1", p -> p.d("a") < 1)
        .points(8)
        .checkAll();
  }

  @Test
  void whileLoopThatOverwritesItsParameter() {
    GradientCheck.of(FLOW, "halveUntilSmall")
        .differentiable("x")
        .uniform("x", 0.1, 20)
        .where("x away from powers of 2",
            p -> Math.abs(Math.log(p.d("x")) / Math.log(2) - Math.rint(Math.log(p.d("x")) / Math.log(2))) > 0.02)
        .covering("x < 1 (no iteration)", p -> p.d("x") < 1)
        .covering("x > 8", p -> p.d("x") > 8)
        .points(10)
        .checkAll();
  }

  @Test
  void breakAndContinue() {
    GradientCheck.of(FLOW, "breakContinue")
        .differentiable("x")
        .uniform("x", -3, 3)
        .ints("n", 0, 10)
        .covering("n > 7 (break at i == 7)", p -> p.i("n") > 7)
        .covering("s > 40 break", p -> p.d("x") > 2.5 && p.i("n") >= 6)
        .at(2.8, 9)
        .points(14)
        .checkAll();
  }

  @Test
  void whileTrueWithBreak() {
    GradientCheck.of(FLOW, "whileTrueBreak").differentiable("x").uniform("x", -2, 1).checkAll();
  }

  @Test
  void labelledBreakAndContinueInForLoops() {
    GradientCheck.of(FLOW, "labelledFor")
        .differentiable("x")
        .ints("n", 0, 6)
        .covering("n >= 4 (break outer at i*j == 6)", p -> p.i("n") >= 4)
        .points(10)
        .checkAll();
  }

  @Test
  void labelledBreakAndContinueInWhileLoops() {
    GradientCheck.of(FLOW, "labelledWhile")
        .differentiable("x", "y")
        .uniform("x", -1, 3)
        .uniform("y", -1, 1)
        .covering("break search taken (large x)", p -> p.d("x") > 2.5)
        .at(2.8, 0.3)
        .points(10)
        .checkAll();
  }

  @Test
  void returnInsideALoop() {
    GradientCheck.of(FLOW, "earlyReturnInLoop")
        .differentiable("x", "y")
        .uniform("y", -0.5, 1)
        .at(2.5, 0.8) // returns early
        .at(-1, -0.3) // runs all ten iterations
        .points(10)
        .checkAll();
  }

  @Test
  void shortCircuitConditionsGuardingPartialFunctions() {
    GradientCheck.of(FLOW, "shortCircuit")
        .differentiable("x")
        .uniform("x", -3, 4)
        .where("x away from 0, 0.25 and e^0.5",
            p -> Math.abs(p.d("x")) > 0.02 && Math.abs(p.d("x") - 0.25) > 0.02
                && Math.abs(p.d("x") - Math.exp(0.5)) > 0.02)
        .covering("x < 0 (log and sqrt not evaluated)", p -> p.d("x") < 0)
        .covering("0.25 < x < e^0.5", p -> p.d("x") > 0.25 && p.d("x") < Math.exp(0.5))
        .covering("x > e^0.5", p -> p.d("x") > Math.exp(0.5))
        .at(0.1) // -x²
        .points(10)
        .checkAll();
  }

  /** A long loop: the tape of the reverse sweep grows far beyond its initial size. */
  @Test
  void loopWithOneHundredThousandIterations() {
    GradientCheck.of(FLOW, "manyIterations")
        .differentiable("x")
        .uniform("x", -2, 2)
        .ints("n", 50_000, 100_000)
        .points(3)
        .checkAll();
  }

  @Test
  void returnFromANestedLoop() {
    GradientCheck.of(FLOW, "returnFromNestedLoop")
        .differentiable("x")
        .uniform("x", -1.2, 1.2)
        .ints("n", 0, 6)
        .covering("returns from inside (n >= 3)", p -> p.i("n") >= 3)
        .covering("falls through (n <= 2)", p -> p.i("n") <= 2)
        .points(12)
        .checkAll();
  }
}
