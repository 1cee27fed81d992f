package dev.cotangent.samples.projectile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The projectile chart says in its legend which iterations it leaves out. */
class TrajectoryPlotTest {
  @Test
  void theFinalShotsLegendNamesTheIterationsNotDrawn() {
    assertNull(TrajectoryPlot.hiddenNote(List.of()));
    assertEquals("iteration 6 not drawn: within 0.5 m of the final shot",
        TrajectoryPlot.hiddenNote(List.of(6)));
    assertEquals("iterations 4, 5, 6 not drawn: within 0.5 m of the final shot",
        TrajectoryPlot.hiddenNote(List.of(4, 5, 6)));
  }
}
