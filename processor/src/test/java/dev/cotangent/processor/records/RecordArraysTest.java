package dev.cotangent.processor.records;

import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * Arrays of records as locals: {@code new Vec2[n]}, initialisers, element reads and writes
 * (an element written from itself), {@code length}, enhanced {@code for} and aliases.
 */
class RecordArraysTest {
  static final FunctionGroup ARRAYS = FunctionGroup.of("records.arrays", "Arrays")
      .members("""
          record Vec2(double x, double y) {
            Vec2 plus(Vec2 o) {
              return new Vec2(x + o.x, y + o.y);
            }
            Vec2 minus(Vec2 o) {
              return new Vec2(x - o.x, y - o.y);
            }
            Vec2 times(double k) {
              return new Vec2(x * k, y * k);
            }
            double norm2() {
              return x * x + y * y;
            }
          }
          """)
      .function("nbody", """
          /** Three bodies pulled together by springs, with drag; the final spread. */
          @Differentiable
          public static double nbody(double k, double drag, double[] start, int steps) {
            int n = start.length / 2;
            Vec2[] pos = new Vec2[n];
            Vec2[] vel = new Vec2[n];
            for (int i = 0; i < n; i++) {
              pos[i] = new Vec2(start[2 * i], start[2 * i + 1]);
              vel[i] = new Vec2(0, 0);
            }
            double dt = 0.05;
            for (int s = 0; s < steps; s++) {
              for (int i = 0; i < n; i++) {
                Vec2 force = vel[i].times(-drag);
                for (int j = 0; j < pos.length; j++) {
                  force = force.plus(pos[j].minus(pos[i]).times(k));
                }
                vel[i] = vel[i].plus(force.times(dt));
              }
              for (int i = 0; i < n; i++) {
                pos[i] = pos[i].plus(vel[i].times(dt));
              }
            }
            double spread = 0;
            Vec2[] all = pos;
            for (Vec2 p : all) {
              spread += p.norm2();
            }
            return spread;
          }
          """)
      .function("polygon", """
          /** The signed area of a polygon given by initialiser, scaled and shifted. */
          @Differentiable
          public static double polygon(double a, double b) {
            Vec2[] v = {new Vec2(0, 0), new Vec2(a, 0), new Vec2(a, b), new Vec2(0.5 * a, b * b)};
            double area = 0;
            for (int i = 0; i < v.length; i++) {
              Vec2 p = v[i];
              Vec2 q = v[(i + 1) % v.length];
              area += p.x() * q.y - q.x() * p.y;
            }
            v[1] = new Vec2(v[1].y, v[1].x);
            return 0.5 * area + v[1].x() * v[2].y();
          }
          """);

  @Test
  void nBodyWithArraysOfRecords() {
    GradientCheck.of(ARRAYS, "nbody").differentiable("k", "drag", "start")
        .uniform("k", 0.1, 1).uniform("drag", 0.01, 0.5).uniformArray("start", 6, -1, 1)
        .ints("steps", 0, 12).checkAll();
  }

  @Test
  void initialisersElementsAndWrites() {
    GradientCheck.of(ARRAYS, "polygon").differentiable("a", "b")
        .uniform("a", -2, 2).uniform("b", -2, 2).checkAll();
  }
}
