package dev.cotangent.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.DifferentiableMethod;
import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * Reads that the next trip of a counted loop makes again one element further on ({@code x[i + 1]},
 * then {@code x[i]}) are carried to it in a local. These tests check the derivatives, the carried
 * code of Rosenbrock and of a three-point stencil, that a loop which does not run reads nothing,
 * and the loops where carrying would be wrong: the array is written, the next element is read
 * only sometimes, the counter steps by two or changes in the body.
 */
class CarriedReadsTest {
  private static final FunctionGroup LOOPS =
      FunctionGroup.of("behaviour.carried", "Loops")
          .function(
              "rosenbrock",
              """
              @Differentiable
              public static double rosenbrock(double[] x) {
                double sum = 0;
                for (int i = 0; i + 1 < x.length; i++) {
                  double a = x[i + 1] - x[i] * x[i];
                  double b = 1 - x[i];
                  sum += 100 * a * a + b * b;
                }
                return sum;
              }
              """)
          .function(
              "stencil",
              """
              @Differentiable
              public static double stencil(double[] u) {
                double s = 0;
                for (int i = 1; i + 1 < u.length; i++) {
                  double lap = u[i - 1] - 2 * u[i] + u[i + 1];
                  s += lap * lap * u[i];
                }
                return s;
              }
              """)
          .function(
              "inPlace",
              """
              @Differentiable
              public static double inPlace(double[] x) {
                double[] v = x.clone();
                for (int i = 0; i + 1 < v.length; i++) {
                  v[i + 1] = v[i + 1] + 0.5 * v[i] * v[i]; // the next trip reads what this one wrote
                }
                return v[v.length - 1];
              }
              """)
          .function(
              "lastTrip",
              """
              @Differentiable
              public static double lastTrip(double[] x) {
                double s = 0;
                for (int i = 0; i < x.length; i++) {
                  s += i + 1 < x.length ? x[i] * x[i + 1] : x[i]; // x[i + 1] not on the last trip
                }
                return s;
              }
              """)
          .function(
              "stepTwo",
              """
              @Differentiable
              public static double stepTwo(double[] x) {
                double s = 0;
                for (int i = 0; i + 1 < x.length; i += 2) {
                  s += x[i] * x[i + 1];
                }
                return s;
              }
              """)
          .function(
              "skips",
              """
              @Differentiable
              public static double skips(double[] x) {
                double s = 0;
                int i = 0;
                while (i + 2 < x.length) {
                  s += x[i] * x[i + 1];
                  if (x[i] > 0) {
                    i = i + 1;
                  }
                  i++;
                }
                return s;
              }
              """);

  private static DifferentiableMethod method(String name) {
    assumeFalse(CompiledSources.referenceOnly(), "companions are not generated in reference-only mode");
    return LOOPS.sourcesFor(name).method(LOOPS.className(), name);
  }

  private static String tangent(String name) {
    assumeFalse(CompiledSources.referenceOnly(), "companions are not generated in reference-only mode");
    return LOOPS.tangentMethod(name);
  }

  private static long lines(String source, String line) {
    return source.lines().map(String::trim).filter(line::equals).count();
  }

  @Test
  void rosenbrockReadsEachElementOnce() {
    GradientCheck.of(LOOPS, "rosenbrock").uniformArray("x", 1, 7, -2, 2).checkAll();
    String tangent = tangent("rosenbrock");
    assertEquals(1, lines(tangent, "double xI = x[i];"), tangent); // before the loop
    assertEquals(1, lines(tangent, "double xIPlus1 = x[i + 1];"), tangent);
    assertEquals(1, lines(tangent, "double xDotI = xDot[i];"), tangent);
    assertEquals(1, lines(tangent, "xI = xIPlus1;"), tangent); // after i++
    assertEquals(1, lines(tangent, "xDotI = xDotIPlus1;"), tangent);
    assertEquals(1, lines(tangent, "if (i + 1 < x.length) {"), tangent);
    DifferentiableMethod m = method("rosenbrock");
    double[] x = {0.5, -1.0, 1.5};
    // 100 (x1 - x0^2)^2 + (1 - x0)^2 + 100 (x2 - x1^2)^2 + (1 - x1)^2
    double f = 100 * 1.5625 + 0.25 + 100 * 0.25 + 4;
    assertEquals(f, m.value(x.clone()), 1e-12);
    // along e1: 200 (x1 - x0^2) - 400 x1 (x2 - x1^2) - 2 (1 - x1) = -250 + 200 - 4
    assertEquals(-54.0, m.tangent(new Object[] {x.clone()}, new double[] {0, 1, 0}).tangent(),
        1e-12);
  }

  @Test
  void aStencilCarriesTwoElements() {
    GradientCheck.of(LOOPS, "stencil").uniformArray("u", 1, 8, -1, 1).checkAll();
    String tangent = tangent("stencil");
    assertEquals(1, lines(tangent, "double uIMinus1 = u[i - 1];"), tangent);
    assertEquals(1, lines(tangent, "double uI = u[i];"), tangent);
    assertEquals(1, lines(tangent, "double uIPlus1 = u[i + 1];"), tangent);
    assertEquals(1, lines(tangent, "uIMinus1 = uI;"), tangent);
    assertEquals(1, lines(tangent, "uI = uIPlus1;"), tangent);
    DifferentiableMethod m = method("stencil");
    double[] u = {1.0, 2.0, 4.0, 3.0};
    // i = 1: lap = 1 - 4 + 4 = 1, s = 2; i = 2: lap = 2 - 8 + 3 = -3, s += 9 * 4
    assertEquals(38.0, m.value(u.clone()), 0.0);
  }

  @Test
  void aLoopThatDoesNotRunReadsNothing() {
    DifferentiableMethod m = method("rosenbrock");
    assertEquals(0.0, m.value((Object) new double[0]), 0.0); // x[0] would throw
    assertEquals(0.0, m.tangent(new Object[] {new double[0]}, new double[0]).tangent(), 0.0);
    assertEquals(0.0, m.value((Object) new double[] {3.0}), 0.0);
  }

  @Test
  void notWhenTheLoopWritesTheArray() {
    GradientCheck.of(LOOPS, "inPlace").uniformArray("x", 1, 6, -1, 1).checkAll();
    DifferentiableMethod m = method("inPlace");
    // v1 = 1 + 0.5 = 1.5, v2 = 2 + 0.5 * 2.25 = 3.125
    assertEquals(3.125, m.value((Object) new double[] {1.0, 1.0, 2.0}), 0.0);
    assertFalse(tangent("inPlace").contains("vI = vIPlus1;"));
  }

  @Test
  void notWhenTheNextElementIsReadOnlySometimes() {
    GradientCheck.of(LOOPS, "lastTrip").uniformArray("x", 1, 6, -1, 1).checkAll();
    DifferentiableMethod m = method("lastTrip");
    assertEquals(2.0 * 3.0 + 3.0 * 5.0 + 5.0, m.value((Object) new double[] {2, 3, 5}), 0.0);
    assertFalse(tangent("lastTrip").contains("xI = xIPlus1;"));
  }

  @Test
  void notWhenTheCounterStepsByMoreThanOne() {
    GradientCheck.of(LOOPS, "stepTwo").uniformArray("x", 1, 7, -1, 1).checkAll();
    DifferentiableMethod m = method("stepTwo");
    assertEquals(2.0 * 3.0 + 5.0 * 7.0, m.value((Object) new double[] {2, 3, 5, 7, 11}), 0.0);
    assertFalse(tangent("stepTwo").contains("xI = xIPlus1;"));
    GradientCheck.of(LOOPS, "skips").uniformArray("x", 1, 7, -1, 1).checkAll();
    DifferentiableMethod skips = method("skips");
    // i = 0: 2 * -3, x[0] > 0 so i = 2: -5 * 7 (x[2] <= 0), i = 3: 7 * 11, i = 4 ends (4 + 2 = 6)
    assertEquals(-6.0 - 35.0 + 77.0, skips.value((Object) new double[] {2, -3, -5, 7, 11, 13}),
        0.0);
    assertFalse(tangent("skips").contains("xI = xIPlus1;"));
  }
}
