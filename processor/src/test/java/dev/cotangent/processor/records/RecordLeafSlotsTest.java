package dev.cotangent.processor.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.runtime.GradientCheck;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The JVM's 255 parameter slots count a record parameter's leaves (issue 24's packed tangents):
 * three records of 32 doubles and a double are 97 doubles, whose leaf-wise tangent (each with
 * its tangent) would need 388 slots, so it takes the scalar tangents in one array; the
 * record-shaped tangent (eight parameters) packs them. Checked against the gradient (dot test)
 * and central differences along the direction.
 */
class RecordLeafSlotsTest {
  private static final int N = 32;

  private static String source() {
    String components = IntStream.range(0, N).mapToObj(i -> "double c" + i)
        .collect(Collectors.joining(", "));
    String dot = IntStream.range(0, N).mapToObj(i -> "c" + i + " * Math.sin(o.c" + i + ")")
        .collect(Collectors.joining(" + "));
    return """
        package records.slots;

        import dev.cotangent.Differentiable;

        public class Slots {
          public record Big(%s) {
            double mix(Big o) {
              return %s;
            }
          }

          @Differentiable
          public static double f(Big a, Big b, Big c, double k) {
            return k * a.mix(b) + b.mix(c) * c.c0() + Math.exp(0.1 * a.c31());
          }
        }
        """.formatted(components, dot);
  }

  private static final CompiledSources SOURCES = CompiledSources.compile(source());
  private static final Class<?> SLOTS = SOURCES.load("records.slots.Slots");
  private static final Class<?> BIG = SOURCES.load("records.slots.Slots$Big");

  private static Object big(double[] x, int from) {
    Object[] args = new Object[N];
    for (int i = 0; i < N; i++) {
      args[i] = x[from + i];
    }
    try {
      return BIG.getDeclaredConstructors()[0].newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static Object call(String owner, String name, Class<?>[] types, Object... args) {
    try {
      Method m = SOURCES.load(owner).getMethod(name, types);
      return m.invoke(null, args);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static final Class<?>[] F = {BIG, BIG, BIG, double.class};

  private static double f(double[] x) {
    return (double) call("records.slots.Slots", "f", F, big(x, 0), big(x, N), big(x, 2 * N),
        x[3 * N]);
  }

  @Test
  void packedTangentCountsTheLeaves() throws ReflectiveOperationException {
    // the leaf-wise tangent: 97 doubles, then their tangents in one double[]
    Class<?>[] leafWise = new Class<?>[3 * N + 2];
    Arrays.fill(leafWise, double.class);
    leafWise[3 * N + 1] = double[].class;
    assertNotNull(SOURCES.load("records.slots.SlotsTangent").getMethod("f", leafWise));

    Random random = new Random(290_005);
    double[] x = new double[3 * N + 1];
    double[] d = new double[3 * N + 1];
    for (int i = 0; i < x.length; i++) {
      x[i] = 0.5 * random.nextGaussian();
      d[i] = random.nextGaussian();
    }
    Object dual = call("records.slots.SlotsTangent", "f",
        new Class<?>[] {BIG, BIG, BIG, BIG, BIG, BIG, double.class, double.class},
        big(x, 0), big(d, 0), big(x, N), big(d, N), big(x, 2 * N), big(d, 2 * N), x[3 * N],
        d[3 * N]);
    double tangent = (double) dual.getClass().getMethod("tangent").invoke(dual);
    double numeric = GradientCheck.centralDifference(h -> {
      double[] y = x.clone();
      for (int i = 0; i < y.length; i++) {
        y[i] += h * d[i];
      }
      return f(y);
    }, 0);
    assertEquals(numeric, tangent, 1e-7 * Math.max(1, Math.abs(numeric)), "directional");

    // dot test against the gradient's record accessors
    Object g = call("records.slots.SlotsAdjoint", "f", F, big(x, 0), big(x, N), big(x, 2 * N),
        x[3 * N]);
    double dot = d[3 * N] * g.getClass().getField("k").getDouble(g);
    String[] names = {"a", "b", "c"};
    for (int r = 0; r < 3; r++) {
      Object gr = g.getClass().getMethod(names[r]).invoke(g);
      for (int i = 0; i < N; i++) {
        double component = (double) BIG.getRecordComponents()[i].getAccessor().invoke(gr);
        dot += component * d[r * N + i];
      }
    }
    assertEquals(dot, tangent, 1e-10 * Math.max(1, Math.abs(dot)), "⟨∇f, d⟩ = tangent");
  }
}
