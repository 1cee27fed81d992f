package dev.cotangent.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The schedules driven the way generated code drives them, on a simulated loop whose state is
 * its trip number and a value each trip scrambles: every trip must be reversed once, last to
 * first, from exactly the state the forward run had before it, with at most the snapshots
 * allowed; the untaped trips the reversal runs again are counted exactly.
 */
class CheckpointsTest {

  /** One trip of the simulated loop. */
  private static long step(long value, int trip) {
    return value * 6364136223846793005L + 1442695040888963407L + trip;
  }

  /** What a run of the schedule did. */
  private record Run(long reruns, int lastForwardSave, int[] runs, int peak) {}

  /**
   * Runs {@code trips} trips forward (the schedule told the count only if {@code binomial}),
   * then the reverse sweep, checking every turn.
   */
  private static Run run(Checkpoints checkpoints, int snapshots, int trips, boolean binomial) {
    if (binomial) {
      checkpoints.binomial(snapshots, trips, 1, 1, 1);
    } else {
      checkpoints.online(snapshots, 1, 1, 1);
    }
    long[] before = new long[trips];
    int[] runs = new int[trips];
    long value = 17;
    int lastSave = -1;
    for (int trip = 0; trip < trips; trip++) {
      before[trip] = value;
      if (checkpoints.saveHere()) {
        save(checkpoints, value, trip);
        lastSave = trip;
      }
      value = step(value, trip);
      runs[trip]++;
    }
    int trip = trips; // the state after the loop
    int expected = trips - 1;
    for (int action = checkpoints.next(); action != Checkpoints.DONE;
        action = checkpoints.next()) {
      switch (action) {
        case Checkpoints.RESTORE -> {
          assertEquals(1.0, checkpoints.doubles()[checkpoints.doubleOffset()]);
          value = checkpoints.longs()[checkpoints.longOffset()];
          trip = checkpoints.ints()[checkpoints.intOffset()];
        }
        case Checkpoints.SAVE -> save(checkpoints, value, trip);
        case Checkpoints.ADVANCE -> {
          for (int n = checkpoints.steps(); n > 0; n--) {
            value = step(value, trip);
            runs[trip]++;
            trip++;
          }
        }
        case Checkpoints.TURN -> {
          assertEquals(expected, trip, "the trip turned");
          assertEquals(before[trip], value, "the state before trip " + trip);
          expected--;
          trip = -1; // the reversed trip leaves no usable state
          value = 0;
        }
        default -> throw new AssertionError("action " + action);
      }
      assertTrue(checkpoints.peakSnapshots() <= snapshots);
    }
    assertEquals(-1, expected, "every trip reversed");
    return new Run(checkpoints.reruns(), lastSave, runs, checkpoints.peakSnapshots());
  }

  private static void save(Checkpoints checkpoints, long value, int trip) {
    checkpoints.doubles()[checkpoints.doubleOffset()] = 1;
    checkpoints.longs()[checkpoints.longOffset()] = value;
    checkpoints.ints()[checkpoints.intOffset()] = trip;
  }

  @Test
  void binomialRunsAgainRevolvesTripsLessTheFirstRunsOwn() {
    Checkpoints checkpoints = new Checkpoints();
    for (int s : new int[] {1, 2, 3, 5, 10, 20}) {
      for (int trips = 0; trips <= 400; trips++) {
        Run run = run(checkpoints, s, trips, true);
        long revolve = Revolve.forwardSteps(trips, s);
        // revolve's count includes the first run's trips up to its last snapshot
        long expected = trips == 0 ? 0 : revolve - run.lastForwardSave();
        assertEquals(expected, run.reruns(), "s = " + s + ", T = " + trips);
      }
    }
  }

  @Test
  void binomialAtAMillionTripsWithTwentySnapshots() {
    Run run = run(new Checkpoints(), 20, 1_000_000, true);
    assertEquals(6_815_960L - run.lastForwardSave(), run.reruns());
    assertTrue(run.lastForwardSave() >= 1_000_000 - 9, "the first run's last snapshot is near the"
        + " end: " + run.lastForwardSave());
    assertEquals(20, run.peak());
    int most = 0;
    for (int r : run.runs()) {
      most = Math.max(most, r);
    }
    assertTrue(most <= 1 + 8, "no trip runs untaped more than r + 1 times: " + most);
  }

  @Test
  void onlineStaysWithinTheBinomialCountAndRepeatsNoTripTwiceUpToTheStummWaltherBound() {
    Checkpoints checkpoints = new Checkpoints();
    for (int s : new int[] {1, 2, 3, 5, 10, 20, 50}) {
      long twice = Revolve.beta(s, 2) - 1; // (s+1)(s+2)/2 − 1: the last trip runs untaped too
      for (int trips = 0; trips <= 2_000; trips++) {
        Run run = run(checkpoints, s, trips, false);
        assertTrue(run.reruns() <= Revolve.forwardSteps(trips, s),
            "s = " + s + ", T = " + trips + ": " + run.reruns());
        if (trips <= twice) {
          for (int trip = 0; trip < trips; trip++) {
            assertTrue(run.runs()[trip] <= 2, "s = " + s + ", T = " + trips + ", trip " + trip);
          }
        }
      }
    }
  }

  @Test
  void onlineAtAHundredThousandTrips() {
    Run run = run(new Checkpoints(), 20, 100_000, false);
    assertTrue(run.reruns() <= Revolve.forwardSteps(100_000, 20), "" + run.reruns());
    assertEquals(20, run.peak());
  }

  @Test
  void storageIsKeptAcrossRuns() {
    Checkpoints checkpoints = new Checkpoints();
    checkpoints.binomial(10, 100, 3, 2, 0);
    double[] doubles = checkpoints.doubles();
    assertEquals(30, doubles.length);
    checkpoints.online(10, 3, 2, 0);
    assertSame(doubles, checkpoints.doubles());
    assertEquals(8L * 30 + 4L * 20, checkpoints.bytes());
  }

  @Test
  void aLoopThatRanAnotherCountThanItsBoundsIsRefused() {
    Checkpoints checkpoints = new Checkpoints().binomial(3, 5, 1, 0, 0);
    checkpoints.saveHere();
    assertThrows(IllegalStateException.class, checkpoints::next);
  }

  @Test
  void tripCounts() {
    assertEquals(5, Checkpoints.trips(2, 7));
    assertEquals(0, Checkpoints.trips(7, 2));
    assertEquals(6, Checkpoints.tripsInclusive(2, 7));
    assertThrows(IllegalStateException.class,
        () -> Checkpoints.trips(Integer.MIN_VALUE, Integer.MAX_VALUE));
    assertThrows(IllegalArgumentException.class, () -> new Checkpoints().online(0, 1, 0, 0));
  }

  @Test
  void snapshotsOfArraysComeBack() {
    double[][] m = {{1, 2}, null, {3}};
    float[] f = {0.1f, 0.2f};
    int[] k = {7, 8, 9};
    double[] store = new double[Snapshots.sum(Snapshots.size(m), f.length)];
    int[] ints = new int[k.length];
    assertEquals(store.length, Snapshots.save(f, store, Snapshots.save(m, store, 0)));
    Snapshots.save(k, ints, 0);
    double[][] m2 = {{0, 0}, null, {0}};
    float[] f2 = new float[2];
    int[] k2 = new int[3];
    Snapshots.restore(store, Snapshots.restore(store, 0, m2), f2);
    Snapshots.restore(ints, 0, k2);
    assertArrayEquals(m[0], m2[0]);
    assertArrayEquals(m[2], m2[2]);
    assertArrayEquals(f, f2);
    assertArrayEquals(k, k2);
  }
}
