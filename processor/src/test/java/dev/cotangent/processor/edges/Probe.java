package dev.cotangent.processor.edges;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.DifferentiableMethod;
import dev.cotangent.runtime.Dual;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Runs every companion of a scalar method at one point and compares the results exactly with
 * values the test computes itself.
 *
 * <p>"Exactly" means: function values bit for bit (NaN, ±Infinity and the sign of zero included);
 * derivatives bit for bit, except that an expected zero accepts either sign and an expected NaN
 * accepts any NaN. Each point runs the adjoint {@code f(args)}, the pullback with seed 1 into a
 * fresh holder, and the tangent along every unit direction. The expected tangent along direction
 * k is the IEEE sum {@code Σ_j ∂f/∂x_j · δ_jk}, so an infinite or NaN partial turns the tangent
 * along another direction into NaN (0·∞), as the README documents for a zero tangent.
 */
final class Probe {
  private Probe() {}

  /** Compiles one class {@code pkg.cls} whose body is {@code members}, with the processor. */
  static CompiledSources compile(String pkg, String cls, String members) {
    String source =
        "package " + pkg + ";\n\n"
            + "import dev.cotangent.Differentiable;\n"
            + "import dev.cotangent.NoDerivative;\n\n"
            + "public class " + cls + " {\n"
            + members
            + "\n}\n";
    return CompiledSources.compile(source);
  }

  static void assumeCompanions() {
    assumeFalse(CompiledSources.referenceOnly(), "companions are not generated in reference-only mode");
  }

  /** Whether {@code actual} is the expected derivative in the sense of the class comment. */
  static boolean sameDerivative(double expected, double actual) {
    if (Double.isNaN(expected)) {
      return Double.isNaN(actual);
    }
    if (expected == 0.0) {
      return actual == 0.0;
    }
    return Double.doubleToRawLongBits(expected) == Double.doubleToRawLongBits(actual);
  }

  static boolean sameValue(double expected, double actual) {
    if (Double.isNaN(expected)) {
      // any NaN is "the same value" only when both are NaN; Java's Math never makes payloads matter
      return Double.isNaN(actual);
    }
    return Double.doubleToRawLongBits(expected) == Double.doubleToRawLongBits(actual);
  }

  static String show(double v) {
    if (v == 0.0) {
      return (Double.doubleToRawLongBits(v) < 0 ? "-" : "") + "0.0";
    }
    return Double.toString(v);
  }

  /**
   * Checks all companions of {@code m} at {@code args}: their values equal {@code expectedValue}
   * (and the original's value) bit for bit, and their derivatives equal {@code expectedGradient}
   * (one entry per differentiable parameter, in order).
   */
  static void check(
      DifferentiableMethod m, Object[] args, double expectedValue, double... expectedGradient) {
    checkWithTangents(m, args, expectedValue, expectedGradient, null);
  }

  /**
   * As {@link #check}, with explicit expected tangents along each unit direction; a null entry
   * checks only the tangent's value along that direction.
   */
  static void checkWithTangents(
      DifferentiableMethod m,
      Object[] args,
      double expectedValue,
      double[] expectedGradient,
      Double[] expectedTangents) {
    assumeCompanions();
    List<String> problems = new ArrayList<>();
    String at = m.signature() + " at " + Arrays.toString(args);

    double original = m.value(args);
    if (!sameValue(expectedValue, original)) {
      problems.add("original returned " + show(original) + ", the test expected " + show(expectedValue)
          + " (the test's own expectation is wrong)");
    }

    Object h = m.gradient(args);
    compareValue(problems, "adjoint f(args).value", original, m.holderValue(h));
    compareGradient(problems, "adjoint f(args)", expectedGradient, m.holderGradient(h));

    Object into = m.newHolder();
    double returned = m.pullback(args, 1.0, into);
    compareValue(problems, "pullback's return", original, returned);
    compareValue(problems, "pullback's into.value", original, m.holderValue(into));
    compareGradient(problems, "pullback(seed 1)", expectedGradient, m.holderGradient(into));

    int n = expectedGradient.length;
    for (int k = 0; k < n; k++) {
      double[] dots = new double[n];
      dots[k] = 1.0;
      Dual d = m.tangent(args, dots);
      compareValue(problems, "tangent e" + k + " value", original, d.value());
      double expected;
      if (expectedTangents != null) {
        if (expectedTangents[k] == null) {
          continue; // IEEE leaves this one open (e.g. 0·∞ vs. a fused quotient rule): value only
        }
        expected = expectedTangents[k];
      } else {
        expected = 0.0;
        for (int j = 0; j < n; j++) {
          expected += expectedGradient[j] * dots[j];
        }
      }
      if (!sameDerivative(expected, d.tangent())) {
        problems.add("tangent along e" + k + " (" + m.differentiableNames().get(k) + "): expected "
            + show(expected) + ", got " + show(d.tangent()));
      }
    }
    if (!problems.isEmpty()) {
      throw new AssertionError(at + ":\n  " + String.join("\n  ", problems));
    }
  }

  private static void compareValue(List<String> problems, String what, double original, double actual) {
    if (!sameValue(original, actual)) {
      problems.add(what + " is " + show(actual) + " (bits " + Long.toHexString(Double.doubleToRawLongBits(actual))
          + "), the original returns " + show(original) + " (bits "
          + Long.toHexString(Double.doubleToRawLongBits(original)) + ")");
    }
  }

  private static void compareGradient(List<String> problems, String what, double[] expected, double[] actual) {
    if (expected.length != actual.length) {
      problems.add(what + ": expected " + expected.length + " gradient entries, got " + actual.length);
      return;
    }
    for (int k = 0; k < expected.length; k++) {
      if (!sameDerivative(expected[k], actual[k])) {
        problems.add(String.format(Locale.ROOT, "%s: component %d expected %s, got %s (full: %s)",
            what, k, show(expected[k]), show(actual[k]), Arrays.toString(actual)));
      }
    }
  }
}
