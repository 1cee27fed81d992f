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
 * Reduction loops whose reverse trips run with their forward ones, in one pass: which loops fuse
 * (the pass trace names FusedLoops), which must not, and that the
 * gradients are right either way (central differences, the tangent, the pullback contract).
 */
class FusedLoopsTest {

  private static final FunctionGroup LOOPS =
      FunctionGroup.of("behaviour.fused", "Reductions")
          .function(
              "weightedSquares",
              """
              @Differentiable
              public static double weightedSquares(double[] x, double w) {
                double s = 0;
                for (int i = 0; i < x.length; i++) {
                  double d = x[i] - w;
                  s += w * d * d + Math.sin(x[i]);
                }
                return 3 * s - w;
              }
              """)
          .function(
              "variance",
              """
              @Differentiable
              public static double variance(double[] x) {
                double mean = 0;
                for (int i = 0; i < x.length; i++) {
                  mean += x[i];
                }
                mean /= x.length;
                double v = 0;
                for (int i = 0; i < x.length; i++) {
                  v += (x[i] - mean) * (x[i] - mean);
                }
                return v / x.length;
              }
              """)
          .function(
              "neighbours",
              """
              @Differentiable
              public static double neighbours(double[] x, double k) {
                double e = 0;
                for (int i = 1; i + 1 < x.length; i += 1) {
                  double lap = x[i - 1] - 2 * x[i] + x[i + 1];
                  e += k * lap * lap + Math.exp(-x[i] * x[i]);
                }
                return e;
              }
              """)
          .function(
              "squaredSum",
              """
              @Differentiable
              public static double squaredSum(double[] x) {
                double s = 0;
                for (int i = 0; i < x.length; i++) {
                  s += x[i] * x[i];
                }
                return s * s; // sBar depends on the final s: cannot be known before the loop
              }
              """)
          .function(
              "recurrence",
              """
              @Differentiable
              public static double recurrence(double[] x, double y) {
                for (int i = 0; i < x.length; i++) {
                  y = y * x[i] + 1; // yBar flows from each trip to the one before
                }
                return y;
              }
              """)
          .function(
              "branchInside",
              """
              @Differentiable
              public static double branchInside(double[] x) {
                double s = 0;
                for (int i = 0; i < x.length; i++) {
                  if (x[i] > 0) {
                    s += x[i] * x[i];
                  } else {
                    s -= x[i];
                  }
                }
                return s;
              }
              """)
          .function(
              "overwrittenAfter",
              """
              @Differentiable
              public static double overwrittenAfter(double[] x, double a) {
                double s = 0;
                for (int i = 0; i < x.length; i++) {
                  s += a * x[i] * x[i];
                }
                a = a * a; // the trips read a's old value
                return s + a;
              }
              """)
          .function(
              "writesItsInput",
              """
              @Differentiable
              public static double writesItsInput(double[] x) {
                double s = 0;
                for (int i = 0; i + 1 < x.length; i++) {
                  x[i + 1] = x[i + 1] * x[i]; // the next trip reads what this one wrote
                  s += x[i + 1];
                }
                return s;
              }
              """);

  /** The pullback {@code name(..., seed, into)} in the generated adjoint class. */
  private static String adjoint(String name) {
    assumeFalse(CompiledSources.referenceOnly(), "companions are not generated in reference-only mode");
    return LOOPS.pullbackMethod(name);
  }

  private static GradientCheck check(String name) {
    return GradientCheck.of(LOOPS, name).points(12);
  }

  @Test
  void aWeightedSumFusesAndItsScalarWeightAccumulates() {
    check("weightedSquares").uniformArray("x", 0, 6, -2, 2).uniform("w", -1.5, 1.5).checkAll();
    DifferentiableMethod m = LOOPS.sourcesFor("weightedSquares")
        .method(LOOPS.className(), "weightedSquares");
    double[] x = {0.5, -1.0, 2.0};
    double w = 0.75;
    double dw = -1; // from "- w"
    for (double xi : x) {
      dw += 3 * ((xi - w) * (xi - w) - 2 * w * (xi - w));
    }
    DifferentiableMethod.Gradient g = m.gradientAt(x.clone(), w);
    assertEquals(dw, g.get(3), 1e-13);
    assertEquals(3 * (2 * w * (x[1] - w) + Math.cos(x[1])), g.get(1), 1e-13);
    String source = adjoint("weightedSquares");
    assertTrue(fused("weightedSquares"), source);
    assertFalse(source.contains("tape"), source);
  }

  @Test
  void theSecondOfTwoLoopsFusesAndTheFirstReadsWhatItAccumulated() {
    check("variance").uniformArray("x", 1, 7, -3, 3).checkAll();
    String source = adjoint("variance");
    assertTrue(fused("variance"), source);
    // the second loop: the first (the mean) still reverses after the forward sweep
    String reverse = source.substring(source.indexOf("// Reverse sweep"));
    assertTrue(reverse.contains("while ("), reverse);
    assertEquals(1, count(source,
        "// Reverse sweep (the loop above ran its reverse trips with its forward ones)"), source);
  }

  @Test
  void neighbouringElementsAndAStepOtherThanPlusPlus() {
    check("neighbours").uniformArray("x", 0, 7, -1.5, 1.5).uniform("k", 0.1, 2).checkAll();
    assertTrue(fused("neighbours"), adjoint("neighbours"));
  }

  @Test
  void notWhenTheAccumulatorsAdjointNeedsItsFinalValue() {
    check("squaredSum").uniformArray("x", 0, 6, -2, 2).checkAll();
    assertFalse(fused("squaredSum"), adjoint("squaredSum"));
  }

  @Test
  void notARecurrence() {
    check("recurrence").uniformArray("x", 0, 6, -1.2, 1.2).uniform("y", -1, 1).checkAll();
    assertFalse(fused("recurrence"), adjoint("recurrence"));
  }

  @Test
  void notWhenTheReverseTripPopsABranch() {
    check("branchInside").uniformArray("x", 0, 6, -2, 2)
        .where("x away from the kink at 0", p -> {
          for (double v : p.a("x")) {
            if (Math.abs(v) < 0.05) {
              return false;
            }
          }
          return true;
        }).checkAll();
    assertFalse(fused("branchInside"), adjoint("branchInside"));
  }

  @Test
  void notWhenWhatFollowsTheLoopOverwritesWhatTheTripsRead() {
    check("overwrittenAfter").uniformArray("x", 0, 6, -2, 2).uniform("a", -1.5, 1.5).checkAll();
    assertFalse(fused("overwrittenAfter"), adjoint("overwrittenAfter"));
  }

  @Test
  void notWhenTheTripsWriteWhatLaterTripsRead() {
    check("writesItsInput").uniformArray("x", 0, 6, -1.5, 1.5).checkAll();
    assertFalse(fused("writesItsInput"), adjoint("writesItsInput"));
  }

  /** Whether FusedLoops changed the pullback of {@code name} (it fuses at most one loop). */
  private static boolean fused(String name) {
    return LOOPS.passTrace(name).adjoint().contains("FusedLoops");
  }

  private static long count(String source, String line) {
    return source.lines().map(String::trim).filter(line::equals).count();
  }

  @Test
  void theFusedLoopReadsLikeHandWrittenCode() {
    String source = adjoint("weightedSquares");
    String forward = source.substring(source.indexOf("// Forward sweep"),
        source.indexOf("into.value ="));
    assertFalse(source.contains("// Reverse sweep"), source); // nothing is left to reverse
    // the adjoints are declared first; sBar is known before the loop
    assertTrue(source.indexOf("double sBar = 0.0;") < source.indexOf("// Forward sweep"), source);
    assertTrue(forward.contains("sBar = 3 * resultBar;"), forward);
    assertTrue(forward.indexOf("sBar = 3 * resultBar;") < forward.indexOf("while ("), forward);
  }
}
