package dev.cotangent.processor.diagnostics;

import static dev.cotangent.processor.diagnostics.ExpectDiagnostics.inClass;
import static dev.cotangent.processor.diagnostics.ExpectDiagnostics.inMethod;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The processor never throws and never reports an internal error: every snippet below either
 * compiles (generated companions included) or is rejected with a {@code [COTANGENT-...]} error
 * (or, for invalid Java, by javac on the user's own source, never in generated code).
 * The snippets are odd corners of the supported subset, unsupported code, and code javac itself
 * rejects (the processor sees it before attribution).
 */
class HostileSnippetsTest {

  static Stream<Arguments> snippets() {
    List<Arguments> all = new ArrayList<>();
    // corners of the supported subset
    body(all, "only an infinite loop", "while (true) { x = x * 0.5; if (x < 1e-3) return x; }");
    body(all, "no return after for(;;)", "for (;;) { if (x > 1) return x; x = x * 2 + 1; }");
    body(all, "returns from both branches", "if (b) return x; else return y;");
    body(all, "definitely assigned", "double r; if (b) r = x; else r = y; return r;");
    body(all, "200 nested parentheses", "return " + "(".repeat(200) + "x" + ")".repeat(200) + ";");
    body(all, "500 term sum", "return x" + " + x * y".repeat(500) + ";");
    body(all, "nested labelled loops",
        "outer: for (int i = 0; i < n; i++) { for (int j = 0; j < n; j++) {"
            + " if (j > i) continue outer; if (i * j > 6) break outer; x = x * 1.01; } }"
            + " return x;");
    body(all, "continue in do-while",
        "do { if (x > 10) continue; x = x + 1; } while (x < 5); return x;");
    body(all, "locals named like generated ones",
        "double tape = x; double seed = y; double into = 1; double result = tape * seed;"
            + " boolean returned = b; int trips = n; int trip = 0; double xBar = x; double t0 = 1;"
            + " double bar = 2; double gradient = 3; double resultBar = 4;"
            + " for (int i = 0; i < 2; i++) { result = result * xBar; }"
            + " return returned ? result + into + t0 + bar + gradient + trips + trip + resultBar"
            + " : x;");
    body(all, "var locals", "var k = n; var z = x * k; var c = b; return c ? z : y;");
    body(all, "integer bit operations",
        "int k = n << 2; k >>= 1; k ^= 3; k |= 1; k &= 7; long m = ~k; m >>>= 1;"
            + " return x * k + m % 3;");
    body(all, "boolean operators",
        "boolean c = b & x > 0 | !b ^ y < 0; c &= b; c |= x == y; return c ? x : y;");
    body(all, "casts", "int k = (int) x; long m = (long) (x * y); double d = (double) k;"
        + " return d * x + m + (int) Math.round(y);");
    body(all, "narrowing compound assignments", "int k = n; k += x; k *= 1.5; return k * y;");
    body(all, "odd literals", "long m = 9_000_000_000L; return x * m + 0x1p3 + 1e300 * 1e10 + 0b101"
        + " + 017 + .5 + 1.e2 + 1D;");
    body(all, "special constants",
        "return Double.NaN * 0 + Double.NEGATIVE_INFINITY + Double.MAX_VALUE + Long.MIN_VALUE;");
    body(all, "unicode and dollar names",
        "double größe = x; double π = Math.PI; double $y = y; double _z = 1;"
            + " return größe * π * $y * _z;");
    body(all, "reassigned parameters",
        "x = x * x; y = x + y; n = n + 1; b = !b; return b ? x : y * n;");
    body(all, "sibling scopes with the same name",
        "{ double t = x; x = t * 2; } { double t = y; y = t * 3; } return x + y;");
    body(all, "declaration without initialiser in a loop",
        "double acc = 0; for (int i = 0; i < 3; i++) { double t; t = x * i; acc += t; }"
            + " return acc;");
    body(all, "unary chains", "return -(-x) + +y - -x + ~n + (!b ? 1 : 0);");
    body(all, "empty statements and blocks", ";;; {} { { } } if (b) ; else {} return x;;");
    body(all, "constant condition", "if (true) return x; return y;");
    body(all, "no double parameter used", "return n;");
    body(all, "Math with integer arguments",
        "return Math.abs(n) + Math.max(n, 3) + Math.min(3L, n) + Math.round(x) + Math.pow(n, 2)"
            + " + Math.sqrt(n);");
    body(all, "StrictMath and qualified Math",
        "return StrictMath.sin(x) + java.lang.Math.cos(y) + java.lang.StrictMath.exp(x);");
    body(all, "conditional mixing int and double", "return b ? n : x;");
    body(all, "loop that never runs", "for (int i = 0; i < 0; i++) { x = Math.log(x); } return x;");
    body(all, "return inside every loop kind",
        "for (int i = 0; i < n; i++) { while (b) { do { if (x > y) return x; x = x + 1; }"
            + " while (x < 0); break; } } return y;");
    body(all, "array of arrays", "double[][] m = {{x}}; return m[0][0];");
    body(all, "jagged matrix only read", "double[][] m = new double[2][]; return x + m.length;");
    body(all, "negative array size (throws at run time, as the original)",
        "double[] a = new double[-1]; return x;");
    body(all, "nested indices", "double[] a = {x, y}; int[] k = {1, 0};"
        + " return a[k[a.length - 2]] * new int[] {1, 2}[0] + new double[n].length;");
    body(all, "overlapping arraycopy both ways", "double[] a = {x, y, x * y};"
        + " System.arraycopy(a, 0, a, 1, 2); System.arraycopy(a, 1, a, 0, 2); return a[0] + a[2];");
    body(all, "array reassigned in one branch", "double[] a = {x, y}; double[] c = a;"
        + " if (b) c = new double[] {y, y}; c[0] = x * x; return a[0] + c[0];");
    body(all, "enhanced for writing the array it reads",
        "double[] a = {x, y}; double s = 0; for (double v : a) { a[1] = s; s += v; } return s;");
    body(all, "mixed array declarators", "double a[] = {x}; double[] m[] = {{y}};"
        + " return a[0] * m[0][0];");
    body(all, "array locals named like generated ones", "double[] aBar = {x}; double[] aDot = {y};"
        + " double[] a = {x * y}; double[] tape = {1}; double[] into = {2};"
        + " return a[0] * aBar[0] * aDot[0] * tape[0] * into[0];");
    // unsupported code and code javac rejects
    body(all, "only a throw", "throw new IllegalStateException();");
    body(all, "bare return", "return;");
    body(all, "missing return", "x = x + 1;");
    body(all, "unknown method on a parameter", "return x.foo();");
    body(all, "string into int", "int k = \"s\"; return k;");
    body(all, "unknown type", "Foo f = new Foo(); return x;");
    body(all, "lambda returning", "return ((java.util.function.DoubleSupplier) () -> x).getAsDouble();");
    body(all, "anonymous class", "Object o = new Object() { double g() { return 1; } }; return x;");
    body(all, "switch expression with yield",
        "double r = switch (n) { case 1: yield x; default: yield y; }; return r;");
    body(all, "pattern instanceof", "Object o = x; if (o instanceof Double d) return d; return y;");
    body(all, "text block", "String s = \"\"\"\n  text\n  \"\"\"; return x;");
    body(all, "nested side effects", "double a; double c; a = c = x++; return (a += 1) * c--;");
    body(all, "this and super", "return this.hashCode() + super.hashCode();");
    body(all, "class literal", "Class<?> k = double.class; return x;");
    body(all, "label on a block with break", "done: { if (b) break done; x = y; } return x;");
    body(all, "local with modifier", "static double k = 1; return x;");
    body(all, "duplicate local", "double k = x; double k = y; return k;");
    body(all, "Math function with wrong arity", "return Math.sin(x, y);");
    body(all, "Math call on a boolean", "return Math.sin(b);");
    body(all, "deeply nested calls", "return " + "Math.sin(".repeat(100) + "x" + ")".repeat(100)
        + ";");
    // whole classes
    all.add(Arguments.of("generic method", new String[] {inClass("""
        @Differentiable
        static <T extends Number> double f(double x) {
          return x * x;
        }
        """)}));
    all.add(Arguments.of("throws clause and modifiers", new String[] {inClass("""
        @Differentiable
        public static synchronized double f(final double x, final @NoDerivative double k)
            throws Exception {
          return x * k;
        }
        """)}));
    all.add(Arguments.of("parameter named like its method", new String[] {inClass("""
        @Differentiable
        static double f(double f, double g) {
          return f * g;
        }
        """)}));
    all.add(Arguments.of("parameters named like generated names", new String[] {inClass("""
        @Differentiable
        static double f(double seed, double into, double tape, double result, double gradient,
            double resultBar, double xBar, double x, double t0, double returned) {
          return seed * into * tape * result * gradient * resultBar * xBar * x * t0 * returned;
        }
        """)}));
    all.add(Arguments.of("overloaded methods", new String[] {inClass("""
        @Differentiable
        static double f(double x) {
          return x * x;
        }

        @Differentiable
        static double f(double x, double y) {
          return x * y;
        }

        @Differentiable
        static double f(double x, int n) {
          return x * n;
        }
        """)}));
    all.add(Arguments.of("array parameters named like generated names", new String[] {inClass("""
        @Differentiable
        static double f(double[] gradient, double[] into, double[] seed, double[] tape,
            double[] a, double[] aBar, double[] ArrayState) {
          a[0] = aBar[0] * a[0];
          return gradient[0] * into[0] * seed[0] * tape[0] * a[0] * ArrayState[0];
        }
        """)}));
    all.add(Arguments.of("user classes named like the array library", new String[] {inClass("""
        static class Arrays {
          static void fill(double[] a, double v) {
            a[0] = 42;
          }
        }

        static class ArrayState {}

        @Differentiable
        static double f(double x) {
          double[] a = new double[2];
          Arrays.fill(a, x);
          return a[1];
        }
        """)}));
    all.add(Arguments.of("static import of Math", new String[] {"""
        package p;

        import static java.lang.Math.*;

        import dev.cotangent.Differentiable;

        class C {
          @Differentiable
          static double f(double x) {
            return sin(x) * cos(x) + PI + exp(-x * x);
          }
        }
        """}));
    all.add(Arguments.of("nested, inner, interface, enum and record hosts", new String[] {"""
        package p;

        import dev.cotangent.Differentiable;

        class C {
          static class Nested {
            @Differentiable
            static double f(double x) { return x * x; }
          }

          class Inner {
            @Differentiable
            static double g(double x) { return x * 3; }
          }

          interface Shape {
            @Differentiable
            static double area(double r) { return Math.PI * r * r; }
          }

          enum Kind {
            A;

            @Differentiable
            static double h(double x) { return Math.exp(x); }
          }

          record Pair(double a, double b) {
            @Differentiable
            static double sum(double a, double b) { return a + b; }
          }
        }
        """}));
    all.add(Arguments.of("default package", new String[] {"""
        import dev.cotangent.Differentiable;

        class Top {
          @Differentiable
          static double f(double x) {
            return x * x;
          }
        }
        """}));
    all.add(Arguments.of("constant from an implemented interface", new String[] {"""
        package p;

        import dev.cotangent.Differentiable;

        class C implements Constants {
          @Differentiable
          static double f(double x) {
            return K * x + Constants.K;
          }
        }

        interface Constants {
          double K = 2;
        }
        """}));
    all.add(Arguments.of("user classes named like generated imports", new String[] {"""
        package p;

        import dev.cotangent.Differentiable;

        class Tape {
          @Differentiable
          static double f(double x) {
            double r = 0;
            for (int i = 0; i < 3; i++) {
              r = r + x * i;
            }
            return r;
          }
        }
        """, """
        package p;

        class Generated {}
        """}));
    return all.stream();
  }

  private static void body(List<Arguments> all, String name, String body) {
    all.add(Arguments.of(name, new String[] {inMethod(body)}));
  }

  /**
   * Passes when the compilation succeeded, or a {@code [COTANGENT-...]} error rejected the code,
   * or javac alone rejected invalid Java in the user's sources. Fails on an internal error, an
   * exception, or any error in a generated file.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("snippets")
  void compilesOrReportsACotangentError(String name, String[] sources) {
    ExpectDiagnostics.Result result = ExpectDiagnostics.compile(sources);
    Compilation compilation = result.compilation();
    boolean cotangentError = false;
    boolean errorOutsideInputs = false;
    for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
      String message = ExpectDiagnostics.message(d);
      assertTrue(!message.contains("[COTANGENT-INTERNAL]"), "internal error" + result.report());
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        cotangentError |= message.contains("[COTANGENT-");
        errorOutsideInputs |= !result.isInput(d.getSource());
      }
    }
    assertTrue(!errorOutsideInputs, "error in generated code" + result.report());
    assertTrue(compilation.status() == Compilation.Status.SUCCESS || cotangentError
            || !compilation.errors().isEmpty(),
        "neither compiled nor reported an error" + result.report());
  }

  private static void passes(String... sources) {
    new HostileSnippetsTest().compilesOrReportsACotangentError("bug", sources);
  }

  @Test
  void emptyInfiniteLoop() {
    passes(inMethod("while (true) { }"));
  }

  @Test
  void unknownLabel() {
    passes(inMethod("for (;;) { break nowhere; } return x;"));
  }

  @Test
  void holdersThatShareAName() {
    passes(inClass("""
        @Differentiable
        static double f(double x) {
          return x * x;
        }

        @Differentiable
        static double F(double x) {
          return x * 2;
        }
        """));
  }

  @Test
  void parameterNamedMath() {
    passes(inClass("""
        @Differentiable
        static double f(double Math) {
          return java.lang.Math.sin(Math);
        }
        """));
  }

  @Test
  void packageClassNamedMath() {
    passes(
        inClass("""
            @Differentiable
            static double f(double x) {
              return java.lang.Math.sin(x);
            }
            """),
        """
        package p;

        class Math {}
        """);
  }

  @Test
  void userClassNamedLikeTheCompanion() {
    passes(
        inClass("""
            @Differentiable
            static double f(double x) {
              return x * x;
            }
            """),
        """
        package p;

        class CAdjoint {}
        """);
  }

  @Test
  void nestedAndTopLevelClassWithTheSameCompanion() {
    passes(
        """
        package p;

        import dev.cotangent.Differentiable;

        class A {
          static class B {
            @Differentiable
            static double f(double x) { return x * x; }
          }
        }
        """,
        """
        package p;

        import dev.cotangent.Differentiable;

        class A_B {
          @Differentiable
          static double g(double x) { return x * 3; }
        }
        """);
  }
  // formerly [COTANGENT-INTERNAL] 'no shadow for CloneArray[...]'
  @Test
  void elementOfAClone() {
    ExpectDiagnostics.check(inMethod("""
        double[] a = {x, y};
        double t = a.clone()[1] * 2; // error: [COTANGENT-UNSUPPORTED] using a new array without a name is not differentiable yet; store it in a local variable first at `a.clone()`
        return t;
        """));
  }

  // formerly [COTANGENT-INTERNAL] 'no shadow for ArrayLiteral[...]'
  @Test
  void elementOfANewArray() {
    ExpectDiagnostics.check(inMethod("""
        return new double[] {x, y}[1]; // error: [COTANGENT-UNSUPPORTED] using a new array without a name is not differentiable yet; store it in a local variable first at `new double[] {x, y}`
        """));
  }

  // formerly [COTANGENT-INTERNAL] 'java.lang.StackOverflowError' (alias cycles)
  @Test
  void reassigningAnArrayToAnAlias() {
    ExpectDiagnostics.check(inMethod("double[] a = {x}; a = a; return a[0];"));
    ExpectDiagnostics.check(inMethod("double[] a = {x}; double[] c = {y}; double[] t = a; a = c;"
        + " c = t; return a[0] * c[0];"));
    ExpectDiagnostics.check(inMethod("double[][] m = {{x}}; double[] r = m[0]; r = m[0];"
        + " return r[0];"));
  }
}
