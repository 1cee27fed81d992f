package dev.cotangent.samples.particle;

import static dev.cotangent.samples.particle.LaunchFit.DRAG;
import static dev.cotangent.samples.particle.LaunchFit.DT;
import static dev.cotangent.samples.particle.LaunchFit.STEPS;
import static dev.cotangent.samples.particle.LaunchFit.TARGET;
import static dev.cotangent.samples.particle.LaunchFit.WIND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cotangent.runtime.Dual;
import dev.cotangent.runtime.GradientCheck;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LaunchFitTest {
  /** {@link Flight#miss} of the demonstration as a function of {launchX, launchY, launchZ, drag}. */
  private static double miss(double[] p) {
    return Flight.miss(new Vec3(p[0], p[1], p[2]), p[3], WIND, TARGET, DT, STEPS);
  }

  @ParameterizedTest
  @CsvSource({
    // launch x, y, z [m/s], drag [1/m]
    "30, 0, 20, 0.002",
    "46.6, 14.4, 17.4, 0.002",
    "-10, 25, 40, 0.01",
    "5, -3, 1, 0",
  })
  void gradientMatchesCentralDifferencesAndTheTangent(
      double x, double y, double z, double drag) {
    Vec3 launch = new Vec3(x, y, z);
    FlightAdjoint.MissGradient g = FlightAdjoint.miss(launch, drag, WIND, TARGET, DT, STEPS);

    assertEquals(Flight.miss(launch, drag, WIND, TARGET, DT, STEPS), g.value);
    // The record-shaped gradient is the holder's component fields.
    assertEquals(new Vec3(g.launchX, g.launchY, g.launchZ), g.launch());
    double[] gradient = {g.launch().x(), g.launch().y(), g.launch().z(), g.drag};
    GradientCheck.Result r =
        GradientCheck.gradient(gradient, LaunchFitTest::miss, new double[] {x, y, z, drag}, 1e-7);
    assertTrue(r.passed(), r::toString);

    // Forward mode along a record direction agrees with the gradient (dot test).
    Vec3 direction = new Vec3(0.3, -1.1, 0.7);
    double dragDirection = 0.05;
    Dual d = FlightTangent.miss(launch, direction, drag, dragDirection, WIND, TARGET, DT, STEPS);
    assertEquals(g.value, d.value());
    GradientCheck.Result dot =
        GradientCheck.dotProduct(
            d.tangent(), gradient, new double[] {0.3, -1.1, 0.7, dragDirection}, 1e-12);
    assertTrue(dot.passed(), dot::toString);
  }

  @Test
  void withoutDragTheGradientHasItsClosedForm() {
    // Without drag the final position is n·dt·launch + const, so ∇miss = 2·n·dt·(end - target).
    Vec3 launch = new Vec3(12, -7, 30);
    Vec3 end = Flight.landing(launch, 0, WIND, DT, STEPS);
    Vec3 expected = end.minus(TARGET).scale(2 * STEPS * DT);
    Vec3 actual = FlightAdjoint.miss(launch, 0, WIND, TARGET, DT, STEPS).launch();
    assertEquals(expected.x(), actual.x(), 1e-9 * expected.norm());
    assertEquals(expected.y(), actual.y(), 1e-9 * expected.norm());
    assertEquals(expected.z(), actual.z(), 1e-9 * expected.norm());
  }

  @Test
  void withoutDragTheFitFindsTheClosedForm() {
    LaunchFit.Fit fit = LaunchFit.fit(0, WIND, TARGET, DT, STEPS, LaunchFit.START, it -> {});

    assertTrue(fit.converged(), fit::toString);
    Vec3 exact = LaunchFit.eulerVacuumLaunch(TARGET, DT, STEPS);
    assertTrue(fit.launch().minus(exact).norm() < 1e-8, () -> fit + " vs " + exact);
    // The Euler answer tends to the continuous one: within g·dt/2 m/s in z.
    Vec3 vacuum = LaunchFit.vacuumLaunch(TARGET, STEPS * DT);
    assertEquals(vacuum.z(), exact.z(), Flight.G * DT / 2 + 1e-12);
    assertEquals(vacuum.x(), exact.x(), 1e-12);
  }

  @Test
  void theDemonstrationHitsTheTarget() {
    List<LaunchFit.Iterate> iterates = new ArrayList<>();
    LaunchFit.Fit fit =
        LaunchFit.fit(DRAG, WIND, TARGET, DT, STEPS, LaunchFit.START, iterates::add);

    assertTrue(fit.converged(), fit::toString);
    assertTrue(fit.iterations() <= 60, () -> "iterations: " + fit.iterations());
    // Checked independently of the fit: the plain simulation ends at the target.
    Vec3 end = Flight.landing(fit.launch(), DRAG, WIND, DT, STEPS);
    assertTrue(end.minus(TARGET).norm() <= 1e-9, end::toString);
    // Drag slows the particle, so it must be thrown faster than in vacuum.
    assertTrue(fit.launch().norm() > LaunchFit.vacuumLaunch(TARGET, STEPS * DT).norm());
    for (int i = 1; i < iterates.size(); i++) {
      assertTrue(iterates.get(i).missDistance() < iterates.get(i - 1).missDistance());
    }
  }
}
