package dev.cotangent.processor.differentiate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hand-written methods for {@link PassEquivalenceTest}: the shapes the random programs trigger
 * rarely or never, in the style of the behaviour test of each pass (Rosenbrock's tangent for
 * {@code NegatedCopies}, {@code DoubledSums} and carried reads, reductions for {@code
 * FusedLoops}, a triangular product and column loops for {@code AscendingReplays} and {@code
 * Accumulators}, counted loops that tape for {@code TapeReservations}); in {@link LoopWorkloads}
 * the loops each pass must leave alone, which a pass that checks too little would get wrong; in
 * {@link TypeWorkloads} the types and constructs the random programs do not use, so that the
 * interpreter meets them too.
 */
final class PassWorkloads {
  private PassWorkloads() {}

  /** Complete compilation units by the qualified name of their class. */
  static Map<String, String> sources() {
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put("passes.workloads.Sums", SUMS);
    sources.put("passes.workloads.Replays", REPLAYS);
    sources.put("passes.workloads.Loops", LoopWorkloads.SOURCE);
    sources.put("passes.workloads.Types", TypeWorkloads.SOURCE);
    return sources;
  }

  private static final String SUMS = """
      package passes.workloads;

      import dev.cotangent.Differentiable;
      import dev.cotangent.NoDerivative;

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

        @Differentiable
        public static double squares(double[] x, double c) {
          double sum = 0;
          for (int i = 0; i < x.length; i++) {
            double b = c - x[i];
            sum += b * b;
          }
          return sum;
        }

        @Differentiable
        public static double weightedSquares(double[] x, double w) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            double d = x[i] - w;
            s += w * d * d + Math.sin(x[i]);
          }
          return 3 * s - w;
        }

        @Differentiable
        public static double variance(double[] x) {
          double mean = 0;
          for (int i = 0; i < x.length; i++) {
            mean += x[i];
          }
          mean /= x.length;
          double v = 0;
          for (int i = 0; i < x.length; i++) {
            v += (x[i] - mean) * (x[i] - mean);
          }
          return v / x.length;
        }

        @Differentiable
        public static double neighbours(double[] x, double k) {
          double e = 0;
          for (int i = 1; i + 1 < x.length; i += 1) {
            double lap = x[i - 1] - 2 * x[i] + x[i + 1];
            e += k * lap * lap + Math.exp(-x[i] * x[i]);
          }
          return e;
        }

        @Differentiable
        public static double misfit(double[] x, @NoDerivative double[] y) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            double r = y[i % y.length] - x[i];
            s += r * r;
          }
          return s;
        }

        @Differentiable
        public static double energy(double[] x, double k) {
          double e = 0;
          for (int i = 0; i < x.length; i++) {
            double d = 2 - x[i];
            e += k * d * d;
          }
          return e + k;
        }

        @Differentiable
        public static double norm(double[] x, double[] y) {
          double s = 0;
          for (int i = 0; i < x.length && i < y.length; i++) {
            s += x[i] * x[i];
            double t = -y[i];
            s += t * x[i];
          }
          return Math.sqrt(1 + s * s);
        }

        @Differentiable
        public static double decay(double[] x) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            double d = 1 - x[i];
            s += Math.exp(d);
          }
          return s;
        }

        @Differentiable
        public static double drift(double a, double b) {
          double u = 3 - a;
          return u * b + Math.sin(b);
        }

        @Differentiable
        public static double notZeroAtStart(double[] x, double s0) {
          double sum = s0 * s0;
          for (int i = 0; i < x.length; i++) {
            sum += x[i] * x[i];
          }
          return sum;
        }

        @Differentiable
        public static double readInLoop(double[] x) {
          double sum = 0;
          double trace = 0;
          for (int i = 0; i < x.length; i++) {
            sum += x[i] * x[i];
            trace += sum;
          }
          return trace;
        }

        @Differentiable
        public static double twoLoops(double[] x) {
          double sum = 0;
          for (int i = 0; i < x.length; i++) {
            sum += x[i] * x[i];
          }
          for (int i = 0; i < x.length; i++) {
            sum += 3 * x[i] * x[i];
          }
          return sum;
        }

        @Differentiable
        public static double polar(double r, double theta) {
          double costheta = Math.cos(theta);
          double sintheta = Math.sin(theta);
          double b = -r;
          return b * costheta * sintheta + r * r * costheta;
        }
      }
      """;

  private static final String REPLAYS = """
      package passes.workloads;

      import dev.cotangent.Differentiable;
      import dev.cotangent.NoDerivative;

      public class Replays {
        @Differentiable
        public static double triangular(double[] l, double[] x) {
          int d = x.length;
          double[] q = new double[d];
          for (int j = 0; j < d; j++) {
            q[j] = Math.exp(l[j % l.length]);
          }
          double[] lx = new double[d];
          for (int j = 0; j < d; j++) {
            lx[j] = q[j] * x[j];
          }
          int k = d;
          for (int col = 0; col < d; col++) {
            for (int row = col + 1; row < d; row++) {
              lx[row] += l[k % l.length] * x[col];
              k++;
            }
          }
          double s = 0;
          for (int j = 0; j < d; j++) {
            s += lx[j] * lx[j];
          }
          return s;
        }

        @Differentiable
        public static double columns(double[][] m, double[] v) {
          double s = 0;
          for (int col = 0; col < v.length; col++) {
            for (int row = 0; row < m.length; row++) {
              s += m[row][col % m[row].length] * v[col] * v[col];
            }
          }
          return s;
        }

        @Differentiable
        public static double matvec(double[][] a, double[] x) {
          double[] y = new double[a.length];
          for (int col = 0; col < x.length; col++) {
            for (int row = 0; row < a.length; row++) {
              y[row] += a[row][col % a[row].length] * x[col];
            }
          }
          double s = 0;
          for (int row = 0; row < y.length; row++) {
            s += Math.sin(y[row]);
          }
          return s;
        }

        @Differentiable
        public static double outer(double[] u, double[] v, int n) {
          double s = 0;
          for (int i = 0; i < u.length; i++) {
            for (int j = 0; j < n; j++) {
              s += u[i] * Math.cos(v[j % v.length] + i);
            }
          }
          return s;
        }

        @Differentiable
        public static double prefix(double[] x, @NoDerivative double[] c) {
          double t = 0;
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            t += x[i];
            s += c[i % c.length] * t;
          }
          return s;
        }

        @Differentiable
        public static double rewrite(double[] x, double a) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            s += x[i] * a;
            x[i] = a * x[i] + 1;
            s += x[i] * x[i];
          }
          return s;
        }

        @Differentiable
        public static double overwrites(double[] x, double a, int n) {
          double y = a;
          for (int i = 0; i < x.length; i++) {
            y = Math.sin(y * x[i]) + a;
            x[i] = y * x[i];
          }
          for (int j = 0; j < n; j++) {
            y = Math.tanh(y + j);
          }
          return y;
        }
      }
      """;
}
