package dev.cotangent.processor.testing;

import java.util.function.DoubleUnaryOperator;

/** Finite-difference references, independent of any generated code. */
public final class Numerics {
  private Numerics() {}

  /** The step for a variable whose value is about {@code scale}: {@code relative·max(1, |scale|)}. */
  public static double step(double relative, double scale) {
    return relative * Math.max(1.0, Math.abs(scale));
  }

  /** Central difference {@code (g(h) − g(−h)) / 2h} of {@code g} at 0. */
  public static double central(DoubleUnaryOperator g, double h) {
    return (g.applyAsDouble(h) - g.applyAsDouble(-h)) / (2 * h);
  }

  /**
   * One Richardson extrapolation of central differences: {@code (4·D(h/2) − D(h)) / 3}, whose error
   * is {@code O(h⁴)} for smooth {@code g}.
   */
  public static double richardson(DoubleUnaryOperator g, double h) {
    return (4 * central(g, h / 2) - central(g, h)) / 3;
  }

  /**
   * The derivative of {@code g} at 0 with step {@code h}, and whether it is trustworthy: the
   * extrapolations with steps 2h and h/4 must agree with the one at h within {@code stableWithin}
   * (a stencil that crosses a branch or a kink, or a function whose value is noisy, makes them
   * disagree). Non-finite values make the estimate unusable too.
   */
  public static Estimate derivative(DoubleUnaryOperator g, double h, double stableWithin) {
    double atH = richardson(g, h);
    double coarse = richardson(g, 2 * h);
    double fine = richardson(g, h / 4);
    boolean finite = Double.isFinite(atH) && Double.isFinite(coarse) && Double.isFinite(fine);
    double spread = Math.max(Math.abs(coarse - atH), Math.abs(fine - atH));
    return new Estimate(atH, coarse, fine, finite && spread <= stableWithin);
  }

  /** A Richardson estimate at step h, with those at 2h and h/4 for comparison. */
  public record Estimate(double value, double coarse, double fine, boolean stable) {
    public String describe() {
      return value + " (at 2h: " + coarse + ", at h/4: " + fine + ")";
    }
  }

  /** {@code |actual − expected| ≤ tolerance}, false for NaN. */
  public static boolean within(double actual, double expected, double tolerance) {
    return Math.abs(actual - expected) <= tolerance;
  }
}
