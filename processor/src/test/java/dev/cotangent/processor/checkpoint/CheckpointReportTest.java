package dev.cotangent.processor.checkpoint;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.cotangent.processor.CotangentProcessor;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code -Acotangent.report=true} says which loops are reversed from snapshots, of which values,
 * with which schedule, and which loops are not because their trips tape nothing.
 */
class CheckpointReportTest {
  private static final JavaFileObject SOURCE = JavaFileObjects.forSourceString("p.C", """
      package p;
      import dev.cotangent.Differentiable;
      public class C {
        @Differentiable(checkpoints = 20)
        public static double f(double x, double[] w, int n) {
          double p = x;
          double unused = 0;
          for (int i = 0; i < n; i++) {
            p = Math.sin(p) * w[i % w.length];
            unused += p;
          }
          double sum = 0;
          for (int i = 0; i < w.length; i++) {
            sum += w[i] * p;
          }
          double q = sum;
          while (q > 1) {
            q = Math.sqrt(q) - 0.1;
          }
          return q + unused;
        }
      }
      """);

  @Test
  void reportsEachLoop() {
    Compilation compilation = Compiler.javac().withProcessors(new CotangentProcessor())
        .withOptions("-Acotangent.report=true").compile(SOURCE);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadNoteContaining("the loop at line 8 is reversed from at most 20"
        + " snapshots of i, p (binomial schedule: its trip count is known when it starts)")
        .inFile(SOURCE).onLine(5);
    assertThat(compilation).hadNoteContaining("the loop at line 13 tapes nothing on its trips:"
        + " not checkpointed");
    assertThat(compilation).hadNoteContaining("the loop at line 17 is reversed from at most 20"
        + " snapshots of q (online schedule: its trip count is known when it ends)");
  }
}
