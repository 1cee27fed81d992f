package dev.cotangent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The binomial formulas against the recursion that defines the optimum, and against the
 * published figures (Griewank–Walther; a Checkpointing.jl log).
 */
class RevolveTest {
  private static final int MAX_SNAPSHOTS = 8;
  private static final int MAX_TRIPS = 300;

  /** {@code t(l, s) = min over m of m + t(m, s) + t(l − m, s − 1)}, {@code t(l, 1) = l(l−1)/2}. */
  private static long[][] recursion() {
    long[][] t = new long[MAX_SNAPSHOTS + 1][MAX_TRIPS + 1];
    for (int s = 1; s <= MAX_SNAPSHOTS; s++) {
      for (int l = 2; l <= MAX_TRIPS; l++) {
        if (s == 1) {
          t[s][l] = (long) l * (l - 1) / 2;
          continue;
        }
        long best = Long.MAX_VALUE;
        for (int m = 1; m < l; m++) {
          best = Math.min(best, m + t[s][m] + t[s - 1][l - m]);
        }
        t[s][l] = best;
      }
    }
    return t;
  }

  @Test
  void theClosedFormIsTheOptimumOfTheRecursion() {
    long[][] t = recursion();
    for (int s = 1; s <= MAX_SNAPSHOTS; s++) {
      for (int l = 1; l <= MAX_TRIPS; l++) {
        assertEquals(t[s][l], Revolve.forwardSteps(l, s), "l = " + l + ", s = " + s);
      }
    }
  }

  @Test
  void theSplitIsOptimal() {
    long[][] t = recursion();
    for (int l = 2; l <= MAX_TRIPS; l++) {
      assertEquals(l - 1, Revolve.split(l, 1)); // one snapshot: run to the last trip
    }
    for (int s = 2; s <= MAX_SNAPSHOTS; s++) {
      for (int l = 2; l <= MAX_TRIPS; l++) {
        int m = Revolve.split(l, s);
        assertEquals(t[s][l], m + t[s][m] + t[s - 1][l - m], "l = " + l + ", s = " + s);
      }
    }
  }

  /**
   * The formula implemented (Griewank–Walther 2000): with s snapshots and T trips, the repetition
   * number is {@code r = min{r : C(s+r, s) >= T}} and the forward trips beyond the first sweep are
   * at most {@code t(T, s) = r·T − C(s+r, s+1)}. For s = 20, T = 10⁶: C(27, 20) = 888,030 < 10⁶ ≤
   * C(28, 20) = 3,108,105, so r = 8, and t = 8·10⁶ − C(28, 21) = 8,000,000 − 1,184,040 =
   * 6,815,960 (6.8 per trip).
   */
  @Test
  void publishedFigures() {
    assertEquals(888_030L, Revolve.beta(20, 7)); // C(27, 20)
    assertEquals(3_108_105L, Revolve.beta(20, 8)); // C(28, 20)
    assertEquals(8, Revolve.repetitions(1_000_000, 20));
    assertEquals(8L * 1_000_000 - 1_184_040L, Revolve.forwardSteps(1_000_000, 20)); // C(28, 21)
    assertEquals(6_815_960L, Revolve.forwardSteps(1_000_000, 20));
    assertEquals(13, Revolve.repetitions(1_000_000, 10));
    assertEquals(11.65, Revolve.forwardSteps(1_000_000, 10) / 1e6, 0.005);
    assertEquals(5, Revolve.repetitions(1_000_000, 50));
    assertEquals(4.66, Revolve.forwardSteps(1_000_000, 50) / 1e6, 0.005);
    assertEquals(4, Revolve.repetitions(1_000_000, 100));
    assertEquals(3.82, Revolve.forwardSteps(1_000_000, 100) / 1e6, 0.005);
    long[] longest = {21, 231, 1_771, 10_626, 53_130, 230_230, 888_030, 3_108_105, 10_015_005};
    for (int r = 1; r <= longest.length; r++) {
      assertEquals(longest[r - 1], Revolve.beta(20, r));
      assertEquals(r, Revolve.repetitions(longest[r - 1], 20));
      assertEquals(r + 1, Revolve.repetitions(longest[r - 1] + 1, 20));
    }
    assertEquals(16_629L, Revolve.forwardSteps(6_733, 82)); // the Checkpointing.jl log
    assertEquals(3, Revolve.repetitions(6_733, 82));
  }

  @Test
  void refusesNoSnapshots() {
    assertThrows(IllegalArgumentException.class, () -> Revolve.split(5, 0));
    assertThrows(IllegalArgumentException.class, () -> Revolve.split(1, 3));
  }
}
