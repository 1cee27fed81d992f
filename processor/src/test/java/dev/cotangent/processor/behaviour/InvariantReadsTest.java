package dev.cotangent.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.DifferentiableMethod;
import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * Element reads that no trip of a loop can change are read once, into a local, before the loop
 * and under its condition (GMM's triangular product: {@code x[col]} in the {@code row} loop).
 * These tests check the derivatives, that the read is hoisted where the arrays are the method's
 * own, that a loop which does not run reads nothing it would not have read, and that nothing is
 * hoisted past a write that may reach it.
 */
class InvariantReadsTest {
  private static final FunctionGroup LOOPS =
      FunctionGroup.of("behaviour.invariant", "Loops")
          .function(
              "triangular",
              """
              @Differentiable
              public static double triangular(double[] m, double[] x) {
                int d = x.length;
                double[] xc = new double[d];
                double[] q = new double[d];
                for (int j = 0; j < d; j++) {
                  xc[j] = x[j] - 0.5;
                  q[j] = Math.exp(m[j]) * xc[j];
                }
                int li = d;
                for (int col = 0; col < d; col++) {
                  for (int row = col + 1; row < d; row++) {
                    q[row] += m[li] * xc[col];
                    li++;
                  }
                }
                double s = 0;
                for (int j = 0; j < d; j++) {
                  s += q[j] * q[j];
                }
                return s;
              }
              """)
          .function(
              "zeroTrips",
              """
              @Differentiable
              public static double zeroTrips(double[] a, int m) {
                double[] w = new double[a.length];
                for (int i = 0; i < a.length; i++) {
                  w[i] = a[i] * a[i];
                }
                double s = 0;
                for (int j = 0; j < m; j++) {
                  s += a[j] * w[m - 1]; // w[-1] when m = 0 and the loop does not run
                }
                return s + w[0];
              }
              """)
          .function(
              "sharedArray",
              """
              @Differentiable
              public static double sharedArray(double[] v, double x) {
                double[] u = v;
                for (int j = 0; j < u.length; j++) {
                  u[j] = x * v[0] + u[j]; // the first trip changes v[0]
                }
                double s = 0;
                for (int j = 0; j < v.length; j++) {
                  s += v[j] * v[j];
                }
                return s;
              }
              """)
          .function(
              "parameterArrays",
              """
              @Differentiable
              public static double parameterArrays(double[] v, double[] out, double x) {
                for (int j = 0; j < out.length; j++) {
                  out[j] = x * v[0] + out[j]; // out may be v
                }
                double s = 0;
                for (int j = 0; j < out.length; j++) {
                  s += out[j] * v[j];
                }
                return s;
              }
              """);

  private static DifferentiableMethod method(String name) {
    assumeFalse(CompiledSources.referenceOnly(), "companions are not generated in reference-only mode");
    return LOOPS.sourcesFor(name).method(LOOPS.className(), name);
  }

  private static String generated(String name, String suffix) {
    assumeFalse(CompiledSources.referenceOnly(), "companions are not generated in reference-only mode");
    return LOOPS.sourcesFor(name).generatedSource(LOOPS.className() + suffix);
  }

  private static long lines(String source, String line) {
    return source.lines().map(String::trim).filter(line::equals).count();
  }

  @Test
  void theTriangularProductReadsTheColumnOnce() {
    GradientCheck.of(LOOPS, "triangular").uniformArray("m", 10, -0.5, 0.5)
        .uniformArray("x", 4, -1, 1).checkAll();
    GradientCheck.of(LOOPS, "triangular").uniformArray("m", 1, -0.5, 0.5)
        .uniformArray("x", 1, -1, 1).checkAll(); // d = 1: the row loop never runs
    generated("triangular", "Tangent");
    String tangent = LOOPS.tangentMethod("triangular"); // the scalar tangent, not fBatch
    assertEquals(1, lines(tangent, "double xcCol = xc[col];"), tangent);
    assertEquals(1, lines(tangent, "double xcDotCol = xcDot[col];"), tangent);
    assertEquals(1, lines(tangent, "qDot[row] += xcCol * mDot[li] + mLi * xcDotCol;"), tangent);
    assertEquals(2, lines(tangent, "if (row < d) {") + lines(tangent, "while (row < d) {"),
        tangent);
    String adjoint = generated("triangular", "Adjoint");
    assertEquals(1, lines(adjoint, "double xcCol = xc[col];"), adjoint); // forward sweep
    assertEquals(1, lines(adjoint, "q[row] += m[li] * xcCol;"), adjoint);
    assertTrue(adjoint.contains("mBar[li] += xcCol2 * qBarRow;"), adjoint); // reverse sweep
  }

  @Test
  void aLoopThatDoesNotRunReadsNothing() {
    DifferentiableMethod m = method("zeroTrips");
    double[] a = {0.5, -1.5, 2.0};
    // m = 0: the loop does not run, w[-1] is never read; s + w[0] = a[0]^2
    assertEquals(0.25, m.value(a.clone(), 0), 0.0);
    assertEquals(1.0, m.gradientAt(a.clone(), 0).get(0), 0.0);
    assertEquals(2 * 0.5 * 0.3, m.tangent(new Object[] {a.clone(), 0},
        new double[] {0.3, 0.0, 0.0}).tangent(), 1e-15);
    GradientCheck.of(LOOPS, "zeroTrips").uniformArray("a", 3, -2, 2).ints("m", 0, 3).checkAll();
    generated("zeroTrips", "Tangent");
    String tangent = LOOPS.tangentMethod("zeroTrips"); // the scalar tangent, not fBatch
    assertEquals(1, lines(tangent, "double wMMinus1 = w[m - 1];"), tangent);
  }

  @Test
  void notPastAWriteThroughAnotherNameForTheArray() {
    DifferentiableMethod m = method("sharedArray");
    double[] v = {0.5, -1.5, 2.0};
    double x = 0.75;
    // v[0] = x v0 + v0 = 0.875, then v[j] += x * 0.875 for j = 1, 2
    double v0 = x * 0.5 + 0.5;
    double v1 = -1.5 + x * v0;
    double v2 = 2.0 + x * v0;
    assertEquals(v0 * v0 + v1 * v1 + v2 * v2, m.value(v.clone(), x), 1e-15);
    GradientCheck.of(LOOPS, "sharedArray").uniformArray("v", 3, -2, 2).uniform("x", -1, 1)
        .checkAll();
    generated("sharedArray", "Tangent");
    // the scalar tangent (fBatch reads v[0] once per loop over the directions, which writes
    // only tangents: LaneInvariants)
    String tangent = LOOPS.tangentMethod("sharedArray");
    assertTrue(!tangent.contains("= v[0];"), tangent);
  }

  @Test
  void notPastAWriteIntoAParameterThatMayBeTheSameArray() {
    DifferentiableMethod m = method("parameterArrays");
    double[] v = {0.5, -1.5, 2.0};
    double x = 0.75;
    double[] shared = v.clone();
    // out is v: v[0] becomes 0.875 on the first trip, and the later trips add x * 0.875
    double v0 = x * 0.5 + 0.5;
    double expected = v0 * v0 + (-1.5 + x * v0) * (-1.5 + x * v0) + (2.0 + x * v0) * (2.0 + x * v0);
    assertEquals(expected, m.value(shared, shared, x), 1e-15);
    // (the companions refuse one array passed as both: Checks.distinct)
    GradientCheck.of(LOOPS, "parameterArrays").uniformArray("v", 3, -2, 2)
        .uniformArray("out", 3, -2, 2).uniform("x", -1, 1).checkAll();
    generated("parameterArrays", "Tangent");
    // the scalar tangent (fBatch reads v[0] once per loop over the directions, which writes
    // only tangents: LaneInvariants)
    String tangent = LOOPS.tangentMethod("parameterArrays");
    assertTrue(!tangent.contains("= v[0];"), tangent);
  }
}
