package dev.cotangent.samples.robotarm;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Inverse kinematics of a planar three-link arm: finds joint angles that put the end effector on a
 * target, with the derivatives that Cotangent generated from {@link PlanarArm}.
 *
 * <p>Two phases:
 *
 * <ol>
 *   <li><b>Gradient descent</b> on {@link PlanarArm#loss}, the squared distance to the target plus
 *       a small penalty on bending, with the gradient from {@code PlanarArmAdjoint.loss}. It moves
 *       the arm from anywhere to near the target, towards a relaxed pose.
 *   <li><b>Gauss–Newton</b> on the end effector itself, with the 2×3 Jacobian from {@code
 *       PlanarArmAdjoint.endEffectorJacobian}. The penalty keeps the minimum of the loss a little
 *       short of the target; these steps, damped as in Levenberg–Marquardt, put the tip exactly on
 *       it (to rounding), changing the pose found by the descent as little as possible.
 * </ol>
 */
public final class InverseKinematics {
  /** Link lengths of the demonstration arm. */
  public static final double[] LENGTHS = {1.0, 0.8, 0.6};

  /** Target of the demonstration. */
  public static final double TARGET_X = -0.6;

  public static final double TARGET_Y = 1.5;

  /** Joint angles the demonstration starts from, degrees. */
  public static final double[] START_DEGREES = {0, 0, 0};

  /** Weight of the bending penalty in the loss. */
  public static final double BEND = 1e-3;

  /** Gradient descent hands over to Gauss–Newton this close to the target. */
  static final double HANDOVER_DISTANCE = 1e-2;

  /** Gauss–Newton stops this close to the target. */
  static final double TOLERANCE = 1e-12;

  static final int MAX_DESCENT_STEPS = 500;
  static final int MAX_NEWTON_STEPS = 50;

  private InverseKinematics() {}

  /** Which phase produced a {@link Step}. */
  public enum Phase {
    DESCENT,
    GAUSS_NEWTON
  }

  /**
   * The arm at the start of one iteration of a phase.
   *
   * @param slope the norm of the loss gradient (descent) or of Jᵀ·(tip − target) (Gauss–Newton)
   */
  public record Step(
      Phase phase,
      int iteration,
      double[] angles,
      double[] tip,
      double distance,
      double loss,
      double slope) {}

  /**
   * The outcome of {@link #reach}.
   *
   * @param path the end effector's position at the start of every iteration, and at the end
   */
  public record Solution(
      double[] angles,
      double[] tip,
      double distance,
      int descentSteps,
      int newtonSteps,
      List<double[]> path,
      boolean reached) {}

  /**
   * Moves the arm with links {@code lengths} from {@code start} (radians, not modified) until its
   * end effector is on the target, calling {@code observer} with every iteration of both phases.
   */
  public static Solution reach(
      double[] lengths, double targetX, double targetY, double[] start, Consumer<Step> observer) {
    double[] angles = start.clone();
    List<double[]> path = new ArrayList<>();

    // Phase 1: gradient descent with a backtracking (Armijo) line search.
    double rate = 0.1;
    int descent = 0;
    for (; ; descent++) {
      PlanarArmAdjoint.LossGradient g =
          PlanarArmAdjoint.loss(angles, lengths, targetX, targetY, BEND);
      double[] tip = PlanarArm.endEffector(angles, lengths);
      double distance = Math.hypot(tip[0] - targetX, tip[1] - targetY);
      double slope = norm(g.angles);
      path.add(tip);
      observer.accept(
          new Step(Phase.DESCENT, descent, angles.clone(), tip, distance, g.value, slope));
      if (distance <= HANDOVER_DISTANCE || descent == MAX_DESCENT_STEPS || slope == 0) {
        break;
      }
      rate *= 2;
      double[] trial = new double[angles.length];
      while (true) {
        for (int j = 0; j < angles.length; j++) {
          trial[j] = angles[j] - rate * g.angles[j];
        }
        double decrease = g.value - PlanarArm.loss(trial, lengths, targetX, targetY, BEND);
        if (decrease >= 1e-4 * rate * slope * slope || rate < 1e-12) {
          break;
        }
        rate /= 2;
      }
      angles = trial;
    }

    // Phase 2: damped Gauss–Newton on the residual tip − target, with the generated Jacobian.
    double damping = 1e-3;
    int newton = 0;
    double[] tip = PlanarArm.endEffector(angles, lengths);
    double distance = Math.hypot(tip[0] - targetX, tip[1] - targetY);
    for (; ; newton++) {
      double[][] jacobian = PlanarArmAdjoint.endEffectorJacobian(angles, lengths);
      double rx = tip[0] - targetX;
      double ry = tip[1] - targetY;
      double[] steepest = new double[angles.length]; // Jᵀ·r, half the gradient of |r|²
      for (int j = 0; j < angles.length; j++) {
        steepest[j] = jacobian[0][j] * rx + jacobian[1][j] * ry;
      }
      if (newton > 0) {
        path.add(tip);
      }
      observer.accept(
          new Step(
              Phase.GAUSS_NEWTON,
              newton,
              angles.clone(),
              tip,
              distance,
              Double.NaN,
              norm(steepest)));
      if (distance <= TOLERANCE || newton == MAX_NEWTON_STEPS) {
        break;
      }
      // Minimise |r + J·δ|² + damping·|δ|²: δ = −Jᵀ·(J·Jᵀ + damping·I)⁻¹·r, a 2×2 solve.
      // Raise the damping until the step brings the tip closer, lower it after every success.
      while (true) {
        double[] delta = dampedStep(jacobian, rx, ry, damping);
        double[] trial = new double[angles.length];
        for (int j = 0; j < angles.length; j++) {
          trial[j] = angles[j] + delta[j];
        }
        double[] trialTip = PlanarArm.endEffector(trial, lengths);
        double trialDistance = Math.hypot(trialTip[0] - targetX, trialTip[1] - targetY);
        if (trialDistance < distance || damping > 1e6) {
          angles = trial;
          tip = trialTip;
          distance = trialDistance;
          damping = Math.max(damping / 10, 1e-12);
          break;
        }
        damping *= 10;
      }
    }
    return new Solution(angles, tip, distance, descent, newton, path, distance <= TOLERANCE);
  }

  /** −Jᵀ·(J·Jᵀ + damping·I)⁻¹·(rx, ry) for a 2×n Jacobian. */
  static double[] dampedStep(double[][] jacobian, double rx, double ry, double damping) {
    int n = jacobian[0].length;
    double a = damping;
    double b = 0;
    double d = damping;
    for (int j = 0; j < n; j++) {
      a += jacobian[0][j] * jacobian[0][j];
      b += jacobian[0][j] * jacobian[1][j];
      d += jacobian[1][j] * jacobian[1][j];
    }
    double det = a * d - b * b;
    double wx = (d * rx - b * ry) / det;
    double wy = (a * ry - b * rx) / det;
    double[] delta = new double[n];
    for (int j = 0; j < n; j++) {
      delta[j] = -(jacobian[0][j] * wx + jacobian[1][j] * wy);
    }
    return delta;
  }

  static double norm(double[] v) {
    double sum = 0;
    for (double x : v) {
      sum += x * x;
    }
    return Math.sqrt(sum);
  }

  private static String degrees(double[] angles) {
    StringBuilder s = new StringBuilder();
    for (double a : angles) {
      s.append(s.length() == 0 ? "" : ", ").append(String.format("%7.2f°", Math.toDegrees(a)));
    }
    return s.toString();
  }

  public static void main(String[] args) {
    double[] start = new double[START_DEGREES.length];
    for (int j = 0; j < start.length; j++) {
      start[j] = Math.toRadians(START_DEGREES[j]);
    }
    System.out.printf(
        "Links %.1f, %.1f, %.1f reach for (%.2f, %.2f); start at joint angles %s%n",
        LENGTHS[0], LENGTHS[1], LENGTHS[2], TARGET_X, TARGET_Y, degrees(start));
    System.out.printf(
        "Gradient descent on |tip - target|² + %.0e·|angles|² (gradient: PlanarArmAdjoint.loss)%n",
        BEND);
    System.out.println("  iter      loss    |grad|  distance  joint angles");
    Solution solution =
        reach(
            LENGTHS,
            TARGET_X,
            TARGET_Y,
            start,
            step -> {
              if (step.phase() == Phase.DESCENT && step.iteration() % 5 == 0) {
                System.out.printf(
                    "  %4d  %8.2e  %8.2e  %8.2e  %s%n",
                    step.iteration(),
                    step.loss(),
                    step.slope(),
                    step.distance(),
                    degrees(step.angles()));
              } else if (step.phase() == Phase.GAUSS_NEWTON) {
                if (step.iteration() == 0) {
                  System.out.println(
                      "Gauss–Newton on the tip with J = PlanarArmAdjoint.endEffectorJacobian"
                          + " (|grad| = |Jᵀ·(tip - target)|)");
                }
                System.out.printf(
                    "  %4d            %8.2e  %8.2e  %s%n",
                    step.iteration(), step.slope(), step.distance(), degrees(step.angles()));
              }
            });
    System.out.printf(
        "%s (%.6f, %.6f), %.1e from the target, after %d descent and %d Gauss–Newton steps%n",
        solution.reached() ? "Reached" : "Stopped at",
        solution.tip()[0],
        solution.tip()[1],
        solution.distance(),
        solution.descentSteps(),
        solution.newtonSteps());
    System.out.println("Path of the end effector, every 3rd iterate:");
    StringBuilder path = new StringBuilder(" ");
    List<double[]> points = solution.path();
    for (int i = 0; i < points.size(); i += 3) {
      if (i > 0 && i % 15 == 0) {
        path.append(String.format("%n "));
      }
      path.append(String.format(" (%.3f, %.3f)", points.get(i)[0], points.get(i)[1]));
    }
    System.out.println(path);
  }
}
