package dev.cotangent.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.DifferentiableMethod;
import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.GradientCheck;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A statement whose adjoint reaches one target twice: squares ({@code x * x}, {@code x[i] * x[i]},
 * {@code (c * a) * a}), a variable in two terms, the same argument passed twice. The reverse sweep
 * propagates {@code 2 * x * bar} once for a square and merges the increments of one adjoint (or
 * one shadow element) within a statement; these tests check the gradients against closed forms
 * and finite differences, and that the generated code has one increment where it can and keeps
 * two where an element in between may be the same one.
 */
class RepeatedFactorsTest {
  private static final String PACKAGE = "behaviour.repeated";

  static final FunctionGroup REP =
      FunctionGroup.of(PACKAGE, "Rep")
          .members(
              """
              static double pq(double p, double q) {
                return p * q + p;
              }
              """)
          .function(
              "square",
              """
              @Differentiable
              public static double square(double x) {
                return x * x;
              }
              """)
          .function(
              "scaledSquare",
              """
              @Differentiable
              public static double scaledSquare(double c, double a) {
                double r = (c * a) * a;
                r += -a * a - (c * a) * (c * a);
                return r;
              }
              """)
          .function(
              "constantScaledSquares",
              """
              @Differentiable
              public static double constantScaledSquares(double a, @NoDerivative double k) {
                double r = 3 * a * a + (k * a) * a;
                r += a * (a * k) + a * (2.5 * a) + (a * k) * a;
                return r;
              }
              """)
          .function(
              "rosenbrock",
              """
              @Differentiable
              public static double rosenbrock(double[] x) {
                double sum = 0;
                for (int i = 0; i + 1 < x.length; i++) {
                  double a = x[i + 1] - x[i] * x[i];
                  double b = 1 - x[i];
                  sum += 100 * a * a + b * b;
                }
                return sum;
              }
              """)
          .function(
              "elementSquares",
              """
              @Differentiable
              public static double elementSquares(double[] a, double c, double y) {
                double[] b = new double[a.length];
                for (int i = 0; i < a.length; i++) {
                  b[i] = a[i] * a[i] + y * y;
                  b[i] += (c * a[i]) * a[i];
                }
                double s = 0;
                for (int i = 0; i < b.length; i++) {
                  s += b[i] * b[i];
                }
                return s;
              }
              """)
          .function(
              "inPlace",
              """
              @Differentiable
              public static double inPlace(double[] v, double x, int j) {
                v[0] += x * v[1] + x * v[0];
                v[1] = v[1] * v[j] + v[1];
                v[2] = v[2] * v[2] + v[2] * x;
                return v[0] * v[1] + v[0] + v[1] * v[2];
              }
              """)
          .function(
              "twoTerms",
              """
              @Differentiable
              public static double twoTerms(double x, double y, double w, int n) {
                double a = y - x - x * w;
                double b = x * y + x;
                for (int k = 0; k < n; k++) {
                  x = y * x + y;
                  y = x > 0 ? x * x + y : y * x;
                }
                return a * b + x * y + pq(w, w);
              }
              """);

  private static DifferentiableMethod method(String name) {
    assumeFalse(CompiledSources.referenceOnly(), "companions are not generated in reference-only mode");
    return REP.sourcesFor(name).method(REP.className(), name);
  }

  /** The pullback {@code name(..., seed, into)} in the generated adjoint class. */
  /**
   * The pullback of {@code name}, the longest if there are several (a method that writes into its
   * arrays has a short overload without the cotangents of their final contents).
   */
  private static String adjoint(String name) {
    assumeFalse(CompiledSources.referenceOnly(), "companions are not generated in reference-only mode");
    String source = REP.sourcesFor(name).generatedSource(REP.className() + "Adjoint");
    List<String> lines = source.lines().toList();
    String longest = null;
    StringBuilder method = new StringBuilder();
    boolean inside = false;
    for (String line : lines) {
      if (line.contains("static double " + name + "(") && line.contains("double seed")) {
        inside = true;
      }
      if (inside) {
        method.append(line).append('\n');
        if (line.equals("    }")) {
          if (longest == null || method.length() > longest.length()) {
            longest = method.toString();
          }
          method.setLength(0);
          inside = false;
        }
      }
    }
    if (longest == null) {
      throw new AssertionError("no pullback " + name + " in\n" + source);
    }
    return longest;
  }

  private static void near(double expected, double actual, String what) {
    assertEquals(expected, actual, 1e-13 * Math.max(1, Math.abs(expected)),
        what + ": expected " + expected + ", got " + actual);
  }

  /** How many lines of the source, trimmed, are exactly {@code line}. */
  private static long lines(String source, String line) {
    return source.lines().map(String::trim).filter(line::equals).count();
  }

  /** How many lines of the source, trimmed, start with {@code prefix}. */
  private static long starting(String source, String prefix) {
    return source.lines().map(String::trim).filter(line -> line.startsWith(prefix)).count();
  }

  /** No statement of the reverse sweep is followed by an identical one. */
  private static void noRepeatedLines(String source) {
    List<String> lines = source.lines().map(String::trim).toList();
    for (int k = 1; k < lines.size(); k++) {
      String line = lines.get(k);
      assertTrue(!line.contains("Bar") || !line.equals(lines.get(k - 1)),
          "repeated line " + k + " '" + line + "' in\n" + source);
    }
  }

  @Test
  void squareHasOneIncrement() {
    DifferentiableMethod m = method("square");
    for (double x : new double[] {-2.5, -0.3, 0.0, 0.7, 4.0}) {
      near(2 * x, m.gradientAt(x).get(0), "d(x*x)/dx at " + x);
    }
    GradientCheck.of(REP, "square").checkAll();
    String source = adjoint("square");
    assertEquals(1, lines(source, "xBar = 2 * x * resultBar;"), source);
  }

  @Test
  void scaledSquareAndSquaresOfProducts() {
    // r = c a² - a² - c² a²: ∂r/∂c = a² - 2 c a², ∂r/∂a = 2 c a - 2 a - 2 c² a
    DifferentiableMethod m = method("scaledSquare");
    for (double[] p : new double[][] {{0.5, 2.0}, {-1.25, 0.75}, {3.0, -0.4}, {0.0, 1.5}}) {
      double c = p[0];
      double a = p[1];
      DifferentiableMethod.Gradient g = m.gradientAt(c, a);
      near(a * a - 2 * c * a * a, g.get(0), "∂r/∂c at " + c + ", " + a);
      near(2 * c * a - 2 * a - 2 * c * c * a, g.get(1), "∂r/∂a at " + c + ", " + a);
    }
    GradientCheck.of(REP, "scaledSquare").checkAll();
    String source = adjoint("scaledSquare");
    noRepeatedLines(source);
    // one increment of aBar per statement (c * bar + t * rBar, and c * bar - 2 * (a * rBar)),
    // and the two statements' increments merged into one
    // (into one assignment: aBar and cBar are zero until then)
    assertEquals(1, starting(source, "aBar = "), source);
    assertEquals(0, starting(source, "aBar += ") + starting(source, "aBar -= "), source);
    assertEquals(1, starting(source, "cBar = "), source);
  }

  @Test
  void squaresScaledByAConstantHaveOneProductInBothModes() {
    // r = (5.5 + 3k) a²: dr/da = 2 (5.5 + 3k) a
    DifferentiableMethod m = method("constantScaledSquares");
    for (double[] p : new double[][] {{0.5, 2.0}, {-1.25, 0.75}, {3.0, -0.4}, {0.0, 1.5}}) {
      double a = p[0];
      double k = p[1];
      double expected = 2 * (5.5 + 3 * k) * a;
      near(expected, m.gradientAt(a, k).get(0), "dr/da at " + a + ", " + k);
      near(expected * 0.75, m.tangent(new Object[] {a, k}, new double[] {0.75}).tangent(),
          "tangent along 0.75 at " + a + ", " + k);
    }
    GradientCheck.of(REP, "constantScaledSquares").fixed("k", 1.75).checkAll();
    String source = adjoint("constantScaledSquares");
    // each (k * a) * a propagates 2 * (k * a) * bar once: no "a * rBar" of the product rule
    assertEquals(1, starting(source, "aBar = 2 * "), source); // both statements' in one
    String reverse = source.substring(source.indexOf("// Reverse sweep"));
    assertTrue(!reverse.contains("a * rBar") && !reverse.contains("k * rBar"), source);
    String tangent = REP.sourcesFor("constantScaledSquares").generatedSource(REP.className()
        + "Tangent");
    assertTrue(tangent.contains("double rDot = 2 * (t0 * aDot + t1 * aDot);"), tangent);
    assertTrue(tangent.contains("rDot += 2 * (t2 * aDot + t3 * aDot + t4 * aDot);"), tangent);
  }

  @Test
  void rosenbrockHasOneIncrementPerTarget() {
    DifferentiableMethod m = method("rosenbrock");
    Random random = new Random(7);
    for (int n = 1; n <= 6; n++) {
      double[] x = new double[n];
      for (int k = 0; k < n; k++) {
        x[k] = random.nextDouble() * 4 - 2;
      }
      double[] expected = new double[n];
      for (int i = 0; i + 1 < n; i++) {
        double a = x[i + 1] - x[i] * x[i];
        expected[i] += -400 * a * x[i] - 2 * (1 - x[i]);
        expected[i + 1] += 200 * a;
      }
      double[] gradient = (double[]) m.holderField(m.gradient((Object) x.clone()), "x");
      for (int k = 0; k < n; k++) {
        assertEquals(expected[k], gradient[k], 1e-12 * Math.max(1, Math.abs(expected[k])),
            "∂f/∂x[" + k + "] for n = " + n);
      }
    }
    GradientCheck.of(REP, "rosenbrock")
        .uniformArray("x", 1, 8, -2, 2)
        .points(10)
        .checkAll();
    String source = adjoint("rosenbrock");
    noRepeatedLines(source);
    // the increments of xBar[i] of lines 2 and 3 merged across xBar[i + 1] (another element)
    assertEquals(1, lines(source, "xBar[i] -= bBar + 2 * xI * aBar;"), source); // xI = x[i]
    assertEquals(1, lines(source, "bBar = 2 * b * sumBar;"), source);
    assertEquals(1, lines(source, "aBar = 2 * t0 * sumBar;"), source);
  }

  @Test
  void squaresOfElementsInElementUpdates() {
    // b_i = (1 + c) a_i² + y², s = Σ b_i²
    DifferentiableMethod m = method("elementSquares");
    double[] a = {0.4, -1.1, 2.0};
    double c = 0.7;
    double y = -0.3;
    Object h = m.gradient(a.clone(), c, y);
    double[] gradA = (double[]) m.holderField(h, "a");
    double dc = 0;
    double dy = 0;
    for (int i = 0; i < a.length; i++) {
      double b = (1 + c) * a[i] * a[i] + y * y;
      near(2 * b * 2 * (1 + c) * a[i], gradA[i], "∂s/∂a[" + i + "]");
      dc += 2 * b * a[i] * a[i];
      dy += 2 * b * 2 * y;
    }
    near(dc, (Double) m.holderField(h, "c"), "∂s/∂c");
    near(dy, (Double) m.holderField(h, "y"), "∂s/∂y");
    GradientCheck.of(REP, "elementSquares")
        .uniformArray("a", 0, 6, -1.5, 1.5)
        .points(8)
        .checkAll();
    String source = adjoint("elementSquares");
    noRepeatedLines(source);
    assertEquals(1, lines(source, "aBar[i] += 2 * a[i] * bBarI;"), source); // bBarI = bBar[i]
    assertEquals(1, lines(source, "yBar += 2 * y * bBarI;"), source);
  }

  @Test
  void elementsUpdatedInPlaceWithAnIndexThatMayBeTheSame() {
    GradientCheck.of(REP, "inPlace")
        .differentiable("v", "x")
        .uniformArray("v", 3, -1.5, 1.5)
        .ints("j", 0, 2)
        .covering("j == 1, the element written", p -> p.i("j") == 1)
        .covering("j != 1", p -> p.i("j") != 1)
        .points(12)
        .checkAll();
    String source = adjoint("inPlace");
    noRepeatedLines(source);
    // One increment of vBar[0] in the return statement and one in line 1, merged across the
    // increment of vBar[1] (a different element); vBar[2] once in the return and once in line 3.
    assertEquals(2, starting(source, "vBar[0] += "), source);
    assertEquals(2, starting(source, "vBar[2] += "), source);
    // v[1] = v[1] * v[j] + v[1]: vBar[j] in between may be vBar[1], so vBar[1] keeps two
    // increments there (plus one in the return statement); the second takes line 1's.
    assertEquals(1, starting(source, "vBar[j] += "), source);
    assertEquals(3, starting(source, "vBar[1] += "), source);
  }

  @Test
  void aVariableInSeveralTermsAndAnArgumentPassedTwice() {
    GradientCheck.of(REP, "twoTerms")
        .differentiable("x", "y", "w")
        .uniform("x", -1, 1)
        .uniform("y", -1, 1)
        .uniform("w", -1, 1)
        .ints("n", 0, 3)
        .points(12)
        .checkAll();
    String source = adjoint("twoTerms");
    noRepeatedLines(source);
    // lines 1 and 2 (a = y - x - x * w; b = x * y + x) increment xBar once, together
    assertEquals(1, lines(source, "xBar += y * bBar + bBar - (aBar + w * aBar);"), source);
    assertEquals(1, lines(source, "wBar = pqGradient.p + pqGradient.q;"), source);
  }
}
