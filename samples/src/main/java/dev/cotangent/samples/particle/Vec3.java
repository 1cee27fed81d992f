package dev.cotangent.samples.particle;

/**
 * A vector in space, as Java programs usually write one: an immutable record with a few methods.
 * Cotangent differentiates through it as a value (README, "Records"): in the generated
 * companions each {@code Vec3} is three local {@code double}s, and nothing is allocated per
 * operation.
 */
public record Vec3(double x, double y, double z) {
  /** The zero vector. */
  public static final Vec3 ZERO = new Vec3(0, 0, 0);

  /** {@code this + o}. */
  public Vec3 plus(Vec3 o) {
    return new Vec3(x + o.x, y + o.y, z + o.z);
  }

  /** {@code this - o}. */
  public Vec3 minus(Vec3 o) {
    return new Vec3(x - o.x, y - o.y, z - o.z);
  }

  /** {@code k · this}. */
  public Vec3 scale(double k) {
    return new Vec3(k * x, k * y, k * z);
  }

  /** The dot product {@code this · o}. */
  public double dot(Vec3 o) {
    return x * o.x + y * o.y + z * o.z;
  }

  /** The Euclidean length. */
  public double norm() {
    return Math.sqrt(x * x + y * y + z * z);
  }
}
