package dev.cotangent.processor.behaviour;

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
 * Two clean-ups of the tangent's arithmetic: a local that only negates another and is used once
 * is folded into its use ({@code NegatedCopies}: {@code b * bDot} with {@code bDot = -xDotI}
 * becomes {@code - b * xDotI}), and a sum that a loop increments by {@code 2 * e}, zero where the
 * loop starts, sums {@code e} and is doubled once after the loop ({@code DoubledSums}). The tests
 * check the derivatives against central differences and closed forms, the generated lines, and
 * each case where the rewrite would be wrong.
 */
class TangentSumsTest {
  private static final FunctionGroup SUMS =
      FunctionGroup.of("behaviour.sums", "Sums")
          .function(
              "squares",
              """
              @Differentiable
              public static double squares(double[] x) {
                double sum = 0;
                for (int i = 0; i < x.length; i++) {
                  double b = 1 - x[i];
                  sum += b * b;
                }
                return sum;
              }
              """)
          .function(
              "notZeroAtStart",
              """
              @Differentiable
              public static double notZeroAtStart(double[] x, double s0) {
                double sum = s0 * s0; // its tangent is not zero where the loop starts
                for (int i = 0; i < x.length; i++) {
                  sum += x[i] * x[i];
                }
                return sum;
              }
              """)
          .function(
              "readInLoop",
              """
              @Differentiable
              public static double readInLoop(double[] x) {
                double sum = 0;
                double trace = 0;
                for (int i = 0; i < x.length; i++) {
                  sum += x[i] * x[i];
                  trace += sum; // reads the partial sum
                }
                return trace;
              }
              """)
          .function(
              "twoLoops",
              """
              @Differentiable
              public static double twoLoops(double[] x) {
                double sum = 0;
                for (int i = 0; i < x.length; i++) {
                  sum += x[i] * x[i];
                }
                for (int i = 0; i < x.length; i++) {
                  sum += 3 * x[i] * x[i]; // sum is not zero here
                }
                return sum;
              }
              """)
          .function(
              "negationUsedTwice",
              """
              @Differentiable
              public static double negationUsedTwice(double x, double y) {
                double b = -x;
                return b * y + Math.sin(b);
              }
              """)
          .function(
              "negatedThenChanged",
              """
              @Differentiable
              public static double negatedThenChanged(double x, double y) {
                double b = -x;
                x = x * y; // x (and its tangent) change before b is used
                return b * x;
              }
              """);

  private static DifferentiableMethod method(String name) {
    assumeFalse(CompiledSources.referenceOnly(), "companions are not generated in reference-only mode");
    return SUMS.sourcesFor(name).method(SUMS.className(), name);
  }

  private static String tangent(String name) {
    assumeFalse(CompiledSources.referenceOnly(), "companions are not generated in reference-only mode");
    return SUMS.tangentMethod(name);
  }

  private static boolean hasLine(String source, String line) {
    return source.lines().map(String::trim).anyMatch(line::equals);
  }

  @Test
  void aSumOfSquaresIsDoubledOnceAfterTheLoop() {
    GradientCheck.of(SUMS, "squares").uniformArray("x", 1, 6, -2, 2).checkAll();
    String tangent = tangent("squares");
    assertTrue(hasLine(tangent, "sumDot -= b * xDot[i];"), tangent); // -2 * b * xDot[i], halved
    assertTrue(hasLine(tangent, "sumDot = 2 * sumDot;"), tangent);
    assertFalse(tangent.contains("bDot"), tangent); // bDot = -xDot[i] folded into its use
    DifferentiableMethod m = method("squares");
    // d/dt sum (1 - x_i)^2 along v = -2 sum (1 - x_i) v_i = -2 (2 * 1 + (-1) * 3 + 0.5 * -2)
    double[] x = {-1.0, 2.0, 0.5};
    assertEquals(-2 * (2 * 1 + -1 * 3 + 0.5 * -2),
        m.tangent(new Object[] {x}, new double[] {1, 3, -2}).tangent(), 1e-12);
    assertEquals(0.0, m.tangent(new Object[] {new double[0]}, new double[0]).tangent(), 0.0);
  }

  @Test
  void notWhenTheSumIsNotZeroWhereTheLoopStarts() {
    GradientCheck.of(SUMS, "notZeroAtStart").uniformArray("x", 1, 5, -2, 2)
        .uniform("s0", -2, 2).checkAll();
    assertFalse(hasLine(tangent("notZeroAtStart"), "sumDot = 2 * sumDot;"));
    DifferentiableMethod m = method("notZeroAtStart");
    // along (x: 0, s0: 1): 2 s0
    assertEquals(3.0, m.tangent(new Object[] {new double[] {1, 2}, 1.5},
        new double[] {0, 0, 1}).tangent(), 1e-12);
  }

  @Test
  void notWhenTheLoopReadsTheSum() {
    GradientCheck.of(SUMS, "readInLoop").uniformArray("x", 1, 5, -2, 2).checkAll();
    String tangent = tangent("readInLoop");
    assertFalse(hasLine(tangent, "sumDot = 2 * sumDot;"), tangent);
    DifferentiableMethod m = method("readInLoop");
    // trace = x0^2 + (x0^2 + x1^2): along e0, 4 x0
    assertEquals(4 * 1.5, m.tangent(new Object[] {new double[] {1.5, -2}},
        new double[] {1, 0}).tangent(), 1e-12);
  }

  @Test
  void onlyTheFirstOfTwoLoopsStartsFromZero() {
    GradientCheck.of(SUMS, "twoLoops").uniformArray("x", 1, 5, -2, 2).checkAll();
    String tangent = tangent("twoLoops");
    assertEquals(1, tangent.lines().filter(l -> l.trim().equals("sumDot = 2 * sumDot;")).count(),
        tangent);
    DifferentiableMethod m = method("twoLoops");
    // sum = 4 sum x_i^2: along v, 8 sum x_i v_i
    assertEquals(8 * (1.5 * 2 + -1 * 0.5), m.tangent(new Object[] {new double[] {1.5, -1}},
        new double[] {2, 0.5}).tangent(), 1e-12);
  }

  @Test
  void aNegationUsedTwiceOrWhoseOperandChangesStays() {
    GradientCheck.of(SUMS, "negationUsedTwice").uniform("x", -2, 2).uniform("y", -2, 2)
        .checkAll();
    assertTrue(hasLine(tangent("negationUsedTwice"), "double bDot = -xDot;"));
    GradientCheck.of(SUMS, "negatedThenChanged").uniform("x", -2, 2).uniform("y", -2, 2)
        .checkAll();
    assertTrue(hasLine(tangent("negatedThenChanged"), "double bDot = -xDot;"));
    DifferentiableMethod m = method("negatedThenChanged");
    // -x * (x y) = -x^2 y: along (1, 0), -2 x y
    assertEquals(-2 * 1.5 * 3, m.tangent(new Object[] {1.5, 3.0}, new double[] {1, 0}).tangent(), 1e-12);
  }
}
