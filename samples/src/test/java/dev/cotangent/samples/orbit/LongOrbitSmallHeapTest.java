package dev.cotangent.samples.orbit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cotangent.runtime.Dual;
import org.junit.jupiter.api.Test;

/**
 * Two million steps differentiated in a 24 MB heap: this class runs in its own JVM with {@code
 * -Xmx24m} (the samples' pom). The gradient is checked against forward mode, which keeps no
 * tape; the same pullback taped step by step does not fit.
 */
class LongOrbitSmallHeapTest {
  private static final int STEPS = 2_000_000;
  private static final int EVERY = 1_000;
  private static final double DT = 1e-5;

  @Test
  void twoMillionStepsIn24Megabytes() {
    assumeTrue(Boolean.getBoolean("cotangent.smallHeap"), "runs in the small-heap execution");
    long heap = Runtime.getRuntime().maxMemory();
    assertTrue(heap <= 32L << 20, "run with -Xmx24m, not " + heap + " bytes");
    double[][] observed = Orbit.track(1.0, 0.03, EVERY, STEPS, DT);
    for (int i = 0; i < observed[0].length; i++) {
      observed[0][i] += 1e-3 * Math.sin(i);
      observed[1][i] += 1e-3 * Math.cos(3 * i);
    }
    OrbitAdjoint.MisfitGradient g =
        OrbitAdjoint.misfit(0.99, 0.02, observed[0], observed[1], EVERY, STEPS, DT);
    Dual byMu = OrbitTangent.misfit(0.99, 1, 0.02, 0, observed[0], observed[1], EVERY, STEPS, DT);
    Dual byDrag =
        OrbitTangent.misfit(0.99, 0, 0.02, 1, observed[0], observed[1], EVERY, STEPS, DT);
    assertEquals(byMu.value(), g.value, 0.0);
    assertEquals(byMu.tangent(), g.mu, 1e-9 * Math.abs(byMu.tangent()));
    assertEquals(byDrag.tangent(), g.drag, 1e-9 * Math.abs(byDrag.tangent()));
    assertEquals(STEPS, g.checkpoints(0).trips());
    assertTrue(g.tapeBytes() <= 1024);
    assertThrows(OutOfMemoryError.class, () -> OrbitAdjoint.misfitTaped(0.99, 0.02,
        observed[0], observed[1], EVERY, STEPS, DT), "the taped pullback needs more memory");
  }
}
