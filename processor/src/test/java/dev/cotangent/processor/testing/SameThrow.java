package dev.cotangent.processor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.function.Function;

/**
 * Checks that every companion of a method throws what the original throws at one point: the same
 * exception class and message, from the gradient, the pullback and the tangent (each with fresh
 * copies of the arguments). For guard clauses ({@code throw}, {@code assert}).
 */
public final class SameThrow {
  private SameThrow() {}

  /** The original's exception at {@code args}, which every companion must throw as well. */
  public static Throwable at(DifferentiableMethod method, Object... args) {
    Throwable expected = thrown(a -> method.value(a), args);
    if (expected == null) {
      fail(method.signature() + " does not throw at " + Values.show(args));
    }
    check(method, expected, "gradient", a -> method.gradient(a), args);
    check(method, expected, "pullback", a -> method.pullback(a, 1.5, method.newHolder(a)), args);
    check(method, expected, "tangent",
        a -> method.tangent(a, new double[method.coordinates(a).size()]), args);
    return expected;
  }

  private static void check(DifferentiableMethod method, Throwable expected, String companion,
      Function<Object[], Object> call, Object[] args) {
    Throwable actual = thrown(call, args);
    String what = method.signature() + ": the " + companion + " at " + Arrays.toString(args);
    if (actual == null) {
      fail(what + " returned; the original threw " + expected);
    }
    assertEquals(expected.getClass(), actual.getClass(), what + " threw " + actual);
    assertEquals(expected.getMessage(), actual.getMessage(), what + ": message");
  }

  /** What the call threw (the cause a companion's exception wraps), or null. */
  private static Throwable thrown(Function<Object[], Object> call, Object[] args) {
    try {
      call.apply(Values.copyAll(args));
      return null;
    } catch (DifferentiableMethod.CompanionException e) {
      return e.getCause();
    } catch (RuntimeException | AssertionError e) {
      return e;
    }
  }
}
