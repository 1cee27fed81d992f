package dev.cotangent.processor.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A record compiled earlier (only its class file on the class path): Cotangent inlines a record's
 * constructor and methods from their source, and a class file does not say what a compact
 * constructor normalises or what an explicit accessor computes, so every use, as a local, a
 * parameter, an array parameter or a result, is a {@code [COTANGENT-RECORD]} error at the line,
 * with the advice to compile the record with the method or pass its components.
 */
class SeparateRecordTest {
  static final String RECORD = """
      package calls.reclib;

      public record Vec(double x, double y) {
        public Vec {
          if (x < 0) {
            x = -x;
          }
        }

        public double norm2() {
          return x * x + y * y;
        }
      }
      """;

  static final String CLIENT = """
      package calls.recclient;

      import calls.reclib.Vec;
      import dev.cotangent.Differentiable;

      public class Client {
        @Differentiable
        public static double local(double a, double b) {
          Vec p = new Vec(a, b); // error: [COTANGENT-RECORD] the record Vec has no source in this compilation ... compile it together with this method
          return p.x();
        }

        @Differentiable
        public static double parameter(Vec p, double k) { // error: [COTANGENT-RECORD] the record Vec has no source in this compilation
          return k;
        }

        @Differentiable
        public static double array(Vec[] ps, double k) { // error: [COTANGENT-RECORD] the record Vec has no source in this compilation
          return k;
        }

        @Differentiable
        public static Vec result(double a) { // error: [COTANGENT-RECORD] the record Vec has no source in this compilation
          return new Vec(a, a);
        }
      }
      """;

  @Test
  void aRecordFromAClassFileIsAClearError(@TempDir Path dir) {
    Compilation library = CallDiagnostics.compiler(false, null)
        .compile(JavaFileObjects.forSourceString("calls.reclib.Vec", RECORD));
    assertEquals(Compilation.Status.SUCCESS, library.status(), library.diagnostics().toString());
    CallDiagnostics.writeClasses(library, dir);
    List<File> classPath = new ArrayList<>(CallDiagnostics.standardEntries());
    classPath.add(dir.toFile());
    CallDiagnostics.check(CallDiagnostics.compiler(true, classPath), CLIENT);
  }
}
