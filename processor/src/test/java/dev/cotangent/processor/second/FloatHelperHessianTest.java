package dev.cotangent.processor.second;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.Numerics;
import dev.cotangent.processor.testing.SecondOrderMethod;
import org.junit.jupiter.api.Test;

/**
 * Random program 104761 (issue 24's float helpers at second order): a {@code float} helper
 * called from an {@code @Differentiable(order = 2)} method, once directly and once in a loop
 * that tapes its float local. The Hessian-vector product passes the helper's product a float
 * seed and a float seed tangent (the double {@code 0.0} did not compile: "possible lossy
 * conversion from double to float"). Checked against Richardson central differences of the
 * gradient, the dot test and the dense Hessian's columns. The float part is scaled by 1e-4 so
 * that float rounding (about 1e-7 relative) stays below the tolerance while a lost float
 * contribution (of order 1e-4) shows.
 */
class FloatHelperHessianTest {
  static final FunctionGroup GROUP = FunctionGroup.of("second.floats", "FloatHelpers")
      .members("""
          @Differentiable
          static float scale(float a, float b) {
            return 0.5f * a + 0.25f * (float) Math.sin(b) * a + 0.125f * b * b;
          }
          """)
      .function("floats", """
          @Differentiable(order = 2)
          public static double floats(double x, double y) {
            float p = (float) Math.tanh(x);
            for (int i = 0; i < 3; i++) {
              p = scale(p, (float) Math.sin(y));
            }
            double q = scale((float) (x * y), (float) y);
            return 0.5 * x * x * y + 1e-4 * (p + q);
          }
          """);

  @Test
  void aFloatHelperAtSecondOrder() {
    assumeFalse(CompiledSources.referenceOnly(), "no companions in reference-only mode");
    SecondOrderMethod m = new SecondOrderMethod(GROUP.sourcesFor("floats"), GROUP.className(),
        "floats", new Class<?>[] {double.class, double.class}, true, true);
    for (double[] p : new double[][] {{0.7, 0.4}, {-1.2, 0.8}, {0.3, -1.6}}) {
      Object[] args = {p[0], p[1]};
      Object[] v = {0.5, -0.3};
      Object[] w = {-0.2, 0.9};
      for (Object[] d : new Object[][] {v, w}) {
        SecondOrderMethod.Product product = m.product(args, d);
        assertEquals(m.value(args), product.value(), 0.0, "value bit for bit");
        double[] g = m.gradient(args);
        Numerics.Estimate[] numeric = m.numericProduct(args, d, 1e-3);
        // the seeded overload's contract with float rounding: the helper multiplies its float
        // seed in float, so 2.5 * (its product) and (its product seeded 2.5) differ by ~1e-11
        SecondOrderMethod.Product seeded = m.seeded(args, d, 2.5, -0.75);
        for (int i = 0; i < 2; i++) {
          assertEquals(g[i], product.gradient()[i], 1e-12, "gradient " + i);
          assertEquals(numeric[i].value(), product.hv()[i], 1e-7,
              "H·v " + i + ": numeric " + numeric[i].describe());
          assertEquals(2.5 * product.gradient()[i], seeded.gradient()[i], 1e-9, "seeded " + i);
          assertEquals(2.5 * product.hv()[i] - 0.75 * g[i], seeded.hv()[i], 1e-9,
              "seeded H·v " + i);
        }
      }
      m.dotTest(args, v, w, 1e-9);
      double[][] h = m.hessian(args);
      for (int j = 0; j < 2; j++) {
        double[] hv = m.product(args, new Object[] {j == 0 ? 1.0 : 0.0, j == 1 ? 1.0 : 0.0}).hv();
        for (int i = 0; i < 2; i++) {
          assertEquals(hv[i], h[i][j], 1e-9, "dense Hessian (" + i + ", " + j + ")");
        }
      }
    }
  }
}
