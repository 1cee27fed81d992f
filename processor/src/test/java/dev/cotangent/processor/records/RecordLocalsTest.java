package dev.cotangent.processor.records;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.GradientCheck;
import dev.cotangent.processor.testing.SameThrow;
import org.junit.jupiter.api.Test;

/**
 * Record locals: construction (canonical, compact with validation, static factories), accessors,
 * direct component reads inside the record, instance and static methods calling each other,
 * records reassigned in loops, in branches and across {@code break}s.
 */
class RecordLocalsTest {
  static final String VEC3 = """
      record Vec3(double x, double y, double z) {
        static final Vec3 ZERO = null;
        static Vec3 of(double a) {
          return new Vec3(a, a, a);
        }
        Vec3 plus(Vec3 o) {
          return new Vec3(x + o.x, y + o.y, z + o.z);
        }
        Vec3 minus(Vec3 o) {
          return plus(o.scale(-1));
        }
        Vec3 scale(double k) {
          return new Vec3(k * x, k * y, k * z);
        }
        double dot(Vec3 o) {
          return x * o.x() + y * o.y() + z * o.z();
        }
        double norm() {
          return Math.sqrt(dot(this));
        }
        Vec3 cross(Vec3 o) {
          return new Vec3(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x);
        }
        Vec3 unit() {
          double n = norm();
          return scale(1 / n);
        }
        static double triple(Vec3 a, Vec3 b, Vec3 c) {
          return a.dot(b.cross(c));
        }
      }
      """;

  static final String COMPLEX = """
      record Complex(double re, double im) {
        Complex times(Complex o) {
          return new Complex(re * o.re - im * o.im, re * o.im + im * o.re);
        }
        Complex plus(Complex o) {
          return new Complex(re + o.re, im + o.im);
        }
        double abs2() {
          return re * re + im * im;
        }
      }
      """;

  static final String MASS = """
      record Mass(double kg) {
        Mass {
          if (kg <= 0) {
            throw new IllegalArgumentException("mass must be positive: " + kg);
          }
        }
      }
      """;

  static final FunctionGroup RECORDS = FunctionGroup.of("records.locals", "Locals")
      .members(VEC3.replace("  static final Vec3 ZERO = null;\n", ""))
      .members(COMPLEX)
      .members(MASS)
      .function("particle", """
          /** A particle under gravity and quadratic drag, explicit Euler. */
          @Differentiable
          public static double particle(double vx, double vy, double drag, int steps) {
            Vec3 p = new Vec3(0, 0, 0);
            Vec3 v = new Vec3(vx, vy, 0.5);
            Vec3 g = new Vec3(0, -9.81, 0);
            double dt = 0.01;
            for (int s = 0; s < steps; s++) {
              double speed = v.norm();
              Vec3 a = g.minus(v.scale(drag * speed));
              v = v.plus(a.scale(dt));
              p = p.plus(v.scale(dt));
            }
            return p.x() * p.x() + p.y() + 0.1 * p.z();
          }
          """)
      .function("particleCheckpointed", """
          /** The same particle, its loop reversed from 5 snapshots (which hold the leaves). */
          @Differentiable(checkpoints = 5)
          public static double particleCheckpointed(double vx, double vy, double drag, int steps) {
            Vec3 p = new Vec3(0, 0, 0);
            Vec3 v = new Vec3(vx, vy, 0.5);
            Vec3 g = new Vec3(0, -9.81, 0);
            double dt = 0.01;
            for (int s = 0; s < steps; s++) {
              double speed = v.norm();
              Vec3 a = g.minus(v.scale(drag * speed));
              v = v.plus(a.scale(dt));
              p = p.plus(v.scale(dt));
            }
            return p.x() * p.x() + p.y() + 0.1 * p.z();
          }
          """)
      .function("escape", """
          /** z = z^2 + c until |z| > 2: the smooth escape measure after the exit. */
          @Differentiable
          public static double escape(double cr, double ci, int limit) {
            Complex c = new Complex(cr, ci);
            Complex z = new Complex(0, 0);
            int n = 0;
            while (n < limit) {
              z = z.times(z).plus(c);
              if (z.abs2() > 4) {
                break;
              }
              n++;
            }
            return Math.log(z.abs2()) + n;
          }
          """)
      .function("rigid", """
          /** Torque, angular momentum and the volume spanned by lever arms (cross products). */
          @Differentiable
          public static double rigid(double ax, double ay, double az, double fx, double fy,
              double w) {
            Vec3 r = new Vec3(ax, ay, az);
            Vec3 f = new Vec3(fx, fy, 1.5);
            Vec3 torque = r.cross(f);
            Vec3 omega = Vec3.of(w);
            Vec3 l = r.cross(omega.cross(r));
            Vec3 n = torque.unit();
            return torque.norm() + l.dot(n) + Vec3.triple(r, f, omega);
          }
          """)
      .function("branches", """
          @Differentiable
          public static double branches(double x, double y, double m) {
            Vec3 p = new Vec3(x, y, x * y);
            Vec3 q;
            if (x > y) {
              q = p.scale(2);
            } else {
              q = new Vec3(y, x, 1).cross(p);
            }
            Mass mass = new Mass(m);
            Vec3 r = x > 0 ? q : p;
            return mass.kg() * r.dot(q) + (q.x() > 0 ? q.x() : -q.x());
          }
          """)
      .function("rotate", """
          /** w = w × u reassigned in place: leaves read before they are overwritten. */
          @Differentiable
          public static double rotate(double a, double b, int n) {
            Vec3 w = new Vec3(a, b, 1);
            Vec3 u = new Vec3(0.3, -0.2, 0.9).unit();
            for (int i = 0; i < n; i++) {
              w = w.cross(u).plus(w.scale(0.5));
            }
            return w.x() + 2 * w.y() + 3 * w.z();
          }
          """);

  @Test
  void particleUnderDrag() {
    GradientCheck.of(RECORDS, "particle").differentiable("vx", "vy", "drag")
        .uniform("vx", 0.5, 3).uniform("vy", 0.5, 3).uniform("drag", 0.01, 0.3)
        .ints("steps", 1, 40).checkAll();
  }

  @Test
  void particleUnderDragInACheckpointedLoop() {
    GradientCheck.of(RECORDS, "particleCheckpointed").differentiable("vx", "vy", "drag")
        .uniform("vx", 0.5, 3).uniform("vy", 0.5, 3).uniform("drag", 0.01, 0.3)
        .ints("steps", 1, 40).checkAll();
  }

  @Test
  void complexIterationWithDataDependentExit() {
    GradientCheck.of(RECORDS, "escape").differentiable("cr", "ci")
        .uniform("cr", -1.5, 0.6).uniform("ci", -1.2, 1.2).ints("limit", 1, 30)
        .covering("an early exit", p -> escapes(p.d("cr"), p.d("ci"), p.i("limit")))
        .points(20).checkAll();
  }

  private static boolean escapes(double cr, double ci, int limit) {
    double re = 0;
    double im = 0;
    for (int n = 0; n < limit; n++) {
      double t = re * re - im * im + cr;
      im = 2 * re * im + ci;
      re = t;
      if (re * re + im * im > 4) {
        return true;
      }
    }
    return false;
  }

  @Test
  void rigidBodyCrossProducts() {
    GradientCheck.of(RECORDS, "rigid").differentiable("ax", "ay", "az", "fx", "fy", "w")
        .uniform("ax", -2, 2).uniform("ay", -2, 2).uniform("az", -2, 2)
        .uniform("fx", -2, 2).uniform("fy", -2, 2).uniform("w", -2, 2).checkAll();
  }

  @Test
  void recordsInBranchesAndConditionals() {
    GradientCheck.of(RECORDS, "branches").differentiable("x", "y", "m")
        .uniform("x", -2, 2).uniform("y", -2, 2).uniform("m", 0.5, 2).checkAll();
  }

  @Test
  void compactConstructorValidatesInEveryCompanion() {
    Throwable thrown = SameThrow.at(RECORDS.sourcesFor("branches").method(RECORDS.className(),
        "branches"), 1.0, 0.5, -0.25);
    assertEquals("mass must be positive: -0.25", thrown.getMessage());
  }

  @Test
  void recordReassignedFromItself() {
    GradientCheck.of(RECORDS, "rotate").differentiable("a", "b")
        .uniform("a", -2, 2).uniform("b", -2, 2).ints("n", 0, 6).checkAll();
  }
}
