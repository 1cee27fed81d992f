package dev.cotangent.processor.records;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.runtime.GradientCheck;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Record parameters and results of {@code @Differentiable} methods, through the record-shaped
 * overloads: the gradient holder's record accessors against central differences of the original
 * method (called with records), the tangent with a record direction against the numerical
 * directional derivative and the dot test, the pullback's accumulate contract with a record seed,
 * and the Jacobian over the leaves.
 */
class RecordParametersTest {
  private static final String SOURCE = """
      package records.params;

      import dev.cotangent.Differentiable;
      import dev.cotangent.NoDerivative;

      public class Params {
        public record Vec3(double x, double y, double z) {
          Vec3 plus(Vec3 o) {
            return new Vec3(x + o.x, y + o.y, z + o.z);
          }
          Vec3 scale(double k) {
            return new Vec3(k * x, k * y, k * z);
          }
          double dot(Vec3 o) {
            return x * o.x + y * o.y + z * o.z;
          }
          Vec3 cross(Vec3 o) {
            return new Vec3(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x);
          }
        }

        public record Tagged(Vec3 v, int n, boolean on) {}

        @Differentiable
        public static double energy(Vec3 p, double k, Tagged t, @NoDerivative Vec3 fixed) {
          double e = k * p.dot(p) + Math.sin(t.v().dot(p)) * t.n();
          return t.on() ? e + fixed.dot(p) : e;
        }

        @Differentiable
        public static Vec3 torque(Vec3 r, Vec3 f, double s) {
          Vec3 t = r.cross(f);
          for (int i = 0; i < 3; i++) {
            t = t.plus(r.scale(s * t.z()));
          }
          return t;
        }
      }
      """;

  private static final CompiledSources SOURCES = CompiledSources.compile(SOURCE);
  private static final Class<?> PARAMS = SOURCES.load("records.params.Params");
  private static final Class<?> ADJOINT = SOURCES.load("records.params.ParamsAdjoint");
  private static final Class<?> TANGENT = SOURCES.load("records.params.ParamsTangent");
  private static final Class<?> VEC3 = SOURCES.load("records.params.Params$Vec3");
  private static final Class<?> TAGGED = SOURCES.load("records.params.Params$Tagged");

  private static Object vec(double x, double y, double z) {
    return construct(VEC3, x, y, z);
  }

  private static Object construct(Class<?> type, Object... args) {
    try {
      return type.getDeclaredConstructors()[0].newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static double[] leaves(Object vec) {
    double[] out = new double[3];
    RecordComponent[] components = VEC3.getRecordComponents();
    for (int i = 0; i < 3; i++) {
      out[i] = (double) invoke(components[i].getAccessor(), vec);
    }
    return out;
  }

  private static Object invoke(Method m, Object target, Object... args) {
    try {
      m.setAccessible(true);
      return m.invoke(target, args);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** The static method {@code name} whose parameter types are exactly {@code types}. */
  private static Object call(Class<?> owner, String name, Class<?>[] types, Object... args) {
    try {
      return invoke(owner.getMethod(name, types), null, args);
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
  }

  private static Object field(Object holder, String name) {
    try {
      return holder.getClass().getField(name).get(holder);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static Object accessor(Object holder, String name) {
    try {
      return invoke(holder.getClass().getMethod(name), holder);
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
  }

  private static final Class<?>[] ENERGY = {VEC3, double.class, TAGGED, VEC3};

  private static double energy(Object p, double k, Object t, Object fixed) {
    return (double) call(PARAMS, "energy", ENERGY, p, k, t, fixed);
  }

  private static void near(double expected, double actual, String what) {
    assertEquals(expected, actual, 1e-7 * Math.max(1, Math.abs(expected)), what);
  }

  @Test
  void gradientWithRespectToRecordsIsARecord() {
    Random random = new Random(180_001);
    for (int trial = 0; trial < 8; trial++) {
      double[] p = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
      double[] v = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
      double k = random.nextGaussian();
      int n = 1 + random.nextInt(3);
      boolean on = random.nextBoolean();
      Object fixed = vec(0.3, -0.7, 1.1);
      Object t = construct(TAGGED, vec(v[0], v[1], v[2]), n, on);
      Object g = call(ADJOINT, "energy", ENERGY, vec(p[0], p[1], p[2]), k, t, fixed);
      assertEquals(energy(vec(p[0], p[1], p[2]), k, t, fixed), (double) field(g, "value"));
      double[] gp = leaves(accessor(g, "p"));
      for (int i = 0; i < 3; i++) {
        int at = i;
        DoubleUnaryOperator along = h -> {
          double[] q = p.clone();
          q[at] += h;
          return energy(vec(q[0], q[1], q[2]), k, t, fixed);
        };
        near(GradientCheck.centralDifference(along, 0), gp[i], "∂/∂p[" + i + "]");
        DoubleUnaryOperator alongV = h -> {
          double[] q = v.clone();
          q[at] += h;
          return energy(vec(p[0], p[1], p[2]), k, construct(TAGGED, vec(q[0], q[1], q[2]), n, on),
              fixed);
        };
        Object gt = accessor(g, "t");
        near(GradientCheck.centralDifference(alongV, 0),
            leaves(invoke(TAGGED.getRecordComponents()[0].getAccessor(), gt))[i], "∂/∂t.v");
        assertEquals(0, invoke(TAGGED.getRecordComponents()[1].getAccessor(), gt));
        assertEquals(false, invoke(TAGGED.getRecordComponents()[2].getAccessor(), gt));
      }
      near(GradientCheck.centralDifference(h -> energy(vec(p[0], p[1], p[2]), k + h, t, fixed), 0),
          (double) field(g, "k"), "∂/∂k");

      // tangent with record directions: the dot test against the gradient, and the numbers
      double[] d = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
      double[] dv = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
      double dk = random.nextGaussian();
      Object dual = call(TANGENT, "energy",
          new Class<?>[] {VEC3, VEC3, double.class, double.class, TAGGED, TAGGED, VEC3},
          vec(p[0], p[1], p[2]), vec(d[0], d[1], d[2]), k, dk, t,
          construct(TAGGED, vec(dv[0], dv[1], dv[2]), 7, true), fixed);
      double tangent = (double) invoke(getMethod(dual, "tangent"), dual);
      double[] gv = leaves(invoke(TAGGED.getRecordComponents()[0].getAccessor(),
          accessor(g, "t")));
      double dot = dk * (double) field(g, "k");
      for (int i = 0; i < 3; i++) {
        dot += gp[i] * d[i] + gv[i] * dv[i];
      }
      near(dot, tangent, "⟨∇f, direction⟩");
      DoubleUnaryOperator line = h -> energy(vec(p[0] + h * d[0], p[1] + h * d[1], p[2] + h * d[2]),
          k + h * dk, construct(TAGGED, vec(v[0] + h * dv[0], v[1] + h * dv[1], v[2] + h * dv[2]),
              n, on), fixed);
      near(GradientCheck.centralDifference(line, 0), tangent, "directional derivative");

      // the pullback adds seed times the gradient into the holder
      Object into = call(ADJOINT, "energy", ENERGY, vec(p[0], p[1], p[2]), k, t, fixed);
      double value = (double) call(ADJOINT, "energy", new Class<?>[] {VEC3, double.class, TAGGED,
          VEC3, double.class, into.getClass()}, vec(p[0], p[1], p[2]), k, t, fixed, 2.5, into);
      assertEquals(energy(vec(p[0], p[1], p[2]), k, t, fixed), value);
      double[] accumulated = leaves(accessor(into, "p"));
      for (int i = 0; i < 3; i++) {
        near(3.5 * gp[i], accumulated[i], "accumulated ∂/∂p[" + i + "]");
      }
    }
  }

  private static Method getMethod(Object target, String name) {
    try {
      return target.getClass().getMethod(name);
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
  }

  private static final Class<?>[] TORQUE = {VEC3, VEC3, double.class};

  private static double[] torque(double[] x) {
    return leaves(call(PARAMS, "torque", TORQUE, vec(x[0], x[1], x[2]), vec(x[3], x[4], x[5]),
        x[6]));
  }

  @Test
  void recordResultPullbackTangentAndJacobian() {
    Random random = new Random(180_002);
    for (int trial = 0; trial < 8; trial++) {
      double[] x = new double[7];
      for (int i = 0; i < 7; i++) {
        x[i] = random.nextGaussian() * (i == 6 ? 0.2 : 1);
      }
      Object r = vec(x[0], x[1], x[2]);
      Object f = vec(x[3], x[4], x[5]);
      double[][] jacobian = (double[][]) call(ADJOINT, "torqueJacobian", TORQUE, r, f, x[6]);
      for (int c = 0; c < 7; c++) {
        for (int row = 0; row < 3; row++) {
          int column = c;
          int out = row;
          double numeric = GradientCheck.centralDifference(h -> {
            double[] y = x.clone();
            y[column] += h;
            return torque(y)[out];
          }, 0);
          near(numeric, jacobian[row][c], "J[" + row + "][" + c + "]");
        }
      }
      // pullback with a record seed: Jᵀ·seed into the holder's records, the result as a record
      double[] seed = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
      Class<?> holder = SOURCES.load("records.params.ParamsAdjoint$TorqueGradient");
      Object into = construct(holder);
      Object result = call(ADJOINT, "torque", new Class<?>[] {VEC3, VEC3, double.class, VEC3,
          holder}, r, f, x[6], vec(seed[0], seed[1], seed[2]), into);
      assertEquals(call(PARAMS, "torque", TORQUE, r, f, x[6]), result);
      double[] gr = leaves(accessor(into, "r"));
      double[] gf = leaves(accessor(into, "f"));
      for (int c = 0; c < 3; c++) {
        double jr = 0;
        double jf = 0;
        for (int row = 0; row < 3; row++) {
          jr += jacobian[row][c] * seed[row];
          jf += jacobian[row][c + 3] * seed[row];
        }
        near(jr, gr[c], "(Jᵀ·seed)_r");
        near(jf, gf[c], "(Jᵀ·seed)_f");
      }
      // tangent with record directions: J·direction
      double[] d = new double[7];
      for (int i = 0; i < 7; i++) {
        d[i] = random.nextGaussian();
      }
      Object dual = call(TANGENT, "torque", new Class<?>[] {VEC3, VEC3, VEC3, VEC3, double.class,
          double.class}, r, vec(d[0], d[1], d[2]), f, vec(d[3], d[4], d[5]), x[6], d[6]);
      double[] value = (double[]) invoke(getMethod(dual, "value"), dual);
      double[] tangent = (double[]) invoke(getMethod(dual, "tangent"), dual);
      assertArrayEquals(torque(x), value);
      for (int row = 0; row < 3; row++) {
        double expected = 0;
        for (int c = 0; c < 7; c++) {
          expected += jacobian[row][c] * d[c];
        }
        near(expected, tangent[row], "(J·d)[" + row + "]");
      }
    }
  }
}
