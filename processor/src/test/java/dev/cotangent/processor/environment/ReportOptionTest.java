package dev.cotangent.processor.environment;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.cotangent.processor.CotangentProcessor;
import javax.tools.JavaFileObject;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** {@code -Acotangent.report=true} reports what each method differentiates and tapes. */
class ReportOptionTest {
  private static final JavaFileObject SOURCE = JavaFileObjects.forSourceString("p.C", """
      package p;
      import dev.cotangent.Differentiable;
      import dev.cotangent.NoDerivative;
      public class C {
        @Differentiable
        public static double f(double x, @NoDerivative double k, double[] w) {
          double s = 0;
          for (int i = 0; i < w.length; i++) {
            if (w[i] > 0) {
              s = s * x + w[i] * k;
            }
          }
          return s;
        }
      }
      """);

  @Test
  void reportsParametersAndTapes() {
    Compilation compilation = Compiler.javac().withProcessors(new CotangentProcessor())
        .withOptions("-Acotangent.report=true").compile(SOURCE);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadNoteContaining("[COTANGENT-REPORT] f: derivatives with respect to"
        + " x, w[]; the reverse sweep tapes s (double), the branch taken at 1 if; passes that"
        + " changed the adjoint: ZeroAdjoints (reverse), TapeReservations (forward); the tangent:"
        + " none")
        .inFile(SOURCE).onLine(6);
    // A loop inside no other loop keeps its trip count in a local: nothing to tape for it.
    assertFalse(compilation.notes().stream()
        .anyMatch(note -> note.getMessage(null).contains("trip count")));
  }

  @Test
  void saysNothingWithoutTheOption() {
    Compilation compilation =
        Compiler.javac().withProcessors(new CotangentProcessor()).compile(SOURCE);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadNoteCount(0);
  }
}
