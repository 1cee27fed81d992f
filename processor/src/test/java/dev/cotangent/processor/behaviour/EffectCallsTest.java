package dev.cotangent.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.GradientCheck;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Calls used as statements whose callee carries no derivative: {@code System.out.printf} and
 * {@code println} on values that carry derivatives, a {@code void} counter, a logger, a value
 * method whose result is ignored. The gradient, the pullback and the tangent run each call once
 * per evaluation, as the original does (the reverse sweep never runs it again), with the same
 * output; the gradients are checked as usual.
 */
class EffectCallsTest {
  static final FunctionGroup CALLS =
      FunctionGroup.of("behaviour.effectcalls", "EffectCalls")
          .members("""
              static int calls;
              static final java.util.logging.Logger LOG =
                  java.util.logging.Logger.getLogger("effectcalls");

              static void count(int k) {
                calls += k;
              }

              static double helper(double v) {
                return v * v;
              }
              """)
          .function(
              "printing",
              """
              @Differentiable
              public static double printing(double x, int n) {
                double s = x;
                for (int i = 0; i < n; i++) {
                  s = Math.sin(s) * x;
                  System.out.printf("trip %d: s = %.17g%n", i, s);
                  count(1);
                  if (s > 0.3) {
                    System.out.println("large " + s);
                    count(10);
                  }
                }
                LOG.fine("done");
                helper(s);
                Math.exp(x);
                return s * s;
              }
              """)
          .function(
              "checkpointed",
              """
              @Differentiable(checkpoints = 2)
              public static double checkpointed(double x, int n) {
                double s = x;
                for (int i = 0; i < n; i++) {
                  s = Math.sin(s) * x + 0.1 * i;
                  System.out.printf("trip %d: s = %.17g%n", i, s);
                  count(1);
                }
                int k = 0;
                while (k < n && s > -100) {
                  s = s * 0.5 * x;
                  k++;
                  count(100);
                }
                return s * s;
              }
              """);

  @Test
  void gradientsOfAMethodThatPrintsAndCounts() {
    GradientCheck.of(CALLS, "printing").differentiable("x").uniform("x", -1.5, 1.5)
        .ints("n", 0, 5).points(8).checkAll();
  }

  @Test
  void eachCompanionRunsTheCallsOncePerEvaluation() throws Exception {
    CompiledSources sources = CALLS.sourcesFor("printing");
    Class<?> original = sources.load(CALLS.className());
    Class<?> adjoint = sources.load(CALLS.className() + "Adjoint");
    Class<?> tangent = sources.load(CALLS.className() + "Tangent");
    double x = 0.9;
    int n = 4;
    Run expected = run(original, () -> method(original, "printing", 2).invoke(null, x, n));
    Run gradient = run(original, () -> method(adjoint, "printing", 2).invoke(null, x, n));
    Run dual = run(original, () -> method(tangent, "printing", 3).invoke(null, x, 1.0, n));
    Method pullbackMethod = Arrays.stream(adjoint.getMethods())
        .filter(m -> m.getName().equals("printing") && m.getParameterCount() == 4)
        .findFirst().orElseThrow();
    Object holder = pullbackMethod.getParameterTypes()[3].getConstructor().newInstance();
    Run pullback = run(original, () -> pullbackMethod.invoke(null, x, n, 1.0, holder));
    // 4 trips, each counting 1 and (s > 0.3 on every trip at x = 0.9) 10 more
    assertEquals(44, expected.count(), "the original's counter (a sanity check of the test)");
    for (Run companion : new Run[] {gradient, dual, pullback}) {
      assertEquals(expected.count(), companion.count());
      assertEquals(expected.output(), companion.output());
    }
  }

  @Test
  void gradientsOfACheckpointedMethodThatPrintsAndCounts() {
    GradientCheck.of(CALLS, "checkpointed").differentiable("x").uniform("x", 0.5, 1.5)
        .ints("n", 0, 9).points(8).checkAll();
  }

  /**
   * With {@code checkpoints = 2} and 9 trips the reverse sweep re-runs trips from snapshots and
   * runs each trip's taped forward code again before reversing it: the calls still run once per
   * trip, in the first forward run only.
   */
  @Test
  void checkpointReRunsDoNotRunTheCallsAgain() throws Exception {
    CompiledSources sources = CALLS.sourcesFor("checkpointed");
    Class<?> original = sources.load(CALLS.className());
    Class<?> adjoint = sources.load(CALLS.className() + "Adjoint");
    double x = 0.9;
    int n = 9;
    Run expected = run(original, () -> method(original, "checkpointed", 2).invoke(null, x, n));
    Run gradient = run(original, () -> method(adjoint, "checkpointed", 2).invoke(null, x, n));
    assertEquals(9 + 100 * 9, expected.count(), "the original's counter (a sanity check)");
    assertEquals(expected.count(), gradient.count());
    assertEquals(expected.output(), gradient.output());
  }

  private record Run(int count, String output) {}

  private interface Call {
    Object call() throws Exception;
  }

  private static Run run(Class<?> owner, Call call) throws Exception {
    var field = owner.getDeclaredField("calls");
    field.setAccessible(true);
    field.setInt(null, 0);
    PrintStream out = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      call.call();
    } finally {
      System.setOut(out);
    }
    return new Run(field.getInt(null), bytes.toString(StandardCharsets.UTF_8));
  }

  private static Method method(Class<?> type, String name, int parameters) {
    return Arrays.stream(type.getMethods())
        .filter(m -> m.getName().equals(name) && m.getParameterCount() == parameters)
        .findFirst().orElseThrow(() -> new AssertionError(type + " has no " + name));
  }
}
