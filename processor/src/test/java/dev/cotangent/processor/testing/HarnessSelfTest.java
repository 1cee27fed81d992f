package dev.cotangent.processor.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tests the harness on hand-written companions (no processor involved): correct ones pass, and
 * each kind of mistake the behaviour tests are meant to catch is caught, with a useful message.
 */
class HarnessSelfTest {
  /**
   * f(x, k, n, y) = sin(x)·y·k + n·y² and g(x, y) = |x|·y, with companions written by hand in
   * package PKG. Each mutation below replaces one marked piece of text.
   */
  private static final String TEMPLATE =
      """
      package PKG;
      import dev.cotangent.Differentiable;
      import dev.cotangent.NoDerivative;
      public class S {
        @Differentiable
        public static double f(double x, @NoDerivative double k, int n, double y) {
          return Math.sin(x) * y * k + n * y * y;
        }
        @Differentiable
        static double g(double x, double y) {
          return Math.abs(x) * y;
        }
      }
      """;

  private static final String ADJOINT =
      """
      package PKG;
      public final class SAdjoint {
        HOLDER_ACCESS static final class FGradient {
          public double value;
          public double x;
          public double y;
          EXTRA_FIELD
          public FGradient() {}
          public void clear() { value = 0; x = 0; CLEAR_Y }
        }
        static final class GGradient {
          public double value;
          public double x;
          public double y;
          public void clear() { value = 0; x = 0; y = 0; }
        }
        public static SAdjoint.FGradient f(double x, double k, int n, double y) {
          FGradient g = new FGradient();
          f(x, k, n, y, 1.0, g);
          return g;
        }
        public static double f(double x, double k, int n, double y, double seed, FGradient into) {
          double v = Math.sin(x) * y * k + n * y * y;
          into.value = VALUE;
          into.x ACCUMULATE seed * Math.cos(x) * y * k;
          into.y += seed * (Math.sin(x) * k + 2 * n * y DY_ERROR);
          return v;
        }
        static SAdjoint.GGradient g(double x, double y) {
          GGradient g = new GGradient();
          g(x, y, 1.0, g);
          return g;
        }
        static double g(double x, double y, double seed, GGradient into) {
          double v = Math.abs(x) * y;
          into.value = v;
          into.x += seed * Math.signum(x) * y;
          into.y += seed * Math.abs(x);
          return v;
        }
      }
      """;

  private static final String TANGENT =
      """
      package PKG;
      import dev.cotangent.runtime.Dual;
      public final class STangent {
        public static Dual f(double x, double xDot, double k, int n, double y, double yDot) {
          double v = Math.sin(x) * y * k + n * y * y;
          return new Dual(v, Math.cos(x) * y * k * xDot TANGENT_ERROR + (Math.sin(x) * k + 2 * n * y) * yDot);
        }
        static Dual g(double x, double xDot, double y, double yDot) {
          double v = Math.abs(x) * y;
          return new Dual(v, Math.signum(x) * y * xDot + Math.abs(x) * yDot);
        }
      }
      """;

  private static final String[][] CORRECT = {
    {"EXTRA_FIELD", ""},
    {"HOLDER_ACCESS", "public"},
    {"CLEAR_Y", "y = 0;"},
    {"VALUE", "v"},
    {"ACCUMULATE", "+="},
    {"DY_ERROR", ""},
    {"TANGENT_ERROR", ""},
  };

  private static CompiledSources compiled;

  /** One compilation holds the correct companions (package ok) and one mutant per package. */
  @BeforeAll
  static void compile() {
    List<String> sources = new ArrayList<>();
    addVariant(sources, "ok");
    addVariant(sources, "overwrite", "ACCUMULATE", "=");
    addVariant(sources, "wrongdy", "DY_ERROR", "* 1.0001");
    addVariant(sources, "valuebits", "VALUE", "v * (1 + 0x1p-50)");
    addVariant(sources, "noclear", "CLEAR_Y", "");
    addVariant(sources, "extrafield", "EXTRA_FIELD", "public double k;");
    addVariant(sources, "tangent", "TANGENT_ERROR", "* 0.999");
    addVariant(sources, "holderaccess", "HOLDER_ACCESS", "", "DY_ERROR", "* 1.0001");
    compiled = CompiledSources.compileHandWritten(sources.toArray(new String[0]));
  }

  private static void addVariant(List<String> sources, String pkg, String... mutation) {
    for (String template : List.of(TEMPLATE, ADJOINT, TANGENT)) {
      String text = template.replace("PKG", "selftest." + pkg);
      for (int i = 0; i < mutation.length; i += 2) {
        text = text.replace(mutation[i], mutation[i + 1]);
      }
      for (String[] fill : CORRECT) {
        text = text.replace(fill[0], fill[1]);
      }
      sources.add(text);
    }
  }

  private static GradientCheck checkF(String pkg) {
    return GradientCheck.of(compiled, "selftest." + pkg + ".S", "f")
        .differentiable("x", "y")
        .fixed("k", 2.5)
        .ints("n", 0, 4)
        .uniform("x", -2, 2)
        .uniform("y", -1, 1);
  }

  private static AssertionError failure(GradientCheck check) {
    return assertThrows(AssertionError.class, check::checkAll);
  }

  @Test
  void correctCompanionsPass() {
    GradientCheck.Summary summary = checkF("ok").points(8).checkAll();
    assertEquals(8, summary.pointsChecked());
  }

  @Test
  void derivedDifferentiableParametersComeFromTheHolder() {
    DifferentiableMethod m = compiled.method("selftest.ok.S", "f");
    assertEquals(List.of("x", "y"), m.differentiableNames());
    assertEquals("selftest.ok.S.f(double x, double k, int n, double y)", m.signature());
    DifferentiableMethod.Gradient g = m.gradientAt(0.3, 2.5, 2, 0.7);
    assertEquals(Math.cos(0.3) * 0.7 * 2.5, g.get(0), 1e-15);
    assertEquals(Math.sin(0.3) * 2.5 + 4 * 0.7, g.get(1), 1e-15);
  }

  @Test
  void pullbackThatOverwritesIsCaught() {
    AssertionError e = failure(checkF("overwrite"));
    assertTrue(e.getMessage().contains("pre-filled with"), e.getMessage());
    assertTrue(e.getMessage().contains("field x"), e.getMessage());
  }

  @Test
  void wrongGradientIsCaughtWithFunctionPointAndNumbers() {
    String message = failure(checkF("wrongdy")).getMessage();
    assertTrue(message.contains("selftest.wrongdy.S.f(double x, double k, int n, double y) at (x="), message);
    assertTrue(message.contains("∂f/∂y: adjoint gradient = "), message);
    assertTrue(message.contains("numerical (Richardson) = "), message);
    assertTrue(message.contains("dot-product test"), message);
  }

  @Test
  void valueThatDiffersInTheLastBitsIsCaught() {
    String message = failure(checkF("valuebits")).getMessage();
    assertTrue(message.contains("must be equal bit for bit"), message);
  }

  @Test
  void incompleteClearIsCaught() {
    String message = failure(checkF("noclear")).getMessage();
    assertTrue(message.contains("after clear(), y ="), message);
  }

  @Test
  void holderFieldForNoDerivativeParameterIsCaught() {
    String message = failure(checkF("extrafield")).getMessage();
    assertTrue(message.contains("gradient fields [x, y, k]"), message);
  }

  @Test
  void contractDeviationsAreReportedTogetherWithNumericalFailures() {
    String message = failure(checkF("holderaccess")).getMessage();
    assertTrue(message.contains("class selftest.holderaccess.SAdjoint.FGradient has access '',"
        + " expected the companions' 'public'"), message);
    assertTrue(message.contains("∂f/∂y: adjoint gradient = "), message);
  }

  @Test
  void wrongTangentIsCaught() {
    String message = failure(checkF("tangent")).getMessage();
    assertTrue(message.contains("tangent along"), message);
    assertTrue(message.contains("tangent with xDot=1"), message);
  }

  @Test
  void kinkUnderTheStencilIsRejectedAtRandomPointsAndFailsAtExplicitOnes() {
    // |x| has a kink at 0: the guard-free random points avoid it by the stability test ...
    GradientCheck.of(compiled, "selftest.ok.S", "g").uniform("x", -1, 1).points(10).checkAll();
    // ... but an explicit point whose stencil straddles it even at the finest step (h/100) is a
    // failure, not a silent skip.
    String message =
        failure(GradientCheck.of(compiled, "selftest.ok.S", "g").points(0).at(2e-6, 0.5)).getMessage();
    assertTrue(message.contains("numerical reference unstable"), message);
  }

  @Test
  void tooNarrowDomainFails() {
    String message =
        failure(GradientCheck.of(compiled, "selftest.ok.S", "g").uniform("x", -1e-6, 1e-6).points(3))
            .getMessage();
    assertTrue(message.contains("random points usable"), message);
  }

  @Test
  void coverageIsEnforced() {
    String message =
        failure(checkF("ok").uniform("x", 0.1, 1).covering("x negative", p -> p.d("x") < 0))
            .getMessage();
    assertTrue(message.contains("no checked point covers 'x negative'"), message);
  }

  /**
   * When a group does not compile as a whole, each function is compiled alone: the good one is
   * usable, and only the broken one fails, with its own diagnostics. (Uses the processor on a
   * trivial body, or none in reference-only mode.)
   */
  @Test
  void functionGroupFallsBackToCompilingFunctionsAlone() {
    FunctionGroup group =
        FunctionGroup.of("selftest.group", "G")
            .function(
                "good",
                """
                @Differentiable
                public static double good(double x) {
                  return x * 2;
                }
                """)
            .function(
                "broken",
                """
                @Differentiable
                public static double broken(double x) {
                  return x * undefinedVariable;
                }
                """);
    assertThrows(AssertionError.class, group::all);
    CompiledSources good = group.sourcesFor("good");
    assertTrue(good.has("selftest.group.G"));
    AssertionError e = assertThrows(AssertionError.class, () -> group.sourcesFor("broken"));
    assertTrue(e.getMessage().contains("function 'broken' of selftest.group.G does not compile"), e.getMessage());
    assertTrue(e.getMessage().contains("undefinedVariable"), e.getMessage());
  }

  // ------------------------------------------------------------------ arrays

  /**
   * h(w, m, data, x): writes u_i = w_i·x + data_i into w and returns Σ u_i² + x·Σ m_ij², with
   * companions written by hand; each mutation below replaces one marked piece of text.
   */
  private static final String ARRAY_TEMPLATE =
      """
      package PKG;
      import dev.cotangent.Differentiable;
      import dev.cotangent.NoDerivative;
      public class A {
        @Differentiable
        public static double h(double[] w, double[][] m, @NoDerivative double[] data, double x) {
          double s = 0;
          for (int i = 0; i < w.length; i++) {
            w[i] = w[i] * x + data[i];
            s += w[i] * w[i];
          }
          for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
              s += x * m[i][j] * m[i][j];
            }
          }
          return s;
        }
      }
      """;

  private static final String ARRAY_ADJOINT =
      """
      package PKG;
      public final class AAdjoint {
        public static final class HGradient {
          public double value;
          public final double[] w;
          public final double[][] m;
          public double x;
          public HGradient(double[] w, double[][] m) {
            this.w = HOLDER_W;
            this.m = new double[m.length][];
            for (int i = 0; i < m.length; i++) {
              this.m[i] = new double[m[i].length];
            }
          }
          public void clear() {
            value = 0;
            x = 0;
            java.util.Arrays.fill(w, 0);
            CLEAR_M
          }
        }
        public static HGradient h(double[] w, double[][] m, double[] data, double x) {
          HGradient g = new HGradient(w, m);
          h(w, m, data, x, 1.0, g);
          return g;
        }
        public static double h(double[] w, double[][] m, double[] data, double x, double seed, HGradient into) {
          double[] w0 = w.clone();
          double v = 0;
          for (int i = 0; i < w.length; i++) {
            w[i] = w[i] * x + data[i];
            v += w[i] * w[i];
          }
          for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
              v += x * m[i][j] * m[i][j];
            }
          }
          into.value = v;
          double gx = 0;
          for (int i = 0; i < w.length; i++) {
            into.w[i] ACCUMULATE seed * 2 * w[i] * X_FACTOR;
            gx += 2 * w[i] * w0[i];
          }
          for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
              into.m[i][j] += seed * 2 * x * m[i][j];
              gx += m[i][j] * m[i][j];
            }
          }
          into.x += seed * gx;
          LEAK
          return v;
        }
      }
      """;

  private static final String ARRAY_TANGENT =
      """
      package PKG;
      import dev.cotangent.runtime.Dual;
      public final class ATangent {
        public static Dual h(double[] w, double[] wDot, double[][] m, double[][] mDot, double[] data,
            double x, double xDot) {
          double v = 0;
          double vDot = 0;
          for (int i = 0; i < w.length; i++) {
            double uDot = wDot[i] * x + w[i] * xDot;
            w[i] = w[i] * x + data[i];
            WDOT_UPDATE
            v += w[i] * w[i];
            vDot += 2 * w[i] * uDot;
          }
          for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
              v += x * m[i][j] * m[i][j];
              vDot += xDot * m[i][j] * m[i][j] + 2 * x * m[i][j] * mDot[i][j];
            }
          }
          return new Dual(v, vDot);
        }
      }
      """;

  private static final String[][] ARRAY_CORRECT = {
    {"HOLDER_W", "new double[w.length]"},
    {"CLEAR_M", "for (double[] row : m) { java.util.Arrays.fill(row, 0); }"},
    {"ACCUMULATE", "+="},
    {"X_FACTOR", "x"},
    {"LEAK", ""},
    {"WDOT_UPDATE", "wDot[i] = uDot;"},
  };

  private static CompiledSources arrays;

  private static synchronized CompiledSources arrays() {
    if (arrays == null) {
      List<String> sources = new ArrayList<>();
      addArrayVariant(sources, "ok");
      addArrayVariant(sources, "overwrite", "ACCUMULATE", "=");
      addArrayVariant(sources, "wrt", "X_FACTOR", "1");
      addArrayVariant(sources, "leak", "LEAK", "w[w.length - 1] += 1e-9;");
      addArrayVariant(sources, "restore", "LEAK", "System.arraycopy(w0, 0, w, 0, w.length);");
      addArrayVariant(sources, "nodot", "WDOT_UPDATE", "");
      addArrayVariant(sources, "shared", "HOLDER_W", "w");
      addArrayVariant(sources, "noclearm", "CLEAR_M", "");
      arrays = CompiledSources.compileHandWritten(sources.toArray(new String[0]));
    }
    return arrays;
  }

  private static void addArrayVariant(List<String> sources, String pkg, String... mutation) {
    for (String template : List.of(ARRAY_TEMPLATE, ARRAY_ADJOINT, ARRAY_TANGENT)) {
      String text = template.replace("PKG", "selftest.arrays." + pkg);
      for (int i = 0; i < mutation.length; i += 2) {
        text = text.replace(mutation[i], mutation[i + 1]);
      }
      for (String[] fill : ARRAY_CORRECT) {
        text = text.replace(fill[0], fill[1]);
      }
      sources.add(text);
    }
  }

  private static GradientCheck checkH(String pkg) {
    return GradientCheck.of(arrays(), "selftest.arrays." + pkg + ".A", "h")
        .differentiable("w", "m", "x")
        .uniformArray("w", 1, 4, -1.5, 1.5)
        .uniformMatrix("m", 2, 3, -1, 1)
        .uniformArray("data", 4, -1, 1)
        .points(4);
  }

  @Test
  void correctArrayCompanionsPass() {
    GradientCheck.Summary summary = checkH("ok").checkAll();
    assertEquals(4, summary.pointsChecked());
    DifferentiableMethod m = arrays().method("selftest.arrays.ok.A", "h");
    assertEquals(List.of("w", "m", "x"), m.differentiableNames());
    double[] w = {0.5, -1.0};
    double[][] mm = {{1.0, 2.0}, {3.0}};
    Object[] args = {w, mm, new double[] {0.25, 0.5}, 2.0};
    assertEquals(List.of("w[0]", "w[1]", "m[0][0]", "m[0][1]", "m[1][0]", "x"),
        labels(m.coordinates(args)));
    DifferentiableMethod.Gradient g = m.gradientAt(args);
    // u = (1.25, -1.5): ∂/∂w_i = 2·u_i·x, ∂/∂m_ij = 2·x·m_ij, ∂/∂x = Σ 2u_i·w0_i + Σ m_ij²
    assertArrayEquals(
        new double[] {5.0, -6.0, 4.0, 8.0, 12.0, 2 * 1.25 * 0.5 + 2 * -1.5 * -1.0 + 14.0},
        g.gradient(), 1e-12);
  }

  private static List<String> labels(Coordinates c) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < c.size(); k++) {
      out.add(c.label(k));
    }
    return out;
  }

  @Test
  void pullbackThatOverwritesArrayElementsIsCaught() {
    String message = failure(checkH("overwrite")).getMessage();
    assertTrue(message.contains("into field w[0] pre-filled with"), message);
  }

  @Test
  void gradientWithRespectToFinalRatherThanEntryValuesIsCaughtPerElement() {
    String message = failure(checkH("wrt")).getMessage();
    assertTrue(message.contains("∂f/∂w[0]: adjoint gradient = "), message);
    assertTrue(message.contains("numerical (Richardson) = "), message);
  }

  @Test
  void callerArrayLeftDifferentFromTheOriginalIsCaught() {
    String message = failure(checkH("leak")).getMessage();
    assertTrue(message.contains("after the pullback the caller's array w["), message);
    assertTrue(message.contains("must be equal bit for bit"), message);
  }

  @Test
  void callerArrayRestoredToItsEntryValuesIsCaught() {
    String message = failure(checkH("restore")).getMessage();
    assertTrue(message.contains("after CAdjoint f(args) the caller's array w[0] = "), message);
  }

  @Test
  void tangentArrayNotUpdatedInPlaceIsCaught() {
    String message = failure(checkH("nodot")).getMessage();
    assertTrue(message.contains("wDot[0] = "), message);
    assertTrue(message.contains("numerical tangent of w[0]'s final contents"), message);
  }

  @Test
  void holderSharingTheCallersArrayIsCaught() {
    String message = failure(checkH("shared")).getMessage();
    assertTrue(message.contains(".w is the caller's array itself"), message);
  }

  @Test
  void incompleteClearOfAnArrayIsCaught() {
    String message = failure(checkH("noclearm")).getMessage();
    assertTrue(message.contains("after clear(), m[0][0] ="), message);
  }

  @Test
  void richardsonIsAccurate() {
    double d = Numerics.richardson(t -> Math.exp(Math.sin(0.7 + t)), 1e-3);
    assertEquals(Math.cos(0.7) * Math.exp(Math.sin(0.7)), d, 1e-11);
  }
}
