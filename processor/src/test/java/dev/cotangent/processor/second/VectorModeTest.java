package dev.cotangent.processor.second;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.Numerics;
import dev.cotangent.runtime.Lanes;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Vector forward mode, {@code CTangent.fBatch}: k directions in one sweep, against Richardson
 * central differences of the original along each direction and against k separate tangents
 * (to rounding), through loops, branches, calls, arrays written in place, array literals and
 * matrices; vector-valued functions (whose Jacobian with more results than inputs is made from
 * it) and the checks of the lanes' lengths.
 */
class VectorModeTest {
  static final FunctionGroup BATCH = FunctionGroup.of("second.batch", "Batch")
      .members("""
          static double helper(double a, double[] v) {
            double s = a;
            for (int i = 0; i < v.length; i++) {
              s = Math.sin(s) * v[i] + a;
            }
            return s;
          }
          """)
      .function("loops", """
          @Differentiable
          public static double loops(double x, double y, int n) {
            double s = x;
            for (int i = 0; i < n; i++) {
              if (s > y) {
                s = s * 0.5 + Math.cos(y * s);
              } else {
                s = s + x * y;
              }
            }
            return s * Math.exp(0.1 * y);
          }
          """)
      .function("arrays", """
          @Differentiable
          public static double arrays(double[] x, double[][] m, double c) {
            double[] y = {x[0] * c, Math.sin(x[1]), c};
            double[] z = x.clone();
            for (int i = 0; i < x.length; i++) {
              x[i] = x[i] * c + y[i % 3];
              z[i] += helper(c, x);
            }
            double s = 0;
            for (int i = 0; i < m.length; i++) {
              for (int j = 0; j < m[i].length; j++) {
                s += m[i][j] * z[(i + j) % z.length] * x[j % x.length];
              }
            }
            return s;
          }
          """)
      .function("residuals", """
          @Differentiable
          public static double[] residuals(double a, double b) {
            double[] r = new double[5];
            for (int i = 0; i < r.length; i++) {
              r[i] = a * Math.exp(-b * i) - Math.cos(i * a);
            }
            return r;
          }
          """);

  private static final Random RANDOM = new Random(5);

  private static CompiledSources sources(String key) {
    assumeFalse(CompiledSources.referenceOnly(), "no companions in reference-only mode");
    return BATCH.sourcesFor(key);
  }

  private static Method find(Class<?> type, String name, int arity) {
    for (Method m : type.getDeclaredMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == arity) {
        m.setAccessible(true);
        return m;
      }
    }
    throw new AssertionError("no " + name + "/" + arity + " in " + type);
  }

  private static Object call(Method m, Object... args) {
    try {
      return m.invoke(null, args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new AssertionError(e.getCause());
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  private static double[] random(int n) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = RANDOM.nextDouble() * 2 - 1;
    }
    return out;
  }

  /** Packs directions (one array per direction) into k lanes, direction innermost. */
  private static double[] pack(double[][] directions) {
    int k = directions.length;
    int n = directions[0].length;
    double[] out = new double[n * k];
    for (int d = 0; d < k; d++) {
      for (int i = 0; i < n; i++) {
        out[i * k + d] = directions[d][i];
      }
    }
    return out;
  }

  @Test
  void loopsAndBranches() {
    CompiledSources s = sources("loops");
    Class<?> owner = s.load(BATCH.className());
    Method original = find(owner, "loops", 3);
    Method tangent = find(s.load(BATCH.className() + "Tangent"), "loops", 5);
    Method batch = find(s.load(BATCH.className() + "Tangent"), "loopsBatch", 7);
    int k = 5;
    for (double[] p : new double[][] {{0.4, 0.9}, {1.3, -0.2}, {-0.7, 0.5}}) {
      double[] xDot = random(k);
      double[] yDot = random(k);
      double[] resultDot = new double[k];
      double value = (double) call(batch, p[0], xDot, p[1], yDot, 6, k, resultDot);
      assertEquals((double) call(original, p[0], p[1], 6), value, 0.0, "value bit for bit");
      for (int d = 0; d < k; d++) {
        int lane = d;
        Numerics.Estimate numeric = Numerics.derivative(t -> (double) call(original,
            p[0] + t * xDot[lane], p[1] + t * yDot[lane], 6), 1e-3);
        assertEquals(numeric.value(), resultDot[d], 1e-7 * Math.max(1, Math.abs(numeric.value())),
            "direction " + d + ": " + numeric.describe());
        dev.cotangent.runtime.Dual one = (dev.cotangent.runtime.Dual) call(tangent, p[0], xDot[d],
            p[1], yDot[d], 6);
        assertEquals(one.tangent(), resultDot[d], 1e-13 * Math.max(1, Math.abs(one.tangent())),
            "direction " + d + " against its own tangent");
      }
    }
  }

  @Test
  void arraysWrittenInPlaceLiteralsClonesCallsAndMatrices() {
    CompiledSources s = sources("arrays");
    Class<?> owner = s.load(BATCH.className());
    Method original = find(owner, "arrays", 3);
    Method batch = find(s.load(BATCH.className() + "Tangent"), "arraysBatch", 8);
    int k = 4;
    double[] x = random(4);
    double[][] m = {random(3), random(3)};
    double c = 0.7;
    double[][] xDirections = new double[k][];
    double[][][] mDirections = new double[k][][];
    double[] cDot = random(k);
    for (int d = 0; d < k; d++) {
      xDirections[d] = random(4);
      mDirections[d] = new double[][] {random(3), random(3)};
    }
    double[] xLanes = pack(xDirections);
    double[][] mLanes = new double[2][];
    for (int r = 0; r < 2; r++) {
      double[][] rows = new double[k][];
      for (int d = 0; d < k; d++) {
        rows[d] = mDirections[d][r];
      }
      mLanes[r] = pack(rows);
    }
    double[] xArg = x.clone();
    double[] resultDot = new double[k];
    double value = (double) call(batch, xArg, xLanes, copy(m), copy(mLanes), c, cDot, k,
        resultDot);
    double[] xAfter = x.clone();
    assertEquals((double) call(original, xAfter, copy(m), c), value, 0.0, "value bit for bit");
    assertArrayEquals(xAfter, xArg, "the caller's array holds what the original leaves in it");
    for (int d = 0; d < k; d++) {
      int lane = d;
      Numerics.Estimate numeric = Numerics.derivative(t -> (double) call(original,
          shifted(x, xDirections[lane], t), shifted(m, mDirections[lane], t),
          c + t * cDot[lane]), 1e-3);
      assertEquals(numeric.value(), resultDot[d], 1e-7 * Math.max(1, Math.abs(numeric.value())),
          "direction " + d + ": " + numeric.describe());
      // the tangent array of an argument written in place ends as its final contents' tangent
      for (int i = 0; i < x.length; i++) {
        int at = i;
        Numerics.Estimate element = Numerics.derivative(t -> {
          double[] moved = shifted(x, xDirections[lane], t);
          call(original, moved, shifted(m, mDirections[lane], t), c + t * cDot[lane]);
          return moved[at];
        }, 1e-3);
        assertEquals(element.value(), xLanes[i * k + d], 1e-7, "x's final tangent " + i);
      }
    }
  }

  @Test
  void vectorValuedFunctionsAndTheirJacobian() {
    CompiledSources s = sources("residuals");
    Class<?> owner = s.load(BATCH.className());
    Method original = find(owner, "residuals", 2);
    Method batch = find(s.load(BATCH.className() + "Tangent"), "residualsBatch", 6);
    Method jacobian = find(s.load(BATCH.className() + "Adjoint"), "residualsJacobian", 2);
    int k = 3;
    double a = 0.8;
    double b = 0.3;
    double[] aDot = random(k);
    double[] bDot = random(k);
    double[] resultDot = new double[5 * k];
    double[] value = (double[]) call(batch, a, aDot, b, bDot, k, resultDot);
    assertArrayEquals((double[]) call(original, a, b), value, "values bit for bit");
    double[][] j = (double[][]) call(jacobian, a, b);
    for (int d = 0; d < k; d++) {
      int lane = d;
      Numerics.Estimate[] numeric = Numerics.derivatives(t -> (double[]) call(original,
          a + t * aDot[lane], b + t * bDot[lane]), 1e-3);
      for (int i = 0; i < 5; i++) {
        assertEquals(numeric[i].value(), resultDot[i * k + d], 1e-7, "result " + i);
        assertEquals(j[i][0] * aDot[d] + j[i][1] * bDot[d], resultDot[i * k + d], 1e-12,
            "J·v, result " + i);
      }
    }
    assertThrows(IllegalArgumentException.class,
        () -> call(batch, a, aDot, b, bDot, k, new double[5]), "resultDot's length");
    assertThrows(IllegalArgumentException.class,
        () -> call(batch, a, new double[2], b, bDot, k, resultDot), "aDot's length");
  }

  @Test
  void lanesHelpers() {
    double[] lanes = new double[3 * 2];
    assertEquals(5, Lanes.units(lanes, 2, 2, 3));
    assertArrayEquals(new double[] {0, 0, 1, 0, 0, 1}, lanes, 0.0);
    double[][] into = new double[2][4];
    assertEquals(3, Lanes.putRows(into, 0, 2, 0, lanes, 2));
    assertArrayEquals(new double[] {0, 1, 0, 0}, into[0], 0.0);
    assertArrayEquals(new double[] {0, 0, 1, 0}, into[1], 0.0);
  }

  private static double[] shifted(double[] x, double[] v, double t) {
    double[] out = x.clone();
    for (int i = 0; i < x.length; i++) {
      out[i] += t * v[i];
    }
    return out;
  }

  private static double[][] shifted(double[][] m, double[][] v, double t) {
    double[][] out = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = shifted(m[i], v[i], t);
    }
    return out;
  }

  private static double[][] copy(double[][] m) {
    List<double[]> rows = new ArrayList<>();
    for (double[] row : m) {
      rows.add(row.clone());
    }
    return rows.toArray(double[][]::new);
  }
}
