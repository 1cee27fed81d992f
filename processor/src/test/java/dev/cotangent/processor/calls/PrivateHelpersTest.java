package dev.cotangent.processor.calls;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * Private helpers and private {@code @Differentiable} methods, called with derivative-carrying
 * arguments (and without): the companions cannot call them (they are other classes), so they
 * call the helpers' companions for derivatives and package-private copies for values. Helpers
 * several levels deep, a private helper returning a boolean used in a condition, a recursive
 * private helper, private helpers called only without derivatives (private instance methods and
 * vector-valued ones: {@code features.VectorCallsTest}). Every caller is checked by {@link GradientCheck} (values bit for bit included, which
 * the copies must give).
 */
class PrivateHelpersTest {
  static final FunctionGroup PRIVATE =
      FunctionGroup.of("calls.privates", "Privates")
          .members(
              """
              private static double sigmoid(double z) {
                return 1 / (1 + Math.exp(-z));
              }

              private static boolean small(double x) {
                return Math.abs(x) < 0.1;
              }

              private static double scale(double x) {
                return small(x) ? 2 : 1 + x * x;
              }

              private static double unit(double w, double x, double b) {
                return sigmoid(w * x + b) * scale(x);
              }
              """)
          .function(
              "deep",
              """
              @Differentiable
              public static double deep(double w, double x, double b) {
                double h = unit(w, unit(w, x, b), b);
                return h + sigmoid(x) * unit(b, h, w);
              }
              """)
          .function(
              "recursive",
              """
              private static double power(double x, int n) {
                return n == 0 ? 1 : x * power(x, n - 1);
              }

              @Differentiable
              public static double recursive(double x, int n) {
                return power(x, n) + power(Math.sin(x), 2);
              }
              """)
          .function(
              "privateDifferentiable",
              """
              @Differentiable
              private static double softplus(double x) {
                return Math.log1p(Math.exp(x));
              }

              @Differentiable
              public static double privateDifferentiable(double x, double y) {
                return softplus(x * y) - softplus(-y);
              }
              """)
          .function(
              "inactivePrivate",
              """
              private static int buckets(double x) {
                return (int) Math.floor(3 * x);
              }

              @Differentiable
              public static double inactivePrivate(double x, int n) {
                double r = x;
                for (int i = 0; i < buckets(0.5 * n); i++) {
                  r = r * 0.9 + sigmoid(n);
                }
                return r;
              }
              """);

  @Test
  void privateHelpersSeveralLevelsDeep() {
    GradientCheck.of(PRIVATE, "deep")
        .differentiable("w", "x", "b")
        .where("x away from ±0.1", p -> Math.abs(Math.abs(p.d("x")) - 0.1) > 0.02)
        .checkAll();
    String adjoint = PRIVATE.sourcesFor("deep").generatedSource(PRIVATE.className() + "Adjoint");
    assertTrue(adjoint.contains("static double unitPrimal(double w, double x, double b)"),
        adjoint);
    assertTrue(adjoint.contains("static boolean smallPrimal(double x)"), adjoint);
  }

  @Test
  void aRecursivePrivateHelper() {
    GradientCheck.of(PRIVATE, "recursive").differentiable("x").ints("n", 0, 5).checkAll();
  }

  @Test
  void aPrivateDifferentiableMethodAndItsCallers() {
    GradientCheck.of(PRIVATE, "privateDifferentiable").differentiable("x", "y").checkAll();
    GradientCheck.of(PRIVATE.sourcesFor("privateDifferentiable"), PRIVATE.className(), "softplus")
        .differentiable("x").checkAll();
  }

  @Test
  void privateHelpersCalledWithoutDerivativesAreCopiedToo() {
    GradientCheck.of(PRIVATE, "inactivePrivate")
        .differentiable("x")
        .ints("n", 0, 4)
        .checkAll();
  }
}
