package dev.cotangent.samples.projectile;

import static dev.cotangent.samples.projectile.ProjectileAiming.DRAG;
import static dev.cotangent.samples.projectile.ProjectileAiming.DT;
import static dev.cotangent.samples.projectile.ProjectileAiming.SPEED;
import static dev.cotangent.samples.projectile.ProjectileAiming.TARGET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cotangent.runtime.Dual;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProjectileAimingTest {
  private static final double H = ProjectileAiming.DIFFERENCE_STEP;

  private static double distance(double angle) {
    return Projectile.landingDistance(angle, SPEED, DRAG, DT);
  }

  private static double adjointSlope(double angle) {
    return ProjectileAdjoint.landingDistance(angle, SPEED, DRAG, DT).angle;
  }

  @Test
  void theDemonstrationHitsTheTarget() {
    List<ProjectileAiming.Iterate> iterates = new ArrayList<>();
    ProjectileAiming.Aim aim =
        ProjectileAiming.aim(
            SPEED,
            DRAG,
            DT,
            TARGET,
            Math.toRadians(ProjectileAiming.START_DEGREES),
            iterates::add);

    assertTrue(aim.converged(), () -> "did not converge: " + aim);
    assertEquals(TARGET, aim.distance(), 0.01);
    assertEquals(TARGET, distance(aim.angle()), 0.01);
    assertTrue(aim.iterations() <= 10, () -> "too many iterations: " + aim);
    // One observation per iteration, plus the final state; the loss never increases.
    assertEquals(aim.iterations() + 1, iterates.size());
    for (int i = 1; i < iterates.size(); i++) {
      assertTrue(iterates.get(i).loss() < iterates.get(i - 1).loss(), () -> "" + iterates);
    }
  }

  /** Below the maximum range (about 186 m at 42.5°) there is a flat and a lobbed solution. */
  @ParameterizedTest
  @CsvSource({
    // target, first guess [°], solution is lobbed
    "150, 10, false",
    "150, 70, true",
    "60, 30, false",
    "60, 80, true",
    "185, 35, false",
    "185, 50, true",
  })
  void aimsAtReachableTargets(double target, double startDegrees, boolean lobbed) {
    ProjectileAiming.Aim aim =
        ProjectileAiming.aim(SPEED, DRAG, DT, target, Math.toRadians(startDegrees), it -> {});

    assertTrue(aim.converged(), () -> "did not converge: " + aim);
    assertEquals(target, aim.distance(), 0.01);
    assertEquals(lobbed, aim.degrees() > 42.5, () -> "wrong solution: " + aim);
  }

  @Test
  void reportsAnUnreachableTargetAsMissed() {
    ProjectileAiming.Aim aim =
        ProjectileAiming.aim(SPEED, DRAG, DT, 250, Math.toRadians(20), it -> {});

    assertFalse(aim.converged());
    // It still gets as close as it can: near the maximum range.
    assertEquals(186.5, aim.distance(), 0.5);
  }

  @ParameterizedTest
  @ValueSource(doubles = {5, 15, 23.4562, 30, 45, 60, 75})
  void adjointMatchesRichardsonFiniteDifference(double degrees) {
    double angle = Math.toRadians(degrees);
    double numeric = ProjectileAiming.centralDifference(ProjectileAimingTest::distance, angle, H);

    assertEquals(numeric, adjointSlope(angle), 1e-7 * Math.max(1, Math.abs(numeric)));
  }

  @ParameterizedTest
  @ValueSource(doubles = {5, 23.4562, 45, 75})
  void missGradientIsTheChainRuleThroughTheDistance(double degrees) {
    double angle = Math.toRadians(degrees);
    ProjectileAdjoint.MissGradient miss = ProjectileAdjoint.miss(angle, SPEED, DRAG, DT, TARGET);
    double error = distance(angle) - TARGET;

    assertEquals(error * error, miss.value, 1e-9 * error * error);
    double expected = 2 * error * adjointSlope(angle);
    assertEquals(expected, miss.angle, 1e-9 * Math.abs(expected));
  }

  @ParameterizedTest
  @ValueSource(doubles = {5, 15, 23.4562, 30, 45, 60, 75})
  void tangentEqualsAdjoint(double degrees) {
    double angle = Math.toRadians(degrees);
    ProjectileAdjoint.LandingDistanceGradient reverse =
        ProjectileAdjoint.landingDistance(angle, SPEED, DRAG, DT);
    Dual forward = ProjectileTangent.landingDistance(angle, 1, SPEED, 0, DRAG, DT);

    // Both companions compute the original value exactly...
    assertEquals(distance(angle), reverse.value);
    assertEquals(distance(angle), forward.value());
    // ...and the same derivative up to the order of the floating-point operations.
    assertEquals(reverse.angle, forward.tangent(), 1e-11 * Math.abs(reverse.angle));
  }

  @Test
  void pullbackAddsTheSeededDerivative() {
    double angle = Math.toRadians(30);
    ProjectileAdjoint.LandingDistanceGradient into = new ProjectileAdjoint.LandingDistanceGradient();
    into.angle = 1;

    double value = ProjectileAdjoint.landingDistance(angle, SPEED, DRAG, DT, 3, into);

    assertEquals(distance(angle), value);
    assertEquals(distance(angle), into.value);
    assertEquals(1 + 3 * adjointSlope(angle), into.angle, 1e-12 * Math.abs(into.angle));
  }
}
