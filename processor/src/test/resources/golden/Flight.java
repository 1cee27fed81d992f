package golden;

import dev.cotangent.Differentiable;
import dev.cotangent.NoDerivative;

/** A loop whose trip count depends on the data: fly until the ground is reached. */
public class Flight {
  static final double G = 9.81;

  @Differentiable
  public static double range(double angle, double speed, @NoDerivative double dt) {
    double x = 0, y = 0;
    double vx = speed * Math.cos(angle);
    double vy = speed * Math.sin(angle);
    while (y >= 0) {
      x += vx * dt;
      y += vy * dt;
      vy -= G * dt;
    }
    return x;
  }
}
