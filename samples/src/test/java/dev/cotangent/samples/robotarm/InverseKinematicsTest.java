package dev.cotangent.samples.robotarm;

import static dev.cotangent.samples.robotarm.InverseKinematics.BEND;
import static dev.cotangent.samples.robotarm.InverseKinematics.LENGTHS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cotangent.runtime.Dual;
import dev.cotangent.runtime.GradientCheck;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InverseKinematicsTest {
  private static double[] radians(double... degrees) {
    double[] r = new double[degrees.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = Math.toRadians(degrees[i]);
    }
    return r;
  }

  @ParameterizedTest
  @CsvSource({
    // target x, target y, start angles [°]
    "-0.6, 1.5, 0, 0, 0",
    "-0.6, 1.5, 90, -45, 30",
    "1.2, 1.1, -30, 60, 45",
    "1.2, 1.1, 170, 10, -120",
    "0.5, -1.8, 10, 20, 30",
    "2.3, 0.3, 45, 45, 45",
    "0.2, 0.4, 0, 150, 150",
  })
  void reachesTheTargetFromDifferentStarts(
      double targetX, double targetY, double a0, double a1, double a2) {
    double[] start = radians(a0, a1, a2);
    List<InverseKinematics.Step> steps = new ArrayList<>();

    InverseKinematics.Solution s =
        InverseKinematics.reach(LENGTHS, targetX, targetY, start, steps::add);

    assertTrue(s.reached(), () -> "not reached: distance " + s.distance());
    double[] tip = PlanarArm.endEffector(s.angles(), LENGTHS);
    assertEquals(0, Math.hypot(tip[0] - targetX, tip[1] - targetY), 1e-6);
    assertArrayEquals(radians(a0, a1, a2), start, "reach modified its start");
    // Gauss–Newton never moves the tip away from the target.
    for (int i = 1; i < steps.size(); i++) {
      if (steps.get(i).phase() == InverseKinematics.Phase.GAUSS_NEWTON
          && steps.get(i).iteration() > 0) {
        assertTrue(steps.get(i).distance() < steps.get(i - 1).distance());
      }
    }
  }

  @Test
  void theDemonstrationConvergesQuickly() {
    InverseKinematics.Solution s =
        InverseKinematics.reach(
            LENGTHS,
            InverseKinematics.TARGET_X,
            InverseKinematics.TARGET_Y,
            radians(InverseKinematics.START_DEGREES),
            step -> {});

    assertTrue(s.reached());
    assertTrue(s.descentSteps() <= 50, () -> "descent steps: " + s.descentSteps());
    assertTrue(s.newtonSteps() <= 8, () -> "Gauss–Newton steps: " + s.newtonSteps());
    assertEquals(s.descentSteps() + s.newtonSteps() + 1, s.path().size());
  }

  @ParameterizedTest
  @CsvSource({"0, 0, 0", "30, -50, 80", "-120, 45, 10", "57.3, 74.3, 42.1"})
  void lossGradientMatchesCentralDifferences(double a0, double a1, double a2) {
    double[] angles = radians(a0, a1, a2);
    PlanarArmAdjoint.LossGradient g = PlanarArmAdjoint.loss(angles, LENGTHS, -0.6, 1.5, BEND);

    assertEquals(PlanarArm.loss(angles, LENGTHS, -0.6, 1.5, BEND), g.value);
    GradientCheck.Result r =
        GradientCheck.gradient(
            g.angles, a -> PlanarArm.loss(a, LENGTHS, -0.6, 1.5, BEND), angles, 1e-8);
    assertTrue(r.passed(), r::toString);

    // Forward mode agrees along an arbitrary direction.
    double[] direction = {0.3, -1.1, 0.7};
    Dual d = PlanarArmTangent.loss(angles, direction, LENGTHS, -0.6, 1.5, BEND);
    assertTrue(GradientCheck.dotProduct(d.tangent(), g.angles, direction, 1e-12).passed());
  }

  @ParameterizedTest
  @CsvSource({"0, 0, 0", "30, -50, 80", "-120, 45, 10"})
  void jacobianMatchesCentralDifferencesAndTheClosedForm(double a0, double a1, double a2) {
    double[] angles = radians(a0, a1, a2);
    double[][] j = PlanarArmAdjoint.endEffectorJacobian(angles, LENGTHS);

    assertEquals(2, j.length);
    for (int row = 0; row < 2; row++) {
      int coordinate = row;
      GradientCheck.Result r =
          GradientCheck.gradient(
              j[row], a -> PlanarArm.endEffector(a, LENGTHS)[coordinate], angles, 1e-8);
      assertTrue(r.passed(), r::toString);
    }
    // Turning joint k swings everything beyond it about the joint: column k is the vector from
    // joint k to the tip, turned by 90°.
    double[] tip = PlanarArm.endEffector(angles, LENGTHS);
    double jointX = 0;
    double jointY = 0;
    double heading = 0;
    for (int k = 0; k < angles.length; k++) {
      assertEquals(-(tip[1] - jointY), j[0][k], 1e-12);
      assertEquals(tip[0] - jointX, j[1][k], 1e-12);
      heading += angles[k];
      jointX += LENGTHS[k] * Math.cos(heading);
      jointY += LENGTHS[k] * Math.sin(heading);
    }
  }
}
