package dev.cotangent.processor.calls;

import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * Random program 320059: {@code x0 = g(g(-1.81, c), d)} in a branch, a call of a
 * non-differentiable helper whose arguments carry no derivative, overwriting an active local.
 * The reverse sweep restored {@code x0} but kept {@code x0Bar}, so what the result owed the
 * overwritten value leaked into {@code ∂f/∂x0} (and through earlier statements into the other
 * inputs). The tangent was right. Checked against Richardson central differences, the tangent
 * and the dot test.
 */
class InactiveCallOverwriteTest {
  static final FunctionGroup GROUP = FunctionGroup.of("calls.overwrite", "Overwrite")
      .members("""
          public static double g(double a, double b) {
            return Math.sin(a) + b;
          }
          """)
      .function("branch", """
          @Differentiable
          public static double branch(double x0, double x1, double x2) {
            if (x1 > 0) {
              x0 = g(-1.81, 0.3);
            }
            return x0 * x2 + x1;
          }
          """)
      .function("seeded", """
          @Differentiable
          public static double seeded(double x0, double x1, double x2) {
            x2 = x0 > 0 ? (x0 += 0.5) : (x0 -= 0.25 * x2);
            if (x1 > 0) {
              x0 = g(g(-1.81, 0.2), 0.3);
            }
            x2 += Math.sin(x2 - x0);
            return x0 * x2 + x1;
          }
          """)
      .function("looped", """
          @Differentiable
          public static double looped(double x0, double x1, int n) {
            double s = 0;
            for (int k = 0; k < n; k++) {
              double t = x0 * x1;
              s += t * t;
              t = g(k, 0.5);
              s += t * x1;
              x0 = g(0.1 * k, -0.2);
            }
            return s + x0 * x1;
          }
          """);

  private static GradientCheck three(String name) {
    return GradientCheck.of(GROUP, name, double.class, double.class, double.class)
        .differentiable("x0", "x1", "x2")
        .uniform("x0", -2, 2).uniform("x1", -2, 2).uniform("x2", -2, 2);
  }

  @Test
  void anInactiveCallOverwritesAnActiveLocalInABranch() {
    three("branch").covering("the branch taken", p -> p.d("x1") > 0).checkAll();
  }

  @Test
  void theShapeOfTheRandomProgram() {
    three("seeded").covering("the branch taken", p -> p.d("x1") > 0).checkAll();
  }

  @Test
  void anInactiveCallOverwritesInALoop() {
    GradientCheck.of(GROUP, "looped", double.class, double.class, int.class)
        .differentiable("x0", "x1")
        .uniform("x0", -2, 2).uniform("x1", -2, 2)
        .ints("n", 0, 3)
        .checkAll();
  }
}
