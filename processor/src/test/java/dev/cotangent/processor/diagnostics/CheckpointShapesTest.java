package dev.cotangent.processor.diagnostics;

import static dev.cotangent.processor.diagnostics.ExpectDiagnostics.check;
import static dev.cotangent.processor.diagnostics.ExpectDiagnostics.inClass;

import org.junit.jupiter.api.Test;

/**
 * What {@code @Differentiable(checkpoints = N)} refuses, each at its line: a loop that makes an
 * array variable from before it name another array, and a negative N. The same loops without
 * checkpoints compile.
 */
class CheckpointShapesTest {

  @Test
  void anArrayVariableReassignedInACheckpointedLoop() {
    check(inClass("""
        @Differentiable(checkpoints = 4)
        static double f(double[] initial, double k, int steps) {
          double[] u = initial.clone();
          for (int t = 0; t < steps; t++) {
            double[] next = new double[u.length];
            for (int i = 0; i < u.length; i++) {
              next[i] = Math.sin(k * u[i]);
            }
            u = next; // error: [COTANGENT-CHECKPOINT] the array variable u, declared before a loop reversed with checkpoints, is assigned in it
          }
          return u[0];
        }
        """));
  }

  @Test
  void buffersSwappedInACheckpointedLoop() {
    check(inClass("""
        @Differentiable(checkpoints = 2)
        static double f(double[] initial, double k, int steps) {
          double[] u = initial.clone();
          double[] next = initial.clone();
          int t = 0;
          while (t < steps) {
            for (int i = 0; i < u.length; i++) {
              next[i] = u[i] * k;
            }
            double[] swap = u;
            u = next; // error: [COTANGENT-CHECKPOINT] System.arraycopy(next, 0, u, 0, n)
            next = swap; // error: [COTANGENT-CHECKPOINT] the array variable next
            t++;
          }
          return u[0];
        }
        """));
  }

  @Test
  void theSameLoopsWithoutCheckpointsAndArraysDeclaredInsideTheLoop() {
    check(inClass("""
        @Differentiable
        static double f(double[] initial, double k, int steps) {
          double[] u = initial.clone();
          for (int t = 0; t < steps; t++) {
            double[] next = new double[u.length];
            for (int i = 0; i < u.length; i++) {
              next[i] = Math.sin(k * u[i]);
            }
            u = next;
          }
          return u[0];
        }

        @Differentiable(checkpoints = 3)
        static double g(double[] initial, double k, int steps) {
          double[] u = initial.clone();
          for (int t = 0; t < steps; t++) {
            double[] next = new double[u.length];
            double[] row = next;
            for (int i = 0; i < u.length; i++) {
              row[i] = Math.sin(k * u[i]);
            }
            System.arraycopy(next, 0, u, 0, u.length);
          }
          return u[0];
        }
        """));
  }

  @Test
  void aNegativeNumberOfSnapshots() {
    check(inClass("""
        @Differentiable(checkpoints = -1)
        static double f(double x) { // error: [COTANGENT-CHECKPOINT] a negative number of snapshots
          return x;
        }
        """));
  }
}
