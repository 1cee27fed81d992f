package dev.cotangent.samples.orbit;

import static dev.cotangent.samples.orbit.OrbitFit.DT;
import static dev.cotangent.samples.orbit.OrbitFit.EVERY;
import static dev.cotangent.samples.orbit.OrbitFit.STEPS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cotangent.runtime.GradientCheck;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrbitFitTest {
  private static final double[][] OBSERVED = OrbitFit.observe(OrbitFit.SEED);

  @Test
  void gradientDescentRecoversTheParameters() {
    List<OrbitFit.Iterate> iterates = new ArrayList<>();
    OrbitFit.Fit fit = OrbitFit.fit(OBSERVED, OrbitFit.FIRST_MU, OrbitFit.FIRST_DRAG,
        iterates::add);
    assertEquals(OrbitFit.TRUE_MU, fit.mu(), 1e-3, fit::toString);
    assertEquals(OrbitFit.TRUE_DRAG, fit.drag(), 1e-3, fit::toString);
    for (int i = 1; i < iterates.size(); i++) {
      assertTrue(iterates.get(i).misfit() <= iterates.get(i - 1).misfit(), "" + iterates);
    }
    // at the noise floor: 2 coordinates of 200 observations, each with variance NOISE²
    double floor = 0.5 * 2 * OBSERVED[0].length * OrbitFit.NOISE * OrbitFit.NOISE;
    assertEquals(floor, fit.misfit(), 0.2 * floor);
  }

  @Test
  void theCheckpointedGradientIsTheTapedOneAndCentralDifferences() {
    double[] p = {0.98, 0.02};
    OrbitAdjoint.MisfitGradient g = OrbitAdjoint.misfit(p[0], p[1], OBSERVED[0], OBSERVED[1],
        EVERY, STEPS, DT);
    OrbitAdjoint.MisfitTapedGradient taped = OrbitAdjoint.misfitTaped(p[0], p[1], OBSERVED[0],
        OBSERVED[1], EVERY, STEPS, DT);
    assertEquals(taped.value, g.value, 0.0);
    assertEquals(taped.mu, g.mu, 1e-12 * Math.abs(taped.mu));
    assertEquals(taped.drag, g.drag, 1e-12 * Math.abs(taped.drag));
    GradientCheck.Result check = GradientCheck.gradient(new double[] {g.mu, g.drag},
        q -> Orbit.misfit(q[0], q[1], OBSERVED[0], OBSERVED[1], EVERY, STEPS, DT), p, 1e-6);
    assertTrue(check.passed(), check::toString);
  }

  @Test
  void aGradientKeepsTwentySnapshotsAndOneStepOfTape() {
    OrbitAdjoint.MisfitGradient g = OrbitAdjoint.misfit(1.0, 0.03, OBSERVED[0], OBSERVED[1],
        EVERY, STEPS, DT);
    var checkpoints = g.checkpoints(0);
    assertEquals(STEPS, checkpoints.trips());
    assertEquals(20, checkpoints.peakSnapshots());
    // x, y, vx, vy as doubles, the step s and the observation index k as ints
    assertEquals(20 * (4 * 8 + 2 * 4), checkpoints.bytes());
    assertTrue(g.tapeBytes() <= 1024, "" + g.tapeBytes());
  }
}
