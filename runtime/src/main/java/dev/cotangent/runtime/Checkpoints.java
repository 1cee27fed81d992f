package dev.cotangent.runtime;

import java.util.Arrays;

/**
 * The schedule and the snapshots of one checkpointed loop, kept by a gradient holder (so that its
 * memory is reused from call to call; one call at a time, like the holder's tape).
 *
 * <p>A generated pullback drives it. The forward sweep runs the loop untaped and asks before
 * every trip whether to store the state:
 *
 * <pre>{@code
 * checkpoints.binomial(20, Checkpoints.trips(s, steps), 2, 1, 0);  // or online(20, 2, 1, 0)
 * while (s < steps) {
 *   if (checkpoints.saveHere()) {
 *     double[] saved = checkpoints.doubles();
 *     int at = checkpoints.doubleOffset();
 *     saved[at] = theta; ...
 *   }
 *   ... the trip ...
 * }
 * }</pre>
 *
 * and the reverse sweep then asks for actions until {@link #DONE}: {@link #RESTORE} a snapshot,
 * {@link #ADVANCE} by {@link #steps()} untaped trips, {@link #SAVE} the state, or {@link #TURN}:
 * run the next trip to reverse taped and reverse it at once. The trips are reversed last to
 * first, each exactly once, with at most {@code snapshots} snapshots held.
 *
 * <p>Schedules: with the trip count known when the loop starts, the binomial one ({@link
 * Revolve}): its first run stores the snapshots revolve places, and the reversal runs {@code
 * t(T, s) − c} trips again, where {@code t(T, s) = r·T − C(s + r, s + 1)} is revolve's total
 * and {@code c} the last snapshot of the first run (whose trips up to {@code c} revolve counts
 * too). With the count unknown, {@link OnlinePlacement}; every segment between snapshots is then
 * reversed by the binomial rule with the snapshots left. Integer arithmetic only, no boxing,
 * nothing allocated once the storage has grown; no static state.
 */
public final class Checkpoints {
  /** {@link #next()}: every trip is reversed. */
  public static final int DONE = 0;
  /** {@link #next()}: run {@link #steps()} trips untaped. */
  public static final int ADVANCE = 1;
  /** {@link #next()}: run one trip taped, then reverse it. */
  public static final int TURN = 2;
  /** {@link #next()}: store the state at the current slot's offsets. */
  public static final int SAVE = 3;
  /** {@link #next()}: load the state from the current slot's offsets. */
  public static final int RESTORE = 4;

  private static final int NEVER = -1;
  private static final int NOWHERE = -1;

  private int snapshots;
  private boolean online;
  private int planned;
  private int trips;
  private int nextSave;
  private int[] position = new int[0];
  private int[] slotOf = new int[0];
  private int[] free = new int[0];
  private int held;
  private int freeCount;
  private final OnlinePlacement placement = new OnlinePlacement();

  private double[] doubles = new double[0];
  private int[] ints = new int[0];
  private long[] longs = new long[0];
  private int doublesPer;
  private int intsPer;
  private int longsPer;
  private int slot;

  private boolean reversing;
  private int end;
  private int current;
  private int steps;
  private long reruns;
  private int peak;

  /**
   * Starts a loop of {@code trips} trips (known now) with the binomial schedule, at most {@code
   * snapshots} snapshots of {@code doubles} doubles (and floats), {@code ints} ints (and
   * booleans) and {@code longs} longs each.
   */
  public Checkpoints binomial(int snapshots, int trips, int doubles, int ints, int longs) {
    start(snapshots, doubles, ints, longs);
    if (trips < 0) {
      throw new IllegalArgumentException("a negative trip count: " + trips);
    }
    online = false;
    planned = trips;
    nextSave = trips > 0 ? 0 : NEVER;
    return this;
  }

  /** Starts a loop whose trip count is known only when it ends, with an online schedule. */
  public Checkpoints online(int snapshots, int doubles, int ints, int longs) {
    start(snapshots, doubles, ints, longs);
    online = true;
    planned = -1;
    placement.start(snapshots);
    return this;
  }

  private void start(int snapshots, int doubles, int ints, int longs) {
    if (snapshots < 1) {
      throw new IllegalArgumentException("at least one snapshot is needed, not " + snapshots);
    }
    this.snapshots = snapshots;
    if (position.length < snapshots) {
      position = new int[snapshots];
      slotOf = new int[snapshots];
      free = new int[snapshots];
    }
    for (int i = 0; i < snapshots; i++) {
      free[i] = snapshots - 1 - i;
    }
    freeCount = snapshots;
    held = 0;
    trips = 0;
    reversing = false;
    reruns = 0;
    peak = 0;
    doublesPer = doubles;
    intsPer = ints;
    longsPer = longs;
    this.doubles = room(this.doubles, snapshots, doubles);
    this.ints = room(this.ints, snapshots, ints);
    this.longs = room(this.longs, snapshots, longs);
  }

  private static double[] room(double[] storage, int snapshots, int per) {
    int needed = needed(snapshots, per);
    return storage.length >= needed ? storage : new double[needed];
  }

  private static int[] room(int[] storage, int snapshots, int per) {
    int needed = needed(snapshots, per);
    return storage.length >= needed ? storage : new int[needed];
  }

  private static long[] room(long[] storage, int snapshots, int per) {
    int needed = needed(snapshots, per);
    return storage.length >= needed ? storage : new long[needed];
  }

  private static int needed(int snapshots, int per) {
    long needed = (long) snapshots * per;
    if (per < 0 || needed > Integer.MAX_VALUE - 8) {
      throw new OutOfMemoryError("Cotangent: " + snapshots + " snapshots of " + per + " values");
    }
    return (int) needed;
  }

  /**
   * Called before each trip of the forward sweep: whether to store the state now (then at the
   * offsets of {@link #doubleOffset()}, {@link #intOffset()}, {@link #longOffset()}).
   */
  public boolean saveHere() {
    int trip = trips;
    if (trip == Integer.MAX_VALUE) {
      throw new IllegalStateException("Cotangent: a checkpointed loop of more than "
          + Integer.MAX_VALUE + " trips");
    }
    trips++;
    if (online) {
      int decision = placement.decide(trip, position, held, snapshots);
      if (decision == OnlinePlacement.SKIP) {
        return false;
      }
      if (decision >= 0) {
        remove(decision);
      }
      push(trip);
      return true;
    }
    if (trip != nextSave) {
      return false;
    }
    push(trip);
    int remaining = planned - trip;
    nextSave = NEVER;
    if (freeCount > 0 && remaining >= 2) {
      int m = trip + Revolve.split(remaining, freeCount + 1);
      nextSave = planned - m >= 2 ? m : NEVER;
    }
    return true;
  }

  /** The next action of the reverse sweep: {@link #DONE}, {@link #ADVANCE}, ... */
  public int next() {
    if (!reversing) {
      reversing = true;
      if (!online && trips != planned) {
        throw new IllegalStateException("Cotangent: the checkpointed loop ran " + trips
            + " trips, not the " + planned + " its bounds gave when it started");
      }
      end = trips;
      current = trips;
    }
    while (true) {
      if (end == 0) {
        return DONE;
      }
      int top = position[held - 1];
      if (top >= end) {
        free[freeCount++] = slotOf[--held];
        continue;
      }
      if (current < top || current >= end) {
        current = top;
        slot = slotOf[held - 1];
        return RESTORE;
      }
      if (current == end - 1) {
        end--;
        current = NOWHERE;
        return TURN;
      }
      if (current > top) {
        push(current);
        return SAVE;
      }
      int m = top + Revolve.split(end - top, freeCount + 1);
      steps = m - current;
      reruns += steps;
      current = m;
      return ADVANCE;
    }
  }

  private void push(int trip) {
    slot = free[--freeCount];
    position[held] = trip;
    slotOf[held] = slot;
    held++;
    peak = Math.max(peak, held);
  }

  /** Drops snapshot {@code i} of the stack (online schedules), freeing its slot. */
  private void remove(int i) {
    free[freeCount++] = slotOf[i];
    System.arraycopy(position, i + 1, position, i, held - i - 1);
    System.arraycopy(slotOf, i + 1, slotOf, i, held - i - 1);
    held--;
  }

  /** For {@link #ADVANCE}: how many trips to run. */
  public int steps() {
    return steps;
  }

  /** The storage of the snapshots' doubles and floats. */
  public double[] doubles() {
    return doubles;
  }

  /** The storage of the snapshots' ints and booleans (as 0 and 1). */
  public int[] ints() {
    return ints;
  }

  /** The storage of the snapshots' longs. */
  public long[] longs() {
    return longs;
  }

  /** Where the current snapshot's doubles start in {@link #doubles()}. */
  public int doubleOffset() {
    return slot * doublesPer;
  }

  /** Where the current snapshot's ints start in {@link #ints()}. */
  public int intOffset() {
    return slot * intsPer;
  }

  /** Where the current snapshot's longs start in {@link #longs()}. */
  public int longOffset() {
    return slot * longsPer;
  }

  /** Stores a long of the current snapshot: its {@code index}-th. */
  public void putLong(int index, long value) {
    longs[slot * longsPer + index] = value;
  }

  /** Loads the {@code index}-th long of the current snapshot. */
  public long getLong(int index) {
    return longs[slot * longsPer + index];
  }

  /**
   * The trip count of a loop {@code for (int i = from; i < bound; i++)}: {@code bound − from},
   * or 0.
   */
  public static int trips(int from, int bound) {
    return count((long) bound - from);
  }

  /** The trip count of a loop {@code for (int i = from; i <= bound; i++)}. */
  public static int tripsInclusive(int from, int bound) {
    return count((long) bound - from + 1);
  }

  private static int count(long trips) {
    if (trips > Integer.MAX_VALUE) {
      throw new IllegalStateException("Cotangent: a checkpointed loop of " + trips + " trips");
    }
    return (int) Math.max(0, trips);
  }

  /** At most how many snapshots this loop keeps. */
  public int snapshots() {
    return snapshots;
  }

  /** Whether the last run used the online schedule (its trip count unknown at its start). */
  public boolean isOnline() {
    return online;
  }

  /** The trips the loop ran in the last forward sweep. */
  public int trips() {
    return trips;
  }

  /** The trips the last reverse sweep ran again, untaped (the forward sweep's not included). */
  public long reruns() {
    return reruns;
  }

  /** The most snapshots held at once in the last run. */
  public int peakSnapshots() {
    return peak;
  }

  /** The bytes of snapshot storage kept (its capacity, which later calls reuse). */
  public long bytes() {
    return 8L * doubles.length + 4L * ints.length + 8L * longs.length;
  }

  @Override
  public String toString() {
    return (online ? "online" : "binomial") + " schedule, " + snapshots + " snapshots of "
        + doublesPer + " doubles, " + intsPer + " ints and " + longsPer + " longs ("
        + bytes() + " bytes); last run: " + trips + " trips, " + reruns + " run again, "
        + peak + " snapshots at most";
  }

  /** For tests: the stack of snapshot positions, ascending. */
  int[] positions() {
    return Arrays.copyOf(position, held);
  }
}
