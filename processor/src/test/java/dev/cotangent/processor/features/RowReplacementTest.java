package dev.cotangent.processor.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.DifferentiableMethod;
import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.GradientCheck;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Rows of a {@code double[][]} replaced ({@code a[i] = a[p]}, {@code a[i] = m[i].clone()},
 * {@code Arrays.copyOf}, {@code new double[n]}) and a matrix's shallow {@code clone()}: linear
 * algebra as Java programmers write it. Each is checked by {@link GradientCheck} (Richardson
 * central differences, the dot-product test, the pullback contract, the caller's arrays after
 * every companion); the determinant also against the closed form d det/dA = det · A^{-T}.
 */
class RowReplacementTest {
  static final FunctionGroup ROWS =
      FunctionGroup.of("features.rows", "Rows")
          .imports("java.util.Arrays")
          .function("det", determinant("@Differentiable", "det"))
          .function("detSecondOrder", determinant("@Differentiable(order = 2)", "detSecondOrder"))
          .function(
              "solve",
              """
              /** x = A^{-1} b by Gauss with row swaps (rows of an augmented copy), then w·x. */
              @Differentiable
              public static double solve(double[][] m, double[] b, double[] w) {
                int n = m.length;
                double[][] a = new double[n][n + 1];
                for (int i = 0; i < n; i++) {
                  a[i] = Arrays.copyOf(m[i], n + 1);
                  a[i][n] = b[i];
                }
                for (int i = 0; i < n; i++) {
                  int p = i;
                  for (int k = i + 1; k < n; k++) {
                    if (Math.abs(a[k][i]) > Math.abs(a[p][i])) {
                      p = k;
                    }
                  }
                  double[] t = a[i];
                  a[i] = a[p];
                  a[p] = t;
                  for (int k = i + 1; k < n; k++) {
                    double f = a[k][i] / a[i][i];
                    for (int j = i; j <= n; j++) {
                      a[k][j] -= f * a[i][j];
                    }
                  }
                }
                double[] x = new double[n];
                for (int i = n - 1; i >= 0; i--) {
                  double s = a[i][n];
                  for (int j = i + 1; j < n; j++) {
                    s -= a[i][j] * x[j];
                  }
                  x[i] = s / a[i][i];
                }
                double r = 0;
                for (int i = 0; i < n; i++) {
                  r += w[i] * x[i];
                }
                return r;
              }
              """)
          .function(
              "shallow",
              """
              /** A shallow clone: writes through it reach the caller's rows (and their adjoints). */
              @Differentiable
              public static double shallow(double[][] m, double x) {
                double[][] a = m.clone();
                a[0] = a[1];
                a[1][0] = a[1][0] * x + a[0][1];
                a[2] = new double[3];
                a[2][1] = x * m[2][1];
                double s = 0;
                for (int i = 0; i < 3; i++) {
                  for (int j = 0; j < 3; j++) {
                    s += a[i][j] * m[i][j];
                  }
                }
                return s + Math.sin(m[1][0]);
              }
              """)
          .function(
              "jagged",
              """
              /** A triangular matrix filled row by row, rows then swapped and copied. */
              @Differentiable
              public static double jagged(double[] x) {
                int n = x.length;
                double[][] t = new double[n][];
                for (int i = 0; i < n; i++) {
                  t[i] = new double[i + 1];
                  for (int j = 0; j <= i; j++) {
                    t[i][j] = x[i] * x[j] + j;
                  }
                }
                double[] first = t[0];
                t[0] = t[n - 1];
                t[n - 1] = first;
                t[1] = Arrays.copyOf(t[0], 2);
                double s = 0;
                for (int i = 0; i < n; i++) {
                  for (int j = 0; j < t[i].length; j++) {
                    s += Math.sin(t[i][j]) * (i + 1);
                  }
                }
                return s;
              }
              """);

  /** Gaussian elimination with row swaps as {@code name}, under {@code annotation}. */
  private static String determinant(String annotation, String name) {
    return """
        /** Gaussian elimination with partial pivoting and row swaps on a working copy. */
        %s
        public static double %s(double[][] m) {
          int n = m.length;
          double[][] a = m.clone();
          for (int i = 0; i < n; i++) {
            a[i] = m[i].clone();
          }
          double d = 1;
          for (int i = 0; i < n; i++) {
            int p = i;
            for (int k = i + 1; k < n; k++) {
              if (Math.abs(a[k][i]) > Math.abs(a[p][i])) {
                p = k;
              }
            }
            if (p != i) {
              double[] t = a[i];
              a[i] = a[p];
              a[p] = t;
              d = -d;
            }
            d *= a[i][i];
            for (int k = i + 1; k < n; k++) {
              double f = a[k][i] / a[i][i];
              for (int j = i; j < n; j++) {
                a[k][j] -= f * a[i][j];
              }
            }
          }
          return d;
        }
        """.formatted(annotation, name);
  }

  private static DifferentiableMethod method(String name) {
    assumeFalse(CompiledSources.referenceOnly(), "companions are not generated in reference-only mode");
    return ROWS.sourcesFor(name).method(ROWS.className(), name);
  }

  @Test
  void determinantWithRowSwapsAgainstCentralDifferences() {
    GradientCheck.of(ROWS, "det").uniformMatrix("m", 4, 4, -2, 2).points(8).checkAll();
  }

  @Test
  void determinantGradientIsDetTimesInverseTransposed() {
    DifferentiableMethod det = method("det");
    Random random = new Random(280001);
    for (int trial = 0; trial < 5; trial++) {
      int n = 2 + trial;
      double[][] m = new double[n][n];
      for (double[] row : m) {
        for (int j = 0; j < n; j++) {
          row[j] = -2 + 4 * random.nextDouble();
        }
      }
      double[][] inverse = inverse(m);
      DifferentiableMethod.Gradient g = det.gradientAt((Object) copy(m));
      double value = g.value();
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          double expected = value * inverse[j][i];
          double got = g.get(i * n + j);
          assertEquals(expected, got, 1e-10 * Math.max(1, Math.abs(expected)),
              "d det/dA[" + i + "][" + j + "] for n = " + n);
        }
      }
    }
  }

  @Test
  void gaussSolveWithRowSwaps() {
    GradientCheck.of(ROWS, "solve")
        .uniformMatrix("m", 3, 3, -2, 2)
        .uniformArray("b", 3, -1, 1)
        .uniformArray("w", 3, -1, 1)
        .where("well conditioned", p -> Math.abs(detOf(p.m("m"))) > 0.3)
        .points(8)
        .checkAll();
  }

  @Test
  void shallowCloneWritesThroughToTheParameter() {
    GradientCheck.of(ROWS, "shallow").uniformMatrix("m", 3, 3, -1.5, 1.5).points(8).checkAll();
  }

  @Test
  void jaggedRowsFilledSwappedAndCopied() {
    GradientCheck.of(ROWS, "jagged").uniformArray("x", 3, 5, -1.5, 1.5).points(8).checkAll();
  }


  @Test
  void determinantSecondOrder() {
    GradientCheck.of(ROWS, "detSecondOrder").uniformMatrix("m", 3, 3, -2, 2).points(6).checkAll();
  }

  private static double[][] copy(double[][] m) {
    double[][] out = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = m[i].clone();
    }
    return out;
  }

  /** Gauss-Jordan on an augmented copy, independent of the code under test. */
  private static double[][] inverse(double[][] m) {
    int n = m.length;
    double[][] a = new double[n][2 * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(m[i], 0, a[i], 0, n);
      a[i][n + i] = 1;
    }
    for (int c = 0; c < n; c++) {
      int p = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
          p = r;
        }
      }
      double[] t = a[c];
      a[c] = a[p];
      a[p] = t;
      double pivot = a[c][c];
      for (int j = 0; j < 2 * n; j++) {
        a[c][j] /= pivot;
      }
      for (int r = 0; r < n; r++) {
        if (r != c) {
          double f = a[r][c];
          for (int j = 0; j < 2 * n; j++) {
            a[r][j] -= f * a[c][j];
          }
        }
      }
    }
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a[i], n, out[i], 0, n);
    }
    return out;
  }

  /** The 3×3 determinant by cofactors. */
  private static double detOf(double[][] m) {
    return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
        - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  }
}
