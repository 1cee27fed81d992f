package dev.cotangent.processor.behaviour;

import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * {@code int[][]} index data: bundle-adjustment observations ({@code obs[i][0]} a camera,
 * {@code obs[i][1]} a point), graph edges indexing a {@code double[]} parameter, rows as aliases
 * and in enhanced {@code for}, and {@code int[][]} locals built in the method, written and read,
 * overwritten where the reverse sweep needs the old indices. {@link GradientCheck}: values bit for
 * bit, gradients against central differences, the dot test and the pullback contract.
 */
class IndexMatrixTest {
  static final FunctionGroup INDICES =
      FunctionGroup.of("behaviour.indexmatrix", "Indices")
          .function(
              "bundle",
              """
              @Differentiable
              public static double bundle(double[] cameras, double[][] points, int[][] obs,
                  double[] measured) {
                double e = 0;
                for (int i = 0; i < obs.length; i++) {
                  int c = obs[i][0];
                  int p = obs[i][1];
                  double[] pt = points[p];
                  double u = cameras[c] * pt[0] / (1 + 0.1 * pt[1] * pt[1]);
                  double r = u - measured[i];
                  e += r * r;
                }
                return e;
              }
              """)
          .function(
              "edges",
              """
              @Differentiable
              public static double edges(double[] x, int[][] edges, double[] w) {
                double s = 0;
                for (int[] edge : edges) {
                  double d = x[edge[0]] - x[edge[1]];
                  s += w[edge[0]] * d * d;
                }
                for (int k = 0; k < edges.length; k++) {
                  int[] row = edges[k];
                  s += Math.sin(x[row[row.length - 1]]) * x[edges[k][0]];
                }
                return s;
              }
              """)
          .function(
              "built",
              """
              @Differentiable
              public static double built(double[] x) {
                int n = x.length;
                int[][] next = new int[n][2];
                for (int i = 0; i < n; i++) {
                  next[i][0] = (i + 1) % n;
                  next[i][1] = (i + n - 1) % n;
                }
                int[][] fixed = {{0, 1}, {n - 1, 0}};
                double s = 0;
                for (int i = 0; i < n; i++) {
                  s += x[i] * x[next[i][0]] - 0.5 * x[next[i][1]];
                }
                next[0][1] += 2;
                next[1][0]++;
                return s + x[fixed[1][0]] * x[fixed[0][1]] + next[0][1] * x[next[1][0] % n];
              }
              """)
          .function(
              "overwritten",
              """
              @Differentiable
              public static double overwritten(double[] x, int[][] at, int steps) {
                int n = x.length;
                double s = 1;
                for (int t = 0; t < steps; t++) {
                  at[0][0] = (at[0][0] + 3) % n;
                  at[1][t % 2] = at[0][0];
                  s = s * x[at[0][0]] + Math.sin(s * x[at[1][0]]);
                }
                int[][] local = new int[1][1];
                for (int t = 0; t < steps; t++) {
                  local[0][0] = (local[0][0] + 1) % n;
                  s = Math.cos(s) * x[local[0][0]];
                }
                return s;
              }
              """)
          .function(
              "intArrayIndex",
              """
              @Differentiable
              public static double intArrayIndex(double[] x, int steps) {
                int n = x.length;
                int[] at = new int[1];
                double s = 1;
                for (int t = 0; t < steps; t++) {
                  at[0] = (at[0] + 1) % n;
                  s = Math.cos(s) * x[at[0]];
                }
                return s;
              }
              """)
          .function(
              "checkpointed",
              """
              @Differentiable(checkpoints = 2)
              public static double checkpointed(double[] x, int steps) {
                int n = x.length;
                int[][] at = new int[1][2];
                double s = 1;
                for (int t = 0; t < steps; t++) {
                  at[0][0] = (at[0][0] + 2) % n;
                  at[0][1] = (at[0][1] + at[0][0]) % n;
                  s = s * x[at[0][0]] * 0.9 + Math.sin(s * x[at[0][1]]);
                }
                return s;
              }
              """);

  @Test
  void bundleAdjustmentObservationsIndexCamerasAndPoints() {
    GradientCheck.of(INDICES, "bundle").differentiable("cameras", "points", "measured")
        .uniformArray("cameras", 3, 0.5, 2).uniformMatrix("points", 4, 2, -1, 1)
        .fixed("obs", new int[][] {{0, 0}, {1, 2}, {2, 3}, {0, 3}, {1, 1}, {2, 0}})
        .uniformArray("measured", 6, -1, 1).checkAll();
  }

  @Test
  void graphEdgesIndexADoubleArray() {
    GradientCheck.of(INDICES, "edges").differentiable("x", "w")
        .uniformArray("x", 4, -1, 1).uniformArray("w", 4, 0.5, 1.5)
        .fixed("edges", new int[][] {{0, 1}, {1, 2}, {2, 3, 0}, {3, 0}}).checkAll();
  }

  @Test
  void indexMatricesBuiltWrittenAndReadInTheMethod() {
    GradientCheck.of(INDICES, "built").differentiable("x").uniformArray("x", 2, 5, -1, 1)
        .points(8).checkAll();
  }

  @Test
  void overwrittenIndicesAreRestoredForTheReverseSweep() {
    GradientCheck.of(INDICES, "overwritten").differentiable("x")
        .uniformArray("x", 2, 5, -1, 1).fixed("at", new int[][] {{0}, {1, 0}})
        .ints("steps", 0, 6).points(10).checkAll();
  }

  /** Found here: Accumulators summed {@code x̄[at[0]]} across a loop that writes {@code at[0]}. */
  @Test
  void anIndexElementWrittenInTheLoopIsNotFixed() {
    GradientCheck.of(INDICES, "intArrayIndex").differentiable("x")
        .uniformArray("x", 2, 5, -1, 1).ints("steps", 0, 6).points(10).checkAll();
  }

  @Test
  void indexMatrixInACheckpointedLoop() {
    GradientCheck.of(INDICES, "checkpointed").differentiable("x")
        .uniformArray("x", 3, 5, -1, 1).ints("steps", 0, 8).points(10).checkAll();
  }
}
