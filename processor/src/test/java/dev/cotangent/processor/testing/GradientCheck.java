package dev.cotangent.processor.testing;

import dev.cotangent.processor.testing.DifferentiableMethod.CompanionException;
import dev.cotangent.runtime.Dual;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;

/**
 * Checks every generated companion of one {@code @Differentiable} method at seeded random points
 * (plus any explicit ones) against finite differences of the original and against each other.
 *
 * <pre>{@code
 * GradientCheck.of(sources, "p.C", "f")
 *     .differentiable("x", "y")
 *     .uniform("x", -2, 2).uniform("y", 0.5, 3).ints("n", 1, 5).fixed("k", 2.5)
 *     .where("x away from the branch at 1", p -> Math.abs(p.d("x") - 1) > 0.05)
 *     .checkAll();
 * }</pre>
 *
 * <p>At each point {@link #checkAll()} checks
 *
 * <ul>
 *   <li>the adjoint gradient against central differences with Richardson extrapolation;
 *   <li>the tangent along a random direction against the numerical directional derivative, and the
 *       tangent along each unit direction against the adjoint gradient;
 *   <li>the dot-product test {@code ȳ·(J·ẋ) = (Jᵀȳ)·ẋ} between tangent and pullback;
 *   <li>the pullback contract: with fields pre-filled and a seed s ≠ 1 each field becomes
 *       {@code prefill + s·∂f/∂p}, {@code into.value} is set and the return value is f's value;
 *   <li>that every companion's value equals the original's bit for bit, that a second call gives
 *       the same bits, and that {@code clear()} zeroes every field.
 * </ul>
 *
 * <p>A random point is used only if the finite-difference reference is stable there (the
 * extrapolations with steps 2h, h and h/4 agree): that keeps stencils from straddling a branch or a
 * kink. It depends on the original method alone, never on generated code. Explicit points are
 * never skipped: an unstable reference there is a failure.
 */
public final class GradientCheck {
  /** Relative agreement demanded between two AD results (tangent vs adjoint, pullback vs gradient). */
  public static final double CONSISTENCY_RELATIVE = 1e-9;

  /** Absolute floor of that agreement, for results that are zero up to rounding. */
  public static final double CONSISTENCY_ABSOLUTE = 1e-12;

  private static final int MAX_REPORTED = 25;

  private final CompiledSources sources;
  private final String className;
  private final String methodName;
  private final Class<?>[] parameterTypes;
  private List<String> differentiable;
  private final Map<String, BiFunction<Random, Point, Object>> generators = new LinkedHashMap<>();
  private final List<Guard> guards = new ArrayList<>();
  private final List<Guard> coverage = new ArrayList<>();
  private final List<Object[]> explicitPoints = new ArrayList<>();
  private int points = 6;
  private Long seed;
  private double relativeTolerance = 1e-6;
  private double relativeStep = 1e-3;

  private record Guard(String description, Predicate<Point> test) {}

  private GradientCheck(
      CompiledSources sources, String className, String methodName, Class<?>[] parameterTypes) {
    this.sources = sources;
    this.className = className;
    this.methodName = methodName;
    this.parameterTypes = parameterTypes;
  }

  /** A check of {@code className.methodName}; give parameter types if the name is overloaded. */
  public static GradientCheck of(
      CompiledSources sources, String className, String methodName, Class<?>... parameterTypes) {
    return new GradientCheck(
        sources, className, methodName, parameterTypes.length == 0 ? null : parameterTypes);
  }

  /**
   * A check of the function of a group stored under the key {@code methodName} (compiled with the
   * whole group when it compiles, else alone).
   */
  public static GradientCheck of(FunctionGroup group, String methodName, Class<?>... parameterTypes) {
    return of(group.sourcesFor(methodName), group.className(), methodName, parameterTypes);
  }

  /** The differentiable parameters (checked against the holder's fields). */
  public GradientCheck differentiable(String... names) {
    this.differentiable = List.of(names);
    return this;
  }

  /** Draws a double parameter uniformly from [lo, hi). Unspecified doubles use [−2, 2). */
  public GradientCheck uniform(String name, double lo, double hi) {
    if (!(lo < hi)) {
      throw new IllegalArgumentException(name + ": empty range");
    }
    generators.put(name, (r, p) -> lo + (hi - lo) * r.nextDouble());
    return this;
  }

  /** Draws an int or long parameter uniformly from [lo, hi], inclusive. */
  public GradientCheck ints(String name, int lo, int hi) {
    if (lo > hi) {
      throw new IllegalArgumentException(name + ": empty range");
    }
    generators.put(name, (r, p) -> lo + r.nextInt(hi - lo + 1));
    return this;
  }

  /** Draws a boolean parameter at random. */
  public GradientCheck bools(String name) {
    generators.put(name, (r, p) -> r.nextBoolean());
    return this;
  }

  /** Holds a parameter at one value (an array is copied for every call). */
  public GradientCheck fixed(String name, Object value) {
    Object kept = Values.copy(value);
    generators.put(name, (r, p) -> Values.copy(kept));
    return this;
  }

  /** Draws a {@code double[]} of the given length, elements uniform in [lo, hi). */
  public GradientCheck uniformArray(String name, int length, double lo, double hi) {
    return uniformArray(name, length, length, lo, hi);
  }

  /**
   * Draws a {@code double[]} whose length is uniform in [minLength, maxLength], elements uniform in
   * [lo, hi).
   */
  public GradientCheck uniformArray(String name, int minLength, int maxLength, double lo, double hi) {
    if (!(lo < hi) || minLength > maxLength || minLength < 0) {
      throw new IllegalArgumentException(name + ": empty range");
    }
    generators.put(
        name,
        (r, p) -> {
          double[] a = new double[minLength + r.nextInt(maxLength - minLength + 1)];
          for (int i = 0; i < a.length; i++) {
            a[i] = lo + (hi - lo) * r.nextDouble();
          }
          return a;
        });
    return this;
  }

  /** Draws a rows × cols {@code double[][]}, elements uniform in [lo, hi). */
  public GradientCheck uniformMatrix(String name, int rows, int cols, double lo, double hi) {
    if (!(lo < hi) || rows < 0 || cols < 0) {
      throw new IllegalArgumentException(name + ": empty range");
    }
    generators.put(
        name,
        (r, p) -> {
          double[][] m = new double[rows][cols];
          for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
              row[j] = lo + (hi - lo) * r.nextDouble();
            }
          }
          return m;
        });
    return this;
  }

  /** Draws an {@code int[]} holding a random permutation of 0 … n−1. */
  public GradientCheck permutation(String name, int n) {
    generators.put(
        name,
        (r, p) -> {
          int[] perm = new int[n];
          for (int i = 0; i < n; i++) {
            perm[i] = i;
          }
          for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
          }
          return perm;
        });
    return this;
  }

  /**
   * Draws a parameter with a function of the random source and of the parameters before it
   * (parameters are drawn in parameter order; later ones are null in the Point), e.g. a vector
   * whose length is a matrix's column count.
   */
  public GradientCheck generate(String name, BiFunction<Random, Point, Object> generator) {
    generators.put(name, generator);
    return this;
  }

  /** Uses only random points that pass the predicate (e.g. away from a known branch switch). */
  public GradientCheck where(String description, Predicate<Point> accept) {
    guards.add(new Guard(description, accept));
    return this;
  }

  /** Demands that at least one checked point satisfies the predicate (e.g. each branch is taken). */
  public GradientCheck covering(String description, Predicate<Point> predicate) {
    coverage.add(new Guard(description, predicate));
    return this;
  }

  /** Also checks this point (arguments in parameter order); never skipped. */
  public GradientCheck at(Object... args) {
    explicitPoints.add(args.clone());
    return this;
  }

  /** How many random points to check (default 6). */
  public GradientCheck points(int count) {
    this.points = count;
    return this;
  }

  /** The random seed (default: derived from the method's signature, so runs repeat). */
  public GradientCheck seed(long seed) {
    this.seed = seed;
    return this;
  }

  /** Relative tolerance against finite differences, relative to max(1, |reference|). */
  public GradientCheck tolerance(double relative) {
    this.relativeTolerance = relative;
    return this;
  }

  /** Finite-difference step relative to max(1, |x|) (default 1e-3). */
  public GradientCheck relativeStep(double relative) {
    this.relativeStep = relative;
    return this;
  }

  /** What a successful check covered. */
  public record Summary(int pointsChecked, int randomPointsRejected, Map<String, Integer> rejections) {}

  /** Why a point cannot be used: a short category (for counts) and the numbers (for messages). */
  private record Unusable(String category, String detail) {}

  private record Sample(
      Point point,
      double value,
      Object[] after,
      Coordinates coordinates,
      double[] gradient,
      double[] direction,
      double directional,
      Coordinates finalCoordinates,
      double[] finalTangent,
      double seed) {}

  /** Runs every check; throws an AssertionError naming the function, point and numbers on failure. */
  public Summary checkAll() {
    Method original =
        DifferentiableMethod.findOriginal(sources, className, methodName, parameterTypes);
    String[] names = DifferentiableMethod.parameterNames(original);
    if (names == null) {
      throw new AssertionError("parameter names missing: compile with -parameters");
    }
    Class<?>[] types = original.getParameterTypes();
    DifferentiableMethod method =
        sources.companionsExpected()
            ? DifferentiableMethod.resolve(sources, className, methodName, parameterTypes, differentiable)
            : null;
    String what = DifferentiableMethod.describe(className, original);
    int[] diff = method != null ? method.differentiableIndices() : statedDifferentiable(names, types);

    for (String name : generators.keySet()) {
      if (!Arrays.asList(names).contains(name)) {
        throw new IllegalArgumentException(what + " has no parameter " + name);
      }
    }
    for (Class<?> t : types) {
      if (!Values.supported(t)) {
        throw new IllegalArgumentException(what + ": unsupported parameter type " + t.getSimpleName());
      }
    }
    List<BiFunction<Random, Point, Object>> draw = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      BiFunction<Random, Point, Object> g = generators.get(names[i]);
      if (g == null) {
        if (types[i] != double.class) {
          throw new IllegalArgumentException(what + ": say how to choose " + names[i]);
        }
        g = (r, p) -> -2 + 4 * r.nextDouble();
      }
      draw.add(g);
    }

    long actualSeed = seed != null ? seed : what.hashCode();
    Random random = new Random(actualSeed);
    List<String> failures = new ArrayList<>();
    List<Sample> samples = new ArrayList<>();
    Map<String, Integer> rejections = new TreeMap<>();

    for (Object[] raw : explicitPoints) {
      Point p = new Point(names, convert(what, names, types, raw));
      Object sample = sample(original, names, p, diff, random);
      if (sample instanceof Unusable problem) {
        failures.add(what + " at explicit point " + p + ": " + problem.detail());
      } else {
        samples.add((Sample) sample);
      }
    }
    int accepted = 0;
    int attempts = 0;
    int maxAttempts = 40 * points + 100;
    while (accepted < points && attempts < maxAttempts) {
      attempts++;
      Object[] args = new Object[names.length];
      for (int i = 0; i < args.length; i++) {
        Point drawn = new Point(names, args.clone());
        args[i] = convert(what, names[i], types[i], draw.get(i).apply(random, drawn));
      }
      Point p = new Point(names, args);
      Object sample = null;
      for (Guard g : guards) {
        if (!g.test().test(p)) {
          sample = new Unusable("where: " + g.description(), "");
          break;
        }
      }
      if (sample == null) {
        sample = sample(original, names, p, diff, random);
      }
      if (sample instanceof Unusable reason) {
        rejections.merge(reason.category(), 1, Integer::sum);
        continue;
      }
      samples.add((Sample) sample);
      accepted++;
    }
    if (accepted < points) {
      failures.add(
          what + ": only " + accepted + " of " + points + " random points usable after " + attempts
              + " draws (seed " + actualSeed + "); rejected: " + rejections
              + " — choose other ranges or guards");
    }
    for (Guard c : coverage) {
      if (samples.stream().noneMatch(s -> c.test().test(s.point()))) {
        failures.add(what + ": no checked point covers '" + c.description() + "' (seed " + actualSeed + ")");
      }
    }

    if (method != null) {
      for (String problem : method.contractProblems()) {
        failures.add(what + ": generated code does not follow the contract: " + problem);
      }
      for (Sample s : samples) {
        checkCompanions(method, what, s, failures);
      }
    }
    if (!failures.isEmpty()) {
      StringBuilder out = new StringBuilder();
      out.append(what)
          .append(": ")
          .append(failures.size())
          .append(" failed check(s) over ")
          .append(samples.size())
          .append(" point(s), seed ")
          .append(actualSeed)
          .append('\n');
      for (int k = 0; k < Math.min(MAX_REPORTED, failures.size()); k++) {
        out.append("  ").append(failures.get(k)).append('\n');
      }
      if (failures.size() > MAX_REPORTED) {
        out.append("  ... and ").append(failures.size() - MAX_REPORTED).append(" more\n");
      }
      out.append("  (generated sources are written under target/cotangent-generated/)");
      throw new AssertionError(out.toString());
    }
    Summary summary = new Summary(samples.size(), attempts - accepted, rejections);
    if (method == null) {
      Assumptions.abort(
          "reference-only mode: references of " + what + " are stable at " + samples.size()
              + " points (" + rejections + " rejected); companions not checked");
    }
    return summary;
  }

  private int[] statedDifferentiable(String[] names, Class<?>[] types) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      boolean isDiff =
          differentiable != null
              ? differentiable.contains(names[i])
              : types[i] == double.class || types[i] == double[].class || types[i] == double[][].class;
      if (isDiff) {
        out.add(i);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private static Object[] convert(String what, String[] names, Class<?>[] types, Object[] raw) {
    if (raw.length != types.length) {
      throw new IllegalArgumentException(what + ": explicit point needs " + types.length + " values");
    }
    Object[] out = new Object[raw.length];
    for (int i = 0; i < raw.length; i++) {
      out[i] = convert(what, names[i], types[i], raw[i]);
    }
    return out;
  }

  private static Object convert(String what, String name, Class<?> type, Object v) {
    if (type == double.class) {
      return ((Number) v).doubleValue();
    }
    if (type == int.class) {
      return ((Number) v).intValue();
    }
    if (type == long.class) {
      return ((Number) v).longValue();
    }
    if (type == boolean.class) {
      return (Boolean) v;
    }
    if (type == byte.class) {
      return ((Number) v).byteValue();
    }
    if (type == short.class) {
      return ((Number) v).shortValue();
    }
    if (type == char.class || type == String.class || type.isEnum()) {
      return v;
    }
    if (type.isArray() && Values.supported(type)) {
      if (!type.isInstance(v)) {
        throw new IllegalArgumentException(
            what + ": " + name + " must be a " + type.getSimpleName() + ", got " + Values.show(v));
      }
      if (v instanceof double[][] m) {
        for (double[] row : m) {
          if (row == null) {
            throw new IllegalArgumentException(what + ": " + name + " has a null row");
          }
        }
      }
      return Values.copy(v);
    }
    throw new IllegalArgumentException(what + ": unsupported parameter type " + type);
  }

  /** Indices of the differentiable array parameters. */
  private static int[] arrayParameters(Class<?>[] types, int[] diff) {
    return Arrays.stream(diff).filter(i -> types[i].isArray()).toArray();
  }

  /** The reference at a point: a Sample, or an Unusable saying why the point cannot be used. */
  private Object sample(Method original, String[] names, Point p, int[] diff, Random random) {
    Object[] args = p.args();
    Class<?>[] types = original.getParameterTypes();
    Object[] after = p.args();
    double value;
    try {
      value = call(original, after);
    } catch (RuntimeException e) {
      return new Unusable("original threw", "original threw " + e);
    }
    if (!Double.isFinite(value)) {
      return new Unusable("original not finite", "original is not finite (" + value + ")");
    }
    Object[] again = p.args();
    double value2 = call(original, again);
    if (Double.doubleToLongBits(value2) != Double.doubleToLongBits(value)) {
      return new Unusable("original not deterministic", "original gave " + value + " then " + value2);
    }
    Coordinates coords = Coordinates.of(names, diff, args);
    double[] gradient = new double[coords.size()];
    for (int c = 0; c < coords.size(); c++) {
      double[] unit = new double[coords.size()];
      unit[c] = 1;
      double h = Numerics.step(relativeStep, coords.get(args, c));
      Object estimate = estimate(original, args, coords, unit, h);
      if (estimate instanceof Unusable problem) {
        String name = "∂f/∂" + coords.label(c);
        return new Unusable(name + ": " + problem.category(), name + ": " + problem.detail());
      }
      gradient[c] = (Double) estimate;
    }
    double[] direction = new double[coords.size()];
    double largest = 0;
    double scale = 0;
    while (coords.size() > 0 && largest < 0.25) {
      largest = 0;
      for (int c = 0; c < coords.size(); c++) {
        direction[c] = -1 + 2 * random.nextDouble();
        largest = Math.max(largest, Math.abs(direction[c]));
      }
    }
    for (int c = 0; c < coords.size(); c++) {
      scale = Math.max(scale, Math.abs(coords.get(args, c)));
    }
    double directional = 0;
    double h = Numerics.step(relativeStep, scale);
    if (coords.size() > 0) {
      Object estimate = estimate(original, args, coords, direction, h);
      if (estimate instanceof Unusable problem) {
        return new Unusable(
            "directional: " + problem.category(), "directional derivative: " + problem.detail());
      }
      directional = (Double) estimate;
    }
    // the tangent of the differentiable arrays' final contents along the direction
    int[] arrays = arrayParameters(types, diff);
    Coordinates finalCoords = null;
    double[] finalTangent = new double[0];
    if (arrays.length > 0 && coords.size() > 0) {
      finalCoords = Coordinates.of(names, arrays, after);
      Coordinates fc = finalCoords;
      Numerics.Estimate[] es;
      try {
        es =
            Numerics.derivatives(
                t -> {
                  Object[] moved = moved(args, coords, direction, t);
                  call(original, moved);
                  try {
                    return fc.flatten(moved);
                  } catch (RuntimeException shape) {
                    throw new IllegalStateException("final arrays change shape near the point", shape);
                  }
                },
                h);
      } catch (RuntimeException ex) {
        return new Unusable("original threw nearby", "original threw " + ex + " near the point");
      }
      finalTangent = new double[es.length];
      for (int c = 0; c < es.length; c++) {
        double tolerance = relativeTolerance * Math.max(1, Math.abs(es[c].value()));
        if (!(es[c].spread() <= 0.1 * tolerance)) {
          return new Unusable(
              "final contents: unstable reference",
              "tangent of the final contents of " + fc.label(c)
                  + ": numerical reference unstable: " + es[c].describe());
        }
        finalTangent[c] = es[c].value();
      }
    }
    double seedValue = (0.5 + 1.5 * random.nextDouble()) * (random.nextBoolean() ? 1 : -1);
    return new Sample(
        p, value, after, coords, gradient, direction, directional, finalCoords, finalTangent, seedValue);
  }

  /** A fresh deep copy of {@code base} moved by t·v along the coordinates. */
  private static Object[] moved(Object[] base, Coordinates coords, double[] v, double t) {
    Object[] moved = Values.copyAll(base);
    for (int c = 0; c < coords.size(); c++) {
      if (v[c] != 0) {
        coords.set(moved, c, coords.get(base, c) + t * v[c]);
      }
    }
    return moved;
  }

  /** Richardson estimate of the derivative along v, or an Unusable when it is not trustworthy. */
  private Object estimate(Method original, Object[] base, Coordinates coords, double[] v, double h) {
    DoubleUnaryOperator g = t -> call(original, moved(base, coords, v, t));
    Numerics.Estimate e = null;
    // A function that varies fast (a simulation amplifying its input) needs a finer step: try
    // h, h/10 and h/100; the three estimates of a step must still agree, so a stencil across a
    // branch or kink is never trusted.
    for (double step = h; step >= h / 100; step /= 10) {
      try {
        e = Numerics.derivative(g, step);
      } catch (RuntimeException ex) {
        return new Unusable("original threw nearby", "original threw " + ex + " near the point");
      }
      // The three estimates must agree well within the tolerance the companions are held to.
      double tolerance = relativeTolerance * Math.max(1, Math.abs(e.value()));
      if (e.spread() <= 0.1 * tolerance) {
        return e.value();
      }
    }
    return new Unusable(
        "unstable reference",
        "numerical reference unstable (a stencil crosses a branch or kink?): " + e.describe());
  }

  private static double call(Method m, Object[] args) {
    try {
      return (Double) m.invoke(null, args);
    } catch (java.lang.reflect.InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  // ------------------------------------------------------------------ companion checks

  /** The caller's arrays after a companion must hold what they hold after the original. */
  private static void sameArrays(
      List<String> failures, String at, String role, String[] names, Object[] after, Object[] args) {
    for (int i = 0; i < args.length; i++) {
      if (!args[i].getClass().isArray()) {
        continue;
      }
      String d = Values.firstDifference(names[i], after[i], args[i]);
      if (d != null) {
        failures.add(
            at + ": after " + role + " the caller's array " + d
                + " (what the original leaves there; must be equal bit for bit)");
      }
    }
  }

  /** The holder's arrays: shaped like the arguments, zero when fresh, never the caller's arrays. */
  private static void checkHolderArrays(
      List<String> failures, String at, String role, DifferentiableMethod m, Object holder,
      Object[] templates, boolean fresh) {
    int[] diff = m.differentiableIndices();
    List<String> names = m.differentiableNames();
    for (int k = 0; k < diff.length; k++) {
      Object field = m.holderField(holder, k);
      Object template = templates[diff[k]];
      if (!template.getClass().isArray()) {
        continue;
      }
      String name = role + "." + names.get(k);
      if (field == null) {
        failures.add(at + ": " + name + " is null");
        continue;
      }
      if (!Values.sameShape(field, template)) {
        failures.add(
            at + ": " + name + " is " + Values.shape(field) + " but the argument is "
                + Values.shape(template));
        continue;
      }
      if (field == template) {
        failures.add(at + ": " + name + " is the caller's array itself, not a new one");
      }
      if (field instanceof double[][] rows) {
        java.util.Set<Object> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (int i = 0; i < rows.length; i++) {
          if (rows[i] == ((double[][]) template)[i]) {
            failures.add(at + ": " + name + "[" + i + "] is the caller's row itself, not a new one");
          }
          if (!seen.add(rows[i])) {
            failures.add(at + ": " + name + "[" + i + "] is the same array as an earlier row");
          }
        }
      }
      if (fresh) {
        String d = Values.firstDifference(name, Values.copy(zerosLike(template)), field);
        if (d != null) {
          failures.add(at + ": a new holder is not zero: " + d);
        }
      }
    }
  }

  private static Object zerosLike(Object template) {
    if (template instanceof double[] a) {
      return new double[a.length];
    }
    double[][] m = (double[][]) template;
    double[][] z = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      z[i] = new double[m[i].length];
    }
    return z;
  }

  private static String dotLabel(Coordinates coords, int c, String[] names) {
    String label = coords.label(c);
    String name = names[coords.parameter(c)];
    return name + "Dot" + label.substring(name.length());
  }

  private void checkCompanions(DifferentiableMethod m, String what, Sample s, List<String> failures) {
    String at = what + " at " + s.point();
    String[] pnames = m.parameterNames();
    Coordinates coords = s.coordinates();
    Object[] after = s.after();
    double v = s.value();
    try {
      // value and gradient
      Object[] a = s.point().args();
      Object holder = m.gradient(a);
      sameArrays(failures, at, "CAdjoint f(args)", pnames, after, a);
      checkHolderArrays(failures, at, "the holder CAdjoint f(args) returns", m, holder, a, false);
      double[] g = m.holderGradient(holder);
      sameBits(failures, at, "CAdjoint f(args).value", m.holderValue(holder), v);
      if (g.length != coords.size()) {
        failures.add(at + ": the holder has " + g.length + " gradient coordinates, expected " + coords.size());
        return;
      }
      for (int k = 0; k < g.length; k++) {
        double ref = s.gradient()[k];
        double tol = relativeTolerance * Math.max(1, Math.abs(ref));
        if (!Numerics.within(g[k], ref, tol)) {
          failures.add(
              at + ": ∂f/∂" + coords.label(k) + ": adjoint gradient = " + g[k]
                  + ", numerical (Richardson) = " + ref + ", |difference| = " + Math.abs(g[k] - ref)
                  + " > tolerance " + tol);
        }
      }
      a = s.point().args();
      Object again = m.gradient(a);
      sameArrays(failures, at, "a second call of CAdjoint f(args)", pnames, after, a);
      sameBits(failures, at, "second call of CAdjoint f(args).value", m.holderValue(again), v);
      double[] g2 = m.holderGradient(again);
      for (int k = 0; k < g.length; k++) {
        if (Double.doubleToLongBits(g2[k]) != Double.doubleToLongBits(g[k])) {
          failures.add(
              at + ": ∂f/∂" + coords.label(k) + ": a second call of CAdjoint f(args) gave " + g2[k]
                  + ", the first " + g[k]);
        }
      }

      // tangent along a random direction, and along each unit direction
      {
        a = s.point().args();
        Object[] dots = coords.unflatten(s.direction(), a);
        Dual t = m.tangentWith(a, dots);
        sameArrays(failures, at, "CTangent f", pnames, after, a);
        sameBits(failures, at, "CTangent value", t.value(), v);
        double ref = s.directional();
        double tol = relativeTolerance * Math.max(1, Math.abs(ref));
        if (!Numerics.within(t.tangent(), ref, tol)) {
          failures.add(
              at + ": tangent along " + Arrays.toString(s.direction()) + " = " + t.tangent()
                  + ", numerical directional derivative = " + ref + ", |difference| = "
                  + Math.abs(t.tangent() - ref) + " > tolerance " + tol);
        }
        // array tangents are left holding the tangent of the arrays' final contents
        if (s.finalCoordinates() != null) {
          Coordinates fc = s.finalCoordinates();
          Object[] dotArgs = new Object[a.length];
          int[] diff = m.differentiableIndices();
          for (int k = 0; k < diff.length; k++) {
            dotArgs[diff[k]] = dots[k];
          }
          double[] finalDots;
          try {
            finalDots = fc.flatten(dotArgs);
          } catch (RuntimeException e) {
            finalDots = null;
            failures.add(at + ": after CTangent f the tangent arrays do not have the shapes of the final arrays: " + e);
          }
          for (int c = 0; finalDots != null && c < finalDots.length; c++) {
            double r = s.finalTangent()[c];
            double tl = relativeTolerance * Math.max(1, Math.abs(r));
            if (!Numerics.within(finalDots[c], r, tl)) {
              failures.add(
                  at + ": after CTangent f along " + Arrays.toString(s.direction()) + ", "
                      + dotLabel(fc, c, pnames) + " = " + finalDots[c]
                      + ", but the numerical tangent of " + fc.label(c) + "'s final contents = " + r
                      + " (|difference| " + Math.abs(finalDots[c] - r) + " > tolerance " + tl + ")");
            }
          }
        }
        for (int k = 0; k < g.length; k++) {
          double[] unit = new double[g.length];
          unit[k] = 1;
          Object[] au = s.point().args();
          Dual e = m.tangent(au, unit);
          if (k == 0) {
            sameArrays(failures, at, "CTangent f (unit direction)", pnames, after, au);
          }
          consistent(
              failures, at, "tangent with " + dotLabel(coords, k, pnames) + "=1 (others 0)", e.tangent(),
              "adjoint gradient ∂f/∂" + coords.label(k), g[k], Math.abs(g[k]));
        }

        // pullback into a fresh holder with seed ȳ, and the dot-product test
        double ybar = s.seed();
        a = s.point().args();
        Object fresh = m.newHolder(s.point().args());
        checkHolderArrays(failures, at, "new holder", m, fresh, a, true);
        double returned = m.pullback(a, ybar, fresh);
        sameArrays(failures, at, "the pullback", pnames, after, a);
        sameBits(failures, at, "pullback return value", returned, v);
        sameBits(failures, at, "pullback into.value", m.holderValue(fresh), v);
        double[] gb = m.holderGradient(fresh);
        double rhs = 0;
        double scale = Math.abs(ybar * t.tangent());
        for (int k = 0; k < g.length; k++) {
          consistent(
              failures, at, "pullback(seed ȳ=" + ybar + ") into a new holder: field " + coords.label(k),
              gb[k], "ȳ·∂f/∂" + coords.label(k), ybar * g[k], Math.abs(ybar * g[k]));
          rhs += gb[k] * s.direction()[k];
          scale += Math.abs(gb[k] * s.direction()[k]);
        }
        consistent(
            failures, at, "dot-product test: ȳ·(J·ẋ) with ȳ=" + ybar + ", ẋ=" + Arrays.toString(s.direction()),
            ybar * t.tangent(), "(Jᵀȳ)·ẋ", rhs, scale);
      }

      // the pullback adds into pre-filled fields (array elements too) and sets value
      Object into = m.newHolder(s.point().args());
      double[] prefill = new double[g.length];
      for (int k = 0; k < prefill.length; k++) {
        prefill[k] = (k % 2 == 0 ? 1 : -1) * (0.75 + 0.5 * (k % 7));
      }
      m.setHolder(into, -777.25, prefill);
      double seedValue = -1.75;
      a = s.point().args();
      double returned = m.pullback(a, seedValue, into);
      sameArrays(failures, at, "the pullback (pre-filled holder)", pnames, after, a);
      sameBits(failures, at, "pullback (pre-filled holder) return value", returned, v);
      sameBits(failures, at, "pullback (pre-filled holder) into.value", m.holderValue(into), v);
      double[] afterPull = m.holderGradient(into);
      for (int k = 0; k < g.length; k++) {
        double expected = prefill[k] + seedValue * g[k];
        consistent(
            failures, at, "pullback(seed " + seedValue + ") into field " + coords.label(k)
                + " pre-filled with " + prefill[k],
            afterPull[k], "prefill + seed·∂f/∂" + coords.label(k), expected,
            Math.abs(prefill[k]) + Math.abs(seedValue * g[k]));
      }

      // clear()
      Object[] arraysBefore = m.holderFields(into);
      m.clear(into);
      if (m.holderValue(into) != 0.0) {
        failures.add(at + ": after clear(), value = " + m.holderValue(into) + ", expected 0.0");
      }
      double[] cleared = m.holderGradient(into);
      for (int k = 0; k < cleared.length; k++) {
        if (cleared[k] != 0.0) {
          failures.add(at + ": after clear(), " + coords.label(k) + " = " + cleared[k] + ", expected 0.0");
        }
      }
      Object[] arraysAfter = m.holderFields(into);
      for (int k = 0; k < arraysAfter.length; k++) {
        if (arraysBefore[k].getClass().isArray() && arraysAfter[k] != arraysBefore[k]) {
          failures.add(at + ": clear() replaced the holder's array " + m.differentiableNames().get(k));
        }
      }
    } catch (CompanionException e) {
      failures.add(at + ": " + e.getMessage()
          + (e.getCause() == null ? "" : "\n" + stackTop(e.getCause())));
    }
  }

  private static String stackTop(Throwable t) {
    StringBuilder out = new StringBuilder("    " + t);
    StackTraceElement[] trace = t.getStackTrace();
    for (int i = 0; i < Math.min(6, trace.length); i++) {
      out.append("\n      at ").append(trace[i]);
    }
    return out.toString();
  }

  private static void sameBits(List<String> failures, String at, String role, double actual, double original) {
    if (Double.doubleToLongBits(actual) != Double.doubleToLongBits(original)) {
      failures.add(
          at + ": " + role + " = " + actual + " but the original returns " + original
              + " (must be equal bit for bit; difference " + (actual - original) + ")");
    }
  }

  private static void consistent(
      List<String> failures, String at, String role, double actual, String against, double expected,
      double scale) {
    double s = Math.max(scale, Math.max(Math.abs(actual), Math.abs(expected)));
    double tol = CONSISTENCY_RELATIVE * s + CONSISTENCY_ABSOLUTE;
    if (!Numerics.within(actual, expected, tol)) {
      failures.add(
          String.format(
              Locale.ROOT, "%s: %s = %s, but %s = %s (|difference| %s > tolerance %s)",
              at, role, actual, against, expected, Math.abs(actual - expected), tol));
    }
  }
}
