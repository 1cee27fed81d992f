package dev.cotangent.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.DifferentiableMethod;
import dev.cotangent.processor.testing.DifferentiableMethod.CompanionException;
import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.GradientCheck;
import dev.cotangent.runtime.Dual;
import org.junit.jupiter.api.Test;

/**
 * Array parameters and locals: element reads and writes, compound assignment and {@code ++} on
 * elements, {@code .length}, {@code new double[n]} and {@code new double[n][m]}, initialisers with
 * active elements, {@code clone()}, enhanced for, {@code System.arraycopy} (overlapping too),
 * {@code Arrays.fill}, local aliases and reassigned array locals, {@code int[]} index data,
 * {@code @NoDerivative double[]}, and aliased array arguments. Every function is checked by
 * {@link GradientCheck} (Richardson references, the caller's arrays after every companion, the
 * tangent arrays' in-place update, the pullback contract on array fields, the dot-product test);
 * a few also against closed forms.
 */
class ArraysTest {
  static final FunctionGroup ARR =
      FunctionGroup.of("behaviour.arrays", "Arr")
          .imports("java.util.Arrays")
          .function(
              "speelpenning",
              """
              @Differentiable
              public static double speelpenning(double[] x) {
                double p = 1;
                for (int i = 0; i < x.length; i++) {
                  p *= x[i];
                }
                return p;
              }
              """)
          .function(
              "logSumExp",
              """
              @Differentiable
              public static double logSumExp(double[] x) {
                double m = x[0];
                for (int i = 1; i < x.length; i++) {
                  if (x[i] > m) {
                    m = x[i];
                  }
                }
                double s = 0;
                for (int i = 0; i < x.length; i++) {
                  s += Math.exp(x[i] - m);
                }
                return m + Math.log(s);
              }
              """)
          .function(
              "elementOps",
              """
              @Differentiable
              public static double elementOps(double[] a, double x) {
                double[] b = new double[a.length];
                for (int i = 0; i < a.length; i++) {
                  b[i] += a[i] * x;
                  b[i]++;
                  b[i] *= a[i];
                  b[i] -= x / (1 + a[i] * a[i]);
                  a[i] += b[i];
                  a[i]++;
                }
                double s = 0;
                for (int i = 0; i < a.length; i++) {
                  s += a[i] * b[i];
                }
                return s;
              }
              """)
          .function(
              "matrixLocal",
              """
              @Differentiable
              public static double matrixLocal(double[] v, int cols) {
                double[][] outer = new double[v.length][cols];
                for (int i = 0; i < outer.length; i++) {
                  for (int j = 0; j < outer[i].length; j++) {
                    outer[i][j] = v[i] * (j + 1) + Math.sin(v[(i + j) % v.length]);
                    outer[i][j] *= v[i];
                  }
                }
                double s = 0;
                for (int i = 0; i < outer.length; i++) {
                  for (int j = 0; j < outer[i].length; j++) {
                    s += outer[i][j] * outer[i][j];
                  }
                }
                return s;
              }
              """)
          .function(
              "ragged",
              """
              @Differentiable
              public static double ragged(double[][] t, double x) {
                double s = 0;
                for (int i = 0; i < t.length; i++) {
                  for (int j = 0; j < t[i].length; j++) {
                    t[i][j] = t[i][j] * x + j;
                    s += t[i][j] * t[i][0];
                  }
                }
                return s;
              }
              """)
          .function(
              "initialisers",
              """
              @Differentiable
              public static double initialisers(double x, double y) {
                double[] v = {x * y, Math.sin(x)};
                double[] w = new double[] {v[1], x * x, y, v[0] * v[1]};
                v[0] = v[0] + w[3];
                return v[0] * v[1] + w[0] * w[1] - w[2] * w[3];
              }
              """)
          .function(
              "initialisers2d",
              """
              @Differentiable
              public static double initialisers2d(double x, double y, double[] c) {
                double[][] m = {{x, y}, {x * y, c[0]}};
                double[][] n = new double[][] {{c[1], x}, {Math.exp(y), 1}};
                double det = m[0][0] * m[1][1] - m[0][1] * m[1][0];
                return det * n[0][0] + n[1][0] * n[0][1] + det * det;
              }
              """)
          .function(
              "cloned",
              """
              @Differentiable
              public static double cloned(double[] a, double x) {
                double[] b = a.clone();
                b[0] = x * b[1];
                a[1] = a[1] * a[2];
                double s = 0;
                for (int i = 0; i < a.length; i++) {
                  s += a[i] * b[i] + b[i];
                }
                return s;
              }
              """)
          .function(
              "enhancedFor",
              """
              @Differentiable
              public static double enhancedFor(double[] a, double[][] m, double x) {
                double s = 0;
                for (double v : a) {
                  s += Math.exp(v * x);
                }
                for (double[] row : m) {
                  for (double v : row) {
                    s += v * v * x;
                  }
                }
                return s;
              }
              """)
          .function(
              "arraycopyShiftRight",
              """
              @Differentiable
              public static double arraycopyShiftRight(double[] a, double x) {
                System.arraycopy(a, 0, a, 1, a.length - 1);
                a[0] = x;
                double s = 0;
                for (int i = 0; i < a.length; i++) {
                  s += a[i] * a[i] * (i + 1);
                }
                return s;
              }
              """)
          .function(
              "arraycopyShiftLeft",
              """
              @Differentiable
              public static double arraycopyShiftLeft(double[] a, double x) {
                System.arraycopy(a, 1, a, 0, a.length - 1);
                a[a.length - 1] = x * a[0];
                double s = 0;
                for (int i = 0; i < a.length; i++) {
                  s += Math.sin(a[i]) * (i + 2);
                }
                return s;
              }
              """)
          .function(
              "arraycopyBetween",
              """
              @Differentiable
              public static double arraycopyBetween(double[] a, double[] b) {
                double[] c = new double[a.length + b.length];
                System.arraycopy(a, 0, c, 0, a.length);
                System.arraycopy(b, 0, c, a.length, b.length);
                System.arraycopy(c, 1, b, 0, b.length);
                double s = 0;
                for (int i = 0; i < c.length; i++) {
                  s += c[i] * (i + 1) * c[(i + 1) % c.length];
                }
                return s + b[0] * b[b.length - 1];
              }
              """)
          .function(
              "fill",
              """
              @Differentiable
              public static double fill(double[] a, double x) {
                double[] b = new double[a.length];
                Arrays.fill(b, x * x);
                double s = 0;
                for (int i = 0; i < a.length; i++) {
                  s += b[i] * a[i];
                }
                Arrays.fill(a, Math.sin(x));
                for (int i = 0; i < a.length; i++) {
                  s += a[i] * b[i] * i;
                }
                return s;
              }
              """)
          .function(
              "permutation",
              """
              @Differentiable
              public static double permutation(double[] a, int[] perm, double x) {
                double[] b = new double[a.length];
                for (int i = 0; i < a.length; i++) {
                  b[perm[i]] = a[i] * (i + 1) + x;
                }
                double s = 0;
                for (int i = 0; i < a.length; i++) {
                  s += b[i] * a[perm[i]] + b[perm[perm[i]]] * x;
                }
                return s;
              }
              """)
          .function(
              "noDerivativeData",
              """
              @Differentiable
              public static double noDerivativeData(double[] w, @NoDerivative double[] data, double x) {
                double s = 0;
                for (int i = 0; i < w.length; i++) {
                  s += w[i] * data[i] + x * data[i] * data[i];
                }
                data[0] = s;
                return s * data[1];
              }
              """)
          .function(
              "aliasInside",
              """
              @Differentiable
              public static double aliasInside(double[] a, double x) {
                double[] b = a;
                b[0] = x * 2;
                return a[0] * a[1];
              }
              """)
          .function(
              "rowAlias",
              """
              @Differentiable
              public static double rowAlias(double[][] m, double x) {
                double s = 0;
                for (int i = 0; i < m.length; i++) {
                  double[] row = m[i];
                  row[0] = row[0] * x;
                  for (int j = 0; j < row.length; j++) {
                    s += row[j] * m[i][0];
                  }
                }
                return s;
              }
              """)
          .function(
              "reassignedLocal",
              """
              @Differentiable
              public static double reassignedLocal(double[] a, double x) {
                double[] b = a;
                b[1] = b[0] * x;
                b = new double[a.length];
                b[1] = x;
                b[0] = a[1] * b[1];
                return a[1] * b[0] + b[1] + a[0];
              }
              """)
          .function(
              "heat",
              """
              @Differentiable
              public static double heat(double[] u0, double k, int steps) {
                int n = u0.length;
                double[] state = u0;
                for (int t = 0; t < steps; t++) {
                  double[] next = new double[n];
                  for (int i = 0; i < n; i++) {
                    double left = i > 0 ? state[i - 1] : 0;
                    double right = i < n - 1 ? state[i + 1] : 0;
                    next[i] = state[i] + k * (left - 2 * state[i] + right) - 0.01 * state[i] * state[i];
                  }
                  state = next;
                }
                double s = 0;
                for (int i = 0; i < n; i++) {
                  s += state[i] * state[i] * (i + 1);
                }
                return s;
              }
              """)
          .function(
              "pingPong",
              """
              @Differentiable
              public static double pingPong(double[] u, double c, int steps) {
                double[] cur = u;
                double[] other = new double[u.length];
                for (int t = 0; t < steps; t++) {
                  for (int i = 0; i < cur.length; i++) {
                    double next = i + 1 < cur.length ? cur[i + 1] : cur[0];
                    other[i] = cur[i] * c + Math.sin(next);
                  }
                  double[] tmp = cur;
                  cur = other;
                  other = tmp;
                }
                double s = 0;
                for (int i = 0; i < u.length; i++) {
                  s += u[i] * cur[i] + other[i];
                }
                return s;
              }
              """)
          .function(
              "indexCollisions",
              """
              @Differentiable
              public static double indexCollisions(double[] a, int[] p, double x) {
                for (int i = 0; i < p.length; i++) {
                  a[p[i]] = a[i] * a[p[i]] + x;
                  a[p[i]] += a[i] * x;
                }
                double s = 0;
                for (int i = 0; i < a.length; i++) {
                  s += a[i] * (i + 1);
                }
                return s;
              }
              """)
          .function(
              "branchOnElements",
              """
              @Differentiable
              public static double branchOnElements(double[] a, double x) {
                for (int i = 0; i < a.length; i++) {
                  if (a[i] > 0) {
                    a[i] = a[i] * x;
                  } else {
                    a[i] = Math.exp(a[i]) - x;
                  }
                  if (i > 0 && a[i] < a[i - 1]) {
                    a[i - 1] = a[i - 1] * a[i];
                  }
                }
                double s = 0;
                for (double v : a) {
                  s += v * v;
                }
                return s;
              }
              """)
          .function(
              "parameterReassigned",
              """
              @Differentiable
              public static double parameterReassigned(double[] a, double x) {
                double[] b = a;
                a = new double[b.length];
                for (int i = 0; i < a.length; i++) {
                  a[i] = b[i] * x;
                  b[i] = b[i] + a[i];
                }
                return a[0] * b[b.length - 1] + b[0];
              }
              """)
          .function(
              "repeatedWrites",
              """
              @Differentiable
              public static double repeatedWrites(double[] a, double[][] m, int rounds) {
                for (int r = 0; r < rounds; r++) {
                  for (int i = 0; i < a.length; i++) {
                    a[i] = a[i] * a[(i + 1) % a.length];
                    a[i] = Math.sin(a[i]) + m[i % m.length][r % m[0].length];
                    m[i % m.length][0] += a[i] * 0.5;
                  }
                }
                double s = 0;
                for (int i = 0; i < a.length; i++) {
                  s += a[i];
                }
                for (double[] row : m) {
                  s += row[0] * row[row.length - 1];
                }
                return s;
              }
              """)
          .function(
              "intArrayWritten",
              """
              @Differentiable
              public static double intArrayWritten(double[] a, int[] idx, double x) {
                int[] counts = new int[a.length];
                for (int i = 0; i < idx.length; i++) {
                  counts[idx[i]]++;
                  idx[i] = (idx[i] + 1) % a.length;
                }
                double s = 0;
                for (int i = 0; i < a.length; i++) {
                  s += a[idx[i % idx.length]] * counts[i] * x + a[i] * a[i];
                }
                return s;
              }
              """)
          .function(
              "fillRange",
              """
              @Differentiable
              public static double fillRange(double[] a, double x) {
                Arrays.fill(a, 1, a.length - 1, x * a[0]);
                double s = 0;
                for (int i = 0; i < a.length; i++) {
                  s += a[i] * a[i] * (i + 1);
                }
                return s;
              }
              """)
          .function(
              "cloneInLoop",
              """
              @Differentiable
              public static double cloneInLoop(double[] a, int steps) {
                double[] cur = a;
                for (int t = 0; t < steps; t++) {
                  double[] prev = cur.clone();
                  for (int i = 1; i < cur.length; i++) {
                    cur[i] = prev[i] * prev[i - 1] + 0.5;
                  }
                  cur[0] = Math.cos(prev[cur.length - 1]);
                }
                double s = 0;
                for (double v : a) {
                  s += v;
                }
                return s;
              }
              """)
          .function(
              "passiveLoopWrite",
              """
              @Differentiable
              public static double passiveLoopWrite(double[] w, @NoDerivative double[] data) {
                for (int i = 0; i < data.length; i++) {
                  data[i] = data[i] * 2;
                }
                double s = 0;
                for (int i = 0; i < w.length; i++) {
                  s += w[i] * data[i];
                }
                return s;
              }
              """)
          .function(
              "swapReferences",
              """
              @Differentiable
              public static double swapReferences(double[] u, int steps) {
                double[] cur = u;
                double[] other = new double[u.length];
                for (int t = 0; t < steps; t++) {
                  double[] tmp = cur;
                  cur = other;
                  other = tmp;
                }
                return cur[0] * other[0] + u[0];
              }
              """)
          .function(
              "twoArrays",
              """
              @Differentiable
              public static double twoArrays(double[] a, double[] b) {
                a[0] = a[0] * b[0];
                double s = 0;
                for (int i = 0; i < a.length; i++) {
                  s += a[i] * b[i];
                }
                return s;
              }
              """);

  private static DifferentiableMethod method(String name) {
    assumeFalse(CompiledSources.referenceOnly(), "companions are not generated in reference-only mode");
    return ARR.sourcesFor(name).method(ARR.className(), name);
  }

  // ------------------------------------------------------------------ numerical checks

  @Test
  void speelpenningProduct() {
    GradientCheck.of(ARR, "speelpenning")
        .differentiable("x")
        .uniformArray("x", 1, 12, -1.6, 1.6)
        .points(10)
        .at((Object) new double[] {0.7})
        .at((Object) new double[] {0.5, -2.0, 1.5, 0.0, 3.0})
        .checkAll();
  }

  @Test
  void logSumExpWithMaxShift() {
    GradientCheck.of(ARR, "logSumExp")
        .differentiable("x")
        .uniformArray("x", 1, 9, -4, 4)
        .points(10)
        .checkAll();
  }

  @Test
  void compoundAssignmentAndIncrementOnElements() {
    GradientCheck.of(ARR, "elementOps").uniformArray("a", 0, 6, -1.5, 1.5).points(8).checkAll();
  }

  @Test
  void twoDimensionalLocalWithNewAndLength() {
    GradientCheck.of(ARR, "matrixLocal")
        .differentiable("v")
        .uniformArray("v", 1, 5, -1.5, 1.5)
        .ints("cols", 0, 4)
        .checkAll();
  }

  @Test
  void raggedMatrixWrittenInPlace() {
    GradientCheck.of(ARR, "ragged")
        .differentiable("t", "x")
        .generate(
            "t",
            (r, p) -> {
              double[][] t = new double[1 + r.nextInt(4)][];
              for (int i = 0; i < t.length; i++) {
                t[i] = new double[i + 1];
                for (int j = 0; j <= i; j++) {
                  t[i][j] = -1.5 + 3 * r.nextDouble();
                }
              }
              return t;
            })
        .checkAll();
  }

  @Test
  void initialisersWithActiveElements() {
    GradientCheck.of(ARR, "initialisers").checkAll();
  }

  @Test
  void twoDimensionalInitialisers() {
    GradientCheck.of(ARR, "initialisers2d").uniformArray("c", 2, -1.5, 1.5).checkAll();
  }

  @Test
  void cloneIsIndependentOfTheOriginal() {
    GradientCheck.of(ARR, "cloned").uniformArray("a", 3, 6, -1.5, 1.5).checkAll();
  }

  @Test
  void enhancedForOverOneAndTwoDimensions() {
    GradientCheck.of(ARR, "enhancedFor")
        .uniformArray("a", 0, 5, -1, 1)
        .uniformMatrix("m", 3, 2, -1.5, 1.5)
        .checkAll();
  }

  @Test
  void arraycopyOverlappingShiftRight() {
    GradientCheck.of(ARR, "arraycopyShiftRight").uniformArray("a", 1, 6, -1.5, 1.5).points(8).checkAll();
  }

  @Test
  void arraycopyOverlappingShiftLeft() {
    GradientCheck.of(ARR, "arraycopyShiftLeft").uniformArray("a", 1, 6, -1.5, 1.5).points(8).checkAll();
  }

  @Test
  void arraycopyBetweenArrays() {
    GradientCheck.of(ARR, "arraycopyBetween")
        .uniformArray("a", 1, 4, -1.5, 1.5)
        .uniformArray("b", 1, 4, -1.5, 1.5)
        .points(8)
        .checkAll();
  }

  @Test
  void arraysFill() {
    GradientCheck.of(ARR, "fill").uniformArray("a", 0, 5, -1.5, 1.5).checkAll();
  }

  @Test
  void intPermutationAsIndices() {
    GradientCheck.of(ARR, "permutation")
        .differentiable("a", "x")
        .uniformArray("a", 5, -1.5, 1.5)
        .permutation("perm", 5)
        .points(8)
        .checkAll();
  }

  @Test
  void noDerivativeArrayWrittenByTheMethod() {
    GradientCheck.of(ARR, "noDerivativeData")
        .differentiable("w", "x")
        .uniformArray("w", 3, -1.5, 1.5)
        .uniformArray("data", 3, -1.5, 1.5)
        .checkAll();
  }

  @Test
  void localAliasWritesThroughToTheParameter() {
    GradientCheck.of(ARR, "aliasInside").uniformArray("a", 2, 4, -1.5, 1.5).checkAll();
  }

  @Test
  void rowAliasWritesThroughToTheMatrix() {
    GradientCheck.of(ARR, "rowAlias").uniformMatrix("m", 3, 3, -1.5, 1.5).checkAll();
  }

  @Test
  void aliasReassignedToANewArray() {
    GradientCheck.of(ARR, "reassignedLocal").uniformArray("a", 2, 4, -1.5, 1.5).checkAll();
  }

  @Test
  void timeSteppingReassignsTheStateArray() {
    GradientCheck.of(ARR, "heat")
        .differentiable("u0", "k")
        .uniformArray("u0", 1, 7, -1.5, 1.5)
        .uniform("k", 0.05, 0.3)
        .ints("steps", 0, 12)
        .at(new double[] {0.5, -1.0, 0.25}, 0.2, 0)
        .at(new double[] {0.5, -1.0, 0.25, 1.25}, 0.15, 3)
        .checkAll();
  }

  @Test
  void pingPongBuffersOneOfWhichIsTheParameter() {
    GradientCheck.of(ARR, "pingPong")
        .differentiable("u", "c")
        .uniformArray("u", 1, 5, -1.5, 1.5)
        .uniform("c", 0.2, 0.9)
        .ints("steps", 0, 5)
        .points(10)
        .checkAll();
  }

  @Test
  void collidingIndicesReadAndWriteTheSameElement() {
    GradientCheck.of(ARR, "indexCollisions")
        .differentiable("a", "x")
        .uniformArray("a", 4, -1.2, 1.2)
        .generate(
            "p",
            (r, p) -> {
              int[] idx = new int[4];
              for (int i = 0; i < 4; i++) {
                idx[i] = r.nextInt(4);
              }
              return idx;
            })
        .uniform("x", -1, 1)
        .points(10)
        .at(new double[] {0.5, -0.7, 1.1, 0.3}, new int[] {0, 1, 2, 3}, 0.4)
        .at(new double[] {0.5, -0.7, 1.1, 0.3}, new int[] {2, 2, 0, 2}, -0.6)
        .checkAll();
  }

  @Test
  void branchesOnElementValues() {
    GradientCheck.of(ARR, "branchOnElements").uniformArray("a", 1, 6, -1.5, 1.5).points(10).checkAll();
  }

  @Test
  void parameterItselfReassignedToANewArray() {
    GradientCheck.of(ARR, "parameterReassigned").uniformArray("a", 1, 4, -1.5, 1.5).checkAll();
  }

  @Test
  void repeatedWritesToTheSameElements() {
    GradientCheck.of(ARR, "repeatedWrites")
        .differentiable("a", "m")
        .uniformArray("a", 1, 4, -1.2, 1.2)
        .uniformMatrix("m", 2, 3, -1, 1)
        .ints("rounds", 0, 4)
        .points(8)
        .checkAll();
  }

  @Test
  void intArrayWrittenByTheMethod() {
    GradientCheck.of(ARR, "intArrayWritten")
        .differentiable("a", "x")
        .uniformArray("a", 4, -1.5, 1.5)
        .generate(
            "idx",
            (r, p) -> {
              int[] idx = new int[1 + r.nextInt(5)];
              for (int i = 0; i < idx.length; i++) {
                idx[i] = r.nextInt(4);
              }
              return idx;
            })
        .checkAll();
  }

  @Test
  void arraysFillOverARange() {
    GradientCheck.of(ARR, "fillRange").uniformArray("a", 2, 5, -1.5, 1.5).checkAll();
  }

  @Test
  void cloneOfTheCurrentStateInALoop() {
    GradientCheck.of(ARR, "cloneInLoop")
        .differentiable("a")
        .uniformArray("a", 1, 5, -1.2, 1.2)
        .ints("steps", 0, 4)
        .points(8)
        .checkAll();
  }

  /** Minimal form of the failure in intArrayWrittenByTheMethod: a passive array written in a loop. */
  @Test
  void noDerivativeArrayWrittenInALoop() {
    GradientCheck.of(ARR, "passiveLoopWrite")
        .differentiable("w")
        .uniformArray("w", 1, 4, -1.5, 1.5)
        .uniformArray("data", 4, -1.5, 1.5)
        .checkAll();
  }

  /** Minimal form of the failure in pingPongBuffersOneOfWhichIsTheParameter. */
  @Test
  void arrayReferencesSwappedInALoop() {
    GradientCheck.of(ARR, "swapReferences")
        .differentiable("u")
        .uniformArray("u", 1, 4, -1.5, 1.5)
        .ints("steps", 0, 3)
        .checkAll();
  }

  @Test
  void twoDifferentiableArraysOneWritten() {
    GradientCheck.of(ARR, "twoArrays")
        .uniformArray("a", 3, -1.5, 1.5)
        .uniformArray("b", 3, -1.5, 1.5)
        .checkAll();
  }

  // ------------------------------------------------------------------ closed forms

  private static void near(double expected, double actual, String what) {
    double tol = 1e-12 * Math.max(1, Math.abs(expected));
    assertEquals(expected, actual, tol, what + ": expected " + expected + ", got " + actual);
  }

  @Test
  void speelpenningClosedForm() {
    DifferentiableMethod m = method("speelpenning");
    double[][] points = {{0.5, -2.0, 1.5, 0.25, 3.0}, {1.1, 0.9, -0.7}, {2.5}, {0.3, 0.0, 2.0, -1.0}};
    for (double[] x : points) {
      double[] arg = x.clone();
      Object h = m.gradient(new Object[] {arg});
      double[] g = (double[]) m.holderField(h, "x");
      for (int i = 0; i < x.length; i++) {
        double expected = 1; // Π_{j≠i} x_j
        for (int j = 0; j < x.length; j++) {
          if (j != i) {
            expected *= x[j];
          }
        }
        near(expected, g[i], "∂/∂x[" + i + "] of Π x at " + java.util.Arrays.toString(x));
      }
      assertArrayEquals(x, arg, "the caller's x is unchanged");
      // tangent along all-ones: Σ_i Π_{j≠i} x_j
      double[] dots = new double[x.length];
      java.util.Arrays.fill(dots, 1);
      Dual t = m.tangentWith(new Object[] {x.clone()}, new Object[] {dots});
      double sum = 0;
      for (double gi : g) {
        sum += gi;
      }
      near(sum, t.tangent(), "tangent of Π x along ones at " + java.util.Arrays.toString(x));
      double[] ones = new double[x.length];
      java.util.Arrays.fill(ones, 1);
      assertArrayEquals(ones, dots, 0.0, "xDot is left alone (x is not written)");
    }
  }

  @Test
  void logSumExpGradientIsSoftmax() {
    DifferentiableMethod m = method("logSumExp");
    double[][] points = {{0.5, -2.0, 1.5}, {700.0, 701.0, 699.5}, {-3, -3.5, 2, 0.25, 1}, {4.0}};
    for (double[] x : points) {
      Object h = m.gradient(new Object[] {x.clone()});
      double[] g = (double[]) m.holderField(h, "x");
      double max = java.util.Arrays.stream(x).max().orElseThrow();
      double z = 0;
      for (double v : x) {
        z += Math.exp(v - max);
      }
      near(max + Math.log(z), m.holderValue(h), "value at " + java.util.Arrays.toString(x));
      for (int i = 0; i < x.length; i++) {
        near(Math.exp(x[i] - max) / z, g[i], "softmax[" + i + "] at " + java.util.Arrays.toString(x));
      }
    }
  }

  @Test
  void aliasInsideClosedForm() {
    DifferentiableMethod m = method("aliasInside");
    double[] a = {3.0, -1.25, 7.0};
    double x = 0.75;
    double[] arg = a.clone();
    Object h = m.gradient(new Object[] {arg, x});
    // f = 2x·a[1]: ∂/∂a = (0, 2x, 0), ∂/∂x = 2·a[1]; a[0] is overwritten, so its entry value is dead
    assertArrayEquals(new double[] {0, 2 * x, 0}, (double[]) m.holderField(h, "a"), 1e-15);
    near(2 * a[1], (Double) m.holderField(h, "x"), "∂/∂x");
    assertArrayEquals(new double[] {2 * x, a[1], a[2]}, arg, 0.0, "the caller sees a[0] = 2x");
    double[] aDot = {0.5, -1.0, 2.0};
    Dual t = m.tangentWith(new Object[] {a.clone(), x}, new Object[] {aDot, 0.25});
    near(2 * 0.25 * a[1] + 2 * x * -1.0, t.tangent(), "tangent");
    assertArrayEquals(new double[] {2 * 0.25, -1.0, 2.0}, aDot, 1e-15, "aDot is the tangent of a's final contents");
  }

  // ------------------------------------------------------------------ aliased arguments

  private static void expectSameArrayRefusal(String role, Executable call) {
    CompanionException e = assertThrows(CompanionException.class, call::execute, role);
    assertInstanceOf(IllegalArgumentException.class, e.getCause(), role + ": " + e);
    assertTrue(e.getCause().getMessage().contains("same array"), role + ": " + e.getCause().getMessage());
  }

  @Test
  void aliasedArrayArgumentsAreRefused() {
    DifferentiableMethod m = method("twoArrays");
    double[] shared = {0.5, 1.5, -2.0};
    double[] before = shared.clone();
    expectSameArrayRefusal("adjoint", () -> m.gradient(new Object[] {shared, shared}));
    Object holder = m.newHolder(new Object[] {new double[3], new double[3]});
    expectSameArrayRefusal("pullback", () -> m.pullback(new Object[] {shared, shared}, 1.0, holder));
    expectSameArrayRefusal(
        "tangent",
        () -> m.tangentWith(new Object[] {shared, shared}, new Object[] {new double[3], new double[3]}));
    assertArrayEquals(before, shared, 0.0, "a refused call leaves the array alone");
    assertArrayEquals(new double[3], (double[]) m.holderField(holder, "a"), 0.0, "a refused pullback adds nothing");
    // equal contents in distinct arrays are fine
    m.gradient(new Object[] {shared.clone(), shared.clone()});
  }

  /** Like org.junit's Executable, for lambdas that throw nothing checked. */
  @FunctionalInterface
  interface Executable {
    void execute();
  }
}
