package dev.cotangent.processor.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A library compiled first (with the processor, without {@code -parameters}, so its class files
 * carry no parameter names) into a directory of class files, then a client compiled against that
 * directory: the client's companions call the library's generated companions. And the error when
 * the library was compiled without the processor.
 */
class SeparateCompilationTest {
  static final String LIBRARY =
      """
      package calls.lib;

      import dev.cotangent.Differentiable;
      import dev.cotangent.NoDerivative;

      public class Lib {
        @Differentiable
        public static double wave(double a, @NoDerivative double k) {
          return Math.sin(k * a) + square(a);
        }

        /** Not annotated; public, differentiated because wave calls it. */
        public static double square(double a) {
          return 0.5 * a * a;
        }

        @Differentiable
        public static double norm(double x, int n, double y) {
          return Math.hypot(x, y) * n;
        }

        @Differentiable
        public static double mix(double x) {
          return Math.exp(0.3 * x);
        }

        @Differentiable
        public static double mix(double x, double y) {
          return x * Math.cos(y);
        }

        /** Not annotated and never called with derivatives here: no companions. */
        public static double plain(double x) {
          return 3 * x;
        }
      }
      """;

  static final String CLIENT =
      """
      package calls.client;

      import calls.lib.Lib;
      import dev.cotangent.Differentiable;

      public class Client {
        @Differentiable
        public static double f(double x, double y) {
          double a = Lib.wave(x * y, 3.0);
          double b = Lib.norm(x, 2, Lib.wave(y, 2.0));
          return a * b + Lib.mix(x) * Lib.mix(y, x) + Lib.square(y) + Lib.plain(2.0);
        }
      }
      """;

  /** Compiles the library, writes its classes to {@code dir}, returns the compilation. */
  private static Compilation compileLibrary(Path dir, boolean withProcessor) {
    // no -parameters: class files without parameter names, as most libraries are built
    Compilation lib = CallDiagnostics.compiler(withProcessor, null).compile(
        CallDiagnostics.file(LIBRARY));
    assertEquals(Compilation.Status.SUCCESS, lib.status(),
        "library compilation failed" + CallDiagnostics.report(lib, LIBRARY));
    CallDiagnostics.writeClasses(lib, dir);
    return lib;
  }

  private static List<File> classPath(Path... dirs) {
    List<File> out = new ArrayList<>();
    for (Path d : dirs) {
      out.add(d.toFile());
    }
    out.addAll(CallDiagnostics.standardEntries());
    return out;
  }

  @Test
  void clientCallsCompanionsCompiledEarlier(@TempDir Path tmp) throws Exception {
    Path libDir = Files.createDirectories(tmp.resolve("lib"));
    Path clientDir = Files.createDirectories(tmp.resolve("client"));
    compileLibrary(libDir, true);
    assertTrue(Files.exists(libDir.resolve("calls/lib/LibAdjoint.class")), "LibAdjoint written");
    assertTrue(Files.exists(libDir.resolve("calls/lib/LibTangent.class")), "LibTangent written");

    Compilation client = CallDiagnostics.compiler(true, classPath(libDir), "-parameters")
        .compile(CallDiagnostics.file(CLIENT));
    assertEquals(Compilation.Status.SUCCESS, client.status(),
        "client compilation failed" + CallDiagnostics.report(client, CLIENT));
    CallDiagnostics.writeClasses(client, clientDir);

    try (URLClassLoader loader = new URLClassLoader(
        new URL[] {libDir.toUri().toURL(), clientDir.toUri().toURL()},
        SeparateCompilationTest.class.getClassLoader())) {
      Class<?> original = loader.loadClass("calls.client.Client");
      Class<?> adjoint = loader.loadClass("calls.client.ClientAdjoint");
      Class<?> tangent = loader.loadClass("calls.client.ClientTangent");
      Class<?> holder = loader.loadClass("calls.client.ClientAdjoint$FGradient");
      Method f = original.getMethod("f", double.class, double.class);
      Method grad = adjoint.getMethod("f", double.class, double.class);
      Method pull = adjoint.getMethod("f", double.class, double.class, double.class, holder);
      Method tan = tangent.getMethod("f", double.class, double.class, double.class, double.class);

      double[][] points = {{0.7, -0.4}, {-1.3, 0.9}, {0.2, 1.6}, {1.1, 0.35}};
      for (double[] p : points) {
        double x = p[0];
        double y = p[1];
        String at = String.format(Locale.ROOT, "Client.f at (%s, %s)", x, y);
        double value = call(f, x, y);
        double dx = Numerics.richardson(t -> call(f, x + t, y), 1e-3);
        double dy = Numerics.richardson(t -> call(f, x, y + t), 1e-3);

        Object g = grad.invoke(null, x, y);
        double gv = holder.getField("value").getDouble(g);
        double gx = holder.getField("x").getDouble(g);
        double gy = holder.getField("y").getDouble(g);
        assertEquals(Double.doubleToLongBits(value), Double.doubleToLongBits(gv),
            at + ": adjoint value " + gv + " vs original " + value);
        assertEquals(dx, gx, 1e-6 * Math.max(1, Math.abs(dx)), at + ": ∂f/∂x");
        assertEquals(dy, gy, 1e-6 * Math.max(1, Math.abs(dy)), at + ": ∂f/∂y");

        Dual tx = (Dual) tan.invoke(null, x, 1.0, y, 0.0);
        Dual ty = (Dual) tan.invoke(null, x, 0.0, y, 1.0);
        assertEquals(Double.doubleToLongBits(value), Double.doubleToLongBits(tx.value()),
            at + ": tangent value");
        assertEquals(gx, tx.tangent(), 1e-9 * Math.max(1, Math.abs(gx)), at + ": tangent along x");
        assertEquals(gy, ty.tangent(), 1e-9 * Math.max(1, Math.abs(gy)), at + ": tangent along y");

        // pullback accumulates
        Object into = holder.getConstructor().newInstance();
        holder.getField("x").setDouble(into, 1.5);
        holder.getField("y").setDouble(into, -2.0);
        double returned = (Double) pull.invoke(null, x, y, -0.75, into);
        assertEquals(Double.doubleToLongBits(value), Double.doubleToLongBits(returned),
            at + ": pullback value");
        assertEquals(1.5 - 0.75 * gx, holder.getField("x").getDouble(into),
            1e-9 * Math.max(1, Math.abs(gx)), at + ": pullback into x");
        assertEquals(-2.0 - 0.75 * gy, holder.getField("y").getDouble(into),
            1e-9 * Math.max(1, Math.abs(gy)), at + ": pullback into y");
      }
    }
  }

  @Test
  void libraryWithoutCompanionsIsAnErrorAtTheCall(@TempDir Path tmp) throws Exception {
    Path libDir = Files.createDirectories(tmp.resolve("lib"));
    compileLibrary(libDir, false);
    String client =
        """
        package calls.client;

        import calls.lib.Lib;
        import dev.cotangent.Differentiable;

        public class Client {
          @Differentiable
          public static double f(double x, double y) {
            double a = Lib.wave(x * y, 3.0); // error: [COTANGENT-CALL] the derivative of ... is unknown
            double inactive = Lib.plain(2.0);
            return a * inactive + y;
          }
        }
        """;
    CallDiagnostics.check(CallDiagnostics.compiler(true, classPath(libDir)), client);
  }

  @Test
  void uncalledHelperOfALibraryHasNoCompanions(@TempDir Path tmp) throws Exception {
    Path libDir = Files.createDirectories(tmp.resolve("lib"));
    compileLibrary(libDir, true);
    String client =
        """
        package calls.client;

        import calls.lib.Lib;
        import dev.cotangent.Differentiable;

        public class Client {
          @Differentiable
          public static double f(double x, double y) {
            double a = Lib.plain(x) * y; // error: [COTANGENT-CALL] the derivative of ... is unknown
            return a + Lib.wave(y, 2.0);
          }
        }
        """;
    CallDiagnostics.check(CallDiagnostics.compiler(true, classPath(libDir)), client);
  }

  private static double call(Method m, double x, double y) {
    try {
      return (Double) m.invoke(null, x, y);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    } catch (InvocationTargetException e) {
      throw new AssertionError(e.getCause());
    }
  }
}
