package dev.cotangent.processor.records;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.runtime.GradientCheck;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Arrays of records as parameters ({@code Vec3[] particles}), through the record-shaped
 * overloads: the holder's {@code particles()} (a {@code Vec3[]}) against central differences of
 * the original method, the tangent with a {@code Vec3[]} direction (numerical directional
 * derivative and the dot test), the pullback's accumulate contract, a method that writes into
 * its array of records (the caller's array ends as the original leaves it, the gradient is with
 * respect to the contents on entry, the direction becomes the tangent of the final contents),
 * and the Jacobian of a vector-valued function over the leaf arrays.
 */
class RecordArrayParametersTest {
  static final String SOURCE = """
      package records.arrayparams;

      import dev.cotangent.Differentiable;
      import dev.cotangent.NoDerivative;

      public class Particles {
        public record Vec3(double x, double y, double z) {
          Vec3 plus(Vec3 o) {
            return new Vec3(x + o.x, y + o.y, z + o.z);
          }
          Vec3 minus(Vec3 o) {
            return new Vec3(x - o.x, y - o.y, z - o.z);
          }
          Vec3 scale(double k) {
            return new Vec3(k * x, k * y, k * z);
          }
          double dot(Vec3 o) {
            return x * o.x + y * o.y + z * o.z;
          }
        }

        public record Body(Vec3 p, double m, int tag) {}

        /** Pairwise Gaussian interaction energy of the particles. */
        @Differentiable
        public static double energy(Vec3[] particles, double k) {
          double e = 0;
          for (int i = 0; i < particles.length; i++) {
            for (int j = i + 1; j < particles.length; j++) {
              Vec3 d = particles[i].minus(particles[j]);
              e += k * Math.exp(-d.dot(d));
            }
          }
          return e;
        }

        /** One step in place under gravity g; the mass-weighted spread after it. */
        @Differentiable
        public static double step(Body[] bodies, Vec3 g, double dt) {
          double s = 0;
          for (int i = 0; i < bodies.length; i++) {
            Body b = bodies[i];
            bodies[i] = new Body(b.p().plus(g.scale(dt * b.m())), b.m() * (1 + dt), b.tag() + 1);
            s += bodies[i].p().dot(bodies[i].p()) * b.m();
          }
          return s;
        }

        /** A record parameter before an array the method writes into (positions of effects). */
        @Differentiable
        public static double relax(Vec3 p, double[] x) {
          for (int i = 0; i < x.length; i++) {
            x[i] = x[i] * p.x() + p.dot(p);
          }
          return x[0] * x[x.length - 1];
        }

        /** A weighted centroid-like vector of the particles, a vector-valued function. */
        @Differentiable
        public static double[] centroid(Vec3[] ps, @NoDerivative Vec3[] weights) {
          double[] c = new double[3];
          for (Vec3 p : ps) {
            c[0] += p.x() * weights[0].x();
            c[1] += p.y() * p.y();
          }
          for (int i = 0; i < ps.length; i++) {
            c[2] += Math.sin(ps[i].z()) * weights[i].z();
          }
          return c;
        }
      }
      """;

  private static final CompiledSources SOURCES = CompiledSources.compile(SOURCE);
  private static final Class<?> PARTICLES = SOURCES.load("records.arrayparams.Particles");
  private static final Class<?> ADJOINT = SOURCES.load("records.arrayparams.ParticlesAdjoint");
  private static final Class<?> TANGENT = SOURCES.load("records.arrayparams.ParticlesTangent");
  private static final Class<?> VEC3 = SOURCES.load("records.arrayparams.Particles$Vec3");
  private static final Class<?> BODY = SOURCES.load("records.arrayparams.Particles$Body");
  private static final Class<?> VEC3S = VEC3.arrayType();
  private static final Class<?> BODIES = BODY.arrayType();

  private static Object construct(Class<?> type, Object... args) {
    try {
      return type.getDeclaredConstructors()[0].newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static Object vec(double x, double y, double z) {
    return construct(VEC3, x, y, z);
  }

  private static Object invoke(Method m, Object target, Object... args) {
    try {
      m.setAccessible(true);
      return m.invoke(target, args);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static Object call(Class<?> owner, String name, Class<?>[] types, Object... args) {
    try {
      return invoke(owner.getMethod(name, types), null, args);
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
  }

  private static Object get(Object target, String name) {
    try {
      return invoke(target.getClass().getMethod(name), target);
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
  }

  private static Object component(Object record, int i) {
    RecordComponent[] components = record.getClass().getRecordComponents();
    return invoke(components[i].getAccessor(), record);
  }

  /** {@code Vec3[]} from x0, y0, z0, x1, ... */
  private static Object vecs(double[] flat) {
    Object out = Array.newInstance(VEC3, flat.length / 3);
    for (int i = 0; i < flat.length / 3; i++) {
      Array.set(out, i, vec(flat[3 * i], flat[3 * i + 1], flat[3 * i + 2]));
    }
    return out;
  }

  /** x0, y0, z0, x1, ... of a {@code Vec3[]}. */
  private static double[] flat(Object vecs) {
    double[] out = new double[3 * Array.getLength(vecs)];
    for (int i = 0; i < Array.getLength(vecs); i++) {
      for (int c = 0; c < 3; c++) {
        out[3 * i + c] = (double) component(Array.get(vecs, i), c);
      }
    }
    return out;
  }

  /** {@code Body[]} from px, py, pz, m of each body, tags 7, 8, ... */
  private static Object bodies(double[] flat) {
    Object out = Array.newInstance(BODY, flat.length / 4);
    for (int i = 0; i < flat.length / 4; i++) {
      Array.set(out, i, construct(BODY, vec(flat[4 * i], flat[4 * i + 1], flat[4 * i + 2]),
          flat[4 * i + 3], 7 + i));
    }
    return out;
  }

  /** px, py, pz, m of each body of a {@code Body[]}. */
  private static double[] flatBodies(Object bodies) {
    double[] out = new double[4 * Array.getLength(bodies)];
    for (int i = 0; i < Array.getLength(bodies); i++) {
      Object b = Array.get(bodies, i);
      double[] p = flat(new Object[] {component(b, 0)});
      System.arraycopy(p, 0, out, 4 * i, 3);
      out[4 * i + 3] = (double) component(b, 1);
    }
    return out;
  }

  private static double[] numericalGradient(ToDoubleFunction<double[]> f, double[] x) {
    return GradientCheck.numericalGradient(f, x);
  }

  private static void near(double expected, double actual, String what) {
    assertEquals(expected, actual, 1e-7 * Math.max(1, Math.abs(expected)), what);
  }

  private static double[] gaussian(Random random, int n, double scale) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = scale * random.nextGaussian();
    }
    return out;
  }

  private static final Class<?>[] ENERGY = {VEC3S, double.class};

  private static double energy(double[] p, double k) {
    return (double) call(PARTICLES, "energy", ENERGY, vecs(p), k);
  }

  @Test
  void gradientWithRespectToAnArrayOfRecordsIsAnArrayOfRecords()
      throws ReflectiveOperationException {
    Random random = new Random(290_001);
    for (int trial = 0; trial < 6; trial++) {
      int n = 1 + random.nextInt(5);
      double[] p = gaussian(random, 3 * n, 0.8);
      double k = 0.5 + random.nextDouble();
      Object g = call(ADJOINT, "energy", ENERGY, vecs(p), k);
      assertEquals(energy(p, k), (double) g.getClass().getField("value").getDouble(g));
      double[] gp = flat(get(g, "particles"));
      assertArrayEquals(numericalGradient(x -> energy(x, k), p), gp, 1e-7, "∂/∂particles");
      near(GradientCheck.centralDifference(h -> energy(p, k + h), 0),
          g.getClass().getField("k").getDouble(g), "∂/∂k");

      // the tangent with a Vec3[] direction: numerical directional derivative, and the dot test
      double[] d = gaussian(random, 3 * n, 1);
      double dk = random.nextGaussian();
      Object dual = call(TANGENT, "energy", new Class<?>[] {VEC3S, VEC3S, double.class,
          double.class}, vecs(p), vecs(d), k, dk);
      double tangent = (double) get(dual, "tangent");
      near(GradientCheck.centralDifference(h -> {
        double[] q = p.clone();
        for (int i = 0; i < q.length; i++) {
          q[i] += h * d[i];
        }
        return energy(q, k + h * dk);
      }, 0), tangent, "directional derivative");
      double dot = dk * g.getClass().getField("k").getDouble(g);
      for (int i = 0; i < d.length; i++) {
        dot += gp[i] * d[i];
      }
      near(dot, tangent, "⟨∇f, direction⟩ = tangent");

      // the pullback adds seed times the gradient into the holder
      Object into = call(ADJOINT, "energy", ENERGY, vecs(p), k);
      double value = (double) call(ADJOINT, "energy", new Class<?>[] {VEC3S, double.class,
          double.class, into.getClass()}, vecs(p), k, 2.5, into);
      assertEquals(energy(p, k), value);
      double[] accumulated = flat(get(into, "particles"));
      for (int i = 0; i < gp.length; i++) {
        near(3.5 * gp[i], accumulated[i], "accumulated ∂/∂particles[" + i + "]");
      }
    }
  }

  private static final Class<?>[] STEP = {BODIES, VEC3, double.class};

  /** The original step on fresh bodies; {@code after} receives their final contents. */
  private static double step(double[] b, double[] g, double dt, double[] after) {
    Object bodies = bodies(b);
    double s = (double) call(PARTICLES, "step", STEP, bodies, vec(g[0], g[1], g[2]), dt);
    if (after != null) {
      System.arraycopy(flatBodies(bodies), 0, after, 0, after.length);
    }
    return s;
  }

  @Test
  void writesIntoAnArrayOfRecordsParameter() throws ReflectiveOperationException {
    Random random = new Random(290_002);
    for (int trial = 0; trial < 6; trial++) {
      int n = 1 + random.nextInt(4);
      double[] b = gaussian(random, 4 * n, 1);
      double[] g = gaussian(random, 3, 1);
      double dt = 0.1 + 0.2 * random.nextDouble();
      double[] expectedAfter = new double[4 * n];
      double expected = step(b, g, dt, expectedAfter);

      Object bodies = bodies(b);
      Object holder = call(ADJOINT, "step", STEP, bodies, vec(g[0], g[1], g[2]), dt);
      assertEquals(expected, holder.getClass().getField("value").getDouble(holder));
      assertArrayEquals(expectedAfter, flatBodies(bodies), "the caller's array ends as the"
          + " original leaves it");
      for (int i = 0; i < n; i++) {
        assertEquals(8 + i, component(Array.get(bodies, i), 2), "tags incremented once");
      }
      Object gb = get(holder, "bodies");
      assertArrayEquals(numericalGradient(x -> step(x, g, dt, null), b), flatBodies(gb), 1e-7,
          "∂/∂bodies on entry");
      for (int i = 0; i < n; i++) {
        assertEquals(0, component(Array.get(gb, i), 2), "an int component's derivative is 0");
      }
      assertArrayEquals(numericalGradient(x -> step(b, x, dt, null), g),
          flat(new Object[] {get(holder, "g")}), 1e-7, "∂/∂g");

      // the tangent: the direction ends as the tangent of the final contents
      double[] d = gaussian(random, 4 * n, 1);
      double[] dg = gaussian(random, 3, 1);
      Object direction = bodies(d);
      Object fresh = bodies(b);
      Object dual = call(TANGENT, "step", new Class<?>[] {BODIES, BODIES, VEC3, VEC3,
          double.class, double.class}, fresh, direction, vec(g[0], g[1], g[2]),
          vec(dg[0], dg[1], dg[2]), dt, 0.0);
      assertArrayEquals(expectedAfter, flatBodies(fresh));
      double[] finalTangent = flatBodies(direction);
      for (int i = 0; i < 4 * n; i++) {
        int at = i;
        near(GradientCheck.centralDifference(h -> {
          double[] q = b.clone();
          double[] r = g.clone();
          for (int j = 0; j < q.length; j++) {
            q[j] += h * d[j];
          }
          for (int j = 0; j < 3; j++) {
            r[j] += h * dg[j];
          }
          double[] after = new double[4 * n];
          step(q, r, dt, after);
          return after[at];
        }, 0), finalTangent[i], "tangent of the final contents[" + i + "]");
      }
      double dot = 0;
      double[] gradient = flatBodies(gb);
      for (int i = 0; i < d.length; i++) {
        dot += gradient[i] * d[i];
      }
      double[] gg = flat(new Object[] {get(holder, "g")});
      for (int i = 0; i < 3; i++) {
        dot += gg[i] * dg[i];
      }
      near(dot, (double) get(dual, "tangent"), "dot test");

      // the pullback on a fresh array: the contract, and the array ends as the original leaves it
      Object again = bodies(b);
      Object into = call(ADJOINT, "step", STEP, bodies(b), vec(g[0], g[1], g[2]), dt);
      double value = (double) call(ADJOINT, "step", new Class<?>[] {BODIES, VEC3, double.class,
          double.class, into.getClass()}, again, vec(g[0], g[1], g[2]), dt, -1.5, into);
      assertEquals(expected, value);
      assertArrayEquals(expectedAfter, flatBodies(again));
      double[] accumulated = flatBodies(get(into, "bodies"));
      for (int i = 0; i < gradient.length; i++) {
        near(-0.5 * gradient[i], accumulated[i], "accumulated ∂/∂bodies[" + i + "]");
      }
    }
  }

  @Test
  void recordParameterBeforeAWrittenArray() throws ReflectiveOperationException {
    Random random = new Random(290_004);
    Class<?>[] types = {VEC3, double[].class};
    double[] p = gaussian(random, 3, 1);
    double[] x = gaussian(random, 4, 1);
    ToDoubleFunction<double[]> f = y -> (double) call(PARTICLES, "relax", types,
        vec(y[0], y[1], y[2]), java.util.Arrays.copyOfRange(y, 3, 7));
    double[] all = new double[7];
    System.arraycopy(p, 0, all, 0, 3);
    System.arraycopy(x, 0, all, 3, 4);
    double[] numeric = numericalGradient(f, all);
    double[] written = x.clone();
    Object g = call(ADJOINT, "relax", types, vec(p[0], p[1], p[2]), written);
    double[] expectedAfter = x.clone();
    call(PARTICLES, "relax", types, vec(p[0], p[1], p[2]), expectedAfter);
    assertArrayEquals(expectedAfter, written, "x ends as the original leaves it");
    assertArrayEquals(java.util.Arrays.copyOfRange(numeric, 0, 3),
        flat(new Object[] {get(g, "p")}), 1e-7, "∂/∂p");
    assertArrayEquals(java.util.Arrays.copyOfRange(numeric, 3, 7),
        (double[]) g.getClass().getField("x").get(g), 1e-7, "∂/∂x on entry");
  }

  @Test
  void jacobianOverTheLeafArrays() {
    Random random = new Random(290_003);
    int n = 4;
    double[] p = gaussian(random, 3 * n, 1);
    Object weights = vecs(gaussian(random, 3 * n, 1));
    Class<?>[] types = {VEC3S, VEC3S};
    double[][] jacobian = (double[][]) call(ADJOINT, "centroidJacobian", types, vecs(p), weights);
    assertEquals(3, jacobian.length);
    for (int row = 0; row < 3; row++) {
      int out = row;
      double[] numeric = numericalGradient(x -> ((double[]) call(PARTICLES, "centroid", types,
          vecs(x), weights))[out], p);
      // columns: the leaf arrays in order (all x, then all y, then all z)
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < 3; c++) {
          near(numeric[3 * i + c], jacobian[row][c * n + i], "J[" + row + "][" + c + "," + i
              + "]");
        }
      }
    }
  }
}
