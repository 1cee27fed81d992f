package dev.cotangent.processor.random;

import static org.junit.jupiter.api.Assertions.fail;

import dev.cotangent.processor.random.ProgramGenerator.Program;
import dev.cotangent.processor.testing.CompiledSources;
import org.junit.jupiter.api.Test;

/**
 * Hand-reduced programs from bugs the random-program test found, each checked exactly as the
 * random programs are ({@link RandomPrograms#checkProgram}: adjoint against Richardson central
 * differences, tangent against adjoint, dot-product test, bit-for-bit values, caller's arrays).
 * The comment on each test names the seeds (of the default run, seeds 0..499) that hit the bug.
 */
class RandomProgramRegressionsTest {
  private static final String HELPER =
      """
        public static double g(double a, double b) {
          return a * b;
        }
      """;

  /** Compiles {@code f(double x0, double x1, double x2, int n [, double[] w])} with this body, and checks it. */
  private static void check(String name, String members, boolean hasArray, String body) {
    check(name, members, hasArray, body, 0);
  }

  /** As above, with the seed that chooses the random points. */
  private static void check(String name, String members, boolean hasArray, String body, long seed) {
    String source =
        "package " + ProgramGenerator.PACKAGE + ";\n\n"
            + "import dev.cotangent.Differentiable;\n\n"
            + "public class " + name + " {\n"
            + members
            + "  @Differentiable\n"
            + "  public static double f(double x0, double x1, double x2, int n"
            + (hasArray ? ", double[] w" : "") + ") {\n"
            + body.stripTrailing().indent(4)
            + "  }\n"
            + "}\n";
    Program p = new Program(seed, name, source, hasArray, members.contains("@Differentiable"));
    CompiledSources compiled;
    try {
      compiled = CompiledSources.compile(source);
    } catch (AssertionError e) {
      fail(RandomPrograms.compileFailure(p, e).report(), e);
      return;
    }
    RandomPrograms.Result result = new RandomPrograms.Result();
    RandomPrograms.checkProgram(compiled, p, result);
    if (!result.failures.isEmpty()) {
      fail(result.failures.get(0).report());
    }
  }

  /**
   * Seeds 37, 74, 77, 214, 269, 284, 296, 360, 416, 448, 480, 482: an overwrite whose right-hand side has a
   * {@code ?:} inside a larger expression, with a sum in a branch. The adjoint binds the branch's
   * adjoint ({@code bar0}) inside the {@code else} block and uses it after the block, so the
   * generated {@code RAdjoint} does not compile ("cannot find symbol bar0").
   */
  @Test
  void conditionalInsideOverwriteCompiles() {
    check("RegTernaryOverwrite", "", false,
        """
        x0 = 2 * (x1 > 0 ? x0 : x1 + x0);
        return x0;
        """);
  }

  /**
   * Seed 315: storing a call's result into an element of a local array makes the
   * processor throw {@code ArrayIndexOutOfBoundsException: Index 0 out of bounds for length 0},
   * reported as {@code COTANGENT-INTERNAL}; README: arrays and calls are supported.
   */
  @Test
  void callResultStoredInLocalArray() {
    check("RegCallIntoArray", HELPER, false,
        """
        double[] arr = new double[2];
        arr[0] = g(x0, x1);
        return arr[0];
        """);
  }

  /**
   * Seeds 17, 121, 131, 327, 371, 388, 452: a parameter array written with a value that depends on the inputs, when the result
   * does not depend on the array. README: "A tangent array of a written parameter is updated in
   * place to the tangent of the array's final contents" — but activity analysis drops the write,
   * so after {@code CTangent.f} {@code wDot[0]} still holds its input value instead of
   * {@code x0Dot·w[1] + x0·wDot[1]}.
   */
  @Test
  void tangentOfWrittenParameterArrayWhenResultIgnoresIt() {
    check("RegUnusedArrayWrite", "", true,
        """
        w[0] = x0 * w[1];
        return x2;
        """);
  }

  /**
   * Seeds 272, 291: {@code Math.hypot} of two active arguments that are both zero. The function is
   * constant there along the inputs, finite differences and the adjoint agree (∂f/∂x1 = 1, ∂f/∂x0
   * = 0), but the tangent divides 0 by hypot = 0 and returns NaN, so the two modes disagree
   * (README recommends {@code Math.hypot} precisely where an argument can be 0).
   */
  @Test
  void hypotAtTheOriginHasAFiniteTangent() {
    check("RegHypotZero", "", false,
        """
        double z = x0 * 0;
        return x1 + Math.hypot(z, z);
        """);
  }

  /**
   * Seed 404 (reduced automatically, not by hand): the adjoint gradient ∂f/∂x1 is NaN although
   * the result is {@code x2} and neither finite differences nor the tangent (0.0) see any
   * dependence on x1. The NaN comes from {@code Math.hypot(x1, x1)} at x1 = 0 (after {@code x1 -=
   * d0} with {@code d0 = x1}) flowing into an array that never reaches the result.
   */
  @Test
  void unusedHypotAtTheOriginDoesNotPoisonTheAdjoint() {
    check("RegHypotZeroAdjoint",
        """
          @Differentiable
          public static double g(double a, double b) {
            double d2 = (b < (-0.03) ? (a - Math.min(b, a)) : a);
            return (Math.pow((b / (1 + Math.pow(b, 2))), 3) * Math.floor(1.95 * d2));
          }

        """,
        false,
        """
        double d0 = g(x2, (g(x1, x1) / (1 + (x1) * (x1))));
        d0 = x1;
        double[] arr1 = new double[2];
        if (arr1[0] >= 1.25) return Math.exp(-Math.pow((Math.atan(x1) * arr1[1]), 2));
        x1 -= d0;
        if ((n ^ 1) % 3 == 0) {
        } else {
          arr1[(int) (2.5 * Math.abs(Math.tanh((arr1[(2 / 2) % arr1.length] * Math.floor(1.10 * d0))))) % arr1.length] += Math.sin(Math.abs(Math.hypot(x1, x1)));
        }
        double d4 = x2;
        return d4;
        """,
        1);
  }

  /**
   * Seed 288: a silently wrong adjoint. The element written is chosen by an index computed from
   * the element the statement overwrites: where the index is 0 the statement writes {@code w[0]}
   * and the result {@code w[1]} does not depend on {@code w[0]} (finite differences and tangent:
   * 0), but the reverse sweep recomputes the index from the overwritten {@code w[0]} and
   * propagates {@code 1 − tanh²(w[0])} ≈ 0.61 into ∂f/∂w[0]. The index (or the old element it
   * reads) must be restored before it is recomputed.
   */
  @Test
  void indexReadFromTheOverwrittenElement() {
    check("RegSelfIndexedWrite", "", true,
        """
        w[(int) (2.5 * Math.abs(Math.tanh(w[0]))) % w.length] += Math.tanh(w[0]);
        return w[1];
        """,
        288);
  }

  /**
   * Seed 2017: a literal zero factor, {@code b /= 1.5 + Math.sin(0.00 * (a + b))}, makes the
   * adjoint flowing into {@code a + b} structurally zero; the processor then tried to bind that
   * zero to a temporary and failed with COTANGENT-INTERNAL ("cannot write null").
   */
  @Test
  void zeroFactorStopsTheAdjoint() {
    check("RegZeroFactor", "", false,
        """
        x1 /= (1.5 + Math.sin((0.00 * (x0 + x1))));
        return x1 * x2;
        """);
  }

  /**
   * Seed 23474 (seeds 20000..25999, while negated copies were first folded): {@code double d2 =
   * -x1;} passed to a differentiable helper. The fold removed {@code d2Dot = -x1Dot} (and, then
   * also applied to primal locals, {@code d2 = -x1}) but could not substitute into the call's
   * arguments, so the tangent did not compile ("cannot find symbol d2").
   */
  @Test
  void negatedLocalPassedToAHelper() {
    check("RegNegatedArgument", HELPER.replace("public static", "@Differentiable public static"),
        false,
        """
        double d2 = (-x1);
        x1 = g(d2, Math.exp(Math.sin(x1)));
        return x0 * x1 + x2;
        """);
  }

  /**
   * Seed 156 (with the {@link AsWrittenConstructs} hook): an array a vector-valued call returns,
   * reassigned in both branches of an if, whose value the result does not depend on while the
   * call's arguments carry derivatives. The reverse sweep read the array's shadow, which it does
   * not declare ("cannot find symbol aw0Bar"), then seeded the pullback with zeros in the shape of
   * the array after the tape had given back its old value (null).
   */
  @Test
  void vectorCallWithoutDerivativeReassignedInABranch() {
    check("RegVectorCallNoDerivative", """
          static double[] vec(double a, double b, int m) {
            double[] out = new double[m + 2];
            for (int i = 0; i < out.length; i++) {
              out[i] = Math.sin(a * (i + 1)) + b;
            }
            return out;
          }

        """, false,
        """
        double[] v;
        if (n % 2 == 0) {
          v = vec(x0, x1, 1);
        } else {
          v = vec(x1, x0, 2);
        }
        x2 = x2 + v.length;
        return x1 * x2;
        """);
  }
}
