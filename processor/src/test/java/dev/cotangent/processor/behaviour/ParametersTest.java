package dev.cotangent.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.DifferentiableMethod;
import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.GradientCheck;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Parameters: {@code @NoDerivative} doubles (no holder field, no tangent parameter), int, long and
 * boolean parameters (an int and a long driving loops), a result that does not depend on the
 * differentiable inputs, many parameters of mixed kinds, overloaded names, and the visibility of
 * the companions (public, package-private, private → package-private).
 */
class ParametersTest {
  static final FunctionGroup PAR =
      FunctionGroup.of("behaviour.params", "Par")
          .function(
              "noDerivative",
              """
              @Differentiable
              public static double noDerivative(double x, @NoDerivative double k, int n, double y) {
                double r = 0;
                for (int i = 0; i < n; i++) {
                  r += k * x * y + Math.sin(k * y);
                }
                return r + x / k;
              }
              """)
          .function(
              "constantResult",
              """
              @Differentiable
              public static double constantResult(double x, double y, int n) {
                double unused = Math.sin(x) * y;
                double r = 1.5;
                for (int i = 0; i < n; i++) {
                  r = r * 0.5 + i;
                }
                return r;
              }
              """)
          .function(
              "cancellation",
              """
              @Differentiable
              public static double cancellation(double x) {
                double a = Math.exp(x);
                return a - a + 3;
              }
              """)
          .function(
              "intDrivesLoop",
              """
              @Differentiable
              public static double intDrivesLoop(double x, int n) {
                double r = 1;
                for (int i = 0; i < n; i++) {
                  r = r * x + 1;
                }
                return r;
              }
              """)
          .function(
              "longDrivesLoop",
              """
              @Differentiable
              public static double longDrivesLoop(double x, long m) {
                double r = 0;
                for (long i = 0; i < m; i++) {
                  r += x / (i + 1) + Math.sin(x * i);
                }
                return r;
              }
              """)
          .function(
              "booleanParameter",
              """
              @Differentiable
              public static double booleanParameter(double x, double y, boolean flip) {
                double r = flip ? x * y : x - y;
                if (!flip) {
                  r *= x;
                }
                return r;
              }
              """)
          .function(
              "manyParameters",
              """
              @Differentiable
              public static double manyParameters(double a, double b, @NoDerivative double c, int n,
                  double d, boolean flag, long m, double e) {
                double r = a * b + c * d - e / (1 + b * b);
                r += n * a + m * e;
                if (flag) {
                  r *= d;
                }
                return r * c;
              }
              """)
          .function(
              "scale",
              """
              @Differentiable
              public static double scale(double x, int n) {
                return x * x * n;
              }

              @Differentiable
              public static double scale(double x, double y) {
                return x * y * y;
              }
              """)
          .function(
              "hidden",
              """
              @Differentiable
              private static double hidden(double x, double y) {
                return x * Math.exp(y);
              }
              """)
          .function(
              "packagePrivate",
              """
              @Differentiable
              static double packagePrivate(double x) {
                return x * x * x;
              }
              """);

  private static DifferentiableMethod method(String name, Class<?>... types) {
    assumeFalse(CompiledSources.referenceOnly(), "companions are not generated in reference-only mode");
    return PAR.sourcesFor(name).method(PAR.className(), name, types);
  }

  @Test
  void noDerivativeParameterIsHeldConstant() {
    GradientCheck.of(PAR, "noDerivative")
        .differentiable("x", "y")
        .uniform("k", 0.5, 3)
        .ints("n", 0, 4)
        .points(10)
        .checkAll();
  }

  @Test
  void noDerivativeParameterHasNoFieldAndNoTangent() {
    DifferentiableMethod m = method("noDerivative");
    assertEquals(List.of("x", "y"), m.differentiableNames());
    assertArrayEquals(
        new Class<?>[] {double.class, double.class, double.class, int.class, double.class, double.class},
        m.tangentMethod().getParameterTypes());
    assertEquals("NoDerivativeGradient", m.holderClass().getSimpleName());
  }

  @Test
  void resultIndependentOfTheInputsHasZeroGradient() {
    GradientCheck.of(PAR, "constantResult").differentiable("x", "y").ints("n", 0, 4).checkAll();
    DifferentiableMethod m = method("constantResult");
    DifferentiableMethod.Gradient g = m.gradientAt(0.7, -1.3, 3);
    assertArrayEquals(new double[] {0.0, 0.0}, g.gradient());
    assertEquals(0.0, m.tangent(new Object[] {0.7, -1.3, 3}, new double[] {1.0, -2.0}).tangent());
  }

  @Test
  void cancellingTermsGiveZeroGradient() {
    GradientCheck.of(PAR, "cancellation").differentiable("x").checkAll();
    assertEquals(0.0, method("cancellation").gradientAt(1.25).get(0));
  }

  @Test
  void intParameterDrivesALoop() {
    GradientCheck.of(PAR, "intDrivesLoop")
        .differentiable("x")
        .uniform("x", -1.5, 1.5)
        .ints("n", 0, 8)
        .covering("n = 0", p -> p.i("n") == 0)
        .points(12)
        .checkAll();
  }

  @Test
  void longParameterDrivesALoop() {
    GradientCheck.of(PAR, "longDrivesLoop")
        .differentiable("x")
        .ints("m", 0, 6)
        .points(10)
        .checkAll();
  }

  @Test
  void booleanParameter() {
    GradientCheck.of(PAR, "booleanParameter")
        .differentiable("x", "y")
        .bools("flip")
        .covering("flip", p -> p.b("flip"))
        .covering("!flip", p -> !p.b("flip"))
        .points(8)
        .checkAll();
  }

  @Test
  void manyParametersOfMixedKinds() {
    GradientCheck.of(PAR, "manyParameters")
        .differentiable("a", "b", "d", "e")
        .uniform("c", -2, 2)
        .ints("n", -3, 3)
        .bools("flag")
        .ints("m", -5, 5)
        .points(10)
        .checkAll();
  }

  @Test
  void manyParametersTangentInterleaving() {
    DifferentiableMethod m = method("manyParameters");
    assertArrayEquals(
        new Class<?>[] {
          double.class, double.class, // a, aDot
          double.class, double.class, // b, bDot
          double.class, // c
          int.class, // n
          double.class, double.class, // d, dDot
          boolean.class, // flag
          long.class, // m
          double.class, double.class // e, eDot
        },
        m.tangentMethod().getParameterTypes());
  }

  @Test
  void overloadsWithIntParameter() {
    GradientCheck.of(PAR, "scale", double.class, int.class)
        .differentiable("x")
        .ints("n", -3, 3)
        .checkAll();
  }

  @Test
  void overloadsWithDoubleParameter() {
    GradientCheck.of(PAR, "scale", double.class, double.class).differentiable("x", "y").checkAll();
  }

  @Test
  void overloadedNamesGetParameterTypesInTheHolderName() {
    assertEquals(
        "ScaleDoubleIntGradient", method("scale", double.class, int.class).holderClass().getSimpleName());
    assertEquals(
        "ScaleDoubleDoubleGradient",
        method("scale", double.class, double.class).holderClass().getSimpleName());
  }

  @Test
  void privateMethodGetsPackagePrivateCompanions() {
    GradientCheck.of(PAR, "hidden").differentiable("x", "y").checkAll();
    DifferentiableMethod m = method("hidden");
    for (Method companion : List.of(m.gradientMethod(), m.pullbackMethod(), m.tangentMethod())) {
      int access = companion.getModifiers() & (Modifier.PUBLIC | Modifier.PRIVATE | Modifier.PROTECTED);
      assertEquals(0, access, companion + " should be package-private");
    }
    assertEquals(0, m.holderClass().getModifiers() & Modifier.PUBLIC, "the holder follows them");
  }

  @Test
  void packagePrivateAndPublicCompanions() {
    GradientCheck.of(PAR, "packagePrivate").differentiable("x").checkAll();
    DifferentiableMethod pkg = method("packagePrivate");
    assertEquals(0, pkg.gradientMethod().getModifiers() & (Modifier.PUBLIC | Modifier.PRIVATE));
    assertEquals(0, pkg.holderClass().getModifiers() & (Modifier.PUBLIC | Modifier.PRIVATE),
        "a package-private method's holder is package-private, like its companions");
    assertEquals(true, Modifier.isPublic(method("intDrivesLoop").holderClass().getModifiers()));
    DifferentiableMethod pub = method("intDrivesLoop");
    for (Method companion : List.of(pub.gradientMethod(), pub.pullbackMethod(), pub.tangentMethod())) {
      assertEquals(true, Modifier.isPublic(companion.getModifiers()), companion + " should be public");
    }
  }
}
