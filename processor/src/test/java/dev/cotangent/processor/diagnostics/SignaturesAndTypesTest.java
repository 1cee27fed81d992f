package dev.cotangent.processor.diagnostics;

import static dev.cotangent.processor.diagnostics.ExpectDiagnostics.check;
import static dev.cotangent.processor.diagnostics.ExpectDiagnostics.inClass;
import static dev.cotangent.processor.diagnostics.ExpectDiagnostics.inMethod;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The method's shape ({@code [COTANGENT-METHOD]}), the types of parameters, locals and values
 * ({@code [COTANGENT-TYPE]}) and {@code @NoDerivative} where it means nothing
 * ({@code [COTANGENT-NO-DERIVATIVE]}, a warning). {@code float} values and instance methods are
 * supported; a method returns {@code double}, {@code float} or {@code double[]}.
 */
class SignaturesAndTypesTest {

  /** Compiles without any diagnostic; returns the text of both companions of {@code p.C}. */
  private static String compiles(String source) {
    ExpectDiagnostics.Result result = check(source);
    String adjoint = result.generated("p.CAdjoint")
        .orElseThrow(() -> new AssertionError("no p.CAdjoint" + result.report()));
    String tangent = result.generated("p.CTangent")
        .orElseThrow(() -> new AssertionError("no p.CTangent" + result.report()));
    assertTrue(adjoint.contains(" f("), "no f in p.CAdjoint" + result.report());
    assertTrue(tangent.contains(" f("), "no f in p.CTangent" + result.report());
    return adjoint + tangent;
  }

  @Test
  void floatParameter() {
    compiles(inClass("""
        @Differentiable
        static double f(float x) {
          return 2 * x;
        }
        """));
  }

  @Test
  void floatResult() {
    compiles(inClass("""
        @Differentiable
        static float f(float x, double y) {
          float s = x * 1.5f;
          return (float) (s * y);
        }
        """));
  }

  @Test
  void stringCharAndEnumParametersAreCarriedUnchanged() {
    check(inClass("""
        enum Kind { A, B }

        @Differentiable
        static double f(double x, String label, char c, Kind kind) {
          return kind == Kind.A && c == 'q' ? 2 * x : x * x;
        }
        """));
  }

  @Test
  void privateEnumParameter() {
    check(inClass("""
        private enum Kind { A, B }

        @Differentiable
        static double f(double x, Kind kind) { // error: [COTANGENT-TYPE] type p.C.Kind is not supported for the parameter kind (the companions, other classes, cannot name the private class Kind; make it package-private) at `Kind`
          return kind == Kind.A ? 2 * x : x * x;
        }
        """));
  }

  @Test
  void arrayParameters() {
    ExpectDiagnostics.Result result = check(inClass("""
        @Differentiable
        static double f(double[] xs, double[][] m, int[] k) {
          return xs[k[0]] * m[0][1];
        }
        """));
    String adjoint = result.generated("p.CAdjoint").orElseThrow(
        () -> new AssertionError("no p.CAdjoint" + result.report()));
    assertTrue(adjoint.contains("static FGradient f(double[] xs, double[][] m, int[] k)"),
        result.report());
    assertTrue(result.generated("p.CTangent").isPresent(), result.report());
  }

  @Test
  void varargsParameterIsAnArrayParameter() {
    ExpectDiagnostics.Result result = check(inClass("""
        @Differentiable
        static double f(double x, double... rest) {
          double s = x;
          for (double r : rest) {
            s += r * x;
          }
          return s;
        }
        """));
    String adjoint = result.generated("p.CAdjoint").orElseThrow(
        () -> new AssertionError("no p.CAdjoint" + result.report()));
    assertTrue(adjoint.contains("static FGradient f(double x, double[] rest)"), result.report());
    assertTrue(result.generated("p.CTangent").isPresent(), result.report());
  }

  @Test
  void varargsOfUnsupportedElements() {
    check(inClass("""
        @Differentiable
        static double f(double x, long... rest) { // error: [COTANGENT-TYPE] type long[] is not supported for the parameter rest at `long...`
          return x;
        }
        """));
  }

  @Test
  void noDerivativeOnAnIntArrayIsAWarningOnly() {
    check(inClass("""
        @Differentiable
        static double f(double x, @NoDerivative int[] k) { // warning: [COTANGENT-NO-DERIVATIVE] @NoDerivative on the int[] parameter k has no effect at `@NoDerivative int[] k`
          return x * k[0];
        }
        """));
  }

  @Test
  void noDerivativeOnADoubleArray() {
    check(inClass("""
        @Differentiable
        static double f(double[] a, @NoDerivative double[] w) {
          return a[0] * w[0];
        }
        """));
  }

  @Test
  void arrayParameterNamedValue() {
    check(inClass("""
        @Differentiable
        static double f(double[] value) { // error: [COTANGENT-METHOD] has a differentiable parameter named value
          return value[0];
        }
        """));
  }

  @Test
  void objectAndBoxedParameters() {
    check(inClass("""
        @Differentiable
        static double f(
            Object o, // error: [COTANGENT-TYPE] type java.lang.Object at `Object`
            Double boxed, // error: [COTANGENT-TYPE] type java.lang.Double at `Double`
            Short s, // error: [COTANGENT-TYPE] type java.lang.Short at `Short`
            byte[][] by, // error: [COTANGENT-TYPE] type byte[][] at `byte[][]`
            short narrow, byte b, char c, // accepted: data
            double x) {
          return x;
        }
        """));
  }

  @Test
  void floatLocal() {
    compiles(inMethod("""
        float v = 1;
        v = v * (float) x;
        return v + y;
        """));
  }

  @Test
  void unsupportedLocalType() {
    check(inMethod("""
        Short v = 1; // error: [COTANGENT-TYPE] type Short is not supported for the local variable v at `Short`
        return x;
        """));
  }

  @Test
  void varLocalTakesTheInitialiserType() {
    check(inMethod("""
        var k = n * 2;
        var z = x * k;
        return z;
        """));
  }

  @Test
  void narrowingWithoutCast() {
    // javac would also reject it, but it stops after the processor's error
    check(inMethod("""
        int k = x; // error: [COTANGENT-TYPE] a double value cannot be assigned to an int variable without a cast; write the cast, e.g. (int) (...) at `x`
        return y;
        """));
  }

  @Test
  void booleanResult() {
    check(inMethod("""
        return b; // error: [COTANGENT-TYPE] type boolean is not supported as the result at `return b;`
        """));
  }

  @Test
  void numberAsCondition() {
    check(inMethod("""
        if (n) { // error: [COTANGENT-TYPE] type int is not supported as a condition at `(n)`
          return x;
        }
        return y;
        """));
  }

  @Test
  void castToFloat() {
    compiles(inMethod("""
        return (float) x * y;
        """));
  }

  @Test
  void castToABoxedType() {
    check(inMethod("""
        return (Double) x; // error: [COTANGENT-TYPE] type Double is not supported in a cast at `(Double) x`
        """));
  }

  @Test
  void methodReturningInt() {
    check(inClass("""
        @Differentiable
        static int f(double x) { // error: [COTANGENT-METHOD] @Differentiable method f must return double, float, double[], double[][], float[] or void, not int; return the value to differentiate as a double, the values of a vector-valued function as a double[], or write results into array parameters at `int`
          return (int) x;
        }
        """));
  }

  @Test
  void methodReturningVoid() {
    check(inClass("""
        @Differentiable
        static void f(double x) { // error: [COTANGENT-METHOD] @Differentiable method f returns void and writes into no differentiable array parameter, so it has nothing to differentiate at `void`
        }
        """));
  }

  @Test
  void methodReturningBoxedDouble() {
    check(inClass("""
        @Differentiable
        static Double f(double x) { // error: [COTANGENT-METHOD] must return double, float, double[], double[][], float[] or void, not java.lang.Double at `Double`
          return x;
        }
        """));
  }

  @Test
  void instanceMethod() {
    String companions = compiles(inClass("""
        double w = 2;

        double g(double v) {
          return w * v;
        }

        @Differentiable
        double f(double x) {
          return this.w * x * x + w + g(x) + this.g(x);
        }
        """));
    // the companions take the receiver first
    assertTrue(companions.contains("f(C "), companions);
  }

  @Test
  void wrongShapeReportsOnlyTheShape() {
    // the body is not read once the shape is wrong, so no cascade of body errors
    check(inClass("""
        @Differentiable
        int f(double x) { // error: [COTANGENT-METHOD] must return double, float, double[], double[][], float[] or void, not int
          return (int) Math.random();
        }
        """));
  }

  @Test
  void abstractMethod() {
    // javac itself accepts an abstract method in an abstract class; only Cotangent complains
    check("""
        package p;

        import dev.cotangent.Differentiable;

        abstract class C {
          @Differentiable
          abstract double f(double x); // error: [COTANGENT-METHOD] @Differentiable method f has no body to differentiate; give it one, or remove @Differentiable
        }
        """);
  }

  @Test
  void staticAbstractMethod() {
    // javac reports the illegal modifiers while entering the class and then does not run the
    // processors at all: javac's error is the only one, and nothing is generated
    check("""
        package p;

        import dev.cotangent.Differentiable;

        abstract class C {
          @Differentiable
          static abstract double f(double x); // error: illegal combination of modifiers: abstract and static
        }
        """);
  }

  @Test
  void interfaceMethodWithoutBody() {
    check("""
        package p;

        import dev.cotangent.Differentiable;

        interface C {
          @Differentiable
          double f(double x); // error: [COTANGENT-METHOD] has no body to differentiate
        }
        """);
  }

  @Test
  void nativeMethod() {
    // legal Java (javac reports nothing), but there is no body to differentiate
    check(inClass("""
        @Differentiable
        static native double f(double x); // error: [COTANGENT-METHOD] @Differentiable method f has no body to differentiate; give it one, or remove @Differentiable
        """));
  }

  @Test
  void staticInterfaceMethodCompiles() {
    check("""
        package p;

        import dev.cotangent.Differentiable;

        interface C {
          @Differentiable
          static double f(double x) {
            return x * x;
          }
        }
        """);
  }

  @Test
  @Disabled("processor bug (missing error): a @Differentiable method in a local class of a plain"
      + " (not @Differentiable) method is still silently ignored: no companion and no diagnostic."
      + " Since ec485de it is reported when the enclosing method is @Differentiable (see"
      + " methodInLocalClassOfADifferentiableMethod), because only those bodies are scanned")
  void methodInLocalClass() {
    check(inClass("""
        static double outer(double x) {
          class Local {
            @Differentiable
            static double f(double v) { // error: [COTANGENT-METHOD] @Differentiable method f is in a local or anonymous class, where it cannot get companions; move it to a top-level or member class
              return v * v;
            }
          }
          return Local.f(x);
        }
        """));
  }

  @Test
  void methodInLocalClassOfADifferentiableMethod() {
    check(inClass("""
        @Differentiable
        static double outer(double x) {
          class Local { // error: [COTANGENT-UNSUPPORTED] a local class is not differentiable yet
            @Differentiable
            static double f(double v) { // error: [COTANGENT-METHOD] @Differentiable method f is in a local or anonymous class, where it cannot get companions; move it to a top-level or member class
              return v * v;
            }
          }
          return x * x;
        }
        """));
  }

  @Test
  void noDerivativeOnIntIsAWarningOnly() {
    ExpectDiagnostics.Result result = check(inClass("""
        @Differentiable
        static double f(double x, @NoDerivative int n) { // warning: [COTANGENT-NO-DERIVATIVE] @NoDerivative on the int parameter n has no effect at `@NoDerivative int n`
          return x * n;
        }
        """));
    assertTrue(result.generated("p.CAdjoint").isPresent(), result.report());
    assertTrue(result.generated("p.CTangent").isPresent(), result.report());
  }

  @Test
  void noDerivativeOnLongAndBooleanAreWarnings() {
    check(inClass("""
        @Differentiable
        static double f(
            double x,
            @NoDerivative long m, // warning: [COTANGENT-NO-DERIVATIVE] on the long parameter m
            @NoDerivative boolean b) { // warning: [COTANGENT-NO-DERIVATIVE] on the boolean parameter b
          return b ? x * m : x;
        }
        """));
  }

  @Test
  void noDerivativeOnDoubleIsSilent() {
    check(inClass("""
        @Differentiable
        static double f(double x, @NoDerivative double scale) {
          return x * scale;
        }
        """));
  }

  @Test
  void differentiableParameterNamedValue() {
    check(inClass("""
        @Differentiable
        static double f(double x, double value) { // error: [COTANGENT-METHOD] @Differentiable method f has a differentiable parameter named value at `double value`
          return x * value;
        }
        """));
  }

  @Test
  void nonDifferentiableParameterNamedValueIsFine() {
    check(inClass("""
        @Differentiable
        static double f(double x, @NoDerivative double value, int k) {
          return x * value * k;
        }

        @Differentiable
        static double g(double x, int value) {
          return x * value;
        }
        """));
  }
}
