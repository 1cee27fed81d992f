package golden;

import dev.cotangent.Differentiable;
import dev.cotangent.NoDerivative;

/** Records: a particle under quadratic drag, stepped with a Vec3 record. */
public class Particle {
  record Vec3(double x, double y, double z) {
    Vec3 plus(Vec3 o) {
      return new Vec3(x + o.x, y + o.y, z + o.z);
    }

    Vec3 scale(double k) {
      return new Vec3(k * x, k * y, k * z);
    }

    double norm() {
      return Math.sqrt(x * x + y * y + z * z);
    }
  }

  @Differentiable
  public static double height(double speed, double drag, @NoDerivative int steps) {
    Vec3 p = new Vec3(0, 0, 0);
    Vec3 v = new Vec3(speed, 0, speed);
    Vec3 g = new Vec3(0, 0, -9.81);
    for (int i = 0; i < steps; i++) {
      Vec3 a = g.plus(v.scale(-drag * v.norm()));
      v = v.plus(a.scale(0.01));
      p = p.plus(v.scale(0.01));
    }
    return p.z();
  }
}
