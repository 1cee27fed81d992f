package dev.cotangent.runtime;

/**
 * Where an online schedule keeps its snapshots while a loop of unknown length runs: which
 * snapshot, if any, the state before each trip replaces. The positions are those of {@link
 * Checkpoints}' stack (ascending, the first always 0); this class only decides.
 *
 * <p>Up to {@code (s+1)(s+2)/2 − 1} trips it keeps the placement that reverses with at most one
 * more run of any trip (repetition number 2, the Stumm–Walther regime): the snapshot {@code j}
 * (from 0) starts a segment of at most {@code s − j + 1} trips. Each trip's state is stored,
 * replacing the earliest snapshot whose removal keeps every segment within its bound; the
 * first {@code s} trips are all stored while slots are free. When no snapshot can go, the
 * dynamic schedule of Wang, Moin and Iaccarino (SIAM J. Sci. Comput. 31, 2009) takes over:
 * every snapshot has a level; the new one replaces the latest dispensable snapshot (one with a
 * later snapshot of higher level) at level 0, or, if none is dispensable, the latest snapshot,
 * one level above it. The state of trip 0 is never replaced.
 */
final class OnlinePlacement {
  /** The level of the first snapshot, which nothing replaces. */
  private static final int KEPT = Integer.MAX_VALUE;

  private int[] level = new int[0];
  private boolean dynamic;

  /** Starts again for {@code snapshots} slots. */
  void start(int snapshots) {
    if (level.length < snapshots) {
      level = new int[snapshots];
    }
    dynamic = false;
  }

  /** No snapshot replaced: the state before this trip is not stored. */
  static final int SKIP = -2;

  /** The state is stored in a free slot, after the others. */
  static final int APPEND = -1;

  /**
   * What to do before {@code trip} with {@code held} snapshots at {@code position} (ascending)
   * out of {@code snapshots}: {@link #SKIP}, {@link #APPEND}, or the index of the snapshot to
   * remove before the new one is appended. Keeps the levels in step (the caller must then do
   * it).
   */
  int decide(int trip, int[] position, int held, int snapshots) {
    if (held < snapshots) {
      level[held] = held == 0 ? KEPT : 0;
      return APPEND;
    }
    if (held == 1) {
      return SKIP; // only the loop's start fits
    }
    if (!dynamic) {
      int remove = removable(trip, position, held, snapshots);
      if (remove > 0) {
        removeLevel(remove, held);
        level[held - 1] = 1;
        return remove;
      }
      if (trip + 1 - position[held - 1] <= bound(held - 1, snapshots)) {
        return SKIP;
      }
      dynamic = true; // the regime of repetition 2 is full: its snapshots all get level 1
      for (int i = 1; i < held; i++) {
        level[i] = 1;
      }
    }
    return dynamicReplacement(held);
  }

  /** The most trips segment {@code j} may hold at repetition number 2. */
  private static long bound(int j, int snapshots) {
    return (long) snapshots - j + 1;
  }

  /**
   * The earliest snapshot whose removal, with the state before {@code trip} appended, leaves
   * every segment within its bound; 0 if there is none. Removing snapshot {@code i} merges
   * segments {@code i−1} and {@code i}; the later ones move down one place, which only relaxes
   * their bounds.
   */
  private static int removable(int trip, int[] position, int held, int snapshots) {
    for (int i = 1; i < held; i++) {
      int next = i + 1 < held ? position[i + 1] : trip;
      if (next - position[i - 1] <= bound(i - 1, snapshots)) {
        return i;
      }
    }
    return 0;
  }

  /** Wang–Moin: the latest dispensable snapshot at level 0, else the latest one level higher. */
  private int dynamicReplacement(int held) {
    int higher = Integer.MIN_VALUE;
    for (int i = held - 1; i >= 1; i--) {
      if (level[i] < higher) {
        removeLevel(i, held);
        level[held - 1] = 0;
        return i;
      }
      higher = Math.max(higher, level[i]);
    }
    int raised = level[held - 1] + 1;
    level[held - 1] = raised;
    return held - 1;
  }

  /** Drops snapshot {@code i}'s level, the later ones moving down one place. */
  private void removeLevel(int i, int held) {
    System.arraycopy(level, i + 1, level, i, held - i - 1);
  }
}
