package dev.cotangent.processor.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.DifferentiableMethod;
import dev.cotangent.processor.testing.FunctionGroup;
import org.junit.jupiter.api.Test;

/**
 * Checkpointed loops in the other kinds of methods: a vector-valued function whose loop writes
 * its result array, an int array and the caller's array (every companion checked by {@link
 * VectorCheck}, the Jacobian against central differences), and a loop carrying a {@code float[]}
 * (against the same method taped trip by trip, bit for bit).
 */
class CheckpointedVectorsTest {
  static final FunctionGroup GROUP = FunctionGroup.of("features.checkpointed", "Relaxation")
      .members("static final double SCALE = 0.7;")
      .function("relax", """
          @Differentiable(checkpoints = 3)
          public static double[] relax(double[] x, double w, int sweeps) {
            double[] u = x.clone();
            int[] visits = new int[u.length];
            for (int k = 0; k < sweeps; k++) {
              for (int i = 1; i < u.length; i++) {
                u[i] = Math.tanh(u[i] + w * u[i - 1]);
                visits[i] += 1;
              }
              u[0] = u[0] * 0.9 + 0.01 * visits[1] * u[1];
              x[k % x.length] = x[k % x.length] * 0.5 + u[0];
            }
            return u;
          }
          """)
      .function("floats", """
          @Differentiable(checkpoints = 2)
          public static double floats(double w, int n) {
            float[] f = {0.5f, -0.25f, 1f};
            double s = 0;
            for (int k = 0; k < n; k++) {
              for (int i = 0; i < f.length; i++) {
                f[i] = (float) Math.sin(f[i] * w * SCALE + i);
              }
              s = s * 0.5 + f[k % f.length];
            }
            return s;
          }
          """)
      .function("floatsTaped", """
          @Differentiable
          public static double floatsTaped(double w, int n) {
            float[] f = {0.5f, -0.25f, 1f};
            double s = 0;
            for (int k = 0; k < n; k++) {
              for (int i = 0; i < f.length; i++) {
                f[i] = (float) Math.sin(f[i] * w * SCALE + i);
              }
              s = s * 0.5 + f[k % f.length];
            }
            return s;
          }
          """);

  @Test
  void aVectorValuedFunctionWritingItsArgument() {
    assumeFalse(CompiledSources.referenceOnly(), "companions are not generated");
    VectorCheck check = new VectorCheck(GROUP, "relax",
        new Class<?>[] {double[].class, double.class, int.class}, "x", "w");
    for (int sweeps : new int[] {0, 1, 4, 9}) {
      check.at(new double[] {0.3, -0.2, 0.5, 0.1}, 0.6, sweeps);
    }
  }

  @Test
  void aLoopCarryingFloats() {
    assumeFalse(CompiledSources.referenceOnly(), "companions are not generated");
    CompiledSources sources = GROUP.all();
    DifferentiableMethod a = sources.method(GROUP.className(), "floats");
    DifferentiableMethod b = sources.method(GROUP.className(), "floatsTaped");
    for (int n : new int[] {0, 1, 5, 13}) {
      assertArrayEquals(b.gradientAt(0.8, n).gradient(), a.gradientAt(0.8, n).gradient(), 0.0,
          "n = " + n);
    }
    assertTrue(GROUP.pullbackMethod("floats").contains("Snapshots.save(f, saved, at)"));
  }
}
