package dev.cotangent.processor.diagnostics;

import static dev.cotangent.processor.diagnostics.ExpectDiagnostics.check;
import static dev.cotangent.processor.diagnostics.ExpectDiagnostics.inClass;
import static dev.cotangent.processor.diagnostics.ExpectDiagnostics.inMethod;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Array code. {@code double[]}, {@code double[][]}, {@code float[]}, {@code float[][]} and
 * {@code int[]} parameters and locals, element reads and writes, {@code length}, {@code new},
 * initialisers, {@code clone()} of any one-dimensional array expression, enhanced for,
 * {@code System.arraycopy}, {@code Arrays.fill}, local aliases, reads of static array fields and
 * a {@code double[]} result (a vector-valued function, with a generated Jacobian) compile without
 * a diagnostic and get both companions. What is still rejected is reported on the offending
 * code, with advice: cloning, replacing, copying or filling the rows of a {@code double[][]} and
 * using a new array without a name ({@code [COTANGENT-UNSUPPORTED]}), writing into a static array
 * field, directly or through a local alias ({@code [COTANGENT-FIELD-WRITE]}), other element types
 * and non-int indices ({@code [COTANGENT-TYPE]}), other array results ({@code [COTANGENT-METHOD]},
 * {@code [COTANGENT-TYPE]}) and {@code null}.
 */
class ArraysTest {

  /** Compiles without any diagnostic, and both companions of {@code p.C} are generated. */
  private static void compiles(String source) {
    ExpectDiagnostics.Result result = check(source);
    String adjoint = result.generated("p.CAdjoint")
        .orElseThrow(() -> new AssertionError("no p.CAdjoint" + result.report()));
    String tangent = result.generated("p.CTangent")
        .orElseThrow(() -> new AssertionError("no p.CTangent" + result.report()));
    assertTrue(adjoint.contains(" f("), "no f in p.CAdjoint" + result.report());
    assertTrue(tangent.contains(" f("), "no f in p.CTangent" + result.report());
  }

  // ---------------------------------------------------------------------------------------------
  // Supported

  @Test
  void arrayParametersElementReadsAndLength() {
    compiles(inClass("""
        @Differentiable
        static double f(double[] a, double[][] m, int[] k, double x) {
          return a[0] * x + m[k[0]][1] * a.length + m.length + m[0].length + k.length;
        }
        """));
  }

  @Test
  void elementWritesCompoundAssignmentsAndIncrements() {
    compiles(inClass("""
        @Differentiable
        static double f(double[] a, double[][] m, int[] k, double x) {
          a[0] = x * a[1];
          a[1] += x;
          a[0] *= a[1];
          a[1]--;
          ++a[0];
          m[1][0] = a[0] * m[0][1];
          m[0][1] -= x;
          m[1][1]++;
          k[0] += 2;
          k[1]++;
          k[0] <<= 1;
          return a[0] + m[1][0] * k[0];
        }
        """));
  }

  @Test
  void arrayCreation() {
    compiles(inMethod("""
        double[] a = new double[3];
        double[][] m = new double[2][n];
        double[][] rows = new double[n][];
        int[] k = new int[n + 1];
        a[0] = x;
        m[1][0] = a[0] * y;
        k[0] = n;
        return m[1][0] + rows.length + k[0];
        """));
  }

  @Test
  void initialisers() {
    compiles(inMethod("""
        double[] a = {x, y, 1};
        double[][] m = {{x, y}, {1, 2}};
        int[] k = {1, n};
        double[] c = new double[] {x * y, 2};
        double[][] d = new double[][] {{y}, {x, x}};
        double e[] = {y};
        return a[2] * m[0][1] + k[1] + c[0] + d[1][0] + e[0];
        """));
  }

  @Test
  void emptyArrays() {
    compiles(inMethod("""
        double[] a = {};
        double[] c = new double[0];
        return x + a.length + c.length;
        """));
  }

  @Test
  void varLocals() {
    compiles(inMethod("""
        var a = new double[2];
        var m = new double[][] {{x, y}};
        a[1] = m[0][1] * x;
        return a[1];
        """));
  }

  @Test
  void cloneOfOneDimensionalArrays() {
    compiles(inMethod("""
        double[] a = {x, y};
        double[] c = a.clone();
        c[0] = c[0] * c[1];
        int[] k = {n, 2};
        int[] j = k.clone();
        return a[0] * c[0] * j[0] + a.clone().length;
        """));
  }

  @Test
  void enhancedForOverArrays() {
    compiles(inMethod("""
        double[] a = {x, y};
        int[] k = {1, n};
        double[][] m = {{x, y}, {y, x}};
        double s = 0;
        for (double v : a) {
          s += v * v;
        }
        for (int i : k) {
          s += i * x;
        }
        for (double v : k) {
          s += v * y;
        }
        for (double[] row : m) {
          for (final double v : row) {
            s += v;
          }
        }
        for (var v : a) {
          s *= v;
        }
        for (double v : new double[] {x, y}) {
          s += v;
        }
        return s;
        """));
  }

  @Test
  void enhancedForOverAStaticArray() {
    compiles(inClass("""
        static final double[] WEIGHTS = {1, 2, 3};

        @Differentiable
        static double f(double x) {
          double s = 0;
          for (double w : WEIGHTS) {
            s = s + w * x;
          }
          return s;
        }
        """));
  }

  @Test
  void labelledEnhancedFor() {
    compiles(inMethod("""
        double[] a = {x, y, x * y};
        double s = 0;
        outer: for (double v : a) {
          for (double w : a) {
            if (w > v) continue outer;
            if (s > 10) break outer;
            s += v * w;
          }
        }
        return s;
        """));
  }

  @Test
  void enhancedForThatWritesItsArrayElements() {
    compiles(inMethod("""
        double[] a = {x, y};
        for (double v : a) {
          a[0] = v * v;
        }
        return a[0];
        """));
  }

  @Test
  void arraycopy() {
    compiles(inMethod("""
        double[] a = {x, y, 3};
        double[] c = new double[3];
        System.arraycopy(a, 0, c, 0, 3);
        System.arraycopy(a, 0, a, 1, 2);
        System.arraycopy(a, n, a, n + 1, a.length - n - 1);
        int[] k = {1, 2};
        int[] j = new int[2];
        System.arraycopy(k, 0, j, 0, 2);
        return a[2] * c[1] + j[1];
        """));
  }

  @Test
  void arraysFill() {
    compiles(inClass("""
        @Differentiable
        static double f(double x, double y, int n) {
          double[] a = new double[3];
          java.util.Arrays.fill(a, x);
          java.util.Arrays.fill(a, 1, 3, x * y);
          java.util.Arrays.fill(a, n);
          int[] k = new int[2];
          java.util.Arrays.fill(k, 3);
          return a[0] + a[2] * k[1];
        }
        """));
  }

  @Test
  void arraysFillThroughAnImport() {
    check("""
        package p;

        import dev.cotangent.Differentiable;
        import java.util.Arrays;

        class C {
          @Differentiable
          static double f(double x) {
            double[] a = new double[2];
            Arrays.fill(a, x);
            return a[0] * a[1];
          }
        }
        """);
  }

  @Test
  void copyAndFillIntoARowOfAMatrix() {
    compiles(inMethod("""
        double[][] m = new double[2][2];
        double[] r = {x, y};
        java.util.Arrays.fill(m[0], x);
        System.arraycopy(r, 0, m[1], 0, 2);
        double[] c = new double[2];
        System.arraycopy(m[0], 0, c, 0, 2);
        return m[1][0] * m[0][1] + c[1];
        """));
  }

  @Test
  void localAliases() {
    compiles(inMethod("""
        double[] a = {x, y};
        double[] c = a;
        c[0] = x * x;
        double[][] m = {{x, y}};
        double[] row = m[0];
        row[1] = y * y;
        a = new double[] {y};
        c = a.clone();
        return a[0] + c[0] + m[0][1];
        """));
  }

  @Test
  void parameterArraysWrittenAndReassigned() {
    compiles(inClass("""
        @Differentiable
        static double f(double x, double[] a, double[] b) {
          a[0] = b[0] * x;
          b = new double[] {x};
          return a[0] + b[0];
        }
        """));
  }

  @Test
  void staticArrayFieldsAreRead() {
    compiles(inClass("""
        static final double[] W = {1, 2};
        static final double[][] M = {{1, 2}, {3, 4}};
        static final int[] K = {0, 1};

        @Differentiable
        static double f(double x) {
          double[] w = W.clone();
          w[0] = x;
          return W[K[1]] * x + C.W[0] + W.length * M[1][0] + C.W.length + w[0];
        }
        """));
  }

  @Test
  void arrayElementsInConditionsAndLoops() {
    compiles(inMethod("""
        double[] a = {x, y};
        while (a[0] < 10) {
          a[0] *= 2;
        }
        double s = a.length > 0 ? a[0] : 0;
        if (a[1] > s) {
          return a[1];
        }
        return Math.sin(a[0]) * Math.pow(a[1], 2) + s;
        """));
  }

  @Test
  void localsNamedLikeGeneratedArrays() {
    compiles(inMethod("""
        int k = 1;
        double[] a = {x, y};
        double[] aBar = {1, 2};
        double[] aDot = {3, 4};
        double fillValue = 2;
        int from = 0;
        double[] tape = {x};
        double[] seed = {y};
        double[] vs = {x, y};
        double[] c = new double[2];
        System.arraycopy(a, from + 0, c, 0, 2);
        java.util.Arrays.fill(aBar, fillValue * x);
        double s = 0;
        for (double v : vs) {
          int vIndex = 3;
          s += v * vIndex;
        }
        return c[k] * aBar[1] * aDot[0] * tape[0] * seed[0] + s;
        """));
  }

  @Test
  void floatArrays() {
    compiles(inClass("""
        @Differentiable
        static double f(float[] a, float[][] m, float x) {
          float[] c = new float[2];
          float[][] d = new float[1][2];
          d[0][1] = 2f;
          c[0] = a[0] * x;
          c[1] = m[0][1] + d[0][0];
          System.arraycopy(a, 0, c, 0, 1);
          java.util.Arrays.fill(d[0], x);
          float s = 0;
          for (float v : c) {
            s += v * v;
          }
          return s * d[0][1];
        }
        """));
  }

  @Test
  void vectorValuedResult() {
    ExpectDiagnostics.Result result = check(inClass("""
        @Differentiable
        static double[] f(double x, double[] a) {
          double[] r = new double[2];
          r[0] = x * a[0];
          r[1] = Math.sin(x) + a[1];
          return r;
        }
        """));
    String all = result.generated("p.CAdjoint").orElse("")
        + result.generated("p.CTangent").orElse("");
    assertTrue(all.contains(" f("), "no companion of f" + result.report());
    assertTrue(all.contains("fJacobian("), "no fJacobian" + result.report());
  }

  // ---------------------------------------------------------------------------------------------
  // Rows of a double[][]

  @Test
  void rowsOfAMatrixItDoesNotOwn() {
    check(inClass("""
        @Differentiable
        static double f(double[][] m, double x) {
          double[] row = {x, x};
          m[0] = row; // error: [COTANGENT-UNSUPPORTED] replacing a row of m, whose outer array may be a parameter's or another variable's is not differentiable yet; replace the rows of a local matrix of its own, never reassigned: double[][] a = m.clone(); or new double[n][n] at `m[0]`
          double[][] b = m;
          b[1] = row; // error: [COTANGENT-UNSUPPORTED] replacing a row of b at `b[1]`
          return m[0][0];
        }
        """));
  }

  @Test
  void reassigningAMatrixWhoseRowsAreReplaced() {
    check(inClass("""
        @Differentiable
        static double f(double[][] m, double x) {
          double[][] a = m.clone();
          for (int i = 0; i < 2; i++) {
            a[i] = a[1 - i];
            a = m; // error: [COTANGENT-UNSUPPORTED] reassigning a, whose rows are replaced is not differentiable yet; keep one matrix per variable: declare another local at `a = m`
          }
          return a[0][0] * x;
        }
        """));
  }

  @Test
  void rowsFromAStaticMatrixField() {
    check(inClass("""
        static final double[][] M = {{1, 2}, {3, 4}};
        @Differentiable
        static double f(double x) {
          double[][] a = new double[2][2];
          a[0] = M[1]; // error: [COTANGENT-FIELD-WRITE]
          double[][] c = M.clone(); // error: [COTANGENT-FIELD-WRITE]
          a[1][0] = x;
          return a[0][0] * x + c[0][0];
        }
        """));
  }

  @Test
  void rowSwapsInALoopWithCheckpoints() {
    check(inClass("""
        @Differentiable(checkpoints = 2)
        static double f(double[][] m) {
          double[][] a = m.clone();
          double s = 0;
          for (int i = 0; i + 1 < a.length; i++) {
            double[] t = a[i];
            a[i] = a[i + 1]; // error: [COTANGENT-CHECKPOINT]
            a[i + 1] = t; // error: [COTANGENT-CHECKPOINT]
            s += a[i][0] * a[i + 1][0];
          }
          return s;
        }
        """));
  }

  @Test
  void replacingARowInsideAnExpression() {
    check(inMethod("""
        double[][] m = new double[2][2];
        double[] row = {x, y};
        double s = (m[0] = row)[1]; // error: [COTANGENT-UNSUPPORTED] replacing a row of a double[][] inside an expression is not differentiable yet; replace the row in a statement of its own at `m[0]`
        return m[0][0] + s;
        """));
  }

  @Test
  void rowsOfIndexAndFloatMatrices() {
    check(inClass("""
        @Differentiable
        static double f(double x, int[][] m, float[][] g) {
          int[][] c = m.clone(); // error: [COTANGENT-UNSUPPORTED] clone() of a int[][] (it shares the rows) is not differentiable yet; allocate a new int[n][m] and copy the rows element by element at `m.clone()`
          float[][] d = g.clone(); // error: [COTANGENT-UNSUPPORTED] clone() of a float[][] (it shares the rows) at `g.clone()`
          int[][] jagged = new int[2][];
          jagged[0] = new int[] {1}; // error: [COTANGENT-UNSUPPORTED] replacing a row of a int[][] is not differentiable yet; allocate it with new int[n][m] and write the row's elements one by one at `jagged[0]`
          m[1] = m[0]; // error: [COTANGENT-UNSUPPORTED] replacing a row of a int[][] at `m[1]`
          int[] row = m[0].clone(); // a row's clone is a fresh int[]
          return x * row[0];
        }
        """));
  }

  @Test
  void arraycopyOfRows() {
    check(inMethod("""
        double[][] m = {{x, y}, {y, x}};
        double[][] c = new double[2][2];
        System.arraycopy(m, 0, c, 0, 2); // error: [COTANGENT-UNSUPPORTED] copying or filling rows of a two-dimensional array is not differentiable yet; loop over the rows and copy or fill each one at `m`
        return c[0][0];
        """));
  }

  @Test
  void fillOfRows() {
    check(inMethod("""
        double[][] m = new double[2][2];
        double[] row = {x, y};
        java.util.Arrays.fill(m, row); // error: [COTANGENT-UNSUPPORTED] copying or filling rows of a two-dimensional array is not differentiable yet; loop over the rows and copy or fill each one at `m`
        return m[0][0];
        """));
  }

  // ---------------------------------------------------------------------------------------------
  // Static array fields are read-only

  @Test
  void writingIntoAStaticArrayField() {
    check(inClass("""
        static final double[] W = {1, 2};
        static final double[][] M = {{1, 2}};

        @Differentiable
        static double f(double x) {
          W[0] = x; // error: [COTANGENT-FIELD-WRITE] assigning to an element of the field W is not supported; compute into a local variable at `W[0]`
          W[1] += x; // error: [COTANGENT-FIELD-WRITE] an element of the field W at `W[1]`
          W[0]++; // error: [COTANGENT-FIELD-WRITE] an element of the field W at `W[0]`
          C.W[1] = x; // error: [COTANGENT-FIELD-WRITE] an element of the field W at `C.W[1]`
          M[0][1] = x; // error: [COTANGENT-FIELD-WRITE] an element of the field M at `M[0][1]`
          return x;
        }
        """));
  }

  @Test
  void fillingAStaticArrayField() {
    check(inClass("""
        static final double[] W = {1, 2};

        @Differentiable
        static double f(double x) {
          java.util.Arrays.fill(W, 0); // error: [COTANGENT-FIELD-WRITE] assigning to an element of the field W is not supported; compute into a local variable at `W`
          return x;
        }
        """));
  }

  @Test
  void copyingIntoAStaticArrayField() {
    check(inClass("""
        static final double[] W = {1, 2};

        @Differentiable
        static double f(double x) {
          double[] a = {x, x};
          System.arraycopy(a, 0, W, 0, 2); // error: [COTANGENT-FIELD-WRITE] an element of the field W at `W`
          return x;
        }
        """));
  }

  // ---------------------------------------------------------------------------------------------
  // Types

  @Test
  void otherElementTypesAsParameters() {
    check(inClass("""
        @Differentiable
        static double f(
            long[] l, // error: [COTANGENT-TYPE] type long[] is not supported for the parameter l at `long[]`
            boolean[] z, // error: [COTANGENT-TYPE] type boolean[] is not supported for the parameter z at `boolean[]`
            short[][] g, // error: [COTANGENT-TYPE] type short[][] is not supported for the parameter g at `short[][]`
            float[][][] h, // error: [COTANGENT-TYPE] type float[][][] is not supported for the parameter h at `float[][][]`
            Object[] o, // error: [COTANGENT-TYPE] type java.lang.Object[] is not supported for the parameter o at `Object[]`
            int[][][] km, // error: [COTANGENT-TYPE] type int[][][] is not supported for the parameter km at `int[][][]`
            byte[] bytes, short[] shorts, char[] chars, int[][] indices, // accepted: index data
            double[][][] t, // error: [COTANGENT-TYPE] type double[][][] is not supported for the parameter t at `double[][][]`
            double x) {
          return x;
        }
        """));
  }

  @Test
  void otherElementTypesAsLocals() {
    check(inMethod("""
        long[] l = new long[2]; // error: [COTANGENT-TYPE] type new long[2] is not supported as an array type (use double[], double[][], float[], float[][], int[], int[][], byte[], short[] or char[]); Cotangent differentiates double and float (and arrays of them) and carries int, long, boolean, char, byte, short, String and enum values unchanged at `new long[2]`
        short[][] g = new short[2][2]; // error: [COTANGENT-TYPE] type new short[2][2] is not supported as an array type (use double[], double[][], float[], float[][], int[], int[][], byte[], short[] or char[]) at `new short[2][2]`
        Object[] o = new Object[2]; // error: [COTANGENT-TYPE] (use double[], double[][], float[], float[][], int[], int[][], byte[], short[] or char[]) at `new Object[2]`
        int[][][] km = new int[2][2][2]; // error: [COTANGENT-TYPE] (use double[], double[][], float[], float[][], int[], int[][], byte[], short[] or char[]) at `new int[2][2][2]`
        byte[] bytes = new byte[2]; // accepted: index data, as short[], char[] and int[][]
        double[][][] t = new double[1][1][1]; // error: [COTANGENT-TYPE] (use double[], double[][], float[], float[][], int[], int[][], byte[], short[] or char[]) at `new double[1][1][1]`
        return x;
        """));
  }

  @Test
  void otherElementTypeWithoutInitialiser() {
    check(inMethod("""
        boolean[] z; // error: [COTANGENT-TYPE] type boolean[] is not supported for the local variable z at `boolean[]`
        return x;
        """));
  }

  @Test
  void otherElementTypeWithAnInitialiser() {
    check(inMethod("""
        long[] l = {1L}; // error: [COTANGENT-TYPE] type long[] is not supported as an array type (use double[], double[][], float[], float[][], int[], int[][], byte[], short[] or char[])
        return x;
        """));
  }

  @Test
  void nonIntIndex() {
    check(inMethod("""
        double[] a = {x, y};
        long i = 0;
        double s = a[i]; // error: [COTANGENT-TYPE] type long is not supported as an array index (use an int) at `i`
        double t = a[x]; // error: [COTANGENT-TYPE] type double is not supported as an array index (use an int) at `x`
        return s + t;
        """));
  }

  @Test
  void nonIntIndexOfAWrite() {
    check(inMethod("""
        double[] a = {x, y};
        a[1L] = x; // error: [COTANGENT-TYPE] type long is not supported as an array index (use an int) at `1L`
        return a[0];
        """));
  }

  @Test
  void nonIntSize() {
    check(inMethod("""
        double[] a = new double[2L]; // error: [COTANGENT-TYPE] type long is not supported as an array size at `2L`
        return x;
        """));
  }

  @Test
  void wrongElementTypes() {
    check(inMethod("""
        double[] a = {x, b}; // error: [COTANGENT-TYPE] type boolean is not supported in an initialiser of double elements at `b`
        double[] c = new double[2];
        c[0] = b; // error: [COTANGENT-TYPE] type boolean is not supported where a double is expected at `b`
        java.util.Arrays.fill(c, 0, 2, b); // error: [COTANGENT-TYPE] type boolean is not supported to fill a double[] at `b`
        return x;
        """));
  }

  @Test
  void narrowingAnElement() {
    check(inMethod("""
        double[] a = {x};
        int k = a[0]; // error: [COTANGENT-TYPE] a double value cannot be assigned to an int variable without a cast; write the cast at `a[0]`
        return x;
        """));
  }

  @Test
  void enhancedForVariableOfTheWrongType() {
    check(inMethod("""
        double[] a = {x, y};
        for (int v : a) { // error: [COTANGENT-TYPE] type int is not supported for elements of double[] at `int v`
          y += v;
        }
        return y;
        """));
  }

  @Test
  void enhancedForThatReassignsItsArray() {
    check(inMethod("""
        double[] a = {x, y};
        for (double v : a) { // error: [COTANGENT-UNSUPPORTED] reassigning the array an enhanced for loop runs over is not differentiable yet; loop with an index at `a`
          a = new double[] {v};
        }
        return a[0];
        """));
  }

  @Test
  void arraycopyBetweenElementTypes() {
    check(inMethod("""
        int[] k = {1, 2};
        double[] a = new double[2];
        System.arraycopy(k, 0, a, 0, 2); // error: [COTANGENT-TYPE] type double[] is not supported as the target of a copy from int[] at `a`
        return a[0] * x;
        """));
  }

  @Test
  void otherArrayResultTypes() {
    check(inClass("""
        @Differentiable
        static float[] f(double x) { // supported: a pullback and a tangent, no Jacobian
          return new float[] {(float) x};
        }

        @Differentiable
        static double[][] g(double x) {
          return new double[][] {{x}};
        }

        @Differentiable
        static int[] h(double x) { // error: [COTANGENT-METHOD] @Differentiable method h must return double, float, double[], double[][], float[] or void, not int[] at `int[]`
          return new int[] {1};
        }
        """));
  }

  @Test
  void returningAnArray() {
    check(inMethod("""
        double[] a = {x};
        return a; // error: [COTANGENT-TYPE] type double[] is not supported as the result at `return a;`
        """));
  }

  @Test
  void nullArray() {
    check(inMethod("""
        double[] a = null; // error: [COTANGENT-UNSUPPORTED] null is not differentiable yet at `null`
        double[] c = {x};
        c = null; // error: [COTANGENT-UNSUPPORTED] null is not differentiable yet at `null`
        return x;
        """));
  }

  @Test
  void arrayEquality() {
    check(inMethod("""
        double[] a = {x, y};
        double[] c = {y};
        return a == c ? x : y; // error: [COTANGENT-TYPE] type double[] == double[] is not supported at `a == c`
        """));
  }

  @Test
  void arraysSort() {
    check(inMethod("""
        double[] a = {x, y};
        java.util.Arrays.sort(a); // error: [COTANGENT-CALL] the derivative of sort is unknown at `java.util.Arrays.sort(a)`
        return a[0];
        """));
  }

  @Test
  void assigningTheLength() {
    // javac rejects it too, but the processor reports it first
    check(inMethod("""
        double[] a = {x};
        a.length = 3; // error: [COTANGENT-FIELD-WRITE] assigning to a.length at `a.length`
        return x;
        """));
  }

  // ---------------------------------------------------------------------------------------------
  // Fixed processor bugs (disabled until acb1c8f)

  @Test
  void writingThroughAnAliasOfAStaticArrayField() {
    check(inClass("""
        static final double[] W = {1, 2};

        @Differentiable
        static double f(double x) {
          double[] a = W;
          a[0] = x * x; // error: [COTANGENT-FIELD-WRITE] at `a[0]`
          return W[0];
        }
        """));
  }

  @Test
  void writingThroughAnAliasOfARowOfAStaticMatrix() {
    check(inClass("""
        static final double[][] M = {{1, 2}};

        @Differentiable
        static double f(double x) {
          double[] r = M[0];
          r[0] = x; // error: [COTANGENT-FIELD-WRITE] at `r[0]`
          return M[0][0];
        }
        """));
  }

  @Test
  void copyingFromAStaticArrayField() {
    compiles(inClass("""
        static final double[] W = {1, 2};

        @Differentiable
        static double f(double x) {
          double[] a = new double[2];
          System.arraycopy(W, 0, a, 0, 2);
          return x * a[1];
        }
        """));
  }

  @Test
  void copyingFromAnArrayExpression() {
    // no longer '[COTANGENT-UNSUPPORTED] writing into this array expression'; an unnamed source
    // array is a limitation now, reported with advice like a.clone()[1]
    check(inMethod("""
        double[] a = {x, y};
        double[] c = new double[2];
        System.arraycopy(a.clone(), 0, c, 0, 2); // error: [COTANGENT-UNSUPPORTED] using a new array without a name is not differentiable yet; store it in a local variable first at `a.clone()`
        System.arraycopy(new double[] {y, x}, 0, a, 0, 2); // error: [COTANGENT-UNSUPPORTED] using a new array without a name at `new double[] {y, x}`
        return c[1] * a[0];
        """));
  }

  @Test
  void cloneOfAnyOneDimensionalArrayExpression() {
    compiles(inClass("""
        static final double[] W = {1, 2};

        @Differentiable
        static double f(double x) {
          double[][] m = {{x, 2}};
          double[] a = {x};
          double[] r = m[0].clone();
          double[] w = C.W.clone();
          double[] c = (a).clone();
          return r[1] * w[0] * c[0];
        }
        """));
  }

  // ---------------------------------------------------------------------------------------------
  // Processor bugs

  @Test
  void floatArrayInitialiserWithAConstant() {
    compiles(inClass("""
        @Differentiable
        static double f(float x) {
          float[] d = {x, 2f};
          float[][] m = {{x, 2}};
          return d[0] * d[1] * m[0][1];
        }
        """));
  }

  @Test
  void conditionalBetweenArrays() {
    check(inMethod("""
        double[] a = {x, y};
        double[] c = b ? a : new double[2]; // error: [COTANGENT-TYPE] double[]
        return c[0];
        """));
  }
}
