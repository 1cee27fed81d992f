package dev.cotangent.processor.records;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * {@code equals}, {@code hashCode} and {@code toString} of records in non-differentiable
 * positions: branch conditions, a count, a hash compared, a logged and a guard's message. The
 * companions' values equal the original's bit for bit (so the branches go the same way, signed
 * zeros and NaN components compared as Java's records compare them), and the gradients match
 * central differences; the logged text is the record's own {@code toString()}.
 */
class RecordObjectMethodsTest {
  static final FunctionGroup GROUP = FunctionGroup.of("records.objects", "Objects")
      .members("""
          record Vec(double x, double y) {}
          record Other(double x, double y) {}
          record Tagged(Vec v, int n, boolean on, float f) {}

          public static String last;

          static void log(String text) {
            last = text;
          }
          """)
      .function("compare", """
          @Differentiable
          public static double compare(double x, double y, int k) {
            Vec a = new Vec(Math.floor(2 * x), 1.5);
            Vec b = new Vec(k, 1.5);
            double s = 0;
            if (a.equals(b)) {
              s += x * y;
            } else {
              s -= x;
            }
            Vec z1 = new Vec(x * 0.0, y);
            Vec z2 = new Vec(-(x * 0.0), y);
            s += z1.equals(z2) ? 100 * y : Math.sin(y);
            Vec n1 = new Vec(Double.NaN, y);
            Vec n2 = new Vec(Double.NaN, y);
            if (n1.equals(n2)) {
              s += y * y;
            }
            if (a.equals(new Other(a.x(), a.y()))) {
              s += 1000 * x;
            }
            int count = 0;
            for (int i = 0; i < 3; i++) {
              if (new Vec(i, 1.5).equals(a)) {
                count++;
              }
            }
            s += count * x;
            Tagged t = new Tagged(a, k, k > 0, (float) y);
            if (t.equals(new Tagged(b, k, true, (float) y)) && t.hashCode() == new Tagged(
                new Vec(k, 1.5), k, true, (float) y).hashCode()) {
              s += 2 * y * x;
            }
            log("a = " + a + ", t = " + t.toString());
            if (s > 1e9) {
              throw new IllegalStateException("too large at " + b);
            }
            return s;
          }
          """);

  @Test
  void equalsHashCodeAndToStringInNonDifferentiablePositions() throws Exception {
    for (int k = 0; k <= 2; k++) {
      GradientCheck.of(GROUP, "compare").differentiable("x", "y")
          .uniform("x", 0.55, 0.95).uniform("y", -1, 1).fixed("k", k).checkAll();
    }
    // the text logged by the companion is the record's own toString()
    Class<?> original = GROUP.all().load("records.objects.Objects");
    Class<?> adjoint = GROUP.all().load("records.objects.ObjectsAdjoint");
    adjoint.getMethod("compare", double.class, double.class, int.class).invoke(null, 0.7, 0.25, 1);
    String logged = (String) original.getDeclaredField("last").get(null);
    assertEquals("a = Vec[x=1.0, y=1.5], t = Tagged[v=Vec[x=1.0, y=1.5], n=1, on=true, f=0.25]",
        logged);
  }
}
