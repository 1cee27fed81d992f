package dev.cotangent.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * A sum a loop adds into ({@code z += e}) after a reset ({@code z = 0}) is not taped when nothing
 * in reverse reads its old values ({@code DeadRestores}), and stays taped where something does:
 * another statement of the loop reads it (while the sum that statement adds into is not taped),
 * its own partial reads it, or no reset precedes the loop
 * (an outer trip's reverse then reads the value the inner restores bring back). Every gradient
 * is checked against central differences.
 */
class DeadRestoresTest {
  private static final FunctionGroup SUMS =
      FunctionGroup.of("behaviour.deadrestores", "Sums")
          .function("logistic", """
              @Differentiable
              public static double logistic(double[] w, @NoDerivative double[][] xs) {
                double total = 0;
                for (int k = 0; k < xs.length; k++) {
                  double z = 0;
                  for (int j = 0; j < w.length; j++) {
                    z += w[j] * xs[k][j];
                  }
                  total += Math.log1p(Math.exp(-z)) + z * z * 0.1;
                }
                return total;
              }
              """)
          .function("softmax", """
              @Differentiable
              public static double softmax(double[] x, int steps) {
                double loss = 0;
                double sumExp = 0;
                for (int t = 0; t < steps; t++) {
                  sumExp = 0;
                  for (int i = 0; i < x.length; i++) {
                    sumExp += Math.exp(x[i] * (t + 1));
                  }
                  loss += Math.log(sumExp) - x[t % x.length];
                }
                return loss;
              }
              """)
          .function("readInTheLoop", """
              @Differentiable
              public static double readInTheLoop(double[] x) {
                double total = 0;
                for (int k = 0; k < 3; k++) {
                  double s = 0;
                  double y = 0;
                  for (int i = 0; i < x.length; i++) {
                    s += x[i];
                    y += s * x[i];
                  }
                  total += y * s;
                }
                return total;
              }
              """)
          .function("ownPartial", """
              @Differentiable
              public static double ownPartial(double[] x) {
                double total = 0;
                for (int k = 0; k < 2; k++) {
                  double p = 1;
                  for (int i = 0; i < x.length; i++) {
                    p = p * x[i] + 0.5;
                  }
                  total += p;
                }
                return total;
              }
              """)
          .function("noReset", """
              @Differentiable
              public static double noReset(double[] x, int rounds) {
                double s = 0;
                double t = 0;
                for (int k = 0; k < rounds; k++) {
                  for (int i = 0; i < x.length; i++) {
                    s += x[i] * (k + 1);
                  }
                  t += s * s;
                }
                return t;
              }
              """);

  private static boolean dropped(String name) {
    assumeFalse(CompiledSources.referenceOnly(), "companions are not generated in reference-only mode");
    return SUMS.passTrace(name).adjoint().contains("DeadRestores");
  }

  @Test
  void aDotProductAfterItsResetIsNotTaped() {
    assertTrue(dropped("logistic"));
    String pullback = SUMS.pullbackMethod("logistic");
    assertFalse(pullback.contains("doubles[doubleTop++] = z;"), pullback);
    assertTrue(pullback.contains("doubles = tape.push(doubles, doubleTop++, z);"), pullback);
    GradientCheck.of(SUMS, "logistic")
        .uniformArray("w", 4, -1, 1)
        .uniformMatrix("xs", 5, 4, -2, 2)
        .differentiable("w")
        .points(10)
        .checkAll();
  }

  @Test
  void aSoftmaxNormaliserResetEveryStepIsNotTaped() {
    assertTrue(dropped("softmax"));
    GradientCheck.of(SUMS, "softmax")
        .uniformArray("x", 1, 5, -1, 1)
        .ints("steps", 0, 4)
        .points(20)
        .checkAll();
  }

  @Test
  void aSumAnotherStatementOfTheLoopReadsStaysTaped() {
    // y += s * x[i] reads s: s stays taped on every trip; y's old values nobody reads
    assertTrue(dropped("readInTheLoop"));
    String pullback = SUMS.pullbackMethod("readInTheLoop");
    assertTrue(pullback.contains("doubles[doubleTop++] = s;"), pullback);
    assertFalse(pullback.contains("doubles[doubleTop++] = y;"), pullback);
    GradientCheck.of(SUMS, "readInTheLoop").uniformArray("x", 0, 5, -1, 1).points(20).checkAll();
  }

  @Test
  void aValueItsOwnPartialReadsStaysTaped() {
    assertFalse(dropped("ownPartial"));
    assertTrue(SUMS.pullbackMethod("ownPartial").contains("doubles[doubleTop++] = p;"));
    GradientCheck.of(SUMS, "ownPartial").uniformArray("x", 0, 5, -1, 1).points(20).checkAll();
  }

  @Test
  void aSumCarriedAcrossOuterTripsWithoutAResetStaysTaped() {
    assertFalse(dropped("noReset"));
    assertTrue(SUMS.pullbackMethod("noReset").contains("doubles[doubleTop++] = s;"));
    GradientCheck.of(SUMS, "noReset")
        .uniformArray("x", 0, 5, -1, 1)
        .ints("rounds", 0, 4)
        .points(20)
        .checkAll();
  }
}
