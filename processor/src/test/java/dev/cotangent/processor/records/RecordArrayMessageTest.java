package dev.cotangent.processor.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.runtime.GradientCheck;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * An element of an array of records printed in a guard's message ({@code "..." + ps[0]}, found
 * by the random programs: it was {@code [COTANGENT-RECORD] the array of Vec ps here is not
 * supported}): the companion throws the original's exception with the original's text, the
 * record's own {@code toString()}, and where the guard does not fire the gradient with respect
 * to the array's contents matches central differences.
 */
class RecordArrayMessageTest {
  static final String SOURCE = """
      package records.messages;

      import dev.cotangent.Differentiable;

      public class Messages {
        public record Vec(double x, double y) {
          Vec scale(double k) {
            return new Vec(k * x, k * y);
          }
        }

        @Differentiable
        public static double spread(Vec[] ps, double s) {
          double e = 0;
          for (int i = 0; i < ps.length; i++) {
            ps[i] = ps[i].scale(s);
            e += ps[i].x() * ps[i].y();
          }
          if (!(e < 100)) {
            throw new IllegalStateException("diverged at " + ps[0] + " and " + ps[1].toString());
          }
          return Math.sin(e);
        }
      }
      """;

  private static final CompiledSources SOURCES = CompiledSources.compile(SOURCE);
  private static final Class<?> VEC = SOURCES.load("records.messages.Messages$Vec");
  private static final Class<?>[] TYPES = {VEC.arrayType(), double.class};

  private static Object vecs(double... flat) {
    Object out = Array.newInstance(VEC, flat.length / 2);
    try {
      for (int i = 0; i < flat.length / 2; i++) {
        Array.set(out, i, VEC.getDeclaredConstructors()[0].newInstance(flat[2 * i],
            flat[2 * i + 1]));
      }
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
    return out;
  }

  private static Object call(String owner, Object... args) throws Throwable {
    Method m = SOURCES.load("records.messages." + owner).getMethod("spread", TYPES);
    try {
      return m.invoke(null, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static double component(Object record, int i) throws ReflectiveOperationException {
    return (double) record.getClass().getRecordComponents()[i].getAccessor().invoke(record);
  }

  @Test
  void theGuardsMessagePrintsTheElementsAsJavaDoes() {
    Throwable original = assertThrows(IllegalStateException.class,
        () -> call("Messages", vecs(3, 4, 5, 6), 2.0));
    Throwable adjoint = assertThrows(IllegalStateException.class,
        () -> call("MessagesAdjoint", vecs(3, 4, 5, 6), 2.0));
    assertEquals("diverged at Vec[x=6.0, y=8.0] and Vec[x=10.0, y=12.0]", original.getMessage());
    assertEquals(original.getMessage(), adjoint.getMessage());
  }

  @Test
  void theGradientWhereTheGuardDoesNotFire() throws Throwable {
    double[] x = {0.3, -0.7, 0.9, 0.4, 0.6};
    Object holder = call("MessagesAdjoint", vecs(x[0], x[1], x[2], x[3]), x[4]);
    double[] numeric = GradientCheck.numericalGradient(y -> {
      try {
        return (double) call("Messages", vecs(y[0], y[1], y[2], y[3]), y[4]);
      } catch (Throwable e) {
        throw new AssertionError(e);
      }
    }, x);
    Object gps = holder.getClass().getMethod("ps").invoke(holder);
    double[] gradient = {component(Array.get(gps, 0), 0), component(Array.get(gps, 0), 1),
        component(Array.get(gps, 1), 0), component(Array.get(gps, 1), 1),
        holder.getClass().getField("s").getDouble(holder)};
    for (int i = 0; i < x.length; i++) {
      assertEquals(numeric[i], gradient[i], 1e-7 * Math.max(1, Math.abs(numeric[i])),
          "d/dx[" + i + "]");
    }
  }
}
