package dev.cotangent.benchmarks;

import dev.cotangent.Differentiable;
import dev.cotangent.NoDerivative;

/**
 * A particle under gravity, quadratic drag and wind, written twice: with a {@link Vec3} record
 * ({@link #withRecords}) and with {@code double} locals ({@link #withDoubles}), the same
 * operations in the same order, so the two give the same numbers bit for bit. The loss is the
 * squared distance of the particle from a target after {@code steps} explicit Euler steps; the
 * gradient is with respect to the launch velocity and the drag coefficient. Issue 18 asks that
 * the record version's J/f be within 10 % of the doubles' ({@link Paired}).
 */
public final class Drag {
  private Drag() {}

  /** A vector of three doubles, with the operations the simulation needs. */
  public record Vec3(double x, double y, double z) {
    Vec3 plus(Vec3 o) {
      return new Vec3(x + o.x, y + o.y, z + o.z);
    }

    Vec3 minus(Vec3 o) {
      return new Vec3(x - o.x, y - o.y, z - o.z);
    }

    Vec3 scale(double k) {
      return new Vec3(k * x, k * y, k * z);
    }

    double dot(Vec3 o) {
      return x * o.x + y * o.y + z * o.z;
    }

    double norm() {
      return Math.sqrt(dot(this));
    }
  }

  /** The time step, s. */
  static final double DT = 1e-4;

  /** The loss with records: {@code |p(T) - target|²} from launch velocity {@code v0}. */
  @Differentiable
  public static double withRecords(Vec3 v0, double drag, @NoDerivative Vec3 wind,
      @NoDerivative Vec3 target, @NoDerivative int steps) {
    Vec3 p = new Vec3(0, 0, 0);
    Vec3 v = v0;
    Vec3 g = new Vec3(0, 0, -9.81);
    for (int i = 0; i < steps; i++) {
      Vec3 relative = v.minus(wind);
      Vec3 a = g.plus(relative.scale(-drag * relative.norm()));
      p = p.plus(v.scale(DT));
      v = v.plus(a.scale(DT));
    }
    Vec3 miss = p.minus(target);
    return miss.dot(miss);
  }

  /** The same loss with double locals. */
  @Differentiable
  public static double withDoubles(double v0x, double v0y, double v0z, double drag,
      @NoDerivative double windX, @NoDerivative double windY, @NoDerivative double windZ,
      @NoDerivative double targetX, @NoDerivative double targetY, @NoDerivative double targetZ,
      @NoDerivative int steps) {
    double px = 0;
    double py = 0;
    double pz = 0;
    double vx = v0x;
    double vy = v0y;
    double vz = v0z;
    for (int i = 0; i < steps; i++) {
      double rx = vx - windX;
      double ry = vy - windY;
      double rz = vz - windZ;
      double k = -drag * Math.sqrt(rx * rx + ry * ry + rz * rz);
      double ax = 0 + k * rx;
      double ay = 0 + k * ry;
      double az = -9.81 + k * rz;
      px = px + DT * vx;
      py = py + DT * vy;
      pz = pz + DT * vz;
      vx = vx + DT * ax;
      vy = vy + DT * ay;
      vz = vz + DT * az;
    }
    double mx = px - targetX;
    double my = py - targetY;
    double mz = pz - targetZ;
    return mx * mx + my * my + mz * mz;
  }
}
