package dev.cotangent.processor.differentiate;

/**
 * A workload of {@link PassWorkloads}: loops that {@code FusedLoops} must not fuse (the
 * accumulator's adjoint needs its final value, a recurrence, a branch, an input overwritten after
 * the loop or read by the next trip), replays with carried counters and zero-trip inner loops for
 * {@code AscendingReplays}, locals taped across a trip, and element writes through another index
 * or an alias between repeated reads ({@code RepeatedReads} must end its run there).
 */
final class LoopWorkloads {
  private LoopWorkloads() {}

  static final String SOURCE = """
      package passes.workloads;

      import dev.cotangent.Differentiable;
      import dev.cotangent.NoDerivative;

      public class Loops {
        @Differentiable
        public static double squaredSum(double[] x) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            s += x[i] * x[i];
          }
          return s * s;
        }

        @Differentiable
        public static double recurrence(double[] x, double y) {
          for (int i = 0; i < x.length; i++) {
            y = y * x[i] + 1;
          }
          return y;
        }

        @Differentiable
        public static double branchInside(double[] x) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            if (x[i] > 0) {
              s += x[i] * x[i];
            } else {
              s -= x[i];
            }
          }
          return s;
        }

        @Differentiable
        public static double overwrittenAfter(double[] x, double a) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            s += a * x[i] * x[i];
          }
          a = a * a;
          return s + a;
        }

        @Differentiable
        public static double writesItsInput(double[] x) {
          double s = 0;
          for (int i = 0; i + 1 < x.length; i++) {
            x[i + 1] = x[i + 1] * x[i];
            s += x[i + 1];
          }
          return s;
        }

        @Differentiable
        public static double reassigned(double[] x, double a) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            double t = x[i] * a;
            s += t * t;
            t = Math.sin(t);
            s += 3 * t;
          }
          return s;
        }

        @Differentiable
        public static double reassignedLater(double[] x, double a) {
          double s = 0;
          double u = a;
          for (int i = 0; i < x.length; i++) {
            u = x[i] * a;
            s += u * u;
            u = u + 1;
          }
          return s + u;
        }

        @Differentiable
        public static double skipping(double[] w, double[] x, int m) {
          double s = 0;
          int k = 0;
          for (int i = 0; i < x.length; i++) {
            for (int j = i; j < m; j++) {
              s += w[k % w.length] * x[j % x.length] * x[i];
              k++;
            }
            s += 0.5 * x[i] * k;
          }
          return s;
        }

        @Differentiable
        public static double chain(double[] x, @NoDerivative double a) {
          double[] z = new double[x.length];
          z[0] = x[0];
          for (int i = 1; i < x.length; i++) {
            z[i] = a * z[i - 1] + x[i];
          }
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            s += z[i] * z[i];
          }
          return s;
        }

        @Differentiable
        public static double aliases(double[] x, double a) {
          double[] y = x;
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            int j = i;
            s += x[i] * a;
            x[j] = a * s;
            s += x[i] * x[i];
            y[i] = s * x[i];
            s += x[i] * a;
          }
          return s;
        }
      }
      """;
}
