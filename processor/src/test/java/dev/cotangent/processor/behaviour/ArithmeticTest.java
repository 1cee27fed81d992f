package dev.cotangent.processor.behaviour;

import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * Operators and primitive types: {@code + - * /}, unary minus, parentheses and precedence, compound
 * assignments, {@code ++}/{@code --} on ints and doubles, {@code ?:}, comparisons, {@code && || !},
 * {@code %} on ints, int/long/boolean locals and parameters, casts and int→double promotion
 * (including integer division inside a double expression).
 */
class ArithmeticTest {
  static final FunctionGroup ARITH =
      FunctionGroup.of("behaviour.arith", "Arith")
          .function(
              "poly",
              """
              @Differentiable
              public static double poly(double x, double y) {
                return 3 * x * x * y - 2 * x + y / 4 - 7;
              }
              """)
          .function(
              "quotient",
              """
              @Differentiable
              public static double quotient(double x, double y) {
                return (x + 1) / (y * y + 1) - -x / (2 - y) + -(x * y);
              }
              """)
          .function(
              "unaryMinus",
              """
              @Differentiable
              static double unaryMinus(double x, double y) {
                double a = -x;
                double b = -(x * y) - -y;
                return -a * b + -(-x) - -a;
              }
              """)
          .function(
              "precedence",
              """
              @Differentiable
              public static double precedence(double x, double y) {
                return x + y * x - (x - y) * (x + y) / (1 + x * x) - x / y / 2 + (x - y - 1) - x - y * 2;
              }
              """)
          .function(
              "compound",
              """
              @Differentiable
              public static double compound(double x, double y) {
                double a = x;
                a += y;
                a *= x;
                a -= 2 * y;
                a /= 1 + y * y;
                a += 3;
                a *= a;
                double b = y;
                b -= a;
                b /= 2;
                return a + b;
              }
              """)
          .function(
              "incrementDecrement",
              """
              @Differentiable
              public static double incrementDecrement(double x, int n) {
                double d = x;
                d++;
                d *= x;
                ++d;
                d--;
                d *= d;
                --d;
                int k = n;
                k++;
                ++k;
                k--;
                --k;
                k++;
                double t = x;
                for (int i = 0; i < 3; i++) {
                  t++;
                }
                t--;
                return d * k + k + t * t;
              }
              """)
          .function(
              "intCompound",
              """
              @Differentiable
              public static double intCompound(double x, int n) {
                int k = 1;
                k += n;
                k *= 3;
                k -= 1;
                k /= 2;
                k %= 5;
                long m = n;
                m += 7;
                m *= k;
                int sign = x > 0 ? n : -n;
                double a = x;
                a += k;
                a *= n;
                a -= m;
                a /= 1 + n;
                return a * x + sign * x;
              }
              """)
          .function(
              "promotion",
              """
              @Differentiable
              public static double promotion(double x, int n, long m) {
                double a = x * n;
                double b = n / 2;
                double c = (double) n / 4;
                double d = x / n;
                long big = m * 3L;
                int third = n / 3;
                return a + b * x + c * x * x + d + big * x + n / 3 * x + third + m / 2 * x;
              }
              """)
          .function(
              "casts",
              """
              @Differentiable
              public static double casts(double x, double y) {
                int i = (int) x;
                double frac = x - i;
                long l = (long) (y * 10);
                double back = (double) l;
                int t = (int) 3.7;
                double w = (double) i / 2;
                return frac * frac * y + (double) i * y + back * x + t * x + (int) (x * y) * y + w * y;
              }
              """)
          .function(
              "flags",
              """
              @Differentiable
              public static double flags(double x, long m, boolean flag) {
                long q = m * 3 + 1;
                boolean big = x > 0.5;
                double r = flag ? x * q : x / q;
                if (big && flag) {
                  r += x * x;
                } else if (!big || !flag) {
                  r -= x;
                }
                boolean neg = !big;
                if (neg) {
                  r = r * 2;
                }
                return r;
              }
              """)
          .function(
              "conditional",
              """
              @Differentiable
              public static double conditional(double x, double y) {
                double r = x > y ? x * x - y : (x < -y ? y * x : x + 2 * y * y);
                return r + (y >= 0 ? y : -y * x);
              }
              """)
          .function(
              "comparisons",
              """
              @Differentiable
              public static double comparisons(double x, double y, int n) {
                boolean a = x <= y;
                boolean b = n >= 3;
                boolean c = n == 4 || n != 5 && x >= 0;
                boolean d = (x < 0.5 * y) == (n > 2);
                double r = x * y;
                if (a && b) {
                  r += x * y;
                }
                if (a || c) {
                  r += y * y;
                }
                if (!c) {
                  r -= x;
                }
                if (d) {
                  r *= 1.5;
                }
                if (x != y) {
                  r += 1;
                }
                if (!(a && !b)) {
                  r -= y;
                }
                return r;
              }
              """)
          .function(
              "modulo",
              """
              @Differentiable
              public static double modulo(double x, int n) {
                int r = n % 3;
                int s = (n * 7) % 5;
                int u = -n % 4;
                return x * r + s * x * x + (n % 2 == 0 ? x : -x) + u * x;
              }
              """);

  private static double distanceToInteger(double v) {
    return Math.abs(v - Math.rint(v));
  }

  @Test
  void polynomial() {
    GradientCheck.of(ARITH, "poly").differentiable("x", "y").checkAll();
  }

  @Test
  void quotientAndUnaryMinus() {
    GradientCheck.of(ARITH, "quotient").differentiable("x", "y").uniform("y", -1.5, 1.5).checkAll();
  }

  @Test
  void unaryMinusOnLocalsAndParenthesisedExpressions() {
    GradientCheck.of(ARITH, "unaryMinus").differentiable("x", "y").checkAll();
  }

  @Test
  void precedenceAndAssociativity() {
    GradientCheck.of(ARITH, "precedence").differentiable("x", "y").uniform("y", 0.5, 2).checkAll();
  }

  @Test
  void compoundAssignments() {
    GradientCheck.of(ARITH, "compound").differentiable("x", "y").checkAll();
  }

  @Test
  void incrementAndDecrementOnIntsAndDoubles() {
    GradientCheck.of(ARITH, "incrementDecrement")
        .differentiable("x")
        .ints("n", 0, 5)
        .covering("n = 0", p -> p.i("n") == 0)
        .points(10)
        .checkAll();
  }

  @Test
  void compoundAssignmentsOnIntsAndLongsAndWithIntOperands() {
    GradientCheck.of(ARITH, "intCompound")
        .differentiable("x")
        .ints("n", 0, 9)
        .where("x away from 0", p -> Math.abs(p.d("x")) > 0.02)
        .covering("x < 0", p -> p.d("x") < 0)
        .points(12)
        .checkAll();
  }

  @Test
  void intToDoublePromotionAndIntegerDivision() {
    GradientCheck.of(ARITH, "promotion")
        .differentiable("x")
        .ints("n", 1, 9)
        .ints("m", -3, 3)
        .covering("odd n (n / 2 truncates)", p -> p.i("n") % 2 == 1)
        .covering("negative m (m / 2 truncates towards 0)", p -> p.l("m") < 0 && p.l("m") % 2 != 0)
        .points(12)
        .checkAll();
  }

  @Test
  void castsBetweenDoubleIntAndLong() {
    GradientCheck.of(ARITH, "casts")
        .differentiable("x", "y")
        .uniform("x", -3, 3)
        .where("x away from integers", p -> distanceToInteger(p.d("x")) > 0.02)
        .where("10y away from integers", p -> distanceToInteger(10 * p.d("y")) > 0.1)
        .where("xy away from integers", p -> distanceToInteger(p.d("x") * p.d("y")) > 0.05)
        .covering("negative x (cast truncates towards 0)", p -> p.d("x") < -1)
        .points(8)
        .checkAll();
  }

  @Test
  void longAndBooleanParametersAndLocals() {
    GradientCheck.of(ARITH, "flags")
        .differentiable("x")
        .ints("m", -3, 3)
        .bools("flag")
        .where("x away from 0.5", p -> Math.abs(p.d("x") - 0.5) > 0.02)
        .covering("flag and x > 0.5", p -> p.b("flag") && p.d("x") > 0.5)
        .covering("flag and x < 0.5", p -> p.b("flag") && p.d("x") < 0.5)
        .covering("!flag and x > 0.5", p -> !p.b("flag") && p.d("x") > 0.5)
        .covering("!flag and x < 0.5", p -> !p.b("flag") && p.d("x") < 0.5)
        .points(16)
        .checkAll();
  }

  @Test
  void conditionalExpression() {
    GradientCheck.of(ARITH, "conditional")
        .differentiable("x", "y")
        .where("away from x = y", p -> Math.abs(p.d("x") - p.d("y")) > 0.02)
        .where("away from x = -y", p -> Math.abs(p.d("x") + p.d("y")) > 0.02)
        .where("away from y = 0", p -> Math.abs(p.d("y")) > 0.02)
        .covering("x > y", p -> p.d("x") > p.d("y"))
        .at(-1.5, 0.5) // second branch: x <= y and x < -y
        .at(0.3, 0.7) // third branch
        .covering("second branch", p -> p.d("x") <= p.d("y") && p.d("x") < -p.d("y"))
        .covering("third branch", p -> p.d("x") <= p.d("y") && p.d("x") >= -p.d("y"))
        .points(12)
        .checkAll();
  }

  @Test
  void comparisonsAndLogicalOperators() {
    GradientCheck.of(ARITH, "comparisons")
        .differentiable("x", "y")
        .ints("n", 0, 6)
        .where("away from x = y", p -> Math.abs(p.d("x") - p.d("y")) > 0.02)
        .where("away from x = 0", p -> Math.abs(p.d("x")) > 0.02)
        .where("away from x = y/2", p -> Math.abs(p.d("x") - 0.5 * p.d("y")) > 0.02)
        .covering("n = 4", p -> p.i("n") == 4)
        .covering("n = 5", p -> p.i("n") == 5)
        .covering("x > y", p -> p.d("x") > p.d("y"))
        .covering("x < y", p -> p.d("x") < p.d("y"))
        .points(20)
        .checkAll();
  }

  @Test
  void remainderOnInts() {
    GradientCheck.of(ARITH, "modulo")
        .differentiable("x")
        .ints("n", 0, 20)
        .points(12)
        .checkAll();
  }
}
