package dev.cotangent.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.DifferentiableMethod;
import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * A {@code Math} call that the tangent needs twice (as a value and in another derivative) is
 * evaluated once into a local ({@code RepeatedCalls}). The tests check the derivatives, the
 * number of calls left in the generated tangent, and the cases where sharing would be wrong: the
 * argument changes in between, or the first call is only evaluated in a branch of {@code ?:}.
 */
class RepeatedCallsTest {
  private static final FunctionGroup CALLS =
      FunctionGroup.of("behaviour.calls", "Calls")
          .function(
              "rotate",
              """
              @Differentiable
              public static double rotate(double theta, double x, double y) {
                double c = Math.cos(theta);
                double s = Math.sin(theta);
                return c * x - s * y;
              }
              """)
          .function(
              "argumentChanges",
              """
              @Differentiable
              public static double argumentChanges(double t) {
                double c = Math.cos(t);
                t = 2 * t; // the next sin is of another argument
                double s = Math.sin(t);
                return c * s;
              }
              """)
          .function(
              "firstInABranch",
              """
              @Differentiable
              public static double firstInABranch(double t, double u) {
                double a = u > 0 ? Math.exp(t) : u; // exp(t) only sometimes
                double b = Math.exp(t) * u;
                return a + b;
              }
              """);

  private static String tangent(String name) {
    assumeFalse(CompiledSources.referenceOnly(), "companions are not generated in reference-only mode");
    return CALLS.tangentMethod(name);
  }

  /** Calls of {@code function} in the code (comments, which quote the source, left out). */
  private static long calls(String source, String function) {
    return source.lines().map(String::trim).filter(l -> !l.startsWith("//"))
        .mapToLong(l -> l.split(java.util.regex.Pattern.quote(function), -1).length - 1).sum();
  }

  private static DifferentiableMethod method(String name) {
    assumeFalse(CompiledSources.referenceOnly(), "companions are not generated in reference-only mode");
    return CALLS.sourcesFor(name).method(CALLS.className(), name);
  }

  @Test
  void sinAndCosOnceEach() {
    GradientCheck.of(CALLS, "rotate").uniform("theta", -3, 3).uniform("x", -2, 2)
        .uniform("y", -2, 2).checkAll();
    String tangent = tangent("rotate");
    assertEquals(1, calls(tangent, "Math.sin(theta)"), tangent);
    assertEquals(1, calls(tangent, "Math.cos(theta)"), tangent);
    // along theta: -sin(t) x - cos(t) y
    double t = 0.7;
    assertEquals(-Math.sin(t) * 2 - Math.cos(t) * -1,
        method("rotate").tangent(new Object[] {t, 2.0, -1.0}, new double[] {1, 0, 0}).tangent(),
        1e-14);
  }

  @Test
  void notAcrossAChangeOfTheArgument() {
    GradientCheck.of(CALLS, "argumentChanges").uniform("t", -3, 3).checkAll();
    String tangent = tangent("argumentChanges");
    assertEquals(2, calls(tangent, "Math.sin(t)"), tangent); // cos(t)' before, sin(2t) after
    double t = 0.4;
    // d/dt cos(t) sin(2t) = -sin(t) sin(2t) + 2 cos(t) cos(2t)
    assertEquals(-Math.sin(t) * Math.sin(2 * t) + 2 * Math.cos(t) * Math.cos(2 * t),
        method("argumentChanges").tangent(new Object[] {t}, new double[] {1}).tangent(), 1e-14);
  }

  @Test
  void notBeforeACallThatIsOnlySometimesEvaluated() {
    GradientCheck.of(CALLS, "firstInABranch").uniform("t", -2, 2).uniform("u", -2, 2)
        .checkAll();
    String tangent = tangent("firstInABranch");
    String first = tangent.lines().filter(l -> l.contains("Math.exp(t)")).findFirst().orElseThrow();
    assertEquals(true, first.contains("?"), tangent); // the branch keeps its own call
  }
}
