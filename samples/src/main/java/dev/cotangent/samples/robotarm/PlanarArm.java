package dev.cotangent.samples.robotarm;

import dev.cotangent.Differentiable;
import dev.cotangent.NoDerivative;

/**
 * A planar arm of rigid links joined by revolute joints, its base at the origin.
 *
 * <p>Joint {@code i} turns link {@code i} by {@code angles[i]} relative to the link before it (the
 * first relative to the x axis), so link {@code i} points at the absolute angle {@code angles[0] +
 * … + angles[i]}. Cotangent generates {@code PlanarArmAdjoint} (gradients, pullbacks and the
 * Jacobian of {@link #endEffector}) and {@code PlanarArmTangent} from the methods below.
 */
public final class PlanarArm {
  private PlanarArm() {}

  /**
   * Forward kinematics: where the tip of the last link is.
   *
   * @param angles joint angles, radians, one per link
   * @param lengths link lengths
   * @return the end effector's position {@code {x, y}}
   */
  @Differentiable
  public static double[] endEffector(double[] angles, @NoDerivative double[] lengths) {
    double x = 0;
    double y = 0;
    double heading = 0;
    for (int i = 0; i < angles.length; i++) {
      heading += angles[i];
      x += lengths[i] * Math.cos(heading);
      y += lengths[i] * Math.sin(heading);
    }
    return new double[] {x, y};
  }

  /**
   * The inverse-kinematics loss: the squared distance from the end effector to the target, plus
   * {@code bend} times the sum of the squared joint angles.
   *
   * <p>A three-link arm reaching for a point in the plane has one degree of freedom to spare: a
   * whole curve of poses puts its tip on the target. The small regulariser makes the loss prefer
   * the least bent of them, and keeps the descent away from tightly folded poses.
   *
   * <p>The forward kinematics of {@link #endEffector} are repeated here rather than called:
   * Cotangent does not yet differentiate through a call of a method that returns an array.
   */
  @Differentiable
  public static double loss(
      double[] angles,
      @NoDerivative double[] lengths,
      @NoDerivative double targetX,
      @NoDerivative double targetY,
      @NoDerivative double bend) {
    double x = 0;
    double y = 0;
    double heading = 0;
    double folding = 0;
    for (int i = 0; i < angles.length; i++) {
      heading += angles[i];
      x += lengths[i] * Math.cos(heading);
      y += lengths[i] * Math.sin(heading);
      folding += angles[i] * angles[i];
    }
    double dx = x - targetX;
    double dy = y - targetY;
    return dx * dx + dy * dy + bend * folding;
  }
}
