package dev.cotangent.processor.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.FunctionGroup;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Vector-valued functions ({@code @Differentiable static double[] f(...)}): the pullback {@code
 * CAdjoint.f(args, resultBar, into)}, the tangent {@code CTangent.f(args with tangents,
 * resultDot)} and the dense {@code CAdjoint.fJacobian(args)}, for wide (m < n, reverse sweeps) and
 * tall (m > n, forward sweeps) functions with scalar, {@code double[]} and {@code double[][]}
 * inputs, in-place writes into the arguments and early returns of different arrays. See {@link
 * VectorCheck} for what each point checks.
 */
class VectorValuedTest {
  static final Class<?> D = double.class;
  static final Class<?> DA = double[].class;
  static final Class<?> DM = double[][].class;

  static final FunctionGroup VECTORS =
      FunctionGroup.of("features.vectors", "Vectors")
          .function(
              "decay",
              """
              /** Residuals of y ≈ a·exp(−k·t): m = t.length results, 2 inputs (tall). */
              @Differentiable
              public static double[] decay(double a, double k, @NoDerivative double[] t,
                  @NoDerivative double[] y) {
                double[] r = new double[t.length];
                for (int i = 0; i < t.length; i++) {
                  r[i] = a * Math.exp(-k * t[i]) - y[i];
                }
                return r;
              }
              """)
          .function(
              "sumSquaresAndProduct",
              """
              /** (Σx², Πx): 2 results, x.length inputs (wide). */
              @Differentiable
              public static double[] sumSquaresAndProduct(double[] x) {
                double s = 0;
                double p = 1;
                for (double xi : x) {
                  s += xi * xi;
                  p *= xi;
                }
                return new double[] {s, p};
              }
              """)
          .function(
              "wideMixed",
              """
              /** 2 results of a scalar, a vector and a matrix (7 inputs): wide. */
              @Differentiable
              public static double[] wideMixed(double s, double[] w, double[][] m) {
                double a = 0;
                for (int i = 0; i < m.length; i++) {
                  for (int j = 0; j < m[i].length; j++) {
                    a += m[i][j] * w[j];
                  }
                }
                double b = -s * m[0][0];
                for (int j = 0; j < w.length; j++) {
                  b += Math.tanh(w[j]) * m[1][j];
                }
                double[] r = new double[2];
                r[0] = s * a;
                r[1] = b;
                return r;
              }
              """)
          .function(
              "tallMixed",
              """
              /** 9 results of a scalar, a 2-vector and a 2×2 matrix (7 inputs): tall. */
              @Differentiable
              public static double[] tallMixed(double s, double[] w, double[][] m) {
                double[] r = new double[9];
                r[0] = s * w[0];
                r[1] = Math.sin(m[0][1]) * w[1];
                r[2] = m[1][0] * m[1][1] + s;
                r[3] = s * s * w[1];
                r[4] = w[0] + w[1] + m[0][0];
                int k = 5;
                for (int i = 0; i < m.length; i++) {
                  for (int j = 0; j < m[i].length; j++) {
                    r[k] = Math.exp(0.3 * m[i][j]) * w[j] * s;
                    k++;
                  }
                }
                return r;
              }
              """)
          .function(
              "recurrenceInPlace",
              """
              /** Overwrites x with a recurrence and returns x itself: m = n − 1 ≤ n. */
              @Differentiable
              public static double[] recurrenceInPlace(double[] x, double s) {
                for (int i = 1; i < x.length; i++) {
                  x[i] = x[i] + s * Math.sin(x[i - 1]);
                }
                x[0] = x[0] * s;
                return x;
              }
              """)
          .function(
              "prefixSumsTall",
              """
              /** Prefix sums written into x, then 2 results per element: m = 2n > n (tall). */
              @Differentiable
              public static double[] prefixSumsTall(double[] x) {
                for (int i = 1; i < x.length; i++) {
                  x[i] += x[i - 1];
                }
                double[] r = new double[2 * x.length];
                for (int i = 0; i < x.length; i++) {
                  r[2 * i] = x[i];
                  r[2 * i + 1] = x[i] * x[i];
                }
                return r;
              }
              """)
          .function(
              "scaleRowsInPlaceTall",
              """
              /** Scales each row of m in place by a running factor; returns 1 + 2·cells results. */
              @Differentiable
              public static double[] scaleRowsInPlaceTall(double[][] m) {
                double f = 1;
                int cells = 0;
                for (int i = 0; i < m.length; i++) {
                  for (int j = 0; j < m[i].length; j++) {
                    m[i][j] = m[i][j] * f;
                    f = f + 0.5 * m[i][j];
                    cells++;
                  }
                }
                double[] r = new double[1 + 2 * cells];
                r[0] = f;
                int k = 1;
                for (int i = 0; i < m.length; i++) {
                  for (int j = 0; j < m[i].length; j++) {
                    r[k] = m[i][j];
                    r[k + 1] = m[i][j] * f;
                    k += 2;
                  }
                }
                return r;
              }
              """)
          .function(
              "piecewise",
              """
              /** Early returns of different arrays: x itself, a short fresh array, a long one. */
              @Differentiable
              public static double[] piecewise(double[] x, double c) {
                if (x[0] > c) {
                  return x;
                }
                for (int i = 0; i < x.length; i++) {
                  if (x[i] < -c) {
                    double[] r = {x[i] * c, x[0] + x[x.length - 1]};
                    return r;
                  }
                }
                double[] r = new double[x.length + 1];
                for (int i = 0; i < x.length; i++) {
                  r[i] = x[i] * c;
                }
                r[x.length] = c * c;
                return r;
              }
              """)
          .function(
              "earlyTall",
              """
              /** Early return of arrays of different lengths, both longer than the 2 inputs. */
              @Differentiable
              public static double[] earlyTall(double a, double b) {
                if (a > 0) {
                  return new double[] {a, b, a * b};
                }
                double[] r = new double[4];
                r[0] = a * a;
                r[1] = b;
                r[2] = Math.sin(a);
                r[3] = b * b * a;
                return r;
              }
              """)
          .function(
              "workspaceTall",
              """
              /** Writes into a @NoDerivative workspace array: m = 3 > n = 2 (forward sweeps). */
              @Differentiable
              public static double[] workspaceTall(double a, double b, @NoDerivative double[] work) {
                work[0] = work[0] + 1;
                double[] r = new double[3];
                r[0] = a * work[0];
                r[1] = a * b;
                r[2] = b * work[0] * work[0];
                return r;
              }
              """)
          .function(
              "workspaceWide",
              """
              /** Writes into a @NoDerivative workspace array: m = 1 < n = 2 (reverse sweeps). */
              @Differentiable
              public static double[] workspaceWide(double a, double b, @NoDerivative double[] work) {
                work[0] = work[0] * 2;
                return new double[] {a * work[0] + b * b};
              }
              """)
          .function(
              "hidden",
              """
              /** A private vector-valued method: no fJacobian. */
              @Differentiable
              private static double[] hidden(double x) {
                return new double[] {x, x * x};
              }
              """);

  private static VectorCheck check(String name, Class<?>[] types, String... differentiable) {
    return new VectorCheck(VECTORS, name, types, differentiable);
  }

  private static final double[] T = {0.0, 0.4, 1.1, 1.7, 2.5, 3.2};
  private static final double[] Y = {2.1, 1.5, 0.9, 0.55, 0.35, 0.2};

  @Test
  void exponentialDecayResidualsTall() {
    VectorCheck c = check("decay", new Class<?>[] {D, D, DA, DA}, "a", "k");
    for (double[] p : new double[][] {{2.0, 0.7}, {1.3, -0.2}, {-0.8, 1.4}}) {
      double a = p[0];
      double k = p[1];
      VectorCheck.Outcome o = c.at(a, k, T.clone(), Y.clone());
      assertEquals(T.length, o.jacobian().length);
      for (int i = 0; i < T.length; i++) {
        double e = Math.exp(-k * T[i]);
        Support.near(e, o.jacobian()[i][0], 1e-13, "decayJacobian[" + i + "][a] closed form");
        Support.near(-a * T[i] * e, o.jacobian()[i][1], 1e-13,
            "decayJacobian[" + i + "][k] closed form");
      }
    }
  }

  @Test
  void sumOfSquaresAndProductWide() {
    VectorCheck c = check("sumSquaresAndProduct", new Class<?>[] {DA}, "x");
    for (double[] x : new double[][] {{0.5, -1.2, 2.0, 0.8, -0.3}, {1.5, 0.7}, {0.0, 1.1, -0.6}}) {
      VectorCheck.Outcome o = c.at((Object) x.clone());
      for (int j = 0; j < x.length; j++) {
        double others = 1;
        for (int i = 0; i < x.length; i++) {
          if (i != j) {
            others *= x[i];
          }
        }
        Support.near(2 * x[j], o.jacobian()[0][j], 1e-14, "∂Σx²/∂x[" + j + "] closed form");
        Support.near(others, o.jacobian()[1][j], 1e-14, "∂Πx/∂x[" + j + "] closed form");
      }
    }
  }

  @Test
  void wideWithScalarVectorAndMatrixInputs() {
    VectorCheck c = check("wideMixed", new Class<?>[] {D, DA, DM}, "s", "w", "m");
    c.at(0.7, new double[] {0.3, -1.1}, new double[][] {{1.2, -0.4}, {0.5, 0.9}});
    c.at(-1.3, new double[] {1.4, 0.2}, new double[][] {{-0.6, 0.8}, {2.0, -1.5}});
  }

  @Test
  void tallWithScalarVectorAndMatrixInputs() {
    VectorCheck c = check("tallMixed", new Class<?>[] {D, DA, DM}, "s", "w", "m");
    VectorCheck.Outcome o =
        c.at(0.7, new double[] {0.3, -1.1}, new double[][] {{1.2, -0.4}, {0.5, 0.9}});
    // columns: s, w[0], w[1], m[0][0], m[0][1], m[1][0], m[1][1]; row 2 = m[1][0]·m[1][1] + s
    assertEquals(7, o.jacobian()[2].length);
    double[] row2 = {1, 0, 0, 0, 0, 0.9, 0.5};
    for (int c2 = 0; c2 < 7; c2++) {
      Support.near(row2[c2], o.jacobian()[2][c2], 1e-15, "tallMixedJacobian[2][" + c2 + "]");
    }
    c.at(-1.3, new double[] {1.4, 0.2}, new double[][] {{-0.6, 0.8}, {2.0, -1.5}});
  }

  @Test
  void inPlaceRecurrenceReturningItsArgument() {
    VectorCheck c = check("recurrenceInPlace", new Class<?>[] {DA, D}, "x", "s");
    c.at(new double[] {0.4, -0.9, 1.3, 0.2}, 1.7);
    c.at(new double[] {-1.1, 0.6, 0.05}, -0.8);
  }

  @Test
  void inPlacePrefixSumsTall() {
    VectorCheck c = check("prefixSumsTall", new Class<?>[] {DA}, "x");
    VectorCheck.Outcome o = c.at((Object) new double[] {0.4, -0.9, 1.3});
    // r[2i] = Σ_{j ≤ i} x[j]: ∂r[2i]/∂x[j] = 1 for j ≤ i
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        assertEquals(j <= i ? 1.0 : 0.0, o.jacobian()[2 * i][j],
            "prefixSumsTallJacobian[" + (2 * i) + "][" + j + "] (forward sweeps, m = 6 > n = 3)");
      }
    }
    c.at((Object) new double[] {1.2, 0.3, -0.5, 0.8});
  }

  @Test
  void inPlaceMatrixTall() {
    VectorCheck c = check("scaleRowsInPlaceTall", new Class<?>[] {DM}, "m");
    c.at((Object) new double[][] {{0.4, -0.3}, {0.6, 0.2}});
    c.at((Object) new double[][] {{0.1, 0.5, -0.2}});
  }

  @Test
  void earlyReturnsOfDifferentArrays() {
    VectorCheck c = check("piecewise", new Class<?>[] {DA, D}, "x", "c");
    // returns x itself: m = 3, n = 4
    VectorCheck.Outcome a = c.at(new double[] {0.9, 0.1, -0.2}, 0.5);
    assertEquals(3, a.value().length);
    // a short fresh array from inside the loop: m = 2
    VectorCheck.Outcome b = c.at(new double[] {0.1, -0.8, 0.3}, 0.5);
    assertEquals(2, b.value().length);
    // the long array after the loop: m = 4 = n
    VectorCheck.Outcome l = c.at(new double[] {0.1, -0.2, 0.3}, 0.5);
    assertEquals(4, l.value().length);
  }

  @Test
  void earlyReturnsTall() {
    VectorCheck c = check("earlyTall", new Class<?>[] {D, D}, "a", "b");
    assertEquals(3, c.at(0.8, -1.3).value().length);
    assertEquals(4, c.at(-0.6, 0.9).value().length);
  }

  @Test
  void aResultLengthFixedByTheSourceNeedsNoCallOfTheMethod() {
    assumeFalse(CompiledSources.referenceOnly(), "companions are not generated in reference-only mode");
    String literal = jacobianOf("sumSquaresAndProduct");
    assertTrue(literal.contains("int rows = 2;") && !literal.contains("double[] value ="), literal);
    String local = jacobianOf("workspaceTall"); // double[] r = new double[3]; ... return r;
    assertTrue(local.contains("int rows = 3;") && !local.contains("double[] value ="), local);
    String varying = jacobianOf("earlyTall"); // 3 or 4 results: the method is called
    assertTrue(varying.contains("double[] value = Vectors.earlyTall(a, b);")
        && varying.contains("int rows = value.length;"), varying);
  }

  /** The generated {@code nameJacobian} method's source. */
  private static String jacobianOf(String name) {
    String source = VECTORS.sourcesFor(name).generatedSource(VECTORS.className() + "Adjoint");
    int start = source.indexOf("public static double[][] " + name + "Jacobian(");
    assertTrue(start >= 0, source);
    return source.substring(start, source.indexOf("\n    }\n", start));
  }

  @Test
  void noDerivativeWorkspaceWrittenInPlaceTall() {
    check("workspaceTall", new Class<?>[] {D, D, DA}, "a", "b").at(0.7, -1.2, new double[] {0.5});
  }

  @Test
  void noDerivativeWorkspaceWrittenInPlaceWide() {
    check("workspaceWide", new Class<?>[] {D, D, DA}, "a", "b").at(0.7, -1.2, new double[] {0.5});
  }

  @Test
  void jacobianIntoACallersMatrixReusesItAndChecksShapes() throws ReflectiveOperationException {
    CompiledSources sources = VECTORS.sourcesFor("sumSquaresAndProduct");
    Class<?> adjoint = sources.load(VECTORS.className() + "Adjoint");
    Class<?> holder = sources.load(VECTORS.className() + "Adjoint$SumSquaresAndProductGradient");
    Method into = Support.method(adjoint, "sumSquaresAndProductJacobian", DA, DM, holder);
    double[][] matrix = new double[2][3];
    Object work = holder.getConstructor(DA).newInstance((Object) new double[3]);
    for (double[] x : new double[][] {{1.5, -2, 0.5}, {3, 0.25, -1}}) {
      assertSame(matrix, Support.call(into, null, x, matrix, work));
      // (Σx², Πx): rows 2x and Πx / x (no zero entries here)
      double product = x[0] * x[1] * x[2];
      for (int j = 0; j < 3; j++) {
        assertEquals(2 * x[j], matrix[0][j], 1e-15, "∂Σx²/∂x" + j + " at " + Arrays.toString(x));
        assertEquals(product / x[j], matrix[1][j], 1e-14, "∂Πx/∂x" + j + " at " + Arrays.toString(x));
      }
    }
    IllegalArgumentException holderShape = assertThrows(IllegalArgumentException.class,
        () -> Support.call(into, null, new double[] {1, 2, 3, 4}, new double[2][4], work));
    assertEquals("Cotangent: work.x has length 3 but its argument has length 4; make the holder"
        + " from these arguments", holderShape.getMessage());
    IllegalArgumentException columns = assertThrows(IllegalArgumentException.class,
        () -> Support.call(into, null, new double[] {1, 2, 3}, new double[2][4], work));
    assertEquals("Cotangent: into[0] has 4 entries but there are 3 differentiable inputs",
        columns.getMessage());
    IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
        () -> Support.call(into, null, new double[] {1, 2, 3}, new double[3][3], work));
    assertEquals("Cotangent: into has 3 rows but the function has 2 results", rows.getMessage());
  }

  @Test
  void privateVectorValuedMethodHasNoJacobianButAPullback() {
    Class<?> adjoint = VECTORS.sourcesFor("hidden").load(VECTORS.className() + "Adjoint");
    Class<?> holder = VECTORS.sourcesFor("hidden")
        .load(VECTORS.className() + "Adjoint$HiddenGradient");
    assertFalse(Arrays.stream(adjoint.getDeclaredMethods())
            .anyMatch(m -> m.getName().equals("hiddenJacobian")),
        "a private vector-valued method gets no hiddenJacobian");
    Method pull = Support.method(adjoint, "hidden", D, DA, holder);
    Object into;
    try {
      var constructor = holder.getDeclaredConstructor(); // package-private, like the pullback
      constructor.setAccessible(true);
      into = constructor.newInstance();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
    double[] r = (double[]) Support.call(pull, null, 1.5, new double[] {2.0, -1.0}, into);
    Support.assertSameBits(new double[] {1.5, 2.25}, r, "hidden's pullback value");
    assertEquals(2.0 - 1.0 * 2 * 1.5, (double) Support.field(into, "x"), 1e-15,
        "hidden's pullback: ȳ₀ + ȳ₁·2x");
  }
}
