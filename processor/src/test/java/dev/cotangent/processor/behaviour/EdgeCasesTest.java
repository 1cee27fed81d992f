package dev.cotangent.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.DifferentiableMethod;
import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.GradientCheck;
import dev.cotangent.runtime.Dual;
import org.junit.jupiter.api.Test;

/**
 * Small corners of the contract: trivial bodies, parameters that do not reach the result, an int
 * result widened to double, no differentiable parameter at all, and user names that a generator
 * might also want ({@code seed}, {@code into}, {@code tape}, {@code value}, {@code xDot}).
 */
class EdgeCasesTest {
  static final FunctionGroup EDGE =
      FunctionGroup.of("behaviour.edge", "Edge")
          .function(
              "identity",
              """
              @Differentiable
              public static double identity(double x) {
                return x;
              }
              """)
          .function(
              "constant",
              """
              @Differentiable
              public static double constant(double x) {
                return 4.0;
              }
              """)
          .function(
              "unusedParameter",
              """
              @Differentiable
              public static double unusedParameter(double x, double y) {
                return x * 2;
              }
              """)
          .function(
              "conditionOnly",
              """
              @Differentiable
              public static double conditionOnly(double x, double y) {
                if (y > 0) {
                  return x;
                }
                return 2 * x;
              }
              """)
          .function(
              "intResult",
              """
              @Differentiable
              public static double intResult(double x, int n) {
                int k = n * 3;
                return k / 2;
              }
              """)
          .function(
              "mathWithIntArguments",
              """
              @Differentiable
              public static double mathWithIntArguments(double x, int n) {
                double r = 0;
                for (int i = 0; i < Math.max(n, 1); i++) {
                  r += Math.abs(i - 2) * x;
                }
                return r + Math.max(x, 0) + Math.min(1, x) + Math.pow(x, 2) + Math.min(n, 3) * x;
              }
              """)
          .function(
              "allNoDerivative",
              """
              @Differentiable
              public static double allNoDerivative(@NoDerivative double a, @NoDerivative double b, int n) {
                return a * b + n;
              }
              """)
          .function(
              "collidingNames",
              """
              @Differentiable
              public static double collidingNames(double seed, double into, double x) {
                double tape = seed * into;
                double value = tape + x;
                double xDot = value * x;
                double result = xDot - seed;
                double intoDot = result * 2;
                return result + intoDot * into;
              }
              """);

  private static DifferentiableMethod method(String name) {
    assumeFalse(CompiledSources.referenceOnly(), "companions are not generated in reference-only mode");
    return EDGE.sourcesFor(name).method(EDGE.className(), name);
  }

  @Test
  void identity() {
    GradientCheck.of(EDGE, "identity").differentiable("x").checkAll();
    assertEquals(1.0, method("identity").gradientAt(0.3).get(0));
  }

  @Test
  void constantBody() {
    GradientCheck.of(EDGE, "constant").differentiable("x").checkAll();
    assertEquals(0.0, method("constant").gradientAt(0.3).get(0));
  }

  @Test
  void parameterThatIsNeverUsed() {
    GradientCheck.of(EDGE, "unusedParameter").differentiable("x", "y").checkAll();
    assertArrayEquals(new double[] {2.0, 0.0}, method("unusedParameter").gradientAt(0.3, 0.4).gradient());
  }

  @Test
  void parameterUsedOnlyInACondition() {
    GradientCheck.of(EDGE, "conditionOnly")
        .differentiable("x", "y")
        .where("y away from 0", p -> Math.abs(p.d("y")) > 0.02)
        .covering("y > 0", p -> p.d("y") > 0)
        .covering("y < 0", p -> p.d("y") < 0)
        .points(8)
        .checkAll();
  }

  @Test
  void intResultWidenedToDouble() {
    GradientCheck.of(EDGE, "intResult").differentiable("x").ints("n", -5, 5).checkAll();
  }

  /** int overloads of Math.max/min/abs beside double ones with int literal arguments. */
  @Test
  void mathWithIntArguments() {
    GradientCheck.of(EDGE, "mathWithIntArguments")
        .differentiable("x")
        .ints("n", -1, 5)
        .where("x away from 0 and 1", p -> Math.abs(p.d("x")) > 0.02 && Math.abs(p.d("x") - 1) > 0.02)
        .points(10)
        .checkAll();
  }

  @Test
  void noDifferentiableParameterAtAll() {
    GradientCheck.of(EDGE, "allNoDerivative").differentiable().ints("n", 0, 3).checkAll();
    DifferentiableMethod m = method("allNoDerivative");
    assertArrayEquals(
        new Class<?>[] {double.class, double.class, int.class}, m.tangentMethod().getParameterTypes());
    Dual t = m.tangent(new Object[] {1.5, 2.0, 1}, new double[0]);
    assertEquals(4.0, t.value());
    assertEquals(0.0, t.tangent());
  }

  @Test
  void userNamesThatGeneratedCodeMightUse() {
    GradientCheck.of(EDGE, "collidingNames").differentiable("seed", "into", "x").checkAll();
  }
}
