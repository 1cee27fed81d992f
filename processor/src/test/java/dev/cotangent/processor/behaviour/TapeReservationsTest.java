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
 * A counted loop without inner loops makes room on the tape once ({@code tape.reserve}) and then
 * records with plain stores ({@code doubles[doubleTop++] = p}). These tests check derivatives
 * against closed forms and central differences, tapes that must grow far past their first size,
 * a holder reused for a longer loop, loops that count nothing or count down, {@code <=} bounds,
 * branches pushing different amounts, and the loops that must keep checked pushes.
 */
class TapeReservationsTest {
  private static final FunctionGroup LOOPS =
      FunctionGroup.of("behaviour.reservations", "Loops")
          .function(
              "chain",
              """
              @Differentiable
              public static double chain(double x, int n) {
                double p = x;
                for (int i = 0; i < n; i++) {
                  p = Math.sin(p) + 0.5 * p; // the reverse sweep needs every old p
                }
                return p;
              }
              """)
          .function(
              "branches",
              """
              @Differentiable
              public static double branches(double[] x) {
                double s = 1;
                for (int i = 0; i < x.length; i++) {
                  if (x[i] > 0) {
                    s = s * x[i];
                  } else {
                    s = s + x[i] * s * s;
                  }
                }
                return s;
              }
              """)
          .function(
              "inclusive",
              """
              @Differentiable
              public static double inclusive(double x, int lo, int hi) {
                double p = 1;
                for (int i = lo; i <= hi; i++) {
                  p = p * Math.cos(x * i) + x;
                }
                return p;
              }
              """)
          .function(
              "rows",
              """
              @Differentiable
              public static double rows(double[][] a) {
                double s = 0;
                for (int r = 0; r < a.length; r++) {
                  double t = 1;
                  for (int c = 0; c < a[r].length; c++) {
                    t = t * a[r][c] + 1;
                  }
                  s = s * 0.5 + Math.sin(t);
                }
                return s;
              }
              """)
          .function(
              "shrinking",
              """
              @Differentiable
              public static double shrinking(double x, int n) {
                double p = x;
                int m = n;
                for (int i = 0; i < m; i++) {
                  p = Math.sin(p) + 0.5 * p;
                  if (p > 0.5) {
                    m = m - 1; // the bound moves: no room can be reserved up front
                  }
                }
                return p;
              }
              """);

  private static DifferentiableMethod method(String name) {
    assumeFalse(CompiledSources.referenceOnly(), "companions are not generated in reference-only mode");
    return LOOPS.sourcesFor(name).method(LOOPS.className(), name);
  }

  private static String adjoint(String name) {
    assumeFalse(CompiledSources.referenceOnly(), "companions are not generated in reference-only mode");
    return LOOPS.pullbackMethod(name);
  }

  private static long lines(String source, String line) {
    return source.lines().map(String::trim).filter(line::equals).count();
  }

  /** d chain / dx by the chain rule, from the primal's own iterates (not the generated code). */
  private static double chainDerivative(double x, int n) {
    double p = x;
    double d = 1;
    for (int i = 0; i < n; i++) {
      d *= Math.cos(p) + 0.5;
      p = Math.sin(p) + 0.5 * p;
    }
    return d;
  }

  @Test
  void aTapeGrownByReservationGivesTheClosedForm() {
    String adjoint = adjoint("chain");
    assertEquals(1, lines(adjoint, "doubles = tape.reserve(doubles, doubleTop, 1, i, n);"), adjoint);
    assertEquals(1, lines(adjoint, "doubles[doubleTop++] = p;"), adjoint);
    assertFalse(adjoint.contains("tape.push("), adjoint);
    DifferentiableMethod m = method("chain");
    // 10,000 trips: the tape (64 values at first) grows once, before the loop
    for (int n : new int[] {0, 1, 3, 10_000}) {
      DifferentiableMethod.Gradient g = m.gradientAt(0.9, n);
      assertEquals(chainDerivative(0.9, n), g.get(0), 1e-12, "n = " + n);
    }
    GradientCheck.of(LOOPS, "chain").uniform("x", -2, 2).ints("n", -3, 40).points(20).checkAll();
  }

  @Test
  void aHolderReusedForALongerLoopGrowsItsTapeAgain() {
    DifferentiableMethod m = method("chain");
    Object holder = m.newHolder();
    m.pullback(new Object[] {0.4, 5}, 1.0, holder);
    m.clear(holder);
    m.pullback(new Object[] {0.4, 3_000}, 1.0, holder);
    assertEquals(chainDerivative(0.4, 3_000), m.holderGradient(holder)[0], 1e-12);
    m.clear(holder);
    m.pullback(new Object[] {-0.7, 7}, 2.0, holder);
    assertEquals(2 * chainDerivative(-0.7, 7), m.holderGradient(holder)[0], 1e-12);
  }

  @Test
  void branchesReserveTheLargerBranch() {
    String adjoint = adjoint("branches");
    assertTrue(adjoint.contains("ints = tape.reserve(ints, intTop, 1, i, x.length);"), adjoint);
    assertTrue(adjoint.contains("doubles = tape.reserve(doubles, doubleTop, 1, i, x.length);"),
        adjoint);
    GradientCheck.of(LOOPS, "branches")
        .uniformArray("x", 0, 300, -1.2, 1.2)
        .points(16)
        .checkAll();
  }

  @Test
  void inclusiveBoundsAndEmptyOrDownwardRanges() {
    String adjoint = adjoint("inclusive");
    assertTrue(adjoint.contains("doubles = tape.reserve(doubles, doubleTop, 1, i, hi + 1);"),
        adjoint);
    GradientCheck.of(LOOPS, "inclusive")
        .uniform("x", -1, 1)
        .ints("lo", -80, 5)
        .ints("hi", -5, 90)
        .points(30)
        .at(0.3, 4, 4)
        .at(0.3, 5, 4)
        .at(0.3, 7, -7)
        .checkAll();
  }

  @Test
  void onlyTheInnerOfNestedLoopsReserves() {
    String adjoint = adjoint("rows");
    assertEquals(1, adjoint.split("tape\\.reserve\\(", -1).length - 1, adjoint);
    assertTrue(adjoint.contains("doubles = tape.reserve(doubles, doubleTop, 1, c, a[r].length);"),
        adjoint);
    GradientCheck.of(LOOPS, "rows")
        .generate("a", (random, point) -> {
          double[][] a = new double[random.nextInt(4)][];
          for (int r = 0; r < a.length; r++) {
            a[r] = new double[random.nextInt(70)];
            for (int c = 0; c < a[r].length; c++) {
              a[r][c] = -1 + 2 * random.nextDouble();
            }
          }
          return a;
        })
        .points(16)
        .checkAll();
  }

  @Test
  void aLoopWhoseBoundMovesKeepsCheckedPushes() {
    String adjoint = adjoint("shrinking");
    assertFalse(adjoint.contains("tape.reserve("), adjoint);
    assertTrue(adjoint.contains("doubles = tape.push(doubles, doubleTop++, p);"), adjoint);
    GradientCheck.of(LOOPS, "shrinking").uniform("x", -2, 2).ints("n", 0, 200).points(20)
        .checkAll();
  }
}
