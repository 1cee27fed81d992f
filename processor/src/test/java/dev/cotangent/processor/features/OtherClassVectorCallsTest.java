package dev.cotangent.processor.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.GradientCheck;
import dev.cotangent.runtime.Dual;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * Calls into another class of the same compilation: a {@code @Differentiable} method returning
 * a trajectory, an update in place, and a {@code float[]}-returning helper. Scalar callers are
 * checked by {@link GradientCheck}, a vector-valued caller by {@link VectorCheck} (Jacobian,
 * pullback, tangent, dot test), and the {@code float} caller exactly against its closed form at
 * dyadic points (every float operation exact).
 */
class OtherClassVectorCallsTest {
  static final String LIB =
      """
      package features.otherlib;

      import dev.cotangent.Differentiable;

      public class Lib {
        @Differentiable
        public static double[] simulate(double k, double c, int steps) {
          double[] xs = new double[steps];
          double x = 1;
          double v = 0;
          for (int i = 0; i < steps; i++) {
            v += 0.1 * (-k * x - c * v);
            x += 0.1 * v;
            xs[i] = x;
          }
          return xs;
        }

        @Differentiable
        public static void axpy(double alpha, double[] x, double[] y) {
          for (int i = 0; i < y.length; i++) {
            y[i] += alpha * x[i];
          }
        }

        public static float[] scaled(float[] a, float s) {
          float[] out = new float[a.length];
          for (int i = 0; i < a.length; i++) {
            out[i] = a[i] * s;
          }
          return out;
        }
      }
      """;

  static final FunctionGroup CALLER =
      FunctionGroup.of("features.otherclient", "Client")
          .imports("features.otherlib.Lib")
          .source(LIB)
          .function(
              "f",
              """
              @Differentiable
              public static double f(double k, double alpha, double[] x) {
                double[] xs = Lib.simulate(k, 0.2, x.length);
                double[] y = x.clone();
                Lib.axpy(alpha, xs, y);
                Lib.axpy(alpha * alpha, y, x);
                double s = 0;
                for (int i = 0; i < y.length; i++) {
                  s += y[i] * y[i] + x[i];
                }
                return s;
              }
              """)
          .function(
              "h",
              """
              @Differentiable
              public static double[] h(double k, double c, int n) {
                double[] xs = Lib.simulate(k, c, n);
                double[] out = Lib.simulate(c, k, n);
                Lib.axpy(k, xs, out);
                return out;
              }
              """)
          .function(
              "g",
              """
              @Differentiable
              public static float g(float[] a, float s) {
                float[] b = Lib.scaled(a, s);
                float t = 0;
                for (int i = 0; i < b.length; i++) {
                  t += b[i] * a[i];
                }
                return t;
              }
              """);

  @Test
  void scalarCallerOfAnotherClassesVectorAndInPlaceMethods() {
    GradientCheck.of(CALLER, "f")
        .differentiable("k", "alpha", "x")
        .uniform("k", 0.5, 2)
        .uniform("alpha", -1, 1)
        .uniformArray("x", 1, 5, -1, 1)
        .checkAll();
  }

  @Test
  void vectorCallerOfAnotherClassesMethods() {
    new VectorCheck(CALLER, "h", new Class<?>[] {double.class, double.class, int.class}, "k", "c")
        .at(1.3, 0.2, 5);
  }

  @Test
  void aFloatArrayResultAgainstItsClosedForm() throws Exception {
    var compiled = CALLER.sourcesFor("g");
    Class<?> adjoint = compiled.load("features.otherclient.ClientAdjoint");
    Class<?> tangent = compiled.load("features.otherclient.ClientTangent");
    Class<?> holder = compiled.load("features.otherclient.ClientAdjoint$GGradient");
    float[] a = {0.5f, -1.25f, 2f};
    float s = 0.75f;
    // g = s * sum a_i^2: dg/ds = sum a_i^2, dg/da_i = 2 s a_i
    float sum = 0.25f + 1.5625f + 4f;
    Object g = adjoint.getMethod("g", float[].class, float.class).invoke(null, a.clone(), s);
    assertEquals(s * sum, holder.getField("value").getFloat(g), 0f);
    assertEquals(sum, holder.getField("s").getFloat(g), 0f);
    float[] ga = (float[]) holder.getField("a").get(g);
    for (int i = 0; i < a.length; i++) {
      assertEquals(2 * s * a[i], ga[i], 0f, "dg/da[" + i + "]");
    }
    Method tan = tangent.getMethod("g", float[].class, float[].class, float.class, float.class);
    float[] aDot = {1f, 0.5f, -2f};
    Dual d = (Dual) tan.invoke(null, a.clone(), aDot, s, 0.25f);
    double expected = 0.25 * sum;
    for (int i = 0; i < a.length; i++) {
      expected += 2 * s * a[i] * aDot[i];
    }
    assertEquals(expected, d.tangent(), 0.0);
  }
}
