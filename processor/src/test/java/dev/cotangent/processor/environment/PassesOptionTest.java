package dev.cotangent.processor.environment;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.cotangent.processor.CotangentProcessor;
import dev.cotangent.processor.differentiate.Passes;
import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.DifferentiableMethod;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code -Acotangent.passes=-Name} switches a pass off: the pass trace no longer names it, the
 * code changes, and the derivatives stay right; an unknown name is a warning that lists the names.
 */
class PassesOptionTest {
  private static final String SOURCE = """
      package p;
      import dev.cotangent.Differentiable;
      public class Sums {
        @Differentiable
        public static double rosenbrock(double[] x) {
          double sum = 0;
          for (int i = 0; i + 1 < x.length; i++) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            sum += 100 * a * a + b * b;
          }
          return sum;
        }
      }
      """;

  /** ∂/∂x of Rosenbrock's function, by hand. */
  private static double[] closedForm(double[] x) {
    double[] g = new double[x.length];
    for (int i = 0; i + 1 < x.length; i++) {
      double a = x[i + 1] - x[i] * x[i];
      g[i] += -400 * x[i] * a - 2 * (1 - x[i]);
      g[i + 1] += 200 * a;
    }
    return g;
  }

  @Test
  void aPassSwitchedOffLeavesTheTraceAndTheCodeButNotTheGradient() {
    CompiledSources all = CompiledSources.compile(SOURCE);
    CompiledSources without = CompiledSources.compileWith(
        List.of("-Acotangent.passes=-FusedLoops, -InvariantReads"), SOURCE);
    assertTrue(all.passTrace("rosenbrock").adjoint().contains("FusedLoops"),
        all.passTrace("rosenbrock").toString());
    assertFalse(without.passTrace("rosenbrock").adjoint().contains("FusedLoops"));
    assertFalse(String.join(" ", without.passTrace("rosenbrock").tangent())
        .contains("InvariantReads"));
    String fused = all.generatedSource("p.SumsAdjoint");
    String unfused = without.generatedSource("p.SumsAdjoint");
    assertFalse(fused.contains("// Reverse sweep\n"), fused);
    assertTrue(unfused.contains("// Reverse sweep\n"), unfused);
    double[] x = {0.3, -1.2, 0.8, 1.7, -0.4};
    double[] expected = closedForm(x);
    for (CompiledSources sources : List.of(all, without)) {
      DifferentiableMethod m = sources.method("p.Sums", "rosenbrock");
      double[] g = m.gradientAt((Object) x.clone()).gradient();
      for (int k = 0; k < x.length; k++) {
        assertEquals(expected[k], g[k], 1e-12 * Math.max(1, Math.abs(expected[k])));
      }
    }
  }

  @Test
  void anUnknownNameIsAWarningThatListsThePasses() {
    Compilation compilation = Compiler.javac().withProcessors(new CotangentProcessor())
        .withOptions("-Acotangent.passes=-FusedLoop,Increments")
        .compile(JavaFileObjects.forSourceString("p.Sums", SOURCE));
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningContaining("[COTANGENT-OPTION] -Acotangent.passes: -FusedLoop"
        + " is not a pass that can be switched off; write -Name, with Name one of CallResults,");
    assertThat(compilation).hadWarningContaining("Increments is not a pass");
  }

  @Test
  void everyRegisteredPassHasItsOwnName() {
    List<String> names = Passes.names();
    assertEquals(names.size(), names.stream().distinct().count(), names.toString());
    assertTrue(names.containsAll(List.of("CallResults", "Captures", "Accumulators", "Increments",
        "ZeroAdjoints", "FusedLoops", "InvariantReads", "RepeatedReads", "TapeReservations",
        "NestReservations", "AscendingReplays", "ReusedHolders", "DeadResets", "RepeatedCalls",
        "NegatedCopies",
        "DoubledSums", "ConstantSeed", "FusedLaneLoops", "LaneInvariants", "LaneLocals",
        "LaneFactors")), names.toString());
    assertEquals(21, names.size(), names.toString());
  }
}
