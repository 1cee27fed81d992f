package dev.cotangent.samples.projectile;

import static dev.cotangent.samples.projectile.AngleAndSpeed.TARGET_APEX;
import static dev.cotangent.samples.projectile.AngleAndSpeed.TARGET_DISTANCE;
import static dev.cotangent.samples.projectile.ProjectileAiming.DRAG;
import static dev.cotangent.samples.projectile.ProjectileAiming.DT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cotangent.runtime.Dual;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AngleAndSpeedTest {
  private static final double H = ProjectileAiming.DIFFERENCE_STEP;

  private static double derivative(DoubleUnaryOperator f, double x) {
    return ProjectileAiming.centralDifference(f, x, H);
  }

  private static void assertClose(double expected, double actual, double relative, String what) {
    assertEquals(
        expected, actual, relative * Math.max(1, Math.abs(expected)), what + ": " + actual);
  }

  @Test
  void theDemonstrationMeetsBothTargets() {
    List<AngleAndSpeed.Iterate> iterates = new ArrayList<>();
    AngleAndSpeed.Solution s =
        AngleAndSpeed.solve(
            DRAG,
            DT,
            TARGET_DISTANCE,
            TARGET_APEX,
            Math.toRadians(AngleAndSpeed.START_DEGREES),
            AngleAndSpeed.START_SPEED,
            iterates::add);

    assertTrue(s.converged(), () -> "did not converge: " + s);
    assertEquals(TARGET_DISTANCE, Projectile.landingDistance(s.angle(), s.speed(), DRAG, DT), 1e-6);
    assertEquals(TARGET_APEX, Projectile.apexHeight(s.angle(), s.speed(), DRAG, DT), 1e-6);
    // Short enough for the tour: at most about a dozen lines of iterations.
    assertTrue(iterates.size() <= 12, () -> "too many iterations: " + iterates.size());
    assertEquals(s.iterations() + 1, iterates.size());
    for (int i = 1; i < iterates.size(); i++) {
      assertTrue(iterates.get(i).loss() < iterates.get(i - 1).loss(), () -> "" + iterates);
    }
  }

  /** The two conditions fix angle and speed: every start finds the same shot. */
  @ParameterizedTest
  @CsvSource({
    // target distance, target apex, first guess [°], first guess [m/s]
    "150, 40, 10, 50",
    "150, 40, 70, 80",
    "150, 40, 30, 20",
    "150, 40, 85, 10",
    "150, 10, 45, 45",
    "150, 10, 5, 120",
    "80, 60, 20, 30",
    "80, 60, 80, 60",
    "250, 30, 40, 40",
  })
  void meetsBothTargetsFromDifferentStarts(
      double targetDistance, double targetApex, double startDegrees, double startSpeed) {
    AngleAndSpeed.Solution s =
        AngleAndSpeed.solve(
            DRAG, DT, targetDistance, targetApex, Math.toRadians(startDegrees), startSpeed, it -> {});

    assertTrue(s.converged(), () -> "did not converge: " + s);
    assertEquals(targetDistance, s.distance(), 1e-6);
    assertEquals(targetApex, s.apex(), 1e-6);
    assertEquals(targetDistance, Projectile.landingDistance(s.angle(), s.speed(), DRAG, DT), 1e-6);
    assertEquals(targetApex, Projectile.apexHeight(s.angle(), s.speed(), DRAG, DT), 1e-6);
    assertTrue(s.iterations() <= 20, () -> "too many iterations: " + s);

    // The same shot as from the demonstration's first guess.
    AngleAndSpeed.Solution reference =
        AngleAndSpeed.solve(
            DRAG, DT, targetDistance, targetApex, Math.toRadians(45), 40, it -> {});
    assertEquals(reference.degrees(), s.degrees(), 1e-6);
    assertEquals(reference.speed(), s.speed(), 1e-6);
  }

  @Test
  void apexIsTheHighestPointOfTheSimulatedTrajectory() {
    for (double degrees : new double[] {5, 23.4562, 43.7, 80}) {
      double angle = Math.toRadians(degrees);
      double[][] xy = TrajectoryPlot.trajectory(angle, 43, DRAG, DT);
      double highest = 0;
      for (double y : xy[1]) {
        highest = Math.max(highest, y);
      }
      assertEquals(highest, Projectile.apexHeight(angle, 43, DRAG, DT), 1e-12 * highest);
      assertEquals(xy[0][xy[0].length - 1], Projectile.landingDistance(angle, 43, DRAG, DT));
    }
  }

  @ParameterizedTest
  @CsvSource({
    "5, 50", "15, 20", "23.4562, 50", "43.6763, 43.41186", "60, 75", "80, 33.3",
  })
  void jacobianMatchesCentralDifferences(double degrees, double speed) {
    double angle = Math.toRadians(degrees);
    double[][] j = ProjectileAdjoint.landingAndApexJacobian(angle, speed, DRAG, DT);

    assertEquals(2, j.length);
    for (int row = 0; row < 2; row++) {
      int r = row;
      double byAngle = derivative(a -> Projectile.landingAndApex(a, speed, DRAG, DT)[r], angle);
      double bySpeed = derivative(v -> Projectile.landingAndApex(angle, v, DRAG, DT)[r], speed);
      assertClose(byAngle, j[row][0], 1e-6, "row " + row + " by angle");
      assertClose(bySpeed, j[row][1], 1e-6, "row " + row + " by speed");
    }
  }

  @ParameterizedTest
  @CsvSource({"5, 50", "23.4562, 50", "43.6763, 43.41186", "60, 75"})
  void lossGradientMatchesCentralDifferencesAndTheJacobian(double degrees, double speed) {
    double angle = Math.toRadians(degrees);
    ProjectileAdjoint.MissLandingAndApexGradient g =
        ProjectileAdjoint.missLandingAndApex(angle, speed, DRAG, DT, TARGET_DISTANCE, TARGET_APEX);

    double byAngle =
        derivative(
            a -> Projectile.missLandingAndApex(a, speed, DRAG, DT, TARGET_DISTANCE, TARGET_APEX),
            angle);
    double bySpeed =
        derivative(
            v -> Projectile.missLandingAndApex(angle, v, DRAG, DT, TARGET_DISTANCE, TARGET_APEX),
            speed);
    assertClose(byAngle, g.angle, 1e-6, "by angle");
    assertClose(bySpeed, g.speed, 1e-6, "by speed");

    // loss = |r|², so its gradient is 2·Jᵀ·r.
    double[] shot = Projectile.landingAndApex(angle, speed, DRAG, DT);
    double[] r = {shot[0] - TARGET_DISTANCE, shot[1] - TARGET_APEX};
    double[][] j = ProjectileAdjoint.landingAndApexJacobian(angle, speed, DRAG, DT);
    assertEquals(r[0] * r[0] + r[1] * r[1], g.value, 1e-12 * g.value);
    assertClose(2 * (j[0][0] * r[0] + j[1][0] * r[1]), g.angle, 1e-10, "2 Jᵀr by angle");
    assertClose(2 * (j[0][1] * r[0] + j[1][1] * r[1]), g.speed, 1e-10, "2 Jᵀr by speed");
  }

  @ParameterizedTest
  @CsvSource({"5, 50", "23.4562, 50", "43.6763, 43.41186", "80, 33.3"})
  void tangentEqualsAdjointForBothSimulations(double degrees, double speed) {
    double angle = Math.toRadians(degrees);
    double dAngle = 0.3;
    double dSpeed = -1.7;

    ProjectileAdjoint.LandingDistanceGradient d =
        ProjectileAdjoint.landingDistance(angle, speed, DRAG, DT);
    Dual dDot = ProjectileTangent.landingDistance(angle, dAngle, speed, dSpeed, DRAG, DT);
    assertEquals(d.value, dDot.value());
    double expected = d.angle * dAngle + d.speed * dSpeed;
    assertEquals(expected, dDot.tangent(), 1e-11 * Math.abs(expected));

    ProjectileAdjoint.ApexHeightGradient h = ProjectileAdjoint.apexHeight(angle, speed, DRAG, DT);
    Dual hDot = ProjectileTangent.apexHeight(angle, dAngle, speed, dSpeed, DRAG, DT);
    assertEquals(h.value, hDot.value());
    expected = h.angle * dAngle + h.speed * dSpeed;
    assertEquals(expected, hDot.tangent(), 1e-11 * Math.abs(expected));
  }
}
