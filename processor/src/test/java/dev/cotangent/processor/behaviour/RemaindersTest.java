package dev.cotangent.processor.behaviour;

import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * {@code Math.fma} (partials b, a, 1), {@code Math.IEEEremainder} and {@code %} on doubles (∂/∂x = 1, ∂/∂y = -n with n the rounded or truncated quotient), checked against central
 * differences away from the jumps, where n is constant nearby.
 */
class RemaindersTest {
  static final FunctionGroup REMAINDERS =
      FunctionGroup.of("behaviour.remainders", "Remainders")
          .function(
              "fused",
              """
              @Differentiable
              public static double fused(double a, double b, double c) {
                return Math.fma(a, b, c) * Math.fma(a, a, 1.5) + StrictMath.fma(c, 2, b);
              }
              """)
          .function(
              "remainder",
              """
              @Differentiable
              public static double remainder(double x, double y) {
                double r = x % y;
                r += (x * x) % 1.5;
                double q = y;
                q %= 0.7;
                return r * y + q;
              }
              """)
          .function(
              "ieeeRemainder",
              """
              @Differentiable
              public static double ieeeRemainder(double x, double y) {
                return Math.IEEEremainder(x, y) * x + StrictMath.IEEEremainder(3 * x, 1.25);
              }
              """);

  /** Whether x / y is at least 0.02 (relative) away from where the quotient n jumps. */
  private static boolean awayFromJumps(double x, double y) {
    double q = x / y;
    double half = q - Math.floor(q);
    return Math.abs(half) > 0.02 && Math.abs(half - 1) > 0.02 && Math.abs(half - 0.5) > 0.02;
  }

  @Test
  void fusedMultiplyAdd() {
    GradientCheck.of(REMAINDERS, "fused").differentiable("a", "b", "c").checkAll();
  }

  @Test
  void remainderOperatorAndCompoundRemainder() {
    GradientCheck.of(REMAINDERS, "remainder").differentiable("x", "y")
        .uniform("x", -4, 4).uniform("y", 0.4, 2)
        .where("away from the jumps", p -> awayFromJumps(p.d("x"), p.d("y"))
            && awayFromJumps(p.d("x") * p.d("x"), 1.5) && awayFromJumps(p.d("y"), 0.7))
        .covering("x / y beyond 1 in size", p -> Math.abs(p.d("x") / p.d("y")) > 1)
        .points(12)
        .checkAll();
  }

  @Test
  void ieeeRemainder() {
    GradientCheck.of(REMAINDERS, "ieeeRemainder").differentiable("x", "y")
        .uniform("x", -4, 4).uniform("y", 0.4, 2)
        .where("away from the jumps", p -> awayFromJumps(p.d("x"), p.d("y"))
            && awayFromJumps(3 * p.d("x"), 1.25))
        .covering("a quotient rounded up", p -> Math.abs(Math.IEEEremainder(p.d("x"), p.d("y"))
            - p.d("x") % p.d("y")) > 1e-9)
        .points(12)
        .checkAll();
  }
}
