package dev.cotangent.runtime;

/**
 * The arithmetic of binomial checkpointing (Griewank 1992; Griewank and Walther, "Algorithm 799:
 * revolve", ACM TOMS 2000): how far to run a loop before the next snapshot, and how many trips a
 * reversal runs again.
 *
 * <p>With {@code s} snapshots (the one of the segment's start included) and {@code l} trips to
 * reverse, let {@code β(s, r) = C(s + r, s)}, the longest loop that {@code s} snapshots reverse
 * when no trip runs more than {@code r} times untaped, and {@code r = min {r : β(s, r) ≥ l}}. The
 * fewest untaped trips that reverse it (the runs to place the snapshots included, each trip then
 * taped once) is
 *
 * <pre>{@code t(l, s) = r·l − β(s + 1, r − 1) = r·l − C(s + r, s + 1)}</pre>
 *
 * and the optimum is reached by running {@code m} trips before storing the next snapshot, for
 * any {@code m} with {@code max(β(s, r−2), l − β(s−1, r)) ≤ m ≤ min(β(s, r−1), l − β(s−1, r−1))}
 * (one snapshot: {@code m = l − 1}). Both are checked against the recursion {@code t(l, s) =
 * min_m m + t(m, s) + t(l − m, s − 1)} in the tests. Integer arithmetic only; no state.
 */
public final class Revolve {
  private Revolve() {}

  /** {@code β(s, r) = C(s + r, s)}, or 0 for {@code r < 0}; exact below {@code 2^62}. */
  public static long beta(long s, long r) {
    if (r < 0) {
      return 0;
    }
    long b = 1;
    for (long k = 1; k <= r; k++) {
      b = Math.multiplyExact(b, s + k) / k; // C(s+k, k) = C(s+k-1, k-1)·(s+k)/k, exact
    }
    return b;
  }

  /** The repetition number: the least {@code r} with {@code β(s, r) ≥ l}. */
  public static int repetitions(long l, long s) {
    requireSnapshots(s);
    int r = 0;
    long b = 1;
    while (b < l) {
      r++;
      b = Math.multiplyExact(b, s + r) / r;
    }
    return r;
  }

  /**
   * The fewest untaped trips that reverse a loop of {@code l} trips with {@code s} snapshots,
   * first run included: {@code r·l − C(s + r, s + 1)}.
   */
  public static long forwardSteps(long l, long s) {
    if (l <= 1) {
      return 0;
    }
    int r = repetitions(l, s);
    return r * l - beta(s + 1, r - 1);
  }

  /**
   * How many trips to run from a snapshot before storing the next one, when {@code l ≥ 2} trips
   * from that snapshot are still to be reversed with {@code s} snapshots (that one included):
   * the largest optimal distance.
   */
  public static int split(int l, int s) {
    requireSnapshots(s);
    if (l < 2) {
      throw new IllegalArgumentException("nothing to split: " + l + " trips");
    }
    if (s == 1) {
      return l - 1;
    }
    int r = repetitions(l, s);
    long high = Math.min(l - 1L, Math.min(beta(s, r - 1), l - beta(s - 1, r - 1)));
    return (int) Math.max(1L, high);
  }

  private static void requireSnapshots(long s) {
    if (s < 1) {
      throw new IllegalArgumentException("at least one snapshot is needed, not " + s);
    }
  }
}
