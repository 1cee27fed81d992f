package dev.cotangent.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 *
 * // or a whole holder, its fields matched by name:
 * r = GradientCheck.holder(g, GradientCheck.point().with("x", x), p -> C.f(p.array("x")), 1e-6);
 * }</pre>
 *
 * <p><b>Errors.</b> A gradient check compares each generated component g with the numerical one
 * n, whose own error e is estimated ({@link #difference}). The component passes when
 * <pre>  |g − n| ≤ max(tolerance·|n|, e)</pre>
 * that is, when its <em>relative</em> error {@code |g − n| / max(|n|, e / tolerance)} is at most
 * {@code tolerance}: relative to the component itself, with a floor below which central
 * differences cannot tell a value from zero. The floor grows with the function's scale (the
 * rounding of f's values divided by the step) and with the difference's truncation error, so a
 * gradient that is small because the function is small (1e-8·|x|²) is judged relative to its own
 * size, not to 1. A {@link Result} gives the worst component's relative and absolute error and
 * the difference's error estimate there.
 */
public final class GradientCheck {
  /** Bound on the rounding of f's values, in units of the last place of their magnitude. */
  private static final double ROUNDING_ULPS = 4;
  private static final double EPSILON = Math.ulp(1.0);

  private GradientCheck() {}

  /**
   * The outcome of a check, at its worst component.
   *
   * @param passed whether every component (or the dot product) agreed to the tolerance
   * @param worstError the worst relative error (see the class description)
   * @param worstIndex the worst component's index in the flattened gradient, or -1
   * @param expected the independent number there (numerical derivative, or ⟨Jᵀ·ȳ, ẋ⟩)
   * @param actual the generated number there
   * @param absoluteError {@code |expected − actual|}
   * @param noise the estimated error of {@code expected} (NaN for dot products)
   * @param component the worst component's name ({@code "x[2]"}), or null
   */
  public record Result(boolean passed, double worstError, int worstIndex, double expected,
      double actual, double absoluteError, double noise, String component) {
    /** A result with the absolute error derived from the two numbers and no error estimate. */
    public Result(boolean passed, double worstError, int worstIndex, double expected,
        double actual) {
      this(passed, worstError, worstIndex, expected, actual, Math.abs(expected - actual),
          Double.NaN, null);
    }

    /** The worst relative error, the same as {@link #worstError()}. */
    public double relativeError() {
      return worstError;
    }

    @Override
    public String toString() {
      String where = component != null ? " at " + component
          : worstIndex >= 0 ? " at index " + worstIndex : "";
      return (passed ? "passed" : "FAILED") + ": worst relative error " + worstError + where
          + " (expected " + expected + ", got " + actual + "; absolute error " + absoluteError
          + (Double.isNaN(noise) ? "" : ", numerical error estimate " + noise) + ")";
    }
  }

  /**
   * A central difference with an estimate of its own error.
   *
   * @param value the derivative, as {@link #centralDifference} computes it
   * @param error the estimated error of {@code value}: twice the change when the step is
   *     halved once more (which bounds the truncation error and samples rounding noise), plus a
   *     bound on rounding, 3·4 ulps of f's largest value divided by the step, plus the error of
   *     the step itself
   */
  public record Difference(double value, double error) {}

  /**
   * ∂f/∂x by central differences with Richardson extrapolation:
   * (4·D(h/2) − D(h)) / 3 with D(h) = (f(x+h) − f(x−h)) / 2h and h = 1e-3·max(1, |x|).
   * The error is O(h⁴) where f is smooth around x.
   */
  public static double centralDifference(DoubleUnaryOperator f, double x) {
    double h = step(x);
    return richardson(central(f, x, h), central(f, x, h / 2));
  }

  /**
   * {@link #centralDifference} with its error estimate, from two more evaluations of f (at
   * x ± h/4). See {@link Difference#error()}.
   */
  public static Difference difference(DoubleUnaryOperator f, double x) {
    double h = step(x);
    double[] scale = new double[1];
    DoubleUnaryOperator measured = v -> {
      double y = f.applyAsDouble(v);
      scale[0] = Math.max(scale[0], Math.abs(y));
      return y;
    };
    double coarse = central(measured, x, h);
    double fine = central(measured, x, h / 2);
    double finer = central(measured, x, h / 4);
    double value = richardson(coarse, fine);
    double truncation = 2 * Math.abs(value - richardson(fine, finer));
    double rounding = 3 * ROUNDING_ULPS * EPSILON * scale[0] / h;
    double stepError = 2 * Math.ulp(x) / h * Math.abs(value);
    return new Difference(value, truncation + rounding + stepError);
  }

  /**
   * The gradient of {@code f} at {@code x}, one coordinate at a time. {@code f} gets a fresh copy
   * of {@code x} for every evaluation, so it may write into its argument.
   */
  public static double[] numericalGradient(ToDoubleFunction<double[]> f, double[] x) {
    double[] gradient = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      gradient[i] = centralDifference(coordinate(f, x, i), x[i]);
    }
    return gradient;
  }

  /**
   * Compares a generated gradient with central differences of {@code f} at {@code x}: passes when
   * every component's relative error is at most {@code tolerance} (see the class description).
   *
   * @throws IllegalArgumentException if the lengths differ or {@code tolerance} is not positive
   */
  public static Result gradient(double[] generated, ToDoubleFunction<double[]> f, double[] x,
      double tolerance) {
    return gradient(generated, f, x, tolerance, null);
  }

  /**
   * Compares a whole gradient holder with central differences of {@code f} at {@code at}: every
   * public {@code double}, {@code float}, {@code double[]} and {@code double[][]} field of the
   * holder except {@code value} is a component, matched by name with a value of {@code at}
   * ({@code with("x", x)} for the holder's field {@code x}). {@code f} gets a fresh copy of the
   * point for every evaluation. The errors are those of {@link #gradient}; the result names the
   * worst component ({@code "x[1]"}).
   *
   * <pre>{@code
   * CAdjoint.FGradient g = CAdjoint.f(a, x);
   * Result r = GradientCheck.holder(g, GradientCheck.point().with("a", a).with("x", x),
   *     p -> C.f(p.scalar("a"), p.array("x")), 1e-8);
   * }</pre>
   *
   * @throws IllegalArgumentException if the point's names or shapes do not match the holder's
   *     fields, or a field has another type ({@code float[]})
   */
  public static Result holder(Object holder, Point at, ToDoubleFunction<Point> f,
      double tolerance) {
    HolderFields fields = HolderFields.of(holder, at);
    ToDoubleFunction<double[]> flat = v -> f.applyAsDouble(at.unflatten(v));
    return gradient(fields.gradient(), flat, at.flatten(), tolerance, fields.names());
  }

  /** An empty point; add the arguments with {@link Point#with}. */
  public static Point point() {
    return new Point();
  }

  private static Result gradient(double[] generated, ToDoubleFunction<double[]> f, double[] x,
      double tolerance, List<String> names) {
    if (generated.length != x.length) {
      throw new IllegalArgumentException("the gradient has " + generated.length
          + " components, the point " + x.length);
    }
    if (!(tolerance > 0)) {
      throw new IllegalArgumentException("the tolerance must be positive: " + tolerance);
    }
    Result worst = new Result(true, 0, -1, 0, 0, 0, 0, null);
    for (int i = 0; i < x.length; i++) {
      Difference n = difference(coordinate(f, x, i), x[i]);
      double absolute = Math.abs(generated[i] - n.value());
      double floor = Math.max(Math.abs(n.value()), n.error() / tolerance);
      double relative = absolute == 0 ? 0 : absolute / floor;
      if (worst.worstIndex() < 0 || relative > worst.worstError()
          || Double.isNaN(relative) && !Double.isNaN(worst.worstError())) {
        worst = new Result(false, relative, i, n.value(), generated[i], absolute, n.error(),
            names == null ? null : names.get(i));
      }
    }
    boolean passed = worst.worstError() <= tolerance;
    return new Result(passed, worst.worstError(), worst.worstIndex(), worst.expected(),
        worst.actual(), worst.absoluteError(), worst.noise(), worst.component());
  }

  /**
   * The dot-product test for a scalar function: the tangent along {@code direction} (from the
   * Tangent companion) must equal the gradient (from the Adjoint companion) dotted with it. The
   * relative error is the difference divided by Σ|gradient[i]·direction[i]|, the size of the
   * terms, so it measures rounding also where the sum cancels.
   */
  public static Result dotProduct(double tangent, double[] gradient, double[] direction,
      double tolerance) {
    double expected = 0;
    double scale = 0;
    for (int i = 0; i < gradient.length; i++) {
      expected += gradient[i] * direction[i];
      scale += Math.abs(gradient[i] * direction[i]);
    }
    return dotResult(expected, tangent, scale, tolerance);
  }

  /**
   * The dot-product test for a vector-valued function: ⟨ȳ, J·ẋ⟩ must equal ⟨Jᵀ·ȳ, ẋ⟩, given
   * J·ẋ from the Tangent companion and Jᵀ·ȳ from the pullback. The relative error is the
   * difference divided by the larger sum of the terms' magnitudes.
   */
  public static Result dotProduct(double[] resultBar, double[] jacobianTimesDirection,
      double[] transposeTimesResultBar, double[] direction, double tolerance) {
    double left = 0;
    double leftScale = 0;
    for (int i = 0; i < resultBar.length; i++) {
      left += resultBar[i] * jacobianTimesDirection[i];
      leftScale += Math.abs(resultBar[i] * jacobianTimesDirection[i]);
    }
    double right = 0;
    double rightScale = 0;
    for (int j = 0; j < direction.length; j++) {
      right += transposeTimesResultBar[j] * direction[j];
      rightScale += Math.abs(transposeTimesResultBar[j] * direction[j]);
    }
    return dotResult(right, left, Math.max(leftScale, rightScale), tolerance);
  }

  private static Result dotResult(double expected, double actual, double scale,
      double tolerance) {
    double absolute = Math.abs(expected - actual);
    double relative = absolute == 0 ? 0 : absolute / scale;
    return new Result(relative <= tolerance, relative, -1, expected, actual, absolute,
        Double.NaN, null);
  }

  private static DoubleUnaryOperator coordinate(ToDoubleFunction<double[]> f, double[] x,
      int index) {
    return value -> {
      double[] copy = x.clone();
      copy[index] = value;
      return f.applyAsDouble(copy);
    };
  }

  private static double step(double x) {
    return 1e-3 * Math.max(1.0, Math.abs(x));
  }

  private static double central(DoubleUnaryOperator f, double x, double h) {
    return (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
  }

  private static double richardson(double coarse, double fine) {
    return (4 * fine - coarse) / 3;
  }

  /**
   * Named arguments for {@link #holder}: {@code double}s, {@code double[]}s and
   * {@code double[][]}s, in the order they were added. The getters return this point's own
   * arrays: the check gives the function a fresh point for every evaluation.
   */
  public static final class Point {
    private final Map<String, Object> values = new LinkedHashMap<>();

    private Point() {}

    /** Adds (or replaces) a scalar argument. */
    public Point with(String name, double value) {
      values.put(name, value);
      return this;
    }

    /** Adds (or replaces) an array argument; the point keeps a copy. */
    public Point with(String name, double[] value) {
      values.put(name, value.clone());
      return this;
    }

    /** Adds (or replaces) a matrix argument; the point keeps a copy (rows may differ in length). */
    public Point with(String name, double[][] value) {
      double[][] copy = new double[value.length][];
      for (int i = 0; i < value.length; i++) {
        copy[i] = value[i].clone();
      }
      values.put(name, copy);
      return this;
    }

    /** The scalar argument {@code name}. */
    public double scalar(String name) {
      return get(name, Double.class);
    }

    /** The array argument {@code name}. */
    public double[] array(String name) {
      return get(name, double[].class);
    }

    /** The matrix argument {@code name}. */
    public double[][] matrix(String name) {
      return get(name, double[][].class);
    }

    Map<String, Object> values() {
      return values;
    }

    private <T> T get(String name, Class<T> type) {
      Object value = values.get(name);
      if (!type.isInstance(value)) {
        throw new IllegalArgumentException(value == null ? "the point has no argument " + name
            + " (it has " + values.keySet() + ")" : "the argument " + name + " is not a "
            + type.getSimpleName().replace("Double", "double"));
      }
      return type.cast(value);
    }

    /** The values, arrays row by row, in the order they were added. */
    double[] flatten() {
      double[] flat = new double[size()];
      int at = 0;
      for (Object value : values.values()) {
        if (value instanceof Double d) {
          flat[at++] = d;
        } else if (value instanceof double[] a) {
          System.arraycopy(a, 0, flat, at, a.length);
          at += a.length;
        } else {
          for (double[] row : (double[][]) value) {
            System.arraycopy(row, 0, flat, at, row.length);
            at += row.length;
          }
        }
      }
      return flat;
    }

    /** A new point of this shape holding {@code flat}. */
    Point unflatten(double[] flat) {
      Point point = new Point();
      int at = 0;
      for (Map.Entry<String, Object> e : values.entrySet()) {
        if (e.getValue() instanceof Double) {
          point.values.put(e.getKey(), flat[at++]);
        } else if (e.getValue() instanceof double[] a) {
          point.values.put(e.getKey(), java.util.Arrays.copyOfRange(flat, at, at + a.length));
          at += a.length;
        } else {
          double[][] m = (double[][]) e.getValue();
          double[][] copy = new double[m.length][];
          for (int i = 0; i < m.length; i++) {
            copy[i] = java.util.Arrays.copyOfRange(flat, at, at + m[i].length);
            at += m[i].length;
          }
          point.values.put(e.getKey(), copy);
        }
      }
      return point;
    }

    private int size() {
      int n = 0;
      for (Object value : values.values()) {
        if (value instanceof Double) {
          n++;
        } else if (value instanceof double[] a) {
          n += a.length;
        } else {
          for (double[] row : (double[][]) value) {
            n += row.length;
          }
        }
      }
      return n;
    }
  }
}
