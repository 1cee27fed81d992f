package dev.cotangent.runtime;

import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;

/**
 * Checks generated derivatives in your own tests, against numbers computed independently:
 * central differences with Richardson extrapolation, and the dot-product test between the
 * tangent (J·ẋ) and the adjoint (Jᵀ·ȳ) companions.
 *
 * <pre>{@code
 * double[] x = {0.3, -1.2, 2.0};
 * CAdjoint.FGradient g = CAdjoint.f(x);
 * GradientCheck.Result r = GradientCheck.gradient(g.x, C::f, x, 1e-6);
 * assertTrue(r.passed(), r::toString);
 * }</pre>
 */
public final class GradientCheck {
  private GradientCheck() {}

  /** The outcome of a check: the largest relative error and where it was. */
  public record Result(boolean passed, double worstError, int worstIndex, double expected,
      double actual) {
    @Override
    public String toString() {
      return (passed ? "passed" : "FAILED") + ": worst relative error " + worstError
          + (worstIndex >= 0 ? " at index " + worstIndex : "") + " (expected " + expected
          + ", got " + actual + ")";
    }
  }

  /**
   * ∂f/∂x by central differences with Richardson extrapolation:
   * (4·D(h/2) − D(h)) / 3 with D(h) = (f(x+h) − f(x−h)) / 2h and h = 1e-3·max(1, |x|).
   * The error is O(h⁴) where f is smooth around x.
   */
  public static double centralDifference(DoubleUnaryOperator f, double x) {
    double h = 1e-3 * Math.max(1.0, Math.abs(x));
    double coarse = (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
    double fine = (f.applyAsDouble(x + h / 2) - f.applyAsDouble(x - h / 2)) / h;
    return (4 * fine - coarse) / 3;
  }

  /**
   * The gradient of {@code f} at {@code x}, one coordinate at a time. {@code f} gets a fresh copy
   * of {@code x} for every evaluation, so it may write into its argument.
   */
  public static double[] numericalGradient(ToDoubleFunction<double[]> f, double[] x) {
    double[] gradient = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      int index = i;
      gradient[i] = centralDifference(value -> {
        double[] copy = x.clone();
        copy[index] = value;
        return f.applyAsDouble(copy);
      }, x[i]);
    }
    return gradient;
  }

  /**
   * Compares a generated gradient with {@link #numericalGradient}: passes when every component
   * agrees to {@code tolerance} relative to max(1, |component|).
   */
  public static Result gradient(double[] generated, ToDoubleFunction<double[]> f, double[] x,
      double tolerance) {
    double[] numerical = numericalGradient(f, x);
    double worst = 0;
    int at = -1;
    for (int i = 0; i < x.length; i++) {
      double error = relativeError(numerical[i], generated[i]);
      if (error > worst || at < 0) {
        worst = error;
        at = i;
      }
    }
    boolean passed = worst <= tolerance;
    return at < 0 ? new Result(true, 0, -1, 0, 0)
        : new Result(passed, worst, at, numerical[at], generated[at]);
  }

  /**
   * The dot-product test for a scalar function: the tangent along {@code direction} (from the
   * Tangent companion) must equal the gradient (from the Adjoint companion) dotted with it.
   */
  public static Result dotProduct(double tangent, double[] gradient, double[] direction,
      double tolerance) {
    double expected = 0;
    for (int i = 0; i < gradient.length; i++) {
      expected += gradient[i] * direction[i];
    }
    double error = relativeError(expected, tangent);
    return new Result(error <= tolerance, error, -1, expected, tangent);
  }

  /**
   * The dot-product test for a vector-valued function: ⟨ȳ, J·ẋ⟩ must equal ⟨Jᵀ·ȳ, ẋ⟩, given
   * J·ẋ from the Tangent companion and Jᵀ·ȳ from the pullback.
   */
  public static Result dotProduct(double[] resultBar, double[] jacobianTimesDirection,
      double[] transposeTimesResultBar, double[] direction, double tolerance) {
    double left = 0;
    for (int i = 0; i < resultBar.length; i++) {
      left += resultBar[i] * jacobianTimesDirection[i];
    }
    double right = 0;
    for (int j = 0; j < direction.length; j++) {
      right += transposeTimesResultBar[j] * direction[j];
    }
    double error = relativeError(right, left);
    return new Result(error <= tolerance, error, -1, right, left);
  }

  private static double relativeError(double expected, double actual) {
    return Math.abs(expected - actual) / Math.max(1.0, Math.abs(expected));
  }
}
