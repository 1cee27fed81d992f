package dev.cotangent.processor.differentiate;

/**
 * A workload of {@link PassWorkloads}: the types and constructs the random programs do not use,
 * so that the interpreter meets them: {@code float} with {@code float[]} written in place,
 * {@code long}, {@code boolean} and {@code int[]} parameters, integer division, {@code %} and
 * shifts, casts, {@code ?:}, constants, {@code StrictMath}, {@code double[][]}, array literals
 * and {@code clone()}, {@code detach}, a {@code @DerivativeOf} rule, and vector results.
 */
final class TypeWorkloads {
  private TypeWorkloads() {}

  static final String SOURCE = """
      package passes.workloads;

      import dev.cotangent.DerivativeOf;
      import dev.cotangent.Differentiable;
      import dev.cotangent.NoDerivative;
      import dev.cotangent.runtime.Cotangent;

      public class Types {
        static final double SCALE = 0.75;
        private static final int SHIFT = 2;

        @Differentiable
        public static float single(float x, float[] w, long k) {
          float s = 0.5f * x;
          for (int i = 0; i < w.length; i++) {
            s += w[i] * x / (1 + (k % 3));
            w[i] = s * 0.25f;
          }
          return s * s;
        }

        @Differentiable
        public static double integers(double x, int n, long big, boolean flip, int[] idx) {
          int half = n / 2 + (n >> 1) + (n << SHIFT) % 5 + (n >>> 1) + (n & 1) + (n | 2) + (n ^ 3);
          long wide = big * 3 - half;
          double s = flip ? x * wide : -x;
          for (int j = 0; j < idx.length; j++) {
            s += idx[j] == 0 ? StrictMath.sin(s) : Math.atan2(s, 1 + x * x);
          }
          return s * (double) (half % 4) + (float) x + SCALE * Math.max(n, 1) / 3;
        }

        @Differentiable
        public static double matrices(double[][] m, double a) {
          double[][] p = new double[m.length][2];
          double[] row = {a, 2 * a, a * a};
          double[] copy = row.clone();
          for (int i = 0; i < m.length; i++) {
            p[i][i % 2] = m[i][0] * copy[i % 3] + Cotangent.detach(a) * m[i][1];
          }
          return p[0][0] + p[p.length - 1][1] * Math.PI + softplus(a);
        }

        @Differentiable
        public static double[] residuals(double a, double k, @NoDerivative double[] t) {
          double[] r = new double[t.length];
          for (int i = 0; i < t.length; i++) {
            r[i] = a * Math.exp(-k * t[i]) - t[i];
          }
          return r;
        }

        @Differentiable
        public static double[] pair(double a, double b) {
          return new double[] {a * b, a - Math.cos(b)};
        }

        public static double softplus(double x) {
          return Math.log1p(Math.exp(x));
        }

        @DerivativeOf(owner = Types.class, method = "softplus")
        static double softplusDerivative(double x) {
          return 1 / (1 + Math.exp(-x));
        }
      }
      """;
}
