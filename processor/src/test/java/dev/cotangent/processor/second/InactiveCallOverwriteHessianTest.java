package dev.cotangent.processor.second;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.SecondOrderMethod;
import org.junit.jupiter.api.Test;

/**
 * Random program 320059 at second order: an active local overwritten by a call that carries no
 * derivative ({@code x0 = g(-1.81, 0.3)}) must drop what the result owes the overwritten value.
 * The Hessian-vector product is the tangent of the adjoint, so it inherits the reverse sweep's
 * reset ({@code calls/InactiveCallOverwriteTest} at order 1); checked against Richardson central
 * differences of the gradient, with the dot test, on both sides of the branch.
 */
class InactiveCallOverwriteHessianTest {
  static final FunctionGroup GROUP = FunctionGroup.of("second.overwrite", "Overwrite")
      .members("""
          public static double g(double a, double b) {
            return a * b + Math.sin(a);
          }
          """)
      .function("overwritten", """
          @Differentiable(order = 2)
          public static double overwritten(double x0, double x1, double x2) {
            double y = x0 * x0 * x2;
            if (x1 > 0) {
              x0 = g(-1.81, 0.3);
            }
            for (int i = 0; i < 2; i++) {
              y += Math.sin(x1 * y);
            }
            return x0 * x2 * x2 + x1 * x1 * y;
          }
          """);

  @Test
  void theOverwrittenValueOwesNothing() {
    assumeFalse(CompiledSources.referenceOnly(), "no companions in reference-only mode");
    SecondOrderMethod m = new SecondOrderMethod(GROUP.sourcesFor("overwritten"),
        GROUP.className(), "overwritten", new Class<?>[] {double.class, double.class,
            double.class}, true, true, true);
    for (double[] p : new double[][] {{0.7, 0.4, -0.9}, {-1.2, 0.8, 0.5}, {0.3, -0.6, 1.1},
        {1.4, -0.2, -0.4}}) {
      Object[] args = {p[0], p[1], p[2]};
      Object[] v = {0.5, -0.3, 0.8};
      Object[] w = {-0.2, 0.9, 0.4};
      m.check(args, v, 1e-6);
      m.check(args, w, 1e-6);
      m.dotTest(args, v, w, 1e-11);
    }
  }
}
