package dev.cotangent.processor.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.DifferentiableMethod;
import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.GradientCheck;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Loops reversed from snapshots ({@code @Differentiable(checkpoints = N)}) give the gradients of
 * the same loops taped trip by trip, to rounding, and pass central differences, the dot test
 * and the pullback contract: counted loops (binomial schedule), data-dependent {@code while}
 * loops, loops left by {@code break} or {@code return} (online schedule), arrays of state,
 * branches, calls, loops inside a trip, state of every primitive type.
 */
class CheckpointedLoopsTest {
  static final FunctionGroup LOOPS = FunctionGroup.of("checkpoint.loops", "Loops")
      .members("""
          @Differentiable
          static double step(double p, double x) {
            return Math.sin(p) * x + 0.5 * p;
          }
          """);

  static {
    Pairs.pair(LOOPS, "counted", """
        @Differentiable(checkpoints = 3)
        public static double counted(double x, double y, int n) {
          double p = x;
          double q = y;
          for (int i = 0; i < n; i++) {
            double a = Math.sin(p) * q;
            q = q + 0.1 * Math.cos(a + x);
            p = 0.9 * p + 0.2 * a;
          }
          return p * q;
        }
        """);
    Pairs.pair(LOOPS, "flight", """
        @Differentiable(checkpoints = 4)
        public static double flight(double angle, double speed, @NoDerivative double dt) {
          double x = 0, y = 0;
          double vx = speed * Math.cos(angle);
          double vy = speed * Math.sin(angle);
          while (y >= 0) {
            double drag = 0.02 * Math.sqrt(vx * vx + vy * vy);
            vx -= drag * vx * dt;
            vy -= (9.81 + drag * vy) * dt;
            x += vx * dt;
            y += vy * dt;
          }
          return x;
        }
        """);
    Pairs.pair(LOOPS, "early", """
        @Differentiable(checkpoints = 2)
        public static double early(double x, int n) {
          double p = x;
          for (int i = 0; i < n; i++) {
            p = Math.sin(p) + 0.7 * p + 0.1;
            if (p > 2.5) {
              break;
            }
          }
          double s = p;
          int k = 0;
          while (k < 100) {
            s = s * Math.cos(s) + x;
            if (s > 1.5) {
              return s * p;
            }
            k++;
          }
          return s;
        }
        """);
    Pairs.pair(LOOPS, "heat", """
        @Differentiable(checkpoints = 5)
        public static double heat(double kappa, double[] initial, int steps) {
          int n = initial.length;
          double[] u = initial.clone();
          double[] next = new double[n];
          for (int t = 0; t < steps; t++) {
            for (int i = 1; i < n - 1; i++) {
              next[i] = u[i] + kappa * (u[i - 1] - 2 * u[i] + u[i + 1]) + 0.01 * u[i] * u[i];
            }
            System.arraycopy(next, 1, u, 1, n - 2);
          }
          double s = 0;
          for (int i = 0; i < n; i++) {
            s += u[i] * u[i];
          }
          return s;
        }
        """);
    Pairs.pair(LOOPS, "inPlace", """
        @Differentiable(checkpoints = 3)
        public static double inPlace(double[][] m, double w, int sweeps) {
          for (int k = 0; k < sweeps; k++) {
            for (int r = 0; r < m.length; r++) {
              double[] row = m[r];
              for (int c = 1; c < row.length; c++) {
                row[c] = Math.tanh(w * row[c - 1] + row[c]);
              }
            }
          }
          double s = 0;
          for (int r = 0; r < m.length; r++) {
            s += m[r][m[r].length - 1];
          }
          return s;
        }
        """);
    Pairs.pair(LOOPS, "branches", """
        @Differentiable(checkpoints = 4)
        public static double branches(double x, int n) {
          double p = x;
          for (int i = 0; i < n; i++) {
            if (p > 0.3) {
              p = Math.sin(p * x) + 0.5;
            } else if (p < -0.3) {
              p = p * p * x - 0.2;
            } else {
              p = Math.exp(p) * x;
            }
          }
          return p;
        }
        """);
    Pairs.pair(LOOPS, "calls", """
        @Differentiable(checkpoints = 3)
        public static double calls(double x, double q0, int n) {
          double p = x;
          double q = q0;
          for (int i = 0; i < n; i++) {
            double next = step(p, x);
            q = q + step(q, p) * 0.1;
            p = next;
          }
          return p + q;
        }
        """);
    Pairs.pair(LOOPS, "nested", """
        @Differentiable(checkpoints = 2)
        public static double nested(double x, int n) {
          double p = x;
          int i = 0;
          while (i < n) {
            double s = p;
            int k = 0;
            while (s < 2 && k < 6) {
              s = s * 1.3 + Math.sin(s * x);
              k++;
            }
            p = 0.5 * p + 0.3 * Math.cos(s);
            i++;
          }
          return p;
        }
        """);
    Pairs.pair(LOOPS, "mixed", """
        @Differentiable(checkpoints = 3)
        public static double mixed(double x, int n) {
          float f = (float) x;
          long count = 0;
          int parity = 0;
          boolean flip = false;
          double p = x;
          for (int i = 0; i < n; i++) {
            if (flip) {
              p = Math.sin(p) + f;
            } else {
              p = p * 0.8 + Math.cos(f * p) + count * 1e-4;
            }
            f = f * 0.9f + (float) (0.1 * p);
            count += 3;
            parity = (parity + 1) % 3;
            flip = parity == 1;
          }
          return p * f + count * 1e-3;
        }
        """);
    Pairs.pair(LOOPS, "doWhile", """
        @Differentiable(checkpoints = 2)
        public static double doWhile(double x, boolean go) {
          double p = x;
          if (go) {
            do {
              p = p * 0.9 + 0.05 * Math.exp(-p);
            } while (p > 0.5);
          }
          return p;
        }
        """);
    Pairs.pair(LOOPS, "oneSnapshot", """
        @Differentiable(checkpoints = 1)
        public static double oneSnapshot(double x, int n) {
          double p = x;
          for (int i = 0; i < n; i++) {
            p = Math.sin(p) + 0.5 * p;
          }
          return p;
        }
        """);
    Pairs.pair(LOOPS, "overwritten", """
        @Differentiable(checkpoints = 2)
        public static double overwritten(double x, double y, int n) {
          double d = x * Math.sin(y); // its reverse reads y as it was before the loop
          for (int i = 0; i < n; i++) {
            y = Math.atan(x); // written before it is read on every trip
            x = x * Math.cos(d * y);
          }
          return x + y;
        }
        """);
    Pairs.pair(LOOPS, "aliasElsewhere", """
        @Differentiable(checkpoints = 2)
        public static double aliasElsewhere(double x, double[] w, int n) {
          for (int i = 0; i < n; i++) {
            if (x > 0) {
              double[] alias = w; // null where this branch never ran
              x = x * 0.5 + alias[0];
            }
          }
          double p = x;
          for (int i = 0; i < n; i++) {
            w[i % w.length] = Math.sin(w[i % w.length] * p);
            p = p + w[0];
          }
          return p;
        }
        """);
    Pairs.pair(LOOPS, "twoLoops", """
        @Differentiable(checkpoints = 3)
        public static double twoLoops(double[] x, int n) {
          double p = 1;
          for (int i = 0; i < n; i++) {
            p = Math.sin(p * x[i % x.length]) + 1;
          }
          double sum = 0;
          for (int i = 0; i < x.length; i++) {
            sum += x[i] * x[i] * p;
          }
          double q = sum;
          int k = 0;
          while (q > 0.1) {
            q = q * 0.5 - 0.01 * Math.cos(q);
            k++;
          }
          return q + sum;
        }
        """);
  }

  private static void skipWithoutCompanions() {
    assumeFalse(CompiledSources.referenceOnly(), "companions are not generated");
  }

  private static DifferentiableMethod method(String key) {
    return LOOPS.sourcesFor(key).method(LOOPS.className(), key);
  }

  @Test
  void aCountedLoopAgreesWithTheTapedOneAndWithCentralDifferences() {
    skipWithoutCompanions();
    for (int n : new int[] {0, 1, 2, 3, 4, 7, 20, 57}) {
      Pairs.same(LOOPS, "counted", 0.4, -0.8, n);
    }
    assertTrue(LOOPS.pullbackMethod("counted").contains("checkpoints.binomial(3, "));
    GradientCheck.of(LOOPS, "counted").ints("n", 0, 60).points(12).checkAll();
  }

  @Test
  void aDataDependentWhileLoop() {
    skipWithoutCompanions();
    for (double angle : new double[] {0.2, 0.7, 1.2}) {
      Pairs.same(LOOPS, "flight", angle, 12.0, 0.01);
    }
    assertTrue(LOOPS.pullbackMethod("flight").contains("checkpoints.online(4, "));
    GradientCheck.of(LOOPS, "flight").uniform("angle", 0.3, 1.2).uniform("speed", 5, 15)
        .fixed("dt", 0.01).points(6).checkAll();
  }

  @Test
  void loopsLeftByBreakOrReturn() {
    skipWithoutCompanions();
    for (double x = -1.3; x < 1.4; x += 0.17) {
      for (int n : new int[] {0, 1, 5, 40}) {
        Pairs.same(LOOPS, "early", x, n);
      }
    }
    GradientCheck.of(LOOPS, "early").uniform("x", -1.2, 1.2).ints("n", 0, 30).points(12)
        .checkAll();
  }

  @Test
  void arraysOfState() {
    skipWithoutCompanions();
    Random random = new Random(7);
    for (int steps : new int[] {0, 1, 6, 33}) {
      double[] initial = new double[9];
      for (int i = 0; i < initial.length; i++) {
        initial[i] = random.nextDouble();
      }
      Pairs.same(LOOPS, "heat", 0.2, initial, steps);
    }
    GradientCheck.of(LOOPS, "heat").uniform("kappa", 0.05, 0.3)
        .uniformArray("initial", 3, 8, -1, 1).ints("steps", 0, 25).points(8).checkAll();
  }

  @Test
  void aParameterMatrixWrittenInPlaceThroughARowAlias() {
    skipWithoutCompanions();
    double[][] m = {{0.3, -0.2, 0.5}, {0.1, 0.4}};
    Pairs.same(LOOPS, "inPlace", m, 0.7, 5);
    DifferentiableMethod checkpointed = method("inPlace");
    double[][] copy = {m[0].clone(), m[1].clone()};
    checkpointed.gradient(copy, 0.7, 5);
    double[][] primal = {m[0].clone(), m[1].clone()};
    checkpointed.value(primal, 0.7, 5);
    assertArrayEquals(primal[0], copy[0], 0.0, "the caller sees the loop's final contents");
    assertArrayEquals(primal[1], copy[1], 0.0);
    GradientCheck.of(LOOPS, "inPlace").uniformMatrix("m", 2, 4, -1, 1).uniform("w", -1, 1)
        .ints("sweeps", 0, 7).points(8).checkAll();
  }

  @Test
  void branchesInsideTheTrips() {
    skipWithoutCompanions();
    for (double x = -1.5; x < 1.5; x += 0.11) {
      Pairs.same(LOOPS, "branches", x, 23);
    }
    GradientCheck.of(LOOPS, "branches").uniform("x", -1.5, 1.5).ints("n", 0, 30).points(12)
        .checkAll();
  }

  @Test
  void callsInsideTheTrips() {
    skipWithoutCompanions();
    Pairs.same(LOOPS, "calls", 0.6, 0.2, 31);
    GradientCheck.of(LOOPS, "calls").uniform("x", -1, 1).uniform("q0", -1, 1)
        .ints("n", 0, 25).points(10).checkAll();
  }

  @Test
  void aLoopInsideATripIsTapedWithinIt() {
    skipWithoutCompanions();
    for (double x = -1; x < 1; x += 0.13) {
      Pairs.same(LOOPS, "nested", x, 17);
    }
    GradientCheck.of(LOOPS, "nested").uniform("x", -1, 1).ints("n", 0, 20).points(10)
        .checkAll();
  }

  @Test
  void stateOfEveryPrimitiveType() {
    skipWithoutCompanions();
    String adjoint = LOOPS.pullbackMethod("mixed");
    assertTrue(adjoint.contains("checkpoints.putLong(0, count)"), adjoint);
    assertTrue(adjoint.contains("flip ? 1 : 0"), adjoint);
    assertTrue(adjoint.contains("f = (float) saved"), adjoint);
    for (double x = -1; x < 1; x += 0.07) {
      Pairs.same(LOOPS, "mixed", x, 19);
    }
  }

  @Test
  void aDoWhileLoopInsideABranch() {
    skipWithoutCompanions();
    Pairs.same(LOOPS, "doWhile", 3.0, true);
    Pairs.same(LOOPS, "doWhile", 3.0, false);
    GradientCheck.of(LOOPS, "doWhile").uniform("x", 0.6, 4).bools("go").points(8).checkAll();
  }

  @Test
  void oneSnapshotReversesEveryTripFromTheStart() {
    skipWithoutCompanions();
    for (int n = 0; n < 12; n++) {
      Pairs.same(LOOPS, "oneSnapshot", 0.9, n);
    }
    DifferentiableMethod m = method("oneSnapshot");
    Object holder = m.newHolder();
    m.pullback(new Object[] {0.9, 10}, 1.0, holder);
    // one snapshot, 10 trips: trips 0..8 run again 9 + 8 + ... + 1 = 45 times
    assertEquals(45, Holders.checkpoints(holder, 0).reruns());
  }

  @Test
  void severalLoopsOfOneMethod() {
    skipWithoutCompanions();
    Pairs.same(LOOPS, "twoLoops", new double[] {0.3, -0.6, 0.9}, 14);
    GradientCheck.of(LOOPS, "twoLoops").uniformArray("x", 1, 5, -1, 1).ints("n", 0, 20)
        .points(10).checkAll();
  }

  /** Found by the random programs (seeds 386 and 469 with checkpoints). */
  @Test
  void aValueTheLoopOverwritesBeforeReadingIsRestoredForTheCodeBeforeIt() {
    skipWithoutCompanions();
    for (int n : new int[] {0, 1, 2, 5, 9}) {
      Pairs.same(LOOPS, "overwritten", 0.7, -0.4, n);
    }
    GradientCheck.of(LOOPS, "overwritten").ints("n", 0, 12).points(10).checkAll();
  }

  /** Found by the random programs (seed 740): only arrays the loop can see are snapshots. */
  @Test
  void anAliasDeclaredInsideAnotherLoopIsNoPartOfTheState() {
    skipWithoutCompanions();
    Pairs.same(LOOPS, "aliasElsewhere", -0.5, new double[] {0.2, 0.4, -0.3}, 7);
    Pairs.same(LOOPS, "aliasElsewhere", 0.5, new double[] {0.2, 0.4, -0.3}, 7);
    GradientCheck.of(LOOPS, "aliasElsewhere").uniformArray("w", 1, 4, -1, 1).ints("n", 0, 9)
        .points(10).checkAll();
  }

  @Test
  void aHolderReusedForLoopsOfOtherLengths() {
    skipWithoutCompanions();
    DifferentiableMethod m = method("counted");
    DifferentiableMethod taped = LOOPS.sourcesFor("countedTaped")
        .method(LOOPS.className(), "countedTaped");
    Object holder = m.newHolder();
    for (int n : new int[] {50, 3, 0, 200, 7}) {
      m.clear(holder);
      m.pullback(new Object[] {0.3, 0.5, n}, 1.0, holder);
      double[] expected = taped.gradientAt(0.3, 0.5, n).gradient();
      assertArrayEquals(expected, m.holderGradient(holder), 1e-12, "n = " + n);
    }
  }
}
