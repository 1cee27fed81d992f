package dev.cotangent.processor.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.DifferentiableMethod;
import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.runtime.Checkpoints;
import dev.cotangent.runtime.Revolve;
import org.junit.jupiter.api.Test;

/**
 * Memory and work of a checkpointed loop, counted (not timed): the snapshots hold N states of
 * the loop's carried values, the tape one trip's records, whatever the trip count; the trips
 * run again are exactly those of the schedule (binomial: revolve's count less the first run's
 * own trips up to its last snapshot).
 */
class CheckpointMemoryTest {
  private static final int SNAPSHOTS = 20;

  static final FunctionGroup SIMULATIONS = FunctionGroup.of("checkpoint.memory", "Simulations");

  static {
    Pairs.pair(SIMULATIONS, "pendulum", """
        @Differentiable(checkpoints = 20)
        public static double pendulum(double damping, double theta0, int steps) {
          double theta = theta0;
          double omega = 0;
          double dt = 1e-3;
          for (int s = 0; s < steps; s++) {
            double k1w = -9.81 * Math.sin(theta) - damping * omega;
            double t2 = theta + 0.5 * dt * omega;
            double w2 = omega + 0.5 * dt * k1w;
            double k2w = -9.81 * Math.sin(t2) - damping * w2;
            theta = theta + dt * w2;
            omega = omega + dt * k2w;
          }
          return theta * theta + omega * omega;
        }
        """);
    Pairs.pair(SIMULATIONS, "falling", """
        @Differentiable(checkpoints = 20)
        public static double falling(double drag, double v0) {
          double h = 100;
          double v = v0;
          double dt = 1e-3;
          while (h > 0) {
            v = v + dt * (9.81 - drag * v * Math.abs(v));
            h = h - dt * v;
          }
          return v;
        }
        """);
  }

  private static DifferentiableMethod method(String key) {
    assumeFalse(CompiledSources.referenceOnly(), "companions are not generated");
    return SIMULATIONS.sourcesFor(key).method(SIMULATIONS.className(), key);
  }

  /** The trips the binomial schedule runs again for T trips, driven without any loop. */
  private static long scheduled(int trips, int snapshots) {
    Checkpoints schedule = new Checkpoints().binomial(snapshots, trips, 0, 0, 0);
    int lastSave = -1;
    for (int trip = 0; trip < trips; trip++) {
      if (schedule.saveHere()) {
        lastSave = trip;
      }
    }
    while (schedule.next() != Checkpoints.DONE) {
      // count only
    }
    assertEquals(Revolve.forwardSteps(trips, snapshots) - Math.max(0, lastSave),
        schedule.reruns(), "revolve's count for T = " + trips);
    return schedule.reruns();
  }

  @Test
  void aCountedLoopKeepsNSnapshotsAndOneTripOfTape() {
    DifferentiableMethod m = method("pendulum");
    DifferentiableMethod taped = SIMULATIONS.sourcesFor("pendulumTaped")
        .method(SIMULATIONS.className(), "pendulumTaped");
    long tapeBytes = -1;
    for (int steps : new int[] {1_000, 10_000, 100_000}) {
      Object holder = m.newHolder();
      m.pullback(new Object[] {0.3, 1.0, steps}, 1.0, holder);
      Checkpoints checkpoints = Holders.checkpoints(holder, 0);
      assertEquals(steps, checkpoints.trips());
      assertEquals(SNAPSHOTS, checkpoints.peakSnapshots());
      assertEquals(scheduled(steps, SNAPSHOTS), checkpoints.reruns(), "T = " + steps);
      assertTrue(checkpoints.reruns() <= Revolve.forwardSteps(steps, SNAPSHOTS));
      // theta and omega as doubles, s as an int: nothing else is carried
      assertEquals(SNAPSHOTS * (2 * 8 + 4), checkpoints.bytes(), checkpoints.toString());
      long tape = Holders.tapeBytes(holder);
      assertTrue(tapeBytes < 0 || tape == tapeBytes, "the tape grows with T: " + tape);
      tapeBytes = tape;
      Object tapedHolder = taped.newHolder();
      taped.pullback(new Object[] {0.3, 1.0, steps}, 1.0, tapedHolder);
      assertArrayEquals(taped.holderGradient(tapedHolder), m.holderGradient(holder), 1e-9);
    }
    assertTrue(tapeBytes <= 1024, "one trip's tape (the tape's first size): " + tapeBytes);
  }

  @Test
  void aWhileLoopKeepsNSnapshotsAndOneTripOfTape() {
    DifferentiableMethod m = method("falling");
    long tapeBytes = -1;
    for (double drag : new double[] {0.05, 0.01, 0.001}) {
      Object holder = m.newHolder();
      m.pullback(new Object[] {drag, 0.0}, 1.0, holder);
      Checkpoints checkpoints = Holders.checkpoints(holder, 0);
      assertTrue(checkpoints.isOnline());
      assertTrue(checkpoints.trips() > 4_000, "" + checkpoints.trips());
      assertTrue(checkpoints.reruns() <= Revolve.forwardSteps(checkpoints.trips(), SNAPSHOTS));
      assertEquals(SNAPSHOTS * 2 * 8, checkpoints.bytes(), checkpoints.toString()); // h and v
      long tape = Holders.tapeBytes(holder);
      assertTrue(tapeBytes < 0 || tape == tapeBytes, "the tape grows with T: " + tape);
      tapeBytes = tape;
      Pairs.same(SIMULATIONS, "falling", drag, 0.0);
    }
  }
}
