package dev.cotangent.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * What the reverse sweep tapes. Counted loops replay without taped trip counts or counters,
 * loop-local arithmetic is recomputed instead of taped, and work arrays rewritten on every trip
 * have the elements their partials read captured instead of every overwrite taped. Each case is
 * checked numerically ({@link GradientCheck}: Richardson references, dot-product test, bit-equal
 * values), and the cheap forms are checked in the generated source; the cases where an
 * optimisation must not apply (a counter read after its loop, a local whose inputs change later
 * in the trip, a local reading an array the method writes) are checked numerically.
 */
class TapingTest {
  private static final String PACKAGE = "behaviour.taping";

  static final FunctionGroup TAPE =
      FunctionGroup.of(PACKAGE, "Taping")
          .function(
              "triangle",
              """
              @Differentiable
              public static double triangle(double[] a) {
                double s = 0;
                for (int i = 0; i < a.length; i++) {
                  for (int j = i + 1; j <= a.length - 1; j++) {
                    s += a[i] * a[j] * (j - i);
                  }
                }
                return s;
              }
              """)
          .function(
              "anyBounds",
              """
              @Differentiable
              public static double anyBounds(double x, int lo, int hi) {
                double s = 1;
                for (int r = 0; r < 3; r++) {
                  for (int j = lo; j < hi; j++) {
                    s = s * x + j;
                  }
                  for (int j = hi; j <= lo; j++) {
                    s = s * x - 0.5 * j;
                  }
                }
                return s;
              }
              """)
          .function(
              "counterAfterLoop",
              """
              @Differentiable
              public static double counterAfterLoop(double x, int n) {
                double s = 0;
                for (int r = 0; r < 3; r++) {
                  int j = 0;
                  while (j < n) {
                    s = s * x + j;
                    j++;
                  }
                  s += x * j;
                }
                return s;
              }
              """)
          .function(
              "inputChangesLater",
              """
              @Differentiable
              public static double inputChangesLater(double[] x, double t) {
                double s = 0;
                for (int i = 0; i < x.length; i++) {
                  double a = x[i] * t;
                  t = t * 0.5 + a;
                  s += a * a + t;
                }
                return s;
              }
              """)
          .function(
              "readsWrittenArray",
              """
              @Differentiable
              public static double readsWrittenArray(double[] w, double x) {
                double s = 0;
                for (int i = 0; i < w.length; i++) {
                  double a = w[i] * w[i];
                  w[i] = a * x;
                  s += a * w[i];
                }
                return s;
              }
              """)
          .function(
              "workArray",
              """
              @Differentiable
              public static double workArray(double[] m, double[] v) {
                int d = v.length;
                double[] work = new double[d];
                double total = 0;
                for (int r = 0; r < 4; r++) {
                  for (int j = 0; j < d; j++) {
                    work[j] = Math.exp(m[j]) * v[j] + r;
                  }
                  for (int col = 0; col < d; col++) {
                    for (int row = col + 1; row < d; row++) {
                      work[row] += m[row] * v[col];
                    }
                  }
                  double s = 0;
                  for (int j = 0; j < d; j++) {
                    s += work[j] * work[j];
                  }
                  total += Math.log(1 + s);
                }
                return total;
              }
              """)
          .function(
              "readsUnderCondition",
              """
              @Differentiable
              public static double readsUnderCondition(double[] v, double x) {
                double[] work = new double[v.length + 1];
                double s = 0;
                for (int r = 0; r < 3; r++) {
                  for (int j = 0; j < v.length; j++) {
                    work[j] = v[j] * x + r;
                    work[j] += v[j];
                  }
                  for (int j = 0; j < v.length; j++) {
                    s += j < v.length ? work[j] * work[j + 1] : 0;
                    s += work[j] * x;
                  }
                }
                return s;
              }
              """)
          .function(
              "accumulated",
              """
              @Differentiable
              public static double accumulated(double[] a, double[] b) {
                double s = 0;
                for (int j = 0; j < a.length; j++) {
                  for (int m = 0; m < j; m++) {
                    s += a[j - 1] * b[m] * b[m];
                  }
                }
                return s;
              }
              """)
          .function(
              "accumulatedAliased",
              """
              @Differentiable
              public static double accumulatedAliased(double[] a, double x) {
                double[] w = new double[a.length];
                double[] v = w;
                double s = 0;
                for (int k = 0; k < a.length; k++) {
                  w[k] = a[k] * x;
                  for (int m = 0; m < a.length; m++) {
                    s += w[k] * v[m];
                    v[m] = v[m] * 0.5 + x;
                  }
                }
                return s;
              }
              """)
          .function(
              "branchOnce",
              """
              @Differentiable
              public static double branchOnce(double x, double y) {
                double r;
                if (x > y) {
                  r = x * y;
                } else {
                  r = x / (1 + y * y);
                }
                double s = r * r;
                r = s * x;
                return r + s;
              }
              """)
          .function(
              "ownResultReturned",
              """
              @Differentiable
              public static double ownResultReturned(double x, int n) {
                double s = x;
                for (int i = 0; i < n; i++) {
                  double e = Math.exp(0.3 * s);
                  s = Math.sqrt(1 + e * s * s);
                }
                if (x > 0) {
                  return Math.sqrt(1 + s * s);
                }
                return Math.exp(s);
              }
              """)
          .function(
              "deadExponential",
              """
              @Differentiable
              public static double deadExponential(double a, double b) {
                double v = Math.exp(a);
                v = Math.exp(b);
                return v + a;
              }
              """);

  @Test
  void overwrittenResultIsRestoredForItsOwnAdjoint() throws ReflectiveOperationException {
    // exp(a) is never read, so its adjoint is 0 * exp(a); it must not read exp(b) instead, which
    // is infinite here, or the gradient would be 0 * Infinity = NaN instead of 1
    GradientCheck.of(TAPE, "deadExponential").uniform("a", -1, 1).uniform("b", -1, 1).points(4)
        .checkAll();
    assumeFalse(CompiledSources.referenceOnly(), "companions are not generated in reference-only mode");
    Object holder = TAPE.sourcesFor("deadExponential")
        .method(TAPE.className(), "deadExponential").gradient(0.5, 800.0);
    assertEquals(1.0, holder.getClass().getField("a").getDouble(holder));
    assertEquals(Double.POSITIVE_INFINITY, holder.getClass().getField("b").getDouble(holder));
  }

  @Test
  void callsWhosePartialIsTheirResultReadTheirLocal() {
    // The reverse sweep reads the result of sqrt and exp back from their variables, which it
    // restores afterwards, so the value returned must have been kept before (random seed 0).
    GradientCheck.of(TAPE, "ownResultReturned")
        .uniform("x", -1.5, 1.5)
        .ints("n", 0, 4)
        .points(16)
        .checkAll();
    String adjoint = adjoint("ownResultReturned");
    // four in the forward sweep; in the reverse only s = sqrt(1 + e * s * s), which overwrites
    // its own argument, is evaluated again
    assertEquals(5, occurrencesInCode(adjoint, "Math.exp|Math.sqrt"), adjoint);
  }

  @Test
  void branchOutsideLoopsKeepsItsDirectionInALocal() {
    GradientCheck.of(TAPE, "branchOnce")
        .uniform("x", -2, 2)
        .uniform("y", -2, 2)
        .points(16)
        .checkAll();
    String adjoint = adjoint("branchOnce");
    assertTrue(adjoint.contains("boolean taken = x > y;"), adjoint);
    assertFalse(recordsInts(adjoint), adjoint);
    // the first assignments of r overwrite nothing anyone reads; the last one overwrites the
    // value that s = r * r read, which the reverse sweep needs back
    assertTrue(adjoint.contains("doubles = tape.push(doubles, doubleTop++, r);\n        r = s * x;"),
        adjoint);
    assertEquals(1, adjoint.split("tape.push\\(doubles|doubles\\[doubleTop\\+\\+\\] =", -1).length - 1,
        adjoint);
  }

  @Test
  void adjointElementFixedInALoopIsAccumulatedInALocal() {
    GradientCheck.of(TAPE, "accumulated")
        .uniformArray("a", 0, 6, -1.5, 1.5)
        .uniformArray("b", 6, -1.5, 1.5)
        .points(10)
        .checkAll();
    String adjoint = adjoint("accumulated");
    // a[j - 1] is only touched when the inner loop runs (never at j == 0): the flush is under
    // the guard of the loop's upward replay (AscendingReplays), after it
    assertTrue(adjoint.contains("aBarSum += "), adjoint);
    int guard = adjoint.indexOf("if (m > 0) {");
    int flush = adjoint.indexOf("aBar[j - 1] += aBarSum;");
    assertTrue(guard >= 0 && flush > adjoint.indexOf("while (m < mEnd) {", guard)
        && adjoint.indexOf("m = 0;", flush) > flush, adjoint);
  }

  @Test
  void aliasedShadowIsNotAccumulated() {
    GradientCheck.of(TAPE, "accumulatedAliased")
        .differentiable("a", "x")
        .uniformArray("a", 0, 5, -1.5, 1.5)
        .uniform("x", -1, 1)
        .points(10)
        .checkAll();
    assertFalse(adjoint("accumulatedAliased").contains("wBarK"));
  }

  @Test
  void rosenbrockNeedsNoTape() {
    // the Rosenbrock function of RepeatedFactorsTest, which checks its gradient
    String adjoint = adjoint(RepeatedFactorsTest.REP, "rosenbrock");
    assertFalse(adjoint.contains("tape.") || adjoint.contains("Tape "), adjoint);
    // its reverse trips run with its forward ones (FusedLoopsTest): nothing to recompute
    assertTrue(RepeatedFactorsTest.REP.passTrace("rosenbrock").adjoint().contains("FusedLoops"),
        adjoint);
  }

  @Test
  void nestedCountedLoopsTapeNoCountersOrTrips() {
    GradientCheck.of(TAPE, "triangle").uniformArray("a", 0, 7, -2, 2).points(8).checkAll();
    String adjoint = adjoint("triangle");
    assertFalse(recordsInts(adjoint), adjoint);
    assertTrue(adjoint.contains("j = Math.max(i + 1, a.length - 1 + 1);"), adjoint);
  }

  @Test
  void countedLoopsWithEmptyAndNegativeRanges() {
    GradientCheck.of(TAPE, "anyBounds")
        .uniform("x", -1.2, 1.2)
        .ints("lo", -3, 4)
        .ints("hi", -3, 4)
        .points(30)
        .at(0.7, 2, -2)
        .at(0.7, -2, 2)
        .at(0.7, 1, 1)
        .checkAll();
  }

  @Test
  void counterReadAfterItsLoopIsStillRight() {
    GradientCheck.of(TAPE, "counterAfterLoop")
        .uniform("x", -1.2, 1.2)
        .ints("n", -1, 5)
        .points(12)
        .checkAll();
  }

  @Test
  void localWhoseInputChangesLaterIsTaped() {
    GradientCheck.of(TAPE, "inputChangesLater")
        .uniformArray("x", 0, 6, -1.5, 1.5)
        .uniform("t", -1, 1)
        .points(10)
        .checkAll();
    assertTrue(records(adjoint("inputChangesLater"), "a"));
  }

  @Test
  void localReadingAWrittenArrayIsTaped() {
    GradientCheck.of(TAPE, "readsWrittenArray")
        .differentiable("w", "x")
        .uniformArray("w", 0, 6, -1.5, 1.5)
        .uniform("x", -1, 1)
        .points(10)
        .checkAll();
    assertTrue(records(adjoint("readsWrittenArray"), "a"));
  }

  @Test
  void workArrayReadsAreCapturedInsteadOfEveryOverwrite() {
    GradientCheck.of(TAPE, "workArray")
        .uniformArray("m", 5, -1, 1)
        .uniformArray("v", 5, -1, 1)
        .points(8)
        .checkAll();
    String adjoint = adjoint("workArray");
    assertTrue(adjoint.contains("workJ = work[j"), adjoint);
    // exp(m[j]) is taped in a local in the forward sweep, not evaluated again in the reverse
    assertEquals(1, occurrencesInCode(adjoint, "Math.exp"), adjoint);
    assertFalse(adjoint.contains("doubleTop++, work[")
        || adjoint.contains("doubles[doubleTop++] = work["), adjoint);
  }

  @Test
  void readsUnderAConditionAreNotHoisted() {
    GradientCheck.of(TAPE, "readsUnderCondition")
        .differentiable("v", "x")
        .uniformArray("v", 0, 5, -1.5, 1.5)
        .uniform("x", -1, 1)
        .points(10)
        .checkAll();
  }

  /** How often {@code regex} matches outside the comments. */
  private static long occurrencesInCode(String source, String regex) {
    return source.lines().filter(line -> !line.trim().startsWith("//"))
        .mapToLong(line -> line.split(regex, -1).length - 1).sum();
  }

  /** The pullback {@code name(..., seed, into)} in the generated adjoint class. */
  private static String adjoint(String name) {
    return adjoint(TAPE, name);
  }

  private static String adjoint(FunctionGroup group, String name) {
    assumeFalse(CompiledSources.referenceOnly(), "companions are not generated in reference-only mode");
    return group.pullbackMethod(name);
  }

  /**
   * Whether the adjoint records {@code value} on the double stack: a push, or a plain store into
   * room a {@code reserve} made before a counted loop.
   */
  static boolean records(String adjoint, String value) {
    return adjoint.contains("tape.push(doubles, doubleTop++, " + value + ");")
        || adjoint.contains("doubles[doubleTop++] = " + value + ";");
  }

  /** Whether the adjoint records anything on the int stack, pushed or stored after a reserve. */
  static boolean recordsInts(String adjoint) {
    return adjoint.contains("tape.push(ints") || adjoint.contains("ints[intTop++]");
  }
}
