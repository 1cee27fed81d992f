package dev.cotangent.runtime;

/** Functions that user code calls inside {@code @Differentiable} methods. */
public final class Cotangent {
  private Cotangent() {}

  /**
   * Returns {@code x} unchanged, but stops derivatives: inside a {@code @Differentiable} method
   * the result is treated as a constant (like JAX's {@code stop_gradient} or Swift's
   * {@code withoutDerivative(at:)}).
   */
  public static double detach(double x) {
    return x;
  }
}
