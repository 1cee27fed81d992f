package dev.cotangent.processor.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.runtime.Dual;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * {@code float} parameters, locals, literals and {@code float[]} arrays, mixed with {@code double};
 * {@code Math.abs/min/max} on floats. Holder fields are {@code float}/{@code float[]} (a {@code
 * double} parameter keeps a {@code double} field). Checked by {@link ScalarCheck} against finite
 * differences of the original evaluated at float arguments shifted by powers of two (exact at the
 * dyadic points used here), relative 1e-3, and exactly against closed forms computed in float at
 * points where every operation is exact.
 */
class FloatTest {
  static final FunctionGroup FLOATS =
      FunctionGroup.of("features.floats", "Floats")
          .function(
              "poly",
              """
              @Differentiable
              public static float poly(float x, float y) {
                float a = 1.5f * x * y;
                return a + 3f * x - y * 0.25f;
              }
              """)
          .function(
              "absMinMax",
              """
              @Differentiable
              public static float absMinMax(float x, float y) {
                return Math.abs(x) * 2f + Math.min(x, y) - Math.max(x * 0.5f, y);
              }
              """)
          .function(
              "scaledSquares",
              """
              @Differentiable
              public static float scaledSquares(float[] w, float s) {
                float acc = 0f;
                for (int i = 0; i < w.length; i++) {
                  acc += w[i] * w[i];
                }
                return s * acc;
              }
              """)
          .function(
              "mixed",
              """
              /** float and double mixed: promotion to double, a cast back to float. */
              @Differentiable
              public static float mixed(float x, double d, float[] w) {
                double m = x * d;
                float r = (float) Math.sin(m) + w[0] * x;
                for (int i = 1; i < w.length; i++) {
                  r += (float) (w[i] * Math.exp(-d * i));
                }
                return r;
              }
              """)
          .function(
              "floatToDouble",
              """
              /** float parameters, a double result. */
              @Differentiable
              public static double floatToDouble(float x, double y) {
                float h = x * 0.5f;
                return h * y + Math.exp(x);
              }
              """)
          .function(
              "horner",
              """
              /** A loop over float locals and literals. */
              @Differentiable
              public static float horner(float x, float[] c) {
                float s = 0f;
                for (int i = c.length - 1; i >= 0; i--) {
                  s = s * x + c[i];
                }
                return s;
              }
              """)
          .function(
              "inPlace",
              """
              /** Writes into its float[] argument. */
              @Differentiable
              public static float inPlace(float[] v, float k) {
                for (int i = 0; i < v.length; i++) {
                  v[i] = v[i] * k + 0.5f;
                }
                float s = 0f;
                for (float e : v) {
                  s += e * e;
                }
                return s;
              }
              """);

  private static ScalarCheck check(String name, Class<?>[] types, String... differentiable) {
    CompiledSources s = FLOATS.sourcesFor(name);
    return new ScalarCheck(s.load(FLOATS.className()), s.load(FLOATS.className() + "Adjoint"),
        s.load(FLOATS.className() + "Tangent"), name, types, differentiable);
  }

  private static final Class<?> F = float.class;
  private static final Class<?> FA = float[].class;

  private static void exact(float expected, double actual, String what) {
    assertEquals(expected, (float) actual, 0f, what + " (exact in float)");
    assertEquals((double) expected, actual, 0.0, what + " (a float value)");
  }

  @Test
  void polynomialExactAtDyadicPoints() {
    ScalarCheck c = check("poly", new Class<?>[] {F, F}, "x", "y");
    float[][] points = {{0.75f, -1.25f}, {-2.5f, 0.375f}, {1.125f, 3.5f}};
    for (float[] p : points) {
      ScalarCheck.Result r = c.at(null, p[0], p[1]);
      exact(1.5f * p[1] + 3f, r.gradient()[0], "∂poly/∂x at " + p[0] + ", " + p[1]);
      exact(1.5f * p[0] - 0.25f, r.gradient()[1], "∂poly/∂y at " + p[0] + ", " + p[1]);
      assertEquals(Float.class, Support.field(r.holder(), "x").getClass(), "holder field x");
    }
  }

  @Test
  void absMinMaxOnFloats() {
    ScalarCheck c = check("absMinMax", new Class<?>[] {F, F}, "x", "y");
    float[][] points = {{0.75f, -1.25f}, {-1.5f, 0.5f}, {2.25f, 1.75f}, {-0.625f, -2.5f}};
    for (float[] p : points) {
      float x = p[0];
      float y = p[1];
      ScalarCheck.Result r = c.at(null, x, y);
      float dx = 2f * Math.signum(x) + (x <= y ? 1f : 0f) - (x * 0.5f >= y ? 0.5f : 0f);
      float dy = (x <= y ? 0f : 1f) - (x * 0.5f >= y ? 0f : 1f);
      exact(dx, r.gradient()[0], "∂absMinMax/∂x at " + x + ", " + y);
      exact(dy, r.gradient()[1], "∂absMinMax/∂y at " + x + ", " + y);
    }
  }

  @Test
  void floatArrayWithFloatHolderArray() {
    ScalarCheck c = check("scaledSquares", new Class<?>[] {FA, F}, "w", "s");
    float[] w = {0.5f, -1.25f, 2.0f, 0.75f};
    float s = -1.5f;
    ScalarCheck.Result r = c.at(null, w.clone(), s);
    float sum = 0f;
    for (int i = 0; i < w.length; i++) {
      exact(2f * s * w[i], r.gradient()[i], "∂/∂w[" + i + "]");
      sum += w[i] * w[i];
    }
    exact(sum, r.gradient()[w.length], "∂/∂s");
    assertEquals(float[].class, Support.field(r.holder(), "w").getClass(), "holder field w");
    assertEquals(Float.class, Support.field(r.holder(), "s").getClass(), "holder field s");
  }

  @Test
  void floatAndDoubleMixed() {
    ScalarCheck c = check("mixed", new Class<?>[] {F, double.class, FA}, "x", "d", "w");
    c.at(null, 0.8125f, 0.625, new float[] {0.5f, -1.25f, 0.75f});
    ScalarCheck.Result r = c.at(null, -1.375f, 1.25, new float[] {1.5f, 0.25f});
    assertEquals(Double.class, Support.field(r.holder(), "d").getClass(),
        "a double parameter of a float method keeps a double holder field");
  }

  @Test
  void floatParametersDoubleResult() {
    ScalarCheck c = check("floatToDouble", new Class<?>[] {F, double.class}, "x", "y");
    for (float x : new float[] {0.8125f, -1.375f}) {
      double y = 0.625;
      ScalarCheck.Result r = c.at(null, x, y);
      Support.near(0.5 * y + Math.exp(x), r.gradient()[0], 1e-6, "∂/∂x closed form");
      Support.near(x * 0.5f, r.gradient()[1], 1e-12, "∂/∂y closed form");
    }
  }

  @Test
  void hornerLoop() {
    ScalarCheck c = check("horner", new Class<?>[] {F, FA}, "x", "c");
    float x = 0.75f;
    float[] coef = {1.5f, -2f, 0.5f, 1.25f};
    ScalarCheck.Result r = c.at(null, x, coef.clone());
    // p'(x) = c1 + 2 c2 x + 3 c3 x², exact in float at these dyadic numbers
    exact(coef[1] + 2 * coef[2] * x + 3 * coef[3] * x * x, r.gradient()[0], "horner ∂/∂x");
    float power = 1f;
    for (int i = 0; i < coef.length; i++) {
      exact(power, r.gradient()[1 + i], "horner ∂/∂c[" + i + "] = x^" + i);
      power *= x;
    }
    c.at(null, -1.25f, new float[] {0.25f, 1f, -0.75f});
  }

  @Test
  void writesIntoItsFloatArray() {
    ScalarCheck c = check("inPlace", new Class<?>[] {FA, F}, "v", "k");
    float[] v = {0.5f, -0.75f, 1.25f};
    float k = 1.5f;
    ScalarCheck.Result r = c.at(null, v.clone(), k);
    float dk = 0f;
    for (int i = 0; i < v.length; i++) {
      float e = v[i] * k + 0.5f;
      exact(2f * e * k, r.gradient()[i], "inPlace ∂/∂v[" + i + "]");
      dk += 2f * e * v[i];
    }
    exact(dk, r.gradient()[v.length], "inPlace ∂/∂k");
    // the tangent array of the written float[] ends as the tangent of its final contents
    Method tan = Support.method(FLOATS.sourcesFor("inPlace").load(FLOATS.className() + "Tangent"),
        "inPlace", FA, FA, F, F);
    float[] args = v.clone();
    float[] dots = {1f, -0.5f, 0.25f};
    Dual d = (Dual) Support.call(tan, null, args, dots.clone(), k, 0.5f);
    float[] vDot = dots.clone();
    args = v.clone();
    Support.call(tan, null, args, vDot, k, 0.5f);
    for (int i = 0; i < v.length; i++) {
      exact(dots[i] * k + v[i] * 0.5f, vDot[i], "vDot[" + i + "] after the tangent");
      exact(v[i] * k + 0.5f, args[i], "v[" + i + "] after the tangent");
    }
    Support.assertSameBits((double) r.value(), d.value(), "tangent value");
  }
}
