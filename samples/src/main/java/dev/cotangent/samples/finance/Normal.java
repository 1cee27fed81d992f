package dev.cotangent.samples.finance;

import dev.cotangent.DerivativeOf;
import org.hipparchus.special.Erf;

/**
 * The standard normal distribution.
 *
 * <p>{@link #cdf} calls Hipparchus' complementary error function, whose source Cotangent cannot
 * read. Its derivative is the density, and {@link #cdfDerivative} says so: every
 * {@code @Differentiable} method that calls {@code cdf} uses that rule, so derivatives through
 * the distribution function are exact instead of the derivative of an approximation.
 */
public final class Normal {
  /** 1/√(2π). */
  static final double INV_SQRT_2PI = 0.3989422804014327;
  /** 1/√2. */
  static final double INV_SQRT_2 = 0.7071067811865476;

  private Normal() {}

  /** The density, {@code exp(-x²/2)/√(2π)}. */
  public static double pdf(double x) {
    return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
  }

  /**
   * The distribution function {@code P(Z ≤ x) = erfc(-x/√2)/2}. Through {@code erfc} it keeps
   * its relative accuracy far into the lower tail, where {@code 1 + erf} would cancel.
   */
  public static double cdf(double x) {
    return 0.5 * Erf.erfc(-x * INV_SQRT_2);
  }

  /** The derivative of {@link #cdf}, used by Cotangent wherever a differentiated method calls it. */
  @DerivativeOf(owner = Normal.class, method = "cdf")
  static double cdfDerivative(double x) {
    return pdf(x);
  }
}
