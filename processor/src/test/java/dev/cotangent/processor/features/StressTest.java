package dev.cotangent.processor.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.Numerics;
import dev.cotangent.runtime.Dual;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;

/**
 * Methods of the sizes that symbolic tools and unrolled kernels produce, each compiled with the
 * processor (the companions must compile: split where javac's 64 KB per method would be hit, the
 * scalar tangents packed where the parameter slots would run out) and spot-checked against
 * Richardson central differences of the original: a 5,000-statement straight line, loops and
 * {@code if}s nested 30 deep, a class of 300 methods, 100 parameters, a 200-element initialiser,
 * a 200-branch {@code else if} chain; and a method whose pullback would need more than 255
 * parameter slots, which is a {@code COTANGENT-TOO-LARGE} error at the method.
 */
class StressTest {
  private static String lines(int n, IntFunction<String> line) {
    return IntStream.range(0, n).mapToObj(line).collect(Collectors.joining("\n"));
  }

  private static String unit(String body) {
    return "package stress;\nimport dev.cotangent.Differentiable;\npublic class S {\n" + body
        + "\n}\n";
  }

  /** The adjoint's ∂/∂(parameter k) against central differences, for the given ks. */
  private static void spotCheck(CompiledSources compiled, String name, double[] point,
      int... ks) throws Exception {
    Class<?>[] types = new Class<?>[point.length];
    Arrays.fill(types, double.class);
    Method original = compiled.load("stress.S").getMethod(name, types);
    Method gradient = compiled.load("stress.SAdjoint").getMethod(name, types);
    Object[] args = Arrays.stream(point).boxed().toArray();
    Object holder = gradient.invoke(null, args);
    assertEquals((double) original.invoke(null, args),
        holder.getClass().getField("value").getDouble(holder), 0.0, name + " value");
    for (int k : ks) {
      int index = k;
      Numerics.Estimate e = Numerics.derivative(t -> {
        Object[] a = args.clone();
        a[index] = point[index] + t;
        try {
          return (double) original.invoke(null, a);
        } catch (ReflectiveOperationException ex) {
          throw new IllegalStateException(ex);
        }
      }, Numerics.step(1e-3, point[k]));
      String field = original.getParameters()[k].getName();
      double ad = holder.getClass().getField(field).getDouble(holder);
      assertEquals(e.value(), ad, 1e-6 * Math.max(1, Math.abs(e.value())),
          name + " ∂/∂" + field + " (numerical " + e.describe() + ")");
    }
  }

  @Test
  void straightLineOf5000Statements() throws Exception {
    String body = "@Differentiable public static double f(double x, double y) {\n"
        + "  double a = x, b = y, c = 0.5;\n"
        + lines(5_000, k -> switch (k % 3) { // short statements: the original must fit 64 KB
          case 0 -> "  a = 0.5 * b + c;";
          case 1 -> "  b = 0.5 * c - a;";
          default -> "  c = Math.sin(a) * y;";
        }) + "\n  return a + b * c;\n}";
    CompiledSources compiled = CompiledSources.compile(unit(body));
    spotCheck(compiled, "f", new double[] {0.7, -0.4}, 0, 1);
  }

  @Test
  void loopsAndIfsNested30Deep() throws Exception {
    StringBuilder b = new StringBuilder("@Differentiable public static double f(double x,"
        + " double y) {\n  double s = x;\n");
    for (int d = 0; d < 30; d++) {
      b.append(d % 2 == 0
          ? "  for (int i" + d + " = 0; i" + d + " < " + (d % 4 == 0 ? 2 : 1) + "; i" + d
              + "++) {\n"
          : "  if (s > -1e9 + " + d + ") {\n");
      b.append("  s = 0.9 * s + 0.1 * Math.sin(y * s + ").append(d).append(");\n");
    }
    b.append("  s += x * y;\n").append("  }\n".repeat(30)).append("  return s;\n}");
    CompiledSources compiled = CompiledSources.compile(unit(b.toString()));
    spotCheck(compiled, "f", new double[] {0.3, 1.2}, 0, 1);
  }

  @Test
  void classWith300Methods() throws Exception {
    String body = lines(300, k -> "@Differentiable public static double m" + k
        + "(double x, double y) { return Math.sin(x * " + (k + 1) + " * 0.01) * y + x * " + k
        + "; }");
    CompiledSources compiled = CompiledSources.compile(unit(body));
    for (int k : new int[] {0, 149, 299}) {
      spotCheck(compiled, "m" + k, new double[] {0.8, -1.3}, 0, 1);
    }
  }

  @Test
  void methodWith100Parameters() throws Exception {
    String params = lines(100, k -> "double p" + k).replace("\n", ", ");
    String sum = lines(99, k -> "p" + k + " * p" + (k + 1) + " + Math.sin(p" + k + ")")
        .replace("\n", " + ");
    CompiledSources compiled = CompiledSources.compile(unit(
        "@Differentiable public static double f(" + params + ") { return " + sum + "; }"));
    double[] point = IntStream.range(0, 100).mapToDouble(k -> 0.01 * k - 0.3).toArray();
    spotCheck(compiled, "f", point, 0, 50, 99);
    // the tangent takes the 100 scalar tangents in one array (200 doubles need 400 slots)
    Class<?>[] types = new Class<?>[101];
    Arrays.fill(types, double.class);
    types[100] = double[].class;
    Method tangent = compiled.load("stress.STangent").getMethod("f", types);
    Object[] args = new Object[101];
    for (int k = 0; k < 100; k++) {
      args[k] = point[k];
    }
    double[] direction = new double[100];
    direction[50] = 1.0;
    args[100] = direction;
    Dual d = (Dual) tangent.invoke(null, args);
    double expected = point[49] + point[51] + Math.cos(point[50]);
    assertEquals(expected, d.tangent(), 1e-12, "tangent along p50 (closed form)");
  }

  @Test
  void arrayInitialiserOf200Elements() throws Exception {
    String elements = lines(200, k -> "Math.sin(x * " + k + " * 0.01) * y").replace("\n", ", ");
    CompiledSources compiled = CompiledSources.compile(unit(
        "@Differentiable public static double f(double x, double y) {\n  double[] c = {"
            + elements + "};\n  double s = 0;\n  for (int i = 0; i < c.length; i++) {\n"
            + "    s += c[i] * c[i];\n  }\n  return s;\n}"));
    spotCheck(compiled, "f", new double[] {0.9, -0.6}, 0, 1);
  }

  @Test
  void elseIfChainOf200Branches() throws Exception {
    StringBuilder b = new StringBuilder("@Differentiable public static double f(double x,"
        + " double y) {\n  double s;\n  if (x < -10) {\n    s = x * y;\n  }");
    for (int k = 1; k < 200; k++) {
      b.append(String.format(Locale.ROOT, " else if (x < %.2f) {\n    s = %d * x * y + Math.sin(x);\n  }",
          -10 + 0.1 * k, k));
    }
    b.append(" else {\n    s = y;\n  }\n  return s;\n}");
    CompiledSources compiled = CompiledSources.compile(unit(b.toString()));
    spotCheck(compiled, "f", new double[] {-4.03, 0.7}, 0, 1); // the branch of k = 60
    spotCheck(compiled, "f", new double[] {9.87, 0.7}, 0, 1); // the last
  }

  @Test
  void tooManyParameterSlotsIsAnErrorAtTheMethod() {
    String params = lines(130, k -> "double p" + k).replace("\n", ", ");
    String source = unit("@Differentiable public static double f(" + params
        + ") {\n  return p0 * p129;\n}");
    Compilation compilation = CompiledSources.compileExpectingAnything(source);
    assertEquals(Compilation.Status.FAILURE, compilation.status());
    for (Diagnostic<?> error : compilation.errors()) {
      String message = error.getMessage(Locale.ROOT);
      assertTrue(message.contains("[COTANGENT-TOO-LARGE]") && message.contains("255")
          && message.contains("double[]"), "only Cotangent's error, with advice: " + message);
      assertEquals(4, error.getLineNumber(), "at the method: " + message);
    }
  }
}
