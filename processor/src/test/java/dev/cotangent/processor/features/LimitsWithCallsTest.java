package dev.cotangent.processor.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.runtime.Dual;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;

/**
 * The JVM's limits (packed tangents, companions split into frames, COTANGENT-TOO-LARGE) together
 * with what Java as written brought: calls of void methods that write into their array
 * arguments, of array-returning methods, of float methods that also write into arrays; guard
 * clauses, switch and checkpointed loops in split companions; vector mode (fBatch) in a frame;
 * second-order companions, which are not split. Each is checked by {@link ScalarCheck} against
 * Richardson central differences of the original, or its diagnostic is checked.
 */
class LimitsWithCallsTest {
  private static final Class<?> D = double.class;

  private static String joined(int n, java.util.function.IntFunction<String> item,
      String separator) {
    return IntStream.range(0, n).mapToObj(item).collect(Collectors.joining(separator));
  }

  private static ScalarCheck check(CompiledSources s, String name, Class<?>[] types,
      String... differentiable) {
    return new ScalarCheck(s.load("limits.L"), s.load("limits.LAdjoint"),
        s.load("limits.LTangent"), name, types, differentiable);
  }

  /** 100 double parameters: the callees' tangents take their scalar tangents packed. */
  private static final String PACKED_CALLEES = """
      package limits;
      import dev.cotangent.Differentiable;
      public class L {
        @Differentiable
        static void spread(double[] out, %1$s) {
          out[0] = %2$s;
          out[1] = Math.sin(p50) * p99 + p0;
        }
        @Differentiable
        static double[] pair(%1$s) {
          return new double[] {p0 * p1 + p98, Math.cos(p99) * p2};
        }
        @Differentiable
        public static double viaVoid(double x, double y) {
          double[] o = new double[2];
          spread(o, %3$s);
          return o[0] * o[1] + o[0];
        }
        @Differentiable
        public static double viaArray(double x, double y) {
          double[] r = pair(%3$s);
          return r[0] * r[1];
        }
      }
      """.formatted(
          joined(100, k -> "double p" + k, ", "),
          joined(99, k -> "p" + k + " * p" + (k + 1), " + "),
          joined(100, k -> k % 3 == 0 ? "x" : k % 3 == 1 ? "y" : "x * y", ", "));

  @Test
  void packedTangentsOfAVoidOutParameterCalleeAndOfAnArrayReturningOne() {
    CompiledSources s = CompiledSources.compile(PACKED_CALLEES);
    Class<?>[] types = new Class<?>[101];
    types[0] = double[].class;
    java.util.Arrays.fill(types, 1, 101, D);
    // the callee's tangent is void f(out, outDot, p0, ..., p99, double[] tangents)
    boolean packed = false;
    for (Method m : s.load("limits.LTangent").getDeclaredMethods()) {
      packed |= m.getName().equals("spread") && m.getParameterCount() == 103;
    }
    assertTrue(packed, "spread's tangent takes its 100 scalar tangents in one array");
    check(s, "viaVoid", new Class<?>[] {D, D}, "x", "y").at(null, 0.3, -0.7);
    check(s, "viaArray", new Class<?>[] {D, D}, "x", "y").at(null, 0.3, -0.7);
  }

  /** What main's writers emit, with every companion split into parts of one statement. */
  private static final String SPLIT = """
      package limits;
      import dev.cotangent.Differentiable;
      public class L {
        private static void addScaled(double[] y, double a, double[] x) {
          for (int i = 0; i < y.length; i++) {
            y[i] += a * x[i];
          }
        }
        @Differentiable
        static float scaleInto(float[] out, float a) {
          out[0] = a * a;
          return 3 * a;
        }
        @Differentiable
        public static double calls(double[] x, double c) {
          if (x.length < 2) {
            throw new IllegalArgumentException("two values, not " + x.length);
          }
          double[] y = {c, c * c};
          addScaled(y, Math.sin(c), x);
          double s = 0;
          switch (x.length) {
            case 2 -> s = y[0] * y[1];
            default -> s = y[0] + y[1] * x[2];
          }
          return s + y[1];
        }
        @Differentiable
        public static float floats(float x) {
          float[] o = new float[1];
          float r = scaleInto(o, x);
          return r * o[0] + r;
        }
        @Differentiable(checkpoints = 3)
        public static double checkpointed(double x, double y, int n) {
          double p = x;
          for (int i = 0; i < n; i++) {
            p = Math.sin(p * y) + 0.5 * p;
          }
          return p * x;
        }
      }
      """;

  @Test
  void splitCompanionsWithCallsGuardsSwitchFloatsAndCheckpoints() {
    CompiledSources s = CompiledSources.compileWith(List.of("-Acotangent.splitAbove=0"), SPLIT);
    assertTrue(s.generatedSource("limits.LAdjoint").contains("CallsFrame"),
        "the pullback of calls runs in a frame");
    check(s, "calls", new Class<?>[] {double[].class, D}, "x", "c")
        .at(null, new double[] {0.5, -1.25}, 0.75);
    check(s, "calls", new Class<?>[] {double[].class, D}, "x", "c")
        .at(null, new double[] {0.5, -1.25, 2.0}, 0.75);
    check(s, "floats", new Class<?>[] {float.class}, "x").at(null, 0.75f);
    check(s, "checkpointed", new Class<?>[] {D, D, int.class}, "x", "y")
        .at(null, 0.6, 1.3, 7);
  }

  @Test
  void vectorModeInAFrameAgreesWithTheTangent() throws Exception {
    CompiledSources s = CompiledSources.compileWith(List.of("-Acotangent.splitAbove=0"), SPLIT);
    assertTrue(s.generatedSource("limits.LTangent").contains("CheckpointedFrameBatch"),
        "fBatch runs in a frame");
    Class<?> tangent = s.load("limits.LTangent");
    Method batch = tangent.getMethod("checkpointedBatch", D, double[].class, D, double[].class,
        int.class, int.class, double[].class);
    Method one = tangent.getMethod("checkpointed", D, D, D, D, int.class);
    double[][] directions = {{1, 0}, {0, 1}, {0.5, -2}};
    double[] xLanes = new double[3];
    double[] yLanes = new double[3];
    for (int d = 0; d < 3; d++) {
      xLanes[d] = directions[d][0];
      yLanes[d] = directions[d][1];
    }
    double[] resultDot = new double[3];
    double value = (double) batch.invoke(null, 0.6, xLanes, 1.3, yLanes, 7, 3, resultDot);
    for (int d = 0; d < 3; d++) {
      Dual dual = (Dual) one.invoke(null, 0.6, directions[d][0], 1.3, directions[d][1], 7);
      assertEquals(dual.value(), value, 0.0, "value");
      assertEquals(dual.tangent(), resultDot[d], 1e-12 * Math.max(1, Math.abs(dual.tangent())),
          "direction " + d);
    }
  }

  @Test
  void secondOrderOf100ParametersIsTooLargeAtTheMethod() {
    String source = """
        package limits;
        import dev.cotangent.Differentiable;
        public class L {
          @Differentiable(order = 2)
          public static double f(%s) {
            return p0 * p99;
          }
        }
        """.formatted(joined(100, k -> "double p" + k, ", "));
    Compilation compilation = CompiledSources.compileExpectingAnything(source);
    assertEquals(Compilation.Status.FAILURE, compilation.status());
    assertTrue(!compilation.errors().isEmpty());
    for (Diagnostic<?> error : compilation.errors()) {
      String message = error.getMessage(Locale.ROOT);
      assertTrue(message.contains("[COTANGENT-TOO-LARGE]")
          && message.contains("Hessian-vector product") && message.contains("255"),
          "only Cotangent's error, with advice: " + message);
      assertEquals(5, error.getLineNumber(), "at the method: " + message);
    }
  }
}
