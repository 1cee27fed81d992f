package dev.cotangent.processor.diagnostics;

import static dev.cotangent.processor.diagnostics.ExpectDiagnostics.inClass;
import static dev.cotangent.processor.diagnostics.ExpectDiagnostics.inMethod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.cotangent.processor.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The exact wording of the main messages, so that any change to them shows up in review, and
 * the rule that every message ends with advice ({@code "; "} followed by what to do).
 */
class MessageTextTest {
  private static final String MATH_FUNCTIONS = "sin cos tan asin acos atan atan2 sinh cosh tanh"
      + " exp expm1 log log10 log1p sqrt cbrt pow hypot abs min max signum floor ceil rint round"
      + " toRadians toDegrees fma IEEEremainder";
  private static final String TYPE_TAIL = "; Cotangent differentiates double and float (and"
      + " arrays of them) and carries int, long, boolean, char, byte, short, String and enum values"
      + " unchanged";
  private static final Pattern ADVICE = Pattern.compile("^\\[COTANGENT-[A-Z-]+\\] .+?; \\S.{9,}$");

  /** The single Cotangent diagnostic that compiling {@code source} produces. */
  private static String only(String source) {
    ExpectDiagnostics.Result result = ExpectDiagnostics.compile(source);
    List<String> messages = cotangentMessages(result.compilation());
    assertEquals(1, messages.size(), "expected one Cotangent diagnostic" + result.report());
    return messages.get(0);
  }

  private static List<String> cotangentMessages(Compilation compilation) {
    List<String> messages = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
      String message = ExpectDiagnostics.message(d);
      if (message.contains("[COTANGENT-")) {
        messages.add(message);
      }
    }
    return messages;
  }

  @Test
  void unsupportedStatement() {
    assertEquals("[COTANGENT-UNSUPPORTED] synchronized is not differentiable yet; check arguments"
            + " with guard clauses (if (...) throw new IllegalArgumentException(...)) and handle"
            + " errors in a method that calls the @Differentiable one",
        only(inMethod("synchronized (C.class) { x = y; }\nreturn x;")));
  }

  @Test
  void unsupportedThrow() {
    assertEquals("[COTANGENT-UNSUPPORTED] throwing an exception that is not created here (throw"
            + " e) is not differentiable yet; write throw new SomeException(message)",
        only(inClass("static final RuntimeException E = new IllegalStateException();\n"
            + "@Differentiable\nstatic double f(double x) { if (x < 0) throw E; return x; }")));
  }

  @Test
  void unsupportedCloneOfAFloatMatrix() {
    assertEquals("[COTANGENT-UNSUPPORTED] clone() of a float[][] (it shares the rows) is not"
            + " differentiable yet; allocate a new float[n][m] and copy the rows element by"
            + " element",
        only(inMethod("float[][] m = {{1}};\nfloat[][] c = m.clone();\nreturn x * c[0][0];")));
  }

  @Test
  void unsupportedRowReplacementOfAParameter() {
    assertEquals("[COTANGENT-UNSUPPORTED] replacing a row of b, whose outer array may be a"
            + " parameter's or another variable's is not differentiable yet; replace the rows of"
            + " a local matrix of its own, never reassigned: double[][] a = m.clone(); or new"
            + " double[n][n]",
        only(inMethod("double[][] m = {{x}};\ndouble[][] b = m;\nb[0] = new double[2];\n"
            + "return b[0][0];")));
  }

  @Test
  void unsupportedCopyOfRows() {
    assertEquals("[COTANGENT-UNSUPPORTED] copying or filling rows of a two-dimensional array is"
            + " not differentiable yet; loop over the rows and copy or fill each one",
        only(inMethod("double[][] m = new double[2][2];\ndouble[][] c = new double[2][2];\n"
            + "System.arraycopy(m, 0, c, 0, 2);\nreturn c[0][0];")));
  }

  @Test
  void arrayFieldWrite() {
    assertEquals("[COTANGENT-FIELD-WRITE] assigning to an element of the field W is not"
            + " supported; compute into a local variable and return it",
        only(inClass("static final double[] W = {1, 2};\n@Differentiable\n"
            + "static double f(double x) { W[0] = x; return x; }")));
  }

  @Test
  void arrayElementType() {
    assertEquals("[COTANGENT-TYPE] type new long[2] is not supported as an array type (use"
            + " double[], double[][], float[], float[][], int[], int[][], byte[], short[] or char[])"
            + TYPE_TAIL,
        only(inMethod("long[] l = new long[2];\nreturn x;")));
  }

  @Test
  void arrayIndexType() {
    assertEquals("[COTANGENT-TYPE] type double is not supported as an array index (use an int)"
            + TYPE_TAIL,
        only(inMethod("double[] a = {x, y};\nreturn a[x];")));
  }

  @Test
  void arrayReassignedInsideAnExpressionThatUsesIt() {
    assertEquals("[COTANGENT-UNSUPPORTED] reassigning an array inside an expression that also"
            + " uses it is not differentiable yet; assign the array in a statement of its own",
        only(inMethod("double[] b = {x};\ndouble[] c = {y, x};\nreturn b[(b = c).length - 1];")));
  }

  @Test
  void unsupportedCallStatement() {
    assertEquals("[COTANGENT-CALL] the derivative of sort is unknown: its source is not part of"
            + " this compilation and it has no generated companions; annotate it @Differentiable"
            + " where it is compiled, or give its derivative with @DerivativeOf",
        only(inMethod("double[] a = {x, 1 - x};\njava.util.Arrays.sort(a);\nreturn a[0];")));
  }

  @Test
  void typeOfParameter() {
    assertEquals("[COTANGENT-TYPE] type short[][] is not supported for the parameter v" + TYPE_TAIL,
        only(inClass("@Differentiable\nstatic double f(short[][] v) { return 1; }")));
  }

  @Test
  void typeOfCast() {
    assertEquals("[COTANGENT-TYPE] type Double is not supported in a cast" + TYPE_TAIL,
        only(inMethod("return (Double) x;")));
  }

  @Test
  void call() {
    assertEquals("[COTANGENT-CALL] the call Math.random(...) is not differentiable yet; a"
            + " @Differentiable method can call Math and StrictMath functions (" + MATH_FUNCTIONS
            + "), and static methods (or this object's methods) with double, float, int, long,"
            + " boolean and array parameters",
        only(inMethod("return Math.random();")));
  }

@Test
  void privateCallee() {
    List<String> messages = cotangentMessages(ExpectDiagnostics.compile(inClass(
        "private static double h(double v) { synchronized (C.class) { return v; } }\n"
            + "@Differentiable\nstatic double f(double x) { return x * h(3); }")).compilation());
    assertTrue(messages.contains("[COTANGENT-CALL] h is private, so the companions (other"
        + " classes) call a copy of it, but Cotangent cannot copy it (see the errors reported"
        + " there); fix them, or make the method package-private"), messages::toString);
  }

  @Test
  void noRule() {
    assertEquals("[COTANGENT-CALL] beta has @DerivativeOf rules, but none with respect to its"
            + " parameter b, which receives a differentiable value here; add"
            + " @DerivativeOf(..., wrt = \"b\") or pass a constant",
        only(inClass("static double beta(double a, double b) { return a * b; }\n"
            + "@dev.cotangent.DerivativeOf(owner = C.class, method = \"beta\", wrt = \"a\")\n"
            + "static double betaByA(double a, double b) { return b; }\n@Differentiable\n"
            + "static double f(double x) { return beta(1, x); }")));
  }

  @Test
  void rule() {
    assertEquals("[COTANGENT-RULE] @DerivativeOf method d is not static; rules are static, not"
            + " private, and return the partial derivative as a double",
        only(inClass("static double g(double v) { return v; }\n"
            + "@dev.cotangent.DerivativeOf(owner = C.class, method = \"g\")\n"
            + "double d(double v) { return 1; }")));
  }

  @Test
  void privateInstanceField() {
    assertEquals("[COTANGENT-PRIVATE-FIELD] the private field w cannot be read by the generated"
            + " companions, which are other classes; make it package-private (instance fields"
            + " are read as constants)",
        only(inClass("private double w;\n@Differentiable\ndouble f(double x) { return w * x; }")));
  }

  @Test
  void fieldWrite() {
    assertEquals("[COTANGENT-FIELD-WRITE] assigning to C.total is not supported; compute into a"
            + " local variable and return it",
        only(inClass("static double total;\n@Differentiable\n"
            + "static double f(double x) { C.total = x; return x; }")));
  }

  @Test
  void instanceField() {
    assertEquals("[COTANGENT-INSTANCE-FIELD] the instance field w cannot be read here (a static"
            + " method, or a field of another object); pass it as a parameter (mark it"
            + " @NoDerivative to hold it constant)",
        only(inClass("double w;\n@Differentiable\nstatic double f(double x) { return w * x; }")));
  }

  @Test
  void unknownName() {
    assertEquals("[COTANGENT-UNKNOWN-NAME] cannot resolve zeta; a @Differentiable method can read"
            + " its parameters, its locals and static fields",
        only(inMethod("return zeta;")));
  }

  @Test
  void privateField() {
    assertEquals("[COTANGENT-PRIVATE-FIELD] the private field C is not a compile-time constant,"
            + " so the generated companions cannot read it; make it package-private or initialise"
            + " it with a constant expression",
        only(inClass("private static final double C = Math.log(2);\n@Differentiable\n"
            + "static double f(double x) { return C * x; }")));
  }

  @Test
  void methodReturnType() {
    assertEquals("[COTANGENT-METHOD] @Differentiable method f must return double, float,"
            + " double[], double[][], float[] or void, not int[]; return the value to"
            + " differentiate as a double, the values of a vector-valued function as a double[],"
            + " or write results into array parameters",
        only(inClass("@Differentiable\nstatic int[] f(double x) { return null; }")));
  }

  @Test
  void methodParameterNamedValue() {
    assertEquals("[COTANGENT-METHOD] @Differentiable method f has a differentiable parameter named"
            + " value, which would clash with the gradient holder's value field; rename the"
            + " parameter",
        only(inClass("@Differentiable\nstatic double f(double value) { return value; }")));
  }

  @Test
  void noDerivativeIgnored() {
    assertEquals("[COTANGENT-NO-DERIVATIVE] @NoDerivative on the int parameter k has no effect;"
            + " only double parameters carry derivatives",
        only(inClass("@Differentiable\nstatic double f(double x, @NoDerivative int k) {"
            + " return x * k; }")));
  }

  @Test
  void methodReturnTypeHasAdvice() {
    String message = only(inClass("@Differentiable\nstatic int f(double x) { return 1; }"));
    assertTrue(ADVICE.matcher(message).matches(), message);
  }

  @Test
  void narrowingAdviceMentionsTheCast() {
    String message = only(inMethod("int k = x;\nreturn y;"));
    assertTrue(!message.contains("type double is not supported") && !message.contains("a int")
        && message.substring(message.indexOf("; ")).contains("cast"), message);
  }

  @Test
  void everyCatalogueEntryEndsWithAdvice() {
    for (Message message : Message.values()) {
      if (message == Message.METHOD_SHAPE || message == Message.CALL_SHAPE
          || message == Message.TOO_LARGE) {
        continue; // the advice is part of an argument; checked on real diagnostics (TOO_LARGE: StressTest)
      }
      String text = message.format("the first argument", "the second argument", "the third argument");
      assertTrue(text.startsWith("[" + message.id() + "] "), text);
      assertTrue(ADVICE.matcher(text).matches(), "no advice after '; ' in " + text);
    }
  }

  @Test
  void everyReportedMessageEndsWithAdvice() {
    ExpectDiagnostics.Result result = ExpectDiagnostics.compile(inClass("""
        static double total;
        double w;
        private static final double L = Math.log(2);

        @Differentiable
        static double f(double x, float a, double value, @NoDerivative int k) {
          double sw = 1 + switch (k) { default -> 1.0; };
          try { x = 2; } finally { x = 3; }
          synchronized (C.class) { x = 4; }
          assert x > 0 : this;
          class Local {}
          done: { x = 5; }
          Math.sin(x);
          Object o = new Object();
          double[][] mm = {{1}};
          float[][] fm = {{1}};
          float[][] mc = fm.clone();
          double[][] mb = mm;
          mb[0] = new double[1];
          long[] la = new long[1];
          double ai = mm[0][x];
          Runnable r = () -> {};
          java.util.function.DoubleUnaryOperator op = Math::cos;
          String s = "s";
          double sl = s.length();
          short[][] sh = new short[1][1];
          Object nothing = null;
          boolean i = o instanceof String;
          double fl = 1f;
          double m = x % 2.0 + x++; // both fine
          double call = Double.isNaN(x) ? 1 : 0;
          total = x;
          double iw = w;
          double unknown = zeta;
          double priv = L;
          float loc = 1;
          double rnd = Math.random();
          int nar = x;
          double cast = (Double) x;
          double privCall = privateHelper(x);
          double[] arr = {x};
          if (scale(arr) > 0) { x = 7; }
          if (k) { x = 6; }
          throw new Exception();
        }

        static double helper(double v) {
          return v;
        }

        private static double privateHelper(double v) {
          return v;
        }

        static double scale(double[] a) {
          a[0] *= 2;
          return a[0];
        }

        static double broken(double v) {
          return v % 2;
        }

        @Differentiable
        static double callsBroken(double x) {
          return broken(x);
        }

        private double pw;

        @Differentiable
        double readsPrivate(double x) {
          return pw * x;
        }

        @Differentiable
        static float[] floats(double x) {
          return null;
        }

        @Differentiable
        static double loops(double x) {
          while (x < 1) {
            break nowhere;
          }
          while (true) {
            x = x * 2;
          }
        }

        @dev.cotangent.DerivativeOf(owner = C.class, method = "helper")
        double notStatic(double v) {
          return 1;
        }

        @Differentiable
        double g(double x) {
          return x;
        }

        @Differentiable
        static native double h(double x);
        """));
    List<String> messages = cotangentMessages(result.compilation());
    assertTrue(messages.size() >= 35, "expected at least 35 messages" + result.report());
    for (String message : messages) {
      assertTrue(ADVICE.matcher(message).matches(), "no advice in: " + message);
      assertTrue(!message.contains("[COTANGENT-INTERNAL]"), message);
    }
  }
}
