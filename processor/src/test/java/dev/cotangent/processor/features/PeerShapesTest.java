package dev.cotangent.processor.features;

import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.FunctionGroup;
import org.junit.jupiter.api.Test;

/**
 * The four shapes that broke the processor when the test suites of other AD tools (Tangent, Clad,
 * Enzyme) were translated to Java: a {@code float} helper called from differentiable code (also in
 * a loop over a {@code float[]}), a {@code double} loop bound on a loop that tapes, {@code
 * Arrays.copyOf}/{@code copyOfRange} passed directly as a call argument, and an array literal
 * passed directly as a call argument. Each is checked by {@link ScalarCheck} against Richardson
 * central differences of the original.
 */
class PeerShapesTest {
  static final FunctionGroup SHAPES =
      FunctionGroup.of("features.peers", "Peers")
          .imports("java.util.Arrays")
          .function(
              "floatHelper",
              """
              @Differentiable
              static float twice(float x) { return 2 * x; }
              @Differentiable
              public static double floatHelper(float x, double y) {
                return twice(x) * y + twice(x * x);
              }
              """)
          .function(
              "floatHelperInLoop",
              """
              @Differentiable
              static float square(float x) { return x * x; }
              @Differentiable
              public static float floatHelperInLoop(float[] v) {
                float s = 0f;
                for (int i = 0; i < v.length; i++) {
                  s += square(v[i]);
                }
                return s;
              }
              """)
          .function(
              "doubleBound",
              """
              @Differentiable
              public static double doubleBound(double x, double n) {
                double p = 1;
                for (int i = 0; i < n; i++) {
                  p = Math.sin(p * x);
                }
                return p;
              }
              """)
          .function(
              "copyArgument",
              """
              @Differentiable
              static double sumSquares(double[] a) {
                double s = 0;
                for (double e : a) {
                  s += e * e;
                }
                return s;
              }
              @Differentiable
              public static double copyArgument(double[] x) {
                return sumSquares(Arrays.copyOfRange(x, 1, 3)) + x[0] * sumSquares(Arrays.copyOf(x, 2));
              }
              """)
          .function(
              "copyLocals",
              """
              @Differentiable
              public static double copyLocals(double[] x, int n) {
                double[] padded = Arrays.copyOf(x, n);
                double[] tail = Arrays.copyOfRange(x, 1, x.length + 2);
                padded[n - 1] += tail[0] * x[0];
                x = Arrays.copyOfRange(x, 1, 2);
                double s = x[0];
                for (int i = 0; i < padded.length; i++) {
                  s += (i + 1) * padded[i] * tail[i % tail.length];
                }
                return s;
              }
              """)
          .function(
              "literalArgument",
              """
              @Differentiable
              static double first(double[] a) { return a[0] * a[a.length - 1]; }
              @Differentiable
              public static double literalArgument(double x, double y) {
                return first(new double[] {x, y * x}) + first(new double[] {Math.exp(y)});
              }
              """);

  private static ScalarCheck check(String name, Class<?>[] types, String... differentiable) {
    CompiledSources s = SHAPES.sourcesFor(name);
    return new ScalarCheck(s.load(SHAPES.className()), s.load(SHAPES.className() + "Adjoint"),
        s.load(SHAPES.className() + "Tangent"), name, types, differentiable);
  }

  private static final Class<?> D = double.class;

  /** Was: {@code possible lossy conversion from double to float} in the generated pullback. */
  @Test
  void floatHelper() {
    ScalarCheck c = check("floatHelper", new Class<?>[] {float.class, D}, "x", "y");
    c.at(null, 0.75f, 1.5);
    c.at(null, -1.25f, -0.5);
  }

  /** Was: {@code [COTANGENT-INTERNAL] ArrayIndexOutOfBoundsException}. */
  @Test
  void floatHelperInLoopOverFloats() {
    ScalarCheck c = check("floatHelperInLoop", new Class<?>[] {float[].class}, "v");
    c.at(null, (Object) new float[] {0.5f, -1.25f, 2f});
  }

  /** Was: {@code tape.reserve(doubles, doubleTop, 1, i, n)} with no such overload. */
  @Test
  void doubleLoopBoundOnATapedLoop() {
    ScalarCheck c = check("doubleBound", new Class<?>[] {D, D}, "x", "n");
    c.at(null, 0.7, 3.5); // n away from an integer: the count of trips is locally constant
    c.at(null, 1.1, 4.25);
    c.at(null, 0.9, -0.5);
  }

  /** Was: {@code [COTANGENT-INTERNAL] no shadow for Call[...]}. */
  @Test
  void arraysCopyOfRangeAsACallArgument() {
    ScalarCheck c = check("copyArgument", new Class<?>[] {double[].class}, "x");
    c.at(null, (Object) new double[] {0.5, -1.5, 2.0, 0.25});
  }

  /** {@code Arrays.copyOf}/{@code copyOfRange} into locals: padding with zeros, a shorter copy. */
  @Test
  void arraysCopiesIntoLocals() {
    ScalarCheck c = check("copyLocals", new Class<?>[] {double[].class, int.class}, "x");
    c.at(null, new double[] {0.5, -1.5, 2.0}, 5);
    c.at(null, new double[] {0.5, -1.5, 2.0, 1.25}, 2);
  }

  /** Was: {@code [COTANGENT-INTERNAL] no shadow for ArrayLiteral[...]}. */
  @Test
  void arrayLiteralAsACallArgument() {
    ScalarCheck c = check("literalArgument", new Class<?>[] {D, D}, "x", "y");
    c.at(null, 0.75, -0.5);
  }
}
