package dev.cotangent.processor.calls;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cotangent.processor.testing.DifferentiableMethod;
import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * Callees that write into their array arguments: an out-parameter mat-vec into a fresh local, a
 * parameter array and a row of a matrix; an update in place ({@code axpy}) in a loop; a helper
 * that returns a value and updates its state; a {@code @Differentiable void} method; a call that
 * carries no derivative but changes an array the reverse sweep reads. The caller restores the
 * arrays for the callee's pullback and passes the cotangents of their final contents
 * ({@code emit.OutArguments}). Aliased arguments are refused at run time with a clear exception.
 * Every caller is checked by {@link GradientCheck}, which also checks the caller's arrays after
 * every companion.
 */
class OutParametersTest {
  static final FunctionGroup OUT =
      FunctionGroup.of("calls.out", "Out")
          .members(
              """
              static void matVec(double[][] a, double[] x, double[] y) {
                for (int i = 0; i < y.length; i++) {
                  double s = 0;
                  for (int j = 0; j < x.length; j++) {
                    s += a[i][j] * x[j];
                  }
                  y[i] = s;
                }
              }

              /** y += alpha * x, in place. */
              @Differentiable
              public static void axpy(double alpha, double[] x, double[] y) {
                for (int i = 0; i < y.length; i++) {
                  y[i] += alpha * x[i];
                }
              }

              /** One step of a nonlinear update in place; returns the step's energy. */
              static double step(double[] state, double dt) {
                double e = 0;
                for (int i = 0; i < state.length; i++) {
                  state[i] = state[i] + dt * Math.sin(state[i]);
                  e += state[i] * state[i];
                }
                return e;
              }

              static void fill(double[] a, double v) {
                for (int i = 0; i < a.length; i++) {
                  a[i] = v;
                }
              }
              """)
          .function(
              "intoLocal",
              """
              @Differentiable
              public static double intoLocal(double[][] a, double[] x) {
                double[] y = new double[a.length];
                matVec(a, x, y);
                double s = 0;
                for (int i = 0; i < y.length; i++) {
                  s += Math.sin(y[i]) * y[i];
                }
                return s;
              }
              """)
          .function(
              "intoParameter",
              """
              @Differentiable
              public static double intoParameter(double[][] a, double[] x, double[] y) {
                double before = y[0] * y[1];
                matVec(a, x, y);
                return before + y[0] * y[0] + y[1];
              }
              """)
          .function(
              "intoRow",
              """
              @Differentiable
              public static double intoRow(double[][] a, double[] x, double[][] m) {
                matVec(a, x, m[1]);
                double s = m[0][0];
                for (int j = 0; j < m[1].length; j++) {
                  s += m[1][j] * m[0][j];
                }
                return s;
              }
              """)
          .function(
              "axpyInALoop",
              """
              @Differentiable
              public static double axpyInALoop(double alpha, double[] x, int n) {
                double[] y = x.clone();
                for (int k = 0; k < n; k++) {
                  axpy(alpha * Math.cos(y[0]), x, y);
                  y[1] = Math.tanh(y[1]);
                }
                return y[0] * y[1];
              }
              """)
          .function(
              "stepping",
              """
              @Differentiable
              public static double stepping(double[] state, double dt, int n) {
                double[] s = state.clone();
                double energy = 0;
                for (int k = 0; k < n; k++) {
                  energy += step(s, dt) * 0.1;
                }
                return energy + s[0];
              }
              """)
          .function(
              "inactiveWrite",
              """
              @Differentiable
              public static double inactiveWrite(double x, int n) {
                double[] buf = {1.5, 2.5};
                double s = x * buf[0];
                fill(buf, n + 0.5);
                return s + x * x * buf[1];
              }
              """)
          .function(
              "aliased",
              """
              @Differentiable
              public static double aliased(double alpha, double[] x) {
                double[] y = x.clone();
                axpy(alpha, y, y);
                return y[0];
              }
              """);

  @Test
  void anOutParameterMatVecIntoAFreshLocal() {
    GradientCheck.of(OUT, "intoLocal")
        .differentiable("a", "x")
        .uniformMatrix("a", 3, 2, -1, 1)
        .uniformArray("x", 2, -1, 1)
        .checkAll();
  }

  @Test
  void intoAParameterArray() {
    GradientCheck.of(OUT, "intoParameter")
        .differentiable("a", "x", "y")
        .uniformMatrix("a", 2, 3, -1, 1)
        .uniformArray("x", 3, -1, 1)
        .uniformArray("y", 2, -1, 1)
        .checkAll();
  }

  @Test
  void intoARowOfAMatrix() {
    GradientCheck.of(OUT, "intoRow")
        .differentiable("a", "x", "m")
        .uniformMatrix("a", 3, 2, -1, 1)
        .uniformArray("x", 2, -1, 1)
        .uniformMatrix("m", 2, 3, -1, 1)
        .checkAll();
  }

  @Test
  void anUpdateInPlaceInALoop() {
    GradientCheck.of(OUT, "axpyInALoop")
        .differentiable("alpha", "x")
        .uniformArray("x", 2, 4, -1, 1)
        .ints("n", 0, 4)
        .checkAll();
  }

  @Test
  void aHelperThatReturnsAValueAndUpdatesItsState() {
    GradientCheck.of(OUT, "stepping")
        .differentiable("state", "dt")
        .uniformArray("state", 1, 3, -1, 1)
        .uniform("dt", 0.05, 0.3)
        .ints("n", 0, 4)
        .checkAll();
  }

  @Test
  void aCallWithoutDerivativesThatChangesAnArrayTheReverseSweepReads() {
    GradientCheck.of(OUT, "inactiveWrite").differentiable("x").ints("n", 0, 3).checkAll();
    String pullback = OUT.pullbackMethod("inactiveWrite");
    assertTrue(pullback.contains("ArrayState.restore(bufEntry, buf)"), pullback);
  }

  @Test
  void argumentsThatAreTheSameArrayAreRefusedAtRunTime() {
    DifferentiableMethod m = OUT.sourcesFor("aliased").method(OUT.className(), "aliased");
    Object[] args = {0.5, new double[] {1.0, 2.0}};
    m.value(args); // the original runs
    DifferentiableMethod.CompanionException e = assertThrows(
        DifferentiableMethod.CompanionException.class, () -> m.gradient(args));
    assertTrue(e.getCause() instanceof IllegalArgumentException
        && e.getCause().getMessage().contains("the arguments x and y are the same array"),
        String.valueOf(e.getCause()));
  }
}
