package dev.cotangent.processor.behaviour;

import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.GradientCheck;
import dev.cotangent.processor.testing.Point;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Every supported {@code Math} function, each also through {@code StrictMath} (the StrictMath
 * variant of a function is the same source with {@code Math.} replaced), evaluated where it is
 * smooth: asin/acos inside (−0.9, 0.9), log/sqrt/pow-base on positive values, abs/min/max/signum/
 * floor/ceil/rint away from their kinks and jumps, atan2 away from its branch cut.
 */
class MathFunctionsTest {
  static final FunctionGroup FNS = FunctionGroup.of("behaviour.mathfn", "Fns");

  static {
    both(
        "trig",
        """
        @Differentiable
        public static double trig(double x) {
          return Math.sin(x) * Math.cos(2 * x) + Math.tan(x / 2) - Math.cos(x) * Math.cos(x);
        }
        """);
    both(
        "inverseTrig",
        """
        @Differentiable
        public static double inverseTrig(double x, double y) {
          return Math.asin(x) + Math.acos(y) * Math.atan(x * y) + Math.atan2(y, x + 2)
              + Math.atan2(x, y + 2);
        }
        """);
    both(
        "atan2Quadrants",
        """
        @Differentiable
        public static double atan2Quadrants(double x, double y) {
          return Math.atan2(y, x) * (1 + x * x);
        }
        """);
    both(
        "hyperbolic",
        """
        @Differentiable
        public static double hyperbolic(double x) {
          return Math.sinh(x) * Math.tanh(x) - Math.cosh(x / 2) + Math.tanh(3 * x);
        }
        """);
    both(
        "expLog",
        """
        @Differentiable
        public static double expLog(double x, double y) {
          return Math.exp(x) * Math.log(y) + Math.expm1(x * y) - Math.log10(y + x * x)
              + Math.log1p(y) + Math.expm1(x);
        }
        """);
    both(
        "roots",
        """
        @Differentiable
        public static double roots(double x, double y) {
          return Math.sqrt(x) + Math.cbrt(y) * x + Math.pow(x, y) + Math.hypot(x, y)
              + Math.sqrt(x * x + y * y);
        }
        """);
    both(
        "powForms",
        """
        @Differentiable
        public static double powForms(double x, double y, int n) {
          return Math.pow(x, 2) + Math.pow(x, 3.5) - Math.pow(2, y) + Math.pow(x, n)
              + Math.pow(y, 3) + Math.pow(y, n) + Math.pow(x, -1.5);
        }
        """);
    both(
        "piecewise",
        """
        @Differentiable
        public static double piecewise(double x, double y) {
          return Math.abs(x) * y + Math.min(x, y) - Math.max(x * y, 0.5) + Math.signum(x) * y * y
              + Math.abs(y - 1) + Math.max(-x, y) * Math.min(2.0, y * y);
        }
        """);
    both(
        "rounding",
        """
        @Differentiable
        public static double rounding(double x) {
          return Math.floor(3 * x) * x + Math.ceil(x) * x * x + Math.rint(2 * x) * x
              + x * Math.floor(x) + Math.rint(x * 0.5);
        }
        """);
    FNS.function(
        "nested",
        """
        @Differentiable
        public static double nested(double x) {
          return Math.exp(Math.sin(x) * Math.sqrt(1 + x * x)) / Math.cosh(x)
              + Math.log(2 + Math.cos(x)) + Math.atan(Math.tanh(x) * 3);
        }
        """);
  }

  /** Adds {@code name} and {@code strictName}, the same function through StrictMath. */
  private static void both(String name, String source) {
    String strict = strict(name);
    FNS.function(name, source);
    FNS.function(
        strict,
        source.replace("Math.", "StrictMath.").replace(" " + name + "(", " " + strict + "("));
  }

  private static String strict(String name) {
    return "strict" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  private static double distanceToInteger(double v) {
    return Math.abs(v - Math.rint(v));
  }

  private static Predicate<Point> away(String a, double b) {
    return p -> Math.abs(p.d(a) - b) > 0.02;
  }

  // ---------------------------------------------------------------- trig

  private static void trig(String name) {
    GradientCheck.of(FNS, name).differentiable("x").uniform("x", -2.5, 2.5).points(8).checkAll();
  }

  @Test
  void sinCosTan() {
    trig("trig");
  }

  @Test
  void strictSinCosTan() {
    trig("strictTrig");
  }

  private static void inverseTrig(String name) {
    GradientCheck.of(FNS, name)
        .differentiable("x", "y")
        .uniform("x", -0.9, 0.9)
        .uniform("y", -0.9, 0.9)
        .points(8)
        .checkAll();
  }

  @Test
  void asinAcosAtanAtan2() {
    inverseTrig("inverseTrig");
  }

  @Test
  void strictAsinAcosAtanAtan2() {
    inverseTrig("strictInverseTrig");
  }

  private static void atan2Quadrants(String name) {
    GradientCheck.of(FNS, name)
        .differentiable("x", "y")
        .where("away from the branch cut (x < 0, y = 0)", p -> !(p.d("x") < 0.05 && Math.abs(p.d("y")) < 0.05))
        .where("away from the origin", p -> Math.hypot(p.d("x"), p.d("y")) > 0.2)
        .covering("quadrant I", p -> p.d("x") > 0 && p.d("y") > 0)
        .covering("quadrant II", p -> p.d("x") < 0 && p.d("y") > 0)
        .covering("quadrant III", p -> p.d("x") < 0 && p.d("y") < 0)
        .covering("quadrant IV", p -> p.d("x") > 0 && p.d("y") < 0)
        .points(16)
        .checkAll();
  }

  @Test
  void atan2InAllQuadrants() {
    atan2Quadrants("atan2Quadrants");
  }

  @Test
  void strictAtan2InAllQuadrants() {
    atan2Quadrants("strictAtan2Quadrants");
  }

  // ---------------------------------------------------------------- hyperbolic, exp, log

  @Test
  void sinhCoshTanh() {
    GradientCheck.of(FNS, "hyperbolic").differentiable("x").points(8).checkAll();
  }

  @Test
  void strictSinhCoshTanh() {
    GradientCheck.of(FNS, "strictHyperbolic").differentiable("x").points(8).checkAll();
  }

  private static void expLog(String name) {
    GradientCheck.of(FNS, name)
        .differentiable("x", "y")
        .uniform("x", -1.5, 1.5)
        .uniform("y", 0.2, 3)
        .points(8)
        .checkAll();
  }

  @Test
  void expExpm1LogLog10Log1p() {
    expLog("expLog");
  }

  @Test
  void strictExpExpm1LogLog10Log1p() {
    expLog("strictExpLog");
  }

  // ---------------------------------------------------------------- roots and powers

  private static void roots(String name) {
    GradientCheck.of(FNS, name)
        .differentiable("x", "y")
        .uniform("x", 0.2, 3)
        .uniform("y", -2.5, 2.5)
        .where("|y| > 0.2 (cbrt is singular at 0)", p -> Math.abs(p.d("y")) > 0.2)
        .covering("negative y (cbrt of a negative number)", p -> p.d("y") < 0)
        .points(10)
        .checkAll();
  }

  @Test
  void sqrtCbrtPowHypot() {
    roots("roots");
  }

  @Test
  void strictSqrtCbrtPowHypot() {
    roots("strictRoots");
  }

  private static void powForms(String name) {
    GradientCheck.of(FNS, name)
        .differentiable("x", "y")
        .uniform("x", 0.2, 2.5)
        .uniform("y", -2, 2)
        .ints("n", 0, 4)
        .where("|y| > 0.05", p -> Math.abs(p.d("y")) > 0.05)
        .covering("negative base with a constant exponent, odd n", p -> p.d("y") < 0 && p.i("n") % 2 == 1)
        .covering("negative base, even n", p -> p.d("y") < 0 && p.i("n") % 2 == 0)
        .covering("n = 0", p -> p.i("n") == 0)
        .points(16)
        .checkAll();
  }

  /** pow with constant and int exponents, a constant base, and negative bases with whole exponents. */
  @Test
  void powWithConstantAndIntegerExponents() {
    powForms("powForms");
  }

  @Test
  void strictPowWithConstantAndIntegerExponents() {
    powForms("strictPowForms");
  }

  // ---------------------------------------------------------------- kinks and jumps

  private static void piecewise(String name) {
    GradientCheck.of(FNS, name)
        .differentiable("x", "y")
        .where("x away from 0", away("x", 0))
        .where("y away from 1", away("y", 1))
        .where("away from x = y", p -> Math.abs(p.d("x") - p.d("y")) > 0.02)
        .where("away from -x = y", p -> Math.abs(p.d("x") + p.d("y")) > 0.02)
        .where("away from xy = 0.5", p -> Math.abs(p.d("x") * p.d("y") - 0.5) > 0.02)
        .where("away from y² = 2", p -> Math.abs(p.d("y") * p.d("y") - 2) > 0.02)
        .covering("x < 0", p -> p.d("x") < 0)
        .covering("x > 0", p -> p.d("x") > 0)
        .covering("x < y", p -> p.d("x") < p.d("y"))
        .covering("x > y", p -> p.d("x") > p.d("y"))
        .covering("xy > 0.5", p -> p.d("x") * p.d("y") > 0.5)
        .covering("y² > 2", p -> p.d("y") * p.d("y") > 2)
        .points(20)
        .checkAll();
  }

  @Test
  void absMinMaxSignum() {
    piecewise("piecewise");
  }

  @Test
  void strictAbsMinMaxSignum() {
    piecewise("strictPiecewise");
  }

  private static void rounding(String name) {
    GradientCheck.of(FNS, name)
        .differentiable("x")
        .uniform("x", -3, 3)
        .where("3x away from integers", p -> distanceToInteger(3 * p.d("x")) > 0.03)
        .where("x away from integers", p -> distanceToInteger(p.d("x")) > 0.02)
        .where("2x away from half-integers", p -> distanceToInteger(2 * p.d("x") + 0.5) > 0.03)
        .where("x/2 away from half-integers", p -> distanceToInteger(0.5 * p.d("x") + 0.5) > 0.02)
        .covering("x < 0", p -> p.d("x") < 0)
        .points(12)
        .checkAll();
  }

  @Test
  void floorCeilRint() {
    rounding("rounding");
  }

  @Test
  void strictFloorCeilRint() {
    rounding("strictRounding");
  }

  @Test
  void nestedCalls() {
    GradientCheck.of(FNS, "nested").differentiable("x").uniform("x", -3, 3).points(8).checkAll();
  }
}
