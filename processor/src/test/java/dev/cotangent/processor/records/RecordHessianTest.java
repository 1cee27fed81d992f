package dev.cotangent.processor.records;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.SecondOrderMethod;
import dev.cotangent.runtime.GradientCheck;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@code @Differentiable(order = 2)} with records: a record local (the generic second-order
 * checks: H·v against central differences of the gradient, the seeded contract, the dot test),
 * record parameters and an array of records as a parameter through the record-shaped
 * {@code fHessian(Vec3 p, ...)} and product {@code f(Vec3 p, Vec3 pDot, ...)}: closed-form
 * entries, central differences of the gradient, symmetry, and ⟨w, H·v⟩ = ⟨H·w, v⟩.
 */
class RecordHessianTest {
  static final String SOURCE = """
      package records.second;

      import dev.cotangent.Differentiable;

      public class Second {
        public record Vec3(double x, double y, double z) {
          double dot(Vec3 o) {
            return x * o.x + y * o.y + z * o.z;
          }
          Vec3 scale(double k) {
            return new Vec3(k * x, k * y, k * z);
          }
        }

        public record Body(Vec3 p, double m, int tag) {}

        @Differentiable(order = 2)
        public static double local(double a, double b) {
          Vec3 v = new Vec3(a, b, a * b);
          for (int i = 0; i < 3; i++) {
            v = v.scale(0.5 + Math.sin(v.z()));
          }
          return v.dot(new Vec3(b, a, 1));
        }

        @Differentiable(order = 2)
        public static double energy(Vec3 p, double k, Body b) {
          Vec3 q = p.scale(b.m());
          return k * p.dot(p) + Math.sin(p.x() * p.y()) * p.z() + q.dot(b.p()) * b.tag();
        }

        @Differentiable(order = 2)
        public static double pairs(Vec3[] ps, double k) {
          double e = 0;
          for (int i = 0; i + 1 < ps.length; i++) {
            e += k * Math.exp(-ps[i].dot(ps[i + 1]));
          }
          return e;
        }
      }
      """;

  private static final CompiledSources SOURCES = CompiledSources.compile(SOURCE);
  private static final Class<?> ADJOINT = SOURCES.load("records.second.SecondAdjoint");
  private static final Class<?> HESSIAN = SOURCES.load("records.second.SecondHessian");
  private static final Class<?> VEC3 = SOURCES.load("records.second.Second$Vec3");
  private static final Class<?> BODY = SOURCES.load("records.second.Second$Body");

  private static Object construct(Class<?> type, Object... args) {
    try {
      return type.getDeclaredConstructors()[0].newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static Object call(Class<?> owner, String name, Class<?>[] types, Object... args) {
    try {
      Method m = owner.getMethod(name, types);
      return m.invoke(null, args);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static Object get(Object target, String name) {
    try {
      return target.getClass().getMethod(name).invoke(target);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static double field(Object target, String name) {
    try {
      return target.getClass().getField(name).getDouble(target);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static double component(Object record, int i) {
    RecordComponent c = record.getClass().getRecordComponents()[i];
    try {
      return ((Number) c.getAccessor().invoke(record)).doubleValue();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static void near(double expected, double actual, double tolerance, String what) {
    assertEquals(expected, actual, tolerance * Math.max(1, Math.abs(expected)), what);
  }

  @Test
  void recordLocalsAtOrderTwo() {
    SecondOrderMethod m = new SecondOrderMethod(SOURCES, "records.second.Second", "local",
        new Class<?>[] {double.class, double.class}, true, true);
    for (double[] p : new double[][] {{0.3, -0.8}, {1.1, 0.4}, {-0.6, 0.9}}) {
      Object[] args = {p[0], p[1]};
      m.check(args, new Object[] {0.7, -0.2}, 1e-6);
      m.check(args, new Object[] {-0.4, 0.9}, 1e-6);
      m.dotTest(args, new Object[] {0.7, -0.2}, new Object[] {-0.4, 0.9}, 1e-11);
    }
  }

  // energy's differentiable leaves, in order: pX, pY, pZ, k, bPX, bPY, bPZ, bM (tag is an int)
  private static final Class<?>[] ENERGY = {VEC3, double.class, BODY};

  private static Object[] energyArgs(double[] x, int tag) {
    return new Object[] {construct(VEC3, x[0], x[1], x[2]), x[3],
        construct(BODY, construct(VEC3, x[4], x[5], x[6]), x[7], tag)};
  }

  /** The first-order gradient (the record-shaped holder's accessors) over the leaves. */
  private static double[] energyGradient(double[] x, int tag) {
    Object g = call(ADJOINT, "energy", ENERGY, energyArgs(x, tag));
    Object gp = get(g, "p");
    Object gb = get(g, "b");
    Object gbp = get(gb, "p");
    return new double[] {component(gp, 0), component(gp, 1), component(gp, 2), field(g, "k"),
        component(gbp, 0), component(gbp, 1), component(gbp, 2), component(gb, 1)};
  }

  private static double[][] numericHessian(Function<double[], double[]> gradient, double[] x) {
    double[][] out = new double[x.length][x.length];
    for (int j = 0; j < x.length; j++) {
      int column = j;
      for (int i = 0; i < x.length; i++) {
        int row = i;
        out[i][j] = GradientCheck.centralDifference(h -> {
          double[] y = x.clone();
          y[column] += h;
          return gradient.apply(y)[row];
        }, 0);
      }
    }
    return out;
  }

  @Test
  void recordParametersDenseHessianAndProduct() {
    Random random = new Random(290_006);
    for (int trial = 0; trial < 4; trial++) {
      double[] x = new double[8];
      for (int i = 0; i < 8; i++) {
        x[i] = random.nextGaussian();
      }
      int tag = 1 + random.nextInt(3);
      double[][] h = (double[][]) call(HESSIAN, "energyHessian", ENERGY, energyArgs(x, tag));
      assertEquals(8, h.length);
      // closed forms: f = k p·p + sin(pX pY) pZ + m (p·bP) tag
      double s = Math.sin(x[0] * x[1]);
      double c = Math.cos(x[0] * x[1]);
      near(2 * x[3] - s * x[1] * x[1] * x[2], h[0][0], 1e-12, "∂²f/∂pX²");
      near(c * x[2] - s * x[0] * x[1] * x[2], h[0][1], 1e-12, "∂²f/∂pX∂pY");
      near(c * x[1], h[0][2], 1e-12, "∂²f/∂pX∂pZ");
      near(2 * x[0], h[0][3], 1e-12, "∂²f/∂pX∂k");
      near(x[7] * tag, h[0][4], 1e-12, "∂²f/∂pX∂bPX");
      near(x[4] * tag, h[0][7], 1e-12, "∂²f/∂pX∂m");
      near(0, h[4][5], 1e-12, "∂²f/∂bPX∂bPY");
      double[][] numeric = numericHessian(y -> energyGradient(y, tag), x);
      for (int i = 0; i < 8; i++) {
        for (int j = 0; j < 8; j++) {
          near(numeric[i][j], h[i][j], 1e-7, "H[" + i + "][" + j + "]");
          assertEquals(h[j][i], h[i][j], 1e-12, "symmetric");
        }
      }
      // the product with record directions, against the dense Hessian; the dot test
      double[] v = new double[8];
      double[] w = new double[8];
      for (int i = 0; i < 8; i++) {
        v[i] = random.nextGaussian();
        w[i] = random.nextGaussian();
      }
      double[] hv = product(x, v, tag);
      double[] hw = product(x, w, tag);
      double vhw = 0;
      double whv = 0;
      for (int i = 0; i < 8; i++) {
        double expected = 0;
        for (int j = 0; j < 8; j++) {
          expected += h[i][j] * v[j];
        }
        near(expected, hv[i], 1e-10, "(H·v)[" + i + "]");
        vhw += v[i] * hw[i];
        whv += w[i] * hv[i];
      }
      near(vhw, whv, 1e-10, "⟨v, H·w⟩ = ⟨w, H·v⟩");
    }
  }

  private static final String[] LEAVES = {"pX", "pY", "pZ", "k", "bPX", "bPY", "bPZ", "bM"};

  private static double[] product(double[] x, double[] d, int tag) {
    Object[] a = energyArgs(x, tag);
    Object[] da = energyArgs(d, 0);
    Object holder = call(HESSIAN, "energy", new Class<?>[] {VEC3, VEC3, double.class,
        double.class, BODY, BODY}, a[0], da[0], a[1], da[1], a[2], da[2]);
    double[] out = new double[8];
    for (int i = 0; i < 8; i++) {
      out[i] = field(holder, LEAVES[i] + "Hv");
    }
    return out;
  }

  private static Object vecs(double[] flat, int n) {
    Object out = Array.newInstance(VEC3, n);
    for (int i = 0; i < n; i++) {
      // the leaf layout: all x, then all y, then all z
      Array.set(out, i, construct(VEC3, flat[i], flat[n + i], flat[2 * n + i]));
    }
    return out;
  }

  @Test
  void anArrayOfRecordsAtOrderTwo() {
    Random random = new Random(290_007);
    int n = 3;
    double[] x = new double[3 * n + 1];
    for (int i = 0; i < x.length; i++) {
      x[i] = 0.7 * random.nextGaussian();
    }
    Class<?>[] types = {VEC3.arrayType(), double.class};
    double[][] h = (double[][]) call(HESSIAN, "pairsHessian", types, vecs(x, n), x[3 * n]);
    Function<double[], double[]> gradient = y -> {
      Object g = call(ADJOINT, "pairs", types, vecs(y, n), y[3 * n]);
      Object gps = get(g, "ps");
      double[] out = new double[3 * n + 1];
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < 3; c++) {
          out[c * n + i] = component(Array.get(gps, i), c);
        }
      }
      out[3 * n] = field(g, "k");
      return out;
    };
    double[][] numeric = numericHessian(gradient, x);
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x.length; j++) {
        near(numeric[i][j], h[i][j], 1e-7, "H[" + i + "][" + j + "]");
      }
    }
  }
}
