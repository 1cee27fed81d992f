package dev.cotangent.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.DifferentiableMethod;
import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.GradientCheck;
import dev.cotangent.processor.testing.SameThrow;
import org.junit.jupiter.api.Test;

/**
 * Guard clauses: {@code throw new SomeException(message)} (messages built by concatenation and
 * {@code String.format}, a user's exception class, guards before, inside and after differentiable
 * code, in loops) and {@code assert condition : message}. Where the original returns, the
 * companions' derivatives are checked by {@link GradientCheck}; where it throws, every companion
 * throws the same exception with the same message ({@link SameThrow}). The tests run with
 * assertions enabled, as Surefire runs them.
 */
class GuardsTest {
  static final FunctionGroup GUARDS =
      FunctionGroup.of("behaviour.guards", "Guards")
          .members(
              """
              /** A user's exception, with a value besides its message. */
              static final class BadInput extends RuntimeException {
                final double value;

                BadInput(String message, double value) {
                  super(message);
                  this.value = value;
                }
              }
              """)
          .function(
              "bothSides",
              """
              @Differentiable
              public static double bothSides(double[] w, double x) {
                if (w.length == 0) {
                  throw new IllegalArgumentException("w is empty");
                }
                double s = 0;
                for (int i = 0; i < w.length; i++) {
                  s += w[i] * Math.sin(x * i);
                }
                if (s > 2.5) {
                  throw new IllegalStateException("diverged: s = " + s + " at x = " + x
                      + " with " + w.length + " weights");
                }
                return s * x;
              }
              """)
          .function(
              "inALoop",
              """
              @Differentiable
              public static double inALoop(double x, int n) {
                double p = 1;
                for (int i = 0; i < n; i++) {
                  if (p > 50) throw new ArithmeticException("overflow at step " + i + ": p=" + p);
                  p = p * x + 1;
                }
                return p;
              }
              """)
          .function(
              "ownException",
              """
              @Differentiable
              public static double ownException(double x, double y) {
                double r = x * y;
                if (r < -1) {
                  throw new BadInput(String.format("r = %.3f is below -1", r), r);
                }
                return Math.sqrt(1 + r);
              }
              """);

  /** Compiled twice: once loaded with assertions enabled, once without. */
  static final String ASSERTED =
              """
              @Differentiable
              public static double asserted(double x, int n) {
                assert n >= 0 : "n must not be negative, got " + n;
                double s = x;
                for (int i = 0; i < n; i++) {
                  s = Math.sin(s) + x;
                  assert Math.abs(s) < 3 : s;
                }
                assert s != 0;
                return s;
              }
              """;

  @Test
  void guardsBeforeAndAfterDifferentiableCode() {
    GradientCheck.of(GUARDS, "bothSides")
        .differentiable("w", "x")
        .uniformArray("w", 1, 4, -0.5, 0.5)
        .uniform("x", -1, 1)
        .checkAll();
    DifferentiableMethod m = method("bothSides");
    Throwable empty = SameThrow.at(m, new double[0], 0.5);
    assertEquals("w is empty", empty.getMessage());
    Throwable diverged = SameThrow.at(m, new double[] {3, 3, 3}, 0.7);
    assertTrue(diverged.getMessage().startsWith("diverged: s = "), diverged::getMessage);
  }

  @Test
  void guardInsideALoopThrowsOnTheTripTheOriginalDoes() {
    GradientCheck.of(GUARDS, "inALoop")
        .differentiable("x")
        .uniform("x", -1.5, 1.5)
        .ints("n", 0, 5)
        .checkAll();
    Throwable overflow = SameThrow.at(method("inALoop"), 4.0, 6);
    assertEquals("overflow at step 3: p=85.0", overflow.getMessage());
  }

  @Test
  void aUsersExceptionWithAFormattedMessage() {
    GradientCheck.of(GUARDS, "ownException")
        .differentiable("x", "y")
        .uniform("x", -0.9, 0.9)
        .uniform("y", -0.9, 0.9)
        .checkAll();
    Throwable bad = SameThrow.at(method("ownException"), 2.0, -1.0);
    assertEquals("r = -2.000 is below -1", bad.getMessage());
  }

  @Test
  void assertionsRunAsInTheOriginalWhenEnabled() {
    CompiledSources enabled = asserted();
    enabled.enableAssertions();
    GradientCheck.of(enabled, "behaviour.guards.Asserted", "asserted")
        .differentiable("x")
        .uniform("x", 0.2, 1)
        .ints("n", 0, 4)
        .checkAll();
    DifferentiableMethod m = enabled.method("behaviour.guards.Asserted", "asserted");
    assertEquals("n must not be negative, got -1", SameThrow.at(m, 0.5, -1).getMessage());
    SameThrow.at(m, 2.5, 3); // assert Math.abs(s) < 3 : s, a double message
    SameThrow.at(m, 0.0, 0); // assert s != 0, no message
  }

  @Test
  void assertionsDisabledRunInNeitherTheOriginalNorTheCompanions() {
    CompiledSources disabled = asserted();
    GradientCheck.of(disabled, "behaviour.guards.Asserted", "asserted")
        .differentiable("x")
        .uniform("x", 0.2, 1)
        .ints("n", 0, 4)
        .at(0.5, -1)
        .at(2.5, 3)
        .checkAll();
  }

  private static CompiledSources asserted() {
    return CompiledSources.compile("package behaviour.guards;\n"
        + "import dev.cotangent.Differentiable;\n"
        + "public class Asserted {\n" + ASSERTED + "}\n");
  }

  private static DifferentiableMethod method(String name) {
    return GUARDS.sourcesFor(name).method(GUARDS.className(), name);
  }
}
