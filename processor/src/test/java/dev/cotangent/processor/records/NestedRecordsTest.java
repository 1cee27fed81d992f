package dev.cotangent.processor.records;

import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * Records inside records, components of every supported kind (int, boolean, float, double[]),
 * {@code var}, a record's static constants, and locals whose names the flattened leaves would
 * take.
 */
class NestedRecordsTest {
  static final FunctionGroup NESTED = FunctionGroup.of("records.nested", "Nested")
      .members("""
          record Vec2(double x, double y) {
            static final double HALF = 0.5;
            Vec2 plus(Vec2 o) {
              return new Vec2(x + o.x, y + o.y);
            }
            Vec2 times(double k) {
              return new Vec2(x * k, y * k);
            }
            double dot(Vec2 o) {
              return x * o.x + y * o.y;
            }
          }
          """)
      .members("""
          record Body(Vec2 pos, Vec2 vel, double mass) {
            Body step(Vec2 force, double dt) {
              Vec2 v = vel.plus(force.times(dt / mass));
              return new Body(pos.plus(v.times(dt)), v, mass);
            }
            double energy() {
              return Vec2.HALF * mass * vel.dot(vel);
            }
          }
          """)
      .members("""
          record Sample(int count, boolean on, float weight, double[] values) {
            double total() {
              double s = 0;
              for (int i = 0; i < count; i++) {
                s += values[i];
              }
              return on ? weight * s : s;
            }
          }
          """)
      .function("spring", """
          @Differentiable
          public static double spring(double x0, double v0, double k, int steps) {
            Body b = new Body(new Vec2(x0, 0.1), new Vec2(v0, 0), 1.5);
            for (int s = 0; s < steps; s++) {
              Vec2 f = b.pos().times(-k);
              b = b.step(f, 0.05);
            }
            var posX = b.pos().x();
            double bPosX = 2 * posX;
            return b.energy() + bPosX + b.vel.y;
          }
          """)
      .function("sample", """
          @Differentiable
          public static double sample(double[] w, double a, int n, boolean on) {
            Sample s = new Sample(n, on, 1.5f, w);
            Sample t = new Sample(s.count() - 1, !s.on(), s.weight(), s.values());
            return a * s.total() + t.total() * t.weight();
          }
          """);

  @Test
  void nestedRecordsStepped() {
    GradientCheck.of(NESTED, "spring").differentiable("x0", "v0", "k")
        .uniform("x0", -1, 1).uniform("v0", -1, 1).uniform("k", 0.5, 3).ints("steps", 0, 20)
        .checkAll();
  }

  @Test
  void componentsOfEveryKind() {
    GradientCheck.of(NESTED, "sample").differentiable("w", "a")
        .uniformArray("w", 4, -1, 1).uniform("a", -2, 2).ints("n", 1, 4).bools("on").checkAll();
  }
}
