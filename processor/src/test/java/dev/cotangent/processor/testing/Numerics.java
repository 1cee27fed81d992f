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
   * The derivative of {@code g} at 0 by {@link #richardson} with step {@code h}, together with the
   * extrapolations at 2h and h/4: when the three disagree (their {@link Estimate#spread()}), a
   * stencil crosses a branch or a kink, or the function's value is noisy, and the estimate is not
   * to be trusted.
   */
  public static Estimate derivative(DoubleUnaryOperator g, double h) {
    return new Estimate(richardson(g, h), richardson(g, 2 * h), richardson(g, h / 4));
  }

  /** A Richardson estimate at step h, with those at 2h and h/4 for comparison. */
  public record Estimate(double value, double coarse, double fine) {
    /** The largest disagreement with the estimates at 2h and h/4; NaN if any is not finite. */
    public double spread() {
      if (!Double.isFinite(value) || !Double.isFinite(coarse) || !Double.isFinite(fine)) {
        return Double.NaN;
      }
      return Math.max(Math.abs(coarse - value), Math.abs(fine - value));
    }

    public String describe() {
      return value + " (at 2h: " + coarse + ", at h/4: " + fine + ")";
    }
  }

  /** {@code |actual − expected| ≤ tolerance}, false for NaN. */
  public static boolean within(double actual, double expected, double tolerance) {
    return Math.abs(actual - expected) <= tolerance;
  }

  /**
   * {@link #derivative} of every component of a vector-valued {@code g} at 0, evaluating {@code g}
   * once per stencil point.
   */
  public static Estimate[] derivatives(java.util.function.DoubleFunction<double[]> g, double h) {
    java.util.Map<Double, double[]> cache = new java.util.HashMap<>();
    java.util.function.DoubleFunction<double[]> at = t -> cache.computeIfAbsent(t, g::apply);
    int n = at.apply(h).length;
    Estimate[] out = new Estimate[n];
    for (int i = 0; i < n; i++) {
      int k = i;
      DoubleUnaryOperator component = t -> at.apply(t)[k];
      out[i] = derivative(component, h);
    }
    return out;
  }
}
