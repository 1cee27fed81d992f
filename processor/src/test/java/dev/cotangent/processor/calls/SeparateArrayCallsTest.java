package dev.cotangent.processor.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import dev.cotangent.processor.testing.Numerics;
import dev.cotangent.runtime.Dual;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A library with a vector-valued method and an out-parameter method, compiled first (without
 * parameter names), and a client compiled against its class files: the client learns from the
 * library's holders ({@code WRITES}, {@code FRESH_RESULT}) what the methods do to their arrays,
 * and calls their pullbacks and tangents. The client's gradient is checked against central
 * differences, its tangent against the gradient, and its pullback's accumulation.
 */
class SeparateArrayCallsTest {
  static final String LIBRARY =
      """
      package calls.arrlib;

      import dev.cotangent.Differentiable;

      public class ArrLib {
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
      }
      """;

  static final String CLIENT =
      """
      package calls.arrclient;

      import calls.arrlib.ArrLib;
      import dev.cotangent.Differentiable;

      public class ArrClient {
        @Differentiable
        public static double f(double k, double alpha, double[] x) {
          double[] xs = ArrLib.simulate(k, 0.2, x.length);
          double[] y = x.clone();
          ArrLib.axpy(alpha, xs, y);
          ArrLib.axpy(alpha * alpha, y, x);
          double s = 0;
          for (int i = 0; i < y.length; i++) {
            s += y[i] * y[i] + x[i];
          }
          return s;
        }
      }
      """;

  @Test
  void aClientOfCompiledVectorAndOutParameterMethods(@TempDir Path tmp) throws Exception {
    Path libDir = Files.createDirectories(tmp.resolve("lib"));
    Path clientDir = Files.createDirectories(tmp.resolve("client"));
    Compilation lib = CallDiagnostics.compiler(true, null).compile(CallDiagnostics.file(LIBRARY));
    assertEquals(Compilation.Status.SUCCESS, lib.status(), CallDiagnostics.report(lib, LIBRARY));
    CallDiagnostics.writeClasses(lib, libDir);
    List<File> classPath = new ArrayList<>(List.of(libDir.toFile()));
    classPath.addAll(CallDiagnostics.standardEntries());
    Compilation client = CallDiagnostics.compiler(true, classPath, "-parameters")
        .compile(CallDiagnostics.file(CLIENT));
    assertEquals(Compilation.Status.SUCCESS, client.status(),
        CallDiagnostics.report(client, CLIENT));
    CallDiagnostics.writeClasses(client, clientDir);

    try (URLClassLoader loader = new URLClassLoader(
        new URL[] {libDir.toUri().toURL(), clientDir.toUri().toURL()},
        getClass().getClassLoader())) {
      Class<?> original = loader.loadClass("calls.arrclient.ArrClient");
      Class<?> adjoint = loader.loadClass("calls.arrclient.ArrClientAdjoint");
      Class<?> tangent = loader.loadClass("calls.arrclient.ArrClientTangent");
      Class<?> holder = loader.loadClass("calls.arrclient.ArrClientAdjoint$FGradient");
      Method f = original.getMethod("f", double.class, double.class, double[].class);
      Method grad = adjoint.getMethod("f", double.class, double.class, double[].class);
      Method tan = tangent.getMethod("f", double.class, double.class, double.class, double.class,
          double[].class, double[].class);
      double k = 1.3;
      double alpha = 0.4;
      double[] x = {0.2, -0.5, 0.9, 0.1};
      double value = call(f, k, alpha, x.clone());
      Object g = grad.invoke(null, k, alpha, x.clone());
      assertEquals(value, holder.getField("value").getDouble(g), 0.0, "value bit for bit");
      double gk = holder.getField("k").getDouble(g);
      double galpha = holder.getField("alpha").getDouble(g);
      double[] gx = (double[]) holder.getField("x").get(g);
      near(Numerics.richardson(t -> call(f, k + t, alpha, x.clone()), 1e-3), gk, "∂f/∂k");
      near(Numerics.richardson(t -> call(f, k, alpha + t, x.clone()), 1e-3), galpha, "∂f/∂alpha");
      for (int i = 0; i < x.length; i++) {
        int at = i;
        DoubleUnaryOperator along = t -> {
          double[] moved = x.clone();
          moved[at] += t;
          return call(f, k, alpha, moved);
        };
        near(Numerics.richardson(along, 1e-3), gx[i], "∂f/∂x[" + i + "]");
      }
      double[] direction = {0.3, -0.7, 0.5, 1.1};
      Dual d = (Dual) tan.invoke(null, k, 0.6, alpha, -0.2, x.clone(), direction.clone());
      double expected = 0.6 * gk - 0.2 * galpha;
      for (int i = 0; i < x.length; i++) {
        expected += direction[i] * gx[i];
      }
      assertEquals(value, d.value(), 0.0, "tangent's value bit for bit");
      assertEquals(expected, d.tangent(), 1e-9 * Math.max(1, Math.abs(expected)),
          "tangent against the gradient");
    }
  }

  private static void near(double expected, double actual, String what) {
    assertEquals(expected, actual, 1e-6 * Math.max(1, Math.abs(expected)), what);
  }

  private static double call(Method m, Object... args) {
    try {
      return (Double) m.invoke(null, args);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    } catch (InvocationTargetException e) {
      throw new AssertionError(e.getCause());
    }
  }
}
