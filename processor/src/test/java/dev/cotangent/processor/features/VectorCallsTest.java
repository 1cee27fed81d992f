package dev.cotangent.processor.features;

import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * Calls to vector-valued methods with differentiable arguments: a simulation helper returning a
 * trajectory and a misfit over it, softmax with cross-entropy (indexing a call's result), a
 * two-layer network from {@code dense} and {@code relu} helpers (nested calls), results
 * reassigned in a loop and chosen in a branch, a {@code double[][]} result, a private
 * vector-valued method with its Jacobian. Scalar callers are checked by {@link GradientCheck},
 * vector-valued ones (callers and callees) by {@link VectorCheck}: Jacobian against central
 * differences, pullback, tangent, dot test.
 */
class VectorCallsTest {
  static final Class<?> D = double.class;
  static final Class<?> DA = double[].class;
  static final Class<?> DM = double[][].class;
  static final Class<?> I = int.class;

  static final FunctionGroup CALLS =
      FunctionGroup.of("features.vcalls", "VectorCalls")
          .members(
              """
              static double[] dense(double[][] w, double[] b, double[] x) {
                double[] out = new double[b.length];
                for (int i = 0; i < b.length; i++) {
                  double s = b[i];
                  for (int j = 0; j < x.length; j++) {
                    s += w[i][j] * x[j];
                  }
                  out[i] = s;
                }
                return out;
              }

              static double[] relu(double[] z) {
                double[] out = new double[z.length];
                for (int i = 0; i < z.length; i++) {
                  out[i] = Math.max(0, z[i]);
                }
                return out;
              }

              static double[] step(double[] state, double dt) {
                return new double[] {state[0] + dt * state[1], state[1] - dt * Math.sin(state[0])};
              }
              """)
          .function("simulate", """
              /** A damped oscillator, x'' = -k x - c x', with explicit Euler steps. */
              static double[] simulate(double k, double c, int steps) {
                double[] xs = new double[steps];
                double x = 1;
                double v = 0;
                for (int i = 0; i < steps; i++) {
                  double a = -k * x - c * v;
                  v += 0.1 * a;
                  x += 0.1 * v;
                  xs[i] = x;
                }
                return xs;
              }

              """)
          .function("softmax", """
              static double[] softmax(double[] z) {
                double max = z[0];
                for (double zi : z) {
                  max = Math.max(max, zi);
                }
                double[] e = new double[z.length];
                double sum = 0;
                for (int i = 0; i < z.length; i++) {
                  e[i] = Math.exp(z[i] - max);
                  sum += e[i];
                }
                for (int i = 0; i < z.length; i++) {
                  e[i] /= sum;
                }
                return e;
              }

              """)
          .function(
              "fit",
              """
              @Differentiable
              public static double fit(double k, double c, @NoDerivative double[] data) {
                double[] xs = simulate(k, c, data.length);
                double misfit = 0;
                for (int i = 0; i < xs.length; i++) {
                  double r = xs[i] - data[i];
                  misfit += r * r;
                }
                return misfit;
              }
              """)
          .function(
              "crossEntropy",
              """
              @Differentiable
              public static double crossEntropy(double[] z, int label) {
                return -Math.log(softmax(z)[label]);
              }
              """)
          .function(
              "net",
              """
              @Differentiable
              public static double net(double[][] w1, double[] b1, double[][] w2, double[] b2,
                  @NoDerivative double[] x) {
                double[] out = dense(w2, b2, relu(dense(w1, b1, x)));
                double s = 0;
                for (double o : out) {
                  s += o * o;
                }
                return s;
              }
              """)
          .function(
              "pendulum",
              """
              @Differentiable
              public static double[] pendulum(double theta, double omega, double dt, int n) {
                double[] state = {theta, omega};
                for (int i = 0; i < n; i++) {
                  state = step(state, dt);
                }
                if (state[0] > 0.5) {
                  state = step(step(state, 0.5 * dt), 0.5 * dt);
                }
                return step(state, dt);
              }
              """)
          .function(
              "trace",
              """
              @Differentiable
              public static double[][] outer(double[] u, double[] v) {
                double[][] m = new double[u.length][v.length];
                for (int i = 0; i < u.length; i++) {
                  for (int j = 0; j < v.length; j++) {
                    m[i][j] = u[i] * v[j];
                  }
                }
                return m;
              }

              @Differentiable
              public static double trace(double[] u, double[] v) {
                double[][] m = outer(u, v);
                double t = 0;
                for (int i = 0; i < m.length && i < m[i].length; i++) {
                  t += m[i][i] * Math.sin(m[i][0]);
                }
                return t;
              }
              """)
          .function(
              "hidden",
              """
              @Differentiable
              private static double[] hidden(double x, double y) {
                return new double[] {x * y, Math.exp(-x), y};
              }

              @Differentiable
              public static double usesHidden(double x, double y) {
                double[] h = hidden(x, y);
                return h[0] + h[1] * h[2];
              }
              """);

  @Test
  void aSimulationReturningATrajectoryAndAMisfitOverIt() {
    GradientCheck.of(CALLS, "fit")
        .differentiable("k", "c")
        .uniform("k", 0.5, 2)
        .uniform("c", 0.05, 0.5)
        .uniformArray("data", 3, 12, -1, 1)
        .checkAll();
    new VectorCheck(CALLS, "simulate", new Class<?>[] {D, D, I}, "k", "c").at(1.3, 0.2, 6);
  }

  @Test
  void softmaxAndCrossEntropyIndexingTheCallsResult() {
    GradientCheck.of(CALLS, "crossEntropy")
        .differentiable("z")
        .uniformArray("z", 4, -2, 2)
        .ints("label", 0, 3)
        .checkAll();
    new VectorCheck(CALLS, "softmax", new Class<?>[] {DA}, "z")
        .at((Object) new double[] {0.3, -1.2, 2.0, 0.1});
  }

  @Test
  void aTwoLayerNetworkFromDenseAndReluHelpers() {
    GradientCheck.of(CALLS, "net")
        .differentiable("w1", "b1", "w2", "b2")
        .uniformMatrix("w1", 3, 2, -1, 1)
        .uniformArray("b1", 3, -0.5, 0.5)
        .uniformMatrix("w2", 2, 3, -1, 1)
        .uniformArray("b2", 2, -0.5, 0.5)
        .uniformArray("x", 2, -1, 1)
        .checkAll();
  }

  @Test
  void resultsReassignedInALoopChosenInABranchAndReturned() {
    VectorCheck c = new VectorCheck(CALLS, "pendulum", new Class<?>[] {D, D, D, I},
        "theta", "omega", "dt");
    c.at(0.3, 0.1, 0.05, 4);
    c.at(0.9, -0.4, 0.1, 3);
    c.at(-0.2, 0.6, 0.08, 0);
  }

  @Test
  void aMatrixResult() {
    GradientCheck.of(CALLS, "trace")
        .differentiable("u", "v")
        .uniformArray("u", 3, -1, 1)
        .uniformArray("v", 2, 4, -1, 1)
        .checkAll();
  }

  @Test
  void aPrivateVectorValuedMethodItsCallerAndItsJacobian() {
    GradientCheck.of(CALLS.sourcesFor("hidden"), CALLS.className(), "usesHidden")
        .differentiable("x", "y").checkAll();
    new VectorCheck(CALLS, "hidden", new Class<?>[] {D, D}, "x", "y").at(0.4, -1.3);
  }
}
