package dev.cotangent.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.DifferentiableMethod;
import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * An element write needs no tape when nothing before it, nothing in a loop around it and not the
 * write itself reads the array: no reverse code that runs after the restore would read the old
 * value. These tests check filled work arrays (one and two dimensions) are not taped and still
 * differentiate right, and that a read before the write, in the same loop, through an alias or of
 * a parameter keeps the tape.
 */
class FirstWritesTest {
  private static final FunctionGroup FILLS =
      FunctionGroup.of("behaviour.firstwrites", "Fills")
          .function(
              "filled",
              """
              @Differentiable
              public static double filled(double[] x) {
                double[] e = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                  e[i] = Math.exp(x[i]); // a new array filled once: no tape
                }
                double s = 0;
                for (int i = 0; i < x.length; i++) {
                  s += e[i] * e[i] * x[i];
                }
                return s;
              }
              """)
          .function(
              "filledRows",
              """
              @Differentiable
              public static double filledRows(double[] a, double[] b) {
                double[][] m = new double[a.length][b.length];
                for (int r = 0; r < a.length; r++) {
                  for (int c = 0; c < b.length; c++) {
                    m[r][c] = Math.sin(a[r] * b[c]);
                  }
                }
                double s = 0;
                for (int r = 0; r < a.length; r++) {
                  for (int c = 0; c < b.length; c++) {
                    s += m[r][c] * m[r][c] * a[r];
                  }
                }
                return s;
              }
              """)
          .function(
              "readBefore",
              """
              @Differentiable
              public static double readBefore(double[] x) {
                double[] w = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                  w[i] = x[i] * x[i];
                }
                double p = 1;
                for (int i = 0; i < x.length; i++) {
                  p = p * w[i] + x[i]; // reads w before the next writes; reversed after them
                }
                for (int i = 0; i < x.length; i++) {
                  w[i] = 3 * Math.sin(x[i]); // does not read w itself
                }
                double s = p;
                for (int i = 0; i < x.length; i++) {
                  s += w[i] * x[i];
                }
                return s;
              }
              """)
          .function(
              "sameLoop",
              """
              @Differentiable
              public static double sameLoop(double[] x) {
                double[] t = new double[1];
                double s = 1;
                for (int i = 0; i < x.length; i++) {
                  t[0] = x[i] * x[i]; // overwritten each trip, read in the same trip
                  s = s * Math.cos(t[0]) + t[0]; // not a sum: the trips reverse after the loop
                }
                return s;
              }
              """)
          .function(
              "throughAlias",
              """
              @Differentiable
              public static double throughAlias(double[] x) {
                double[] w = new double[x.length];
                double[] v = w;
                double s = 0;
                for (int i = 0; i < x.length; i++) {
                  s += v[i] * x[i]; // reads w's zeros through v
                  w[i] = x[i] * x[i];
                  s += w[i] * w[i];
                }
                return s;
              }
              """)
          .function(
              "intoParameter",
              """
              @Differentiable
              public static double intoParameter(double[] x, @NoDerivative double[] out) {
                for (int i = 0; i < x.length; i++) {
                  out[i] = Math.exp(x[i]);
                }
                double s = 0;
                for (int i = 0; i < x.length; i++) {
                  s += out[i] * x[i];
                }
                return s;
              }
              """);

  private static String adjoint(String name) {
    assumeFalse(CompiledSources.referenceOnly(), "companions are not generated in reference-only mode");
    return FILLS.pullbackMethod(name);
  }

  private static DifferentiableMethod method(String name) {
    assumeFalse(CompiledSources.referenceOnly(), "companions are not generated in reference-only mode");
    return FILLS.sourcesFor(name).method(FILLS.className(), name);
  }

  @Test
  void aFilledArrayIsNotTaped() {
    String adjoint = adjoint("filled");
    // exp, a local the reverse trips read, is taped; e's elements are neither taped nor restored
    assertFalse(adjoint.contains("= e[i];") || adjoint.contains("e[i] = doubles["), adjoint);
    GradientCheck.of(FILLS, "filled").uniformArray("x", 0, 8, -1.5, 1.5).points(16).checkAll();
    // s = Σ x exp(2x): ds/dx = exp(2x) (1 + 2x)
    double[] x = {0.3, -0.8};
    DifferentiableMethod.Gradient g = method("filled").gradientAt((Object) x.clone());
    assertEquals(Math.exp(0.6) * 1.6, g.get(0), 1e-12);
    assertEquals(Math.exp(-1.6) * -0.6, g.get(1), 1e-12);
  }

  @Test
  void aFilledMatrixIsNotTaped() {
    String adjoint = adjoint("filledRows");
    assertFalse(adjoint.contains("doubleTop++] = m[") || adjoint.contains("doubleTop++, m["),
        adjoint);
    GradientCheck.of(FILLS, "filledRows")
        .uniformArray("a", 0, 4, -1.5, 1.5)
        .uniformArray("b", 0, 5, -1.5, 1.5)
        .points(16)
        .checkAll();
  }

  @Test
  void aReadBeforeTheWriteKeepsTheTape() {
    String adjoint = adjoint("readBefore");
    assertTrue(TapingTest.records(adjoint, "w[i3]"), adjoint); // the third loop's counter
    GradientCheck.of(FILLS, "readBefore").uniformArray("x", 1, 7, -1.5, 1.5).points(16).checkAll();
  }

  @Test
  void aReadInTheSameLoopKeepsTheTape() {
    String adjoint = adjoint("sameLoop");
    assertTrue(TapingTest.records(adjoint, "t[0]"), adjoint);
    GradientCheck.of(FILLS, "sameLoop").uniformArray("x", 0, 7, -1.5, 1.5).points(16).checkAll();
  }

  @Test
  void aReadThroughAnAliasKeepsTheTape() {
    String adjoint = adjoint("throughAlias");
    assertTrue(TapingTest.records(adjoint, "w[i]"), adjoint);
    GradientCheck.of(FILLS, "throughAlias").uniformArray("x", 0, 7, -1.5, 1.5).points(16)
        .checkAll();
  }

  @Test
  void aParameterFilledWithoutTapeKeepsWhatTheOriginalLeft() {
    String adjoint = adjoint("intoParameter");
    assertFalse(adjoint.contains("= out[i];") || adjoint.contains("out[i] = doubles["), adjoint);
    DifferentiableMethod m = method("intoParameter");
    double[] x = {0.5, -0.25, 1.0};
    double[] out = new double[3];
    Object holder = m.newHolder(new Object[] {x, out});
    m.pullback(new Object[] {x, out}, 1.0, holder);
    // the caller's array holds what the original method leaves in it
    assertArrayEquals(new double[] {Math.exp(0.5), Math.exp(-0.25), Math.exp(1.0)}, out, 0.0);
    // s = Σ x exp(x): ds/dx = exp(x) (1 + x)
    double[] g = m.holderGradient(holder);
    for (int i = 0; i < x.length; i++) {
      assertEquals(Math.exp(x[i]) * (1 + x[i]), g[i], 1e-12);
    }
    GradientCheck.of(FILLS, "intoParameter")
        .uniformArray("x", 0, 6, -1.5, 1.5)
        .generate("out", (random, point) -> new double[point.a("x").length])
        .points(16)
        .checkAll();
  }
}
