package dev.cotangent.processor.features;

import com.google.testing.compile.Compilation;
import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.runtime.Dual;
import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code @DerivativeOf} rules: for functions whose source is not visible (a class compiled
 * earlier without the processor and without {@code -parameters}, on the class path of a second
 * compilation that holds the rules and their users), a rule used inside a loop, a two-parameter
 * function with one rule per parameter ({@code wrt} by name and by position), a function with an
 * {@code int} parameter between its {@code double}s, and rules taking precedence over a source in
 * the same compilation (deliberately different from it, and for a body the processor could not
 * differentiate).
 */
class CustomDerivativesTest {
  static final String SPECIAL =
      """
      package features.special;

      /** Compiled without the processor; its source is not part of the client's compilation. */
      public final class Special {
        private Special() {}

        /** erf by its Maclaurin series: accurate to rounding for |x| ≤ 2. */
        public static double erf(double x) {
          double term = x;
          double sum = x;
          for (int n = 1; n < 60; n++) {
            term *= -x * x / n;
            sum += term / (2 * n + 1);
          }
          return 2 / Math.sqrt(Math.PI) * sum;
        }

        public static double softplus(double x) {
          return Math.log1p(Math.exp(x));
        }

        /** log(e^u + e^v), stably. */
        public static double logSumExp2(double u, double v) {
          double m = Math.max(u, v);
          return m + Math.log(Math.exp(u - m) + Math.exp(v - m));
        }

        /** s·x^n. */
        public static double scaledPower(double x, int n, double s) {
          return s * Math.pow(x, n);
        }
      }
      """;

  static final String RULES =
      """
      package features.user;

      import dev.cotangent.DerivativeOf;
      import features.special.Special;

      public class Rules {
        @DerivativeOf(owner = Special.class, method = "erf")
        static double erfDerivative(double x) {
          return 2 / Math.sqrt(Math.PI) * Math.exp(-x * x);
        }

        @DerivativeOf(owner = Special.class, method = "softplus", wrt = "x")
        static double softplusDerivative(double x) {
          return 1 / (1 + Math.exp(-x));
        }

        @DerivativeOf(owner = Special.class, method = "logSumExp2", wrt = "u")
        static double logSumExp2ByU(double u, double v) {
          return Math.exp(u - Special.logSumExp2(u, v));
        }

        @DerivativeOf(owner = Special.class, method = "logSumExp2", wrt = "1")
        static double logSumExp2ByV(double u, double v) {
          return Math.exp(v - Special.logSumExp2(u, v));
        }

        @DerivativeOf(owner = Special.class, method = "scaledPower", wrt = "x")
        static double scaledPowerByX(double x, int n, double s) {
          return s * n * Math.pow(x, n - 1);
        }

        @DerivativeOf(owner = Special.class, method = "scaledPower", wrt = "2")
        static double scaledPowerByS(double x, int n, double s) {
          return Math.pow(x, n);
        }
      }
      """;

  static final String USER =
      """
      package features.user;

      import dev.cotangent.Differentiable;
      import dev.cotangent.NoDerivative;
      import features.special.Special;

      public class User {
        @Differentiable
        public static double gauss(double x) {
          return 0.5 * Special.erf(x * x) + x;
        }

        /** A rule used inside a loop. */
        @Differentiable
        public static double softLoss(double w, double b, @NoDerivative double[] xs) {
          double s = 0;
          for (int i = 0; i < xs.length; i++) {
            s += Special.softplus(w * xs[i] + b);
          }
          return s;
        }

        /** Two parameters, one rule each. */
        @Differentiable
        public static double lse(double a, double b) {
          double u = a * b;
          return Special.logSumExp2(u, a - b);
        }

        /** An int parameter between the doubles. */
        @Differentiable
        public static double power(double x, double s, int n) {
          return Special.scaledPower(x, n, s * s) + x;
        }
      }
      """;

  static Class<?> user;
  static Class<?> userAdjoint;
  static Class<?> userTangent;
  static URLClassLoader loader;

  @BeforeAll
  static void compileSeparately(@TempDir Path tmp) throws Exception {
    Path specialDir = Files.createDirectories(tmp.resolve("special"));
    Path userDir = Files.createDirectories(tmp.resolve("user"));
    // first compilation: no processor, no -parameters
    Compilation special = Support.compileOrFail(Support.compiler(false, null), SPECIAL);
    Support.writeClasses(special, specialDir);
    List<File> classPath = new ArrayList<>();
    classPath.add(specialDir.toFile());
    classPath.addAll(Support.standardEntries());
    Compilation client =
        Support.compileOrFail(Support.compiler(true, classPath, "-parameters"), RULES, USER);
    Support.writeClasses(client, userDir);
    loader = new URLClassLoader(new URL[] {specialDir.toUri().toURL(), userDir.toUri().toURL()},
        CustomDerivativesTest.class.getClassLoader());
    user = loader.loadClass("features.user.User");
    userAdjoint = loader.loadClass("features.user.UserAdjoint");
    userTangent = loader.loadClass("features.user.UserTangent");
  }

  @AfterAll
  static void close() throws Exception {
    if (loader != null) {
      loader.close();
    }
  }

  private static ScalarCheck check(String name, Class<?>[] types, String... differentiable) {
    return new ScalarCheck(user, userAdjoint, userTangent, name, types, differentiable);
  }

  private static final double TWO_OVER_ROOT_PI = 2 / Math.sqrt(Math.PI);

  @Test
  void erfWithoutSourceThroughItsRule() {
    ScalarCheck c = check("gauss", new Class<?>[] {double.class}, "x");
    for (double x : new double[] {-1.3, -0.45, 0.2, 0.9, 1.25}) {
      ScalarCheck.Result r = c.at(null, x);
      // the rule's closed form: d/dx [½·erf(x²) + x] = ½·erf'(x²)·2x + 1
      double expected = TWO_OVER_ROOT_PI * Math.exp(-x * x * x * x) * x + 1;
      Support.near(expected, r.gradient()[0], 1e-14, "gauss'(" + x + ") vs the rule's closed form");
    }
  }

  @Test
  void softplusRuleInsideALoop() {
    double[] xs = {-1.5, -0.2, 0.4, 1.1, 2.3};
    ScalarCheck c = check("softLoss", new Class<?>[] {double.class, double.class, double[].class},
        "w", "b");
    for (double[] p : new double[][] {{0.7, -0.3}, {-1.2, 0.5}, {0.05, 1.4}}) {
      ScalarCheck.Result r = c.at(null, p[0], p[1], xs.clone());
      double dw = 0;
      double db = 0;
      for (double xi : xs) {
        double sigma = 1 / (1 + Math.exp(-(p[0] * xi + p[1])));
        dw += sigma * xi;
        db += sigma;
      }
      Support.near(dw, r.gradient()[0], 1e-13, "softLoss ∂/∂w closed form at " + p[0] + ", " + p[1]);
      Support.near(db, r.gradient()[1], 1e-13, "softLoss ∂/∂b closed form at " + p[0] + ", " + p[1]);
    }
  }

  @Test
  void oneRulePerParameterByNameAndByPosition() {
    ScalarCheck c = check("lse", new Class<?>[] {double.class, double.class}, "a", "b");
    for (double[] p : new double[][] {{0.8, -0.6}, {-1.1, 1.7}, {2.0, 0.3}}) {
      double a = p[0];
      double b = p[1];
      ScalarCheck.Result r = c.at(null, a, b);
      double u = a * b;
      double v = a - b;
      double l = Math.log(Math.exp(u) + Math.exp(v));
      double pu = Math.exp(u - l);
      double pv = Math.exp(v - l);
      Support.near(pu * b + pv, r.gradient()[0], 1e-13, "lse ∂/∂a closed form at " + a + ", " + b);
      Support.near(pu * a - pv, r.gradient()[1], 1e-13, "lse ∂/∂b closed form at " + a + ", " + b);
    }
  }

  @Test
  void intParameterBetweenDoubles() {
    ScalarCheck c = check("power", new Class<?>[] {double.class, double.class, int.class}, "x", "s");
    for (int n : new int[] {1, 3, 4}) {
      for (double[] p : new double[][] {{0.7, 1.3}, {-1.2, -0.4}}) {
        double x = p[0];
        double s = p[1];
        ScalarCheck.Result r = c.at(null, x, s, n);
        Support.near(s * s * n * Math.pow(x, n - 1) + 1, r.gradient()[0], 1e-13,
            "power ∂/∂x closed form, n=" + n);
        Support.near(2 * s * Math.pow(x, n), r.gradient()[1], 1e-13, "power ∂/∂s closed form, n=" + n);
      }
    }
  }

  // ------------------------------------------------------------------ precedence over the source

  static final String LOCAL =
      """
      package features.local;

      import dev.cotangent.DerivativeOf;
      import dev.cotangent.Differentiable;

      public class Local {
        /** Its source is in the compilation, but the rule below takes precedence. */
        static double cube(double x) {
          return x * x * x;
        }

        /** Deliberately twice the true derivative, so that its use is visible. */
        @DerivativeOf(owner = Local.class, method = "cube")
        static double cubeRule(double x) {
          return 2 * (3 * x * x);
        }

        /** A body the processor cannot differentiate (try/catch); the rule is exact. */
        static double guarded(double x) {
          try {
            return Math.log1p(Math.exp(x));
          } catch (RuntimeException e) {
            return 0;
          }
        }

        @DerivativeOf(owner = Local.class, method = "guarded")
        static double guardedRule(double x) {
          return 1 / (1 + Math.exp(-x));
        }

        @Differentiable
        public static double useCube(double x, double y) {
          return Local.cube(x * y) + y;
        }

        @Differentiable
        public static double useGuarded(double x) {
          double s = 0;
          for (int i = 1; i <= 3; i++) {
            s += guarded(i * x);
          }
          return s;
        }
      }
      """;

  private static CompiledSources local;

  private static synchronized CompiledSources local() {
    if (local == null) {
      local = CompiledSources.compile(LOCAL);
    }
    return local;
  }

  @Test
  void ruleTakesPrecedenceOverSourceInTheSameCompilation() {
    CompiledSources sources = local();
    Class<?> local = sources.load("features.local.Local");
    Class<?> adjoint = sources.load("features.local.LocalAdjoint");
    Class<?> tangent = sources.load("features.local.LocalTangent");
    ScalarCheck c = new ScalarCheck(local, adjoint, tangent, "useCube",
        new Class<?>[] {double.class, double.class}, "x", "y").withoutFiniteDifferences();
    for (double[] p : new double[][] {{0.7, 1.3}, {-1.1, 0.4}}) {
      double x = p[0];
      double y = p[1];
      ScalarCheck.Result r = c.at(null, x, y);
      double rule = 2 * (3 * (x * y) * (x * y));
      Support.near(rule * y, r.gradient()[0], 1e-14,
          "useCube ∂/∂x follows the rule (2·3u²·y), not the source (3u²·y)");
      Support.near(rule * x + 1, r.gradient()[1], 1e-14,
          "useCube ∂/∂y follows the rule (2·3u²·x + 1), not the source (3u²·x + 1)");
      Method tan = Support.method(tangent, "useCube", double.class, double.class, double.class,
          double.class);
      Dual d = (Dual) Support.call(tan, null, x, 1.0, y, 0.0);
      Support.near(rule * y, d.tangent(), 1e-14, "useCube tangent along x follows the rule");
    }
  }

  @Test
  void ruleForABodyTheProcessorCannotRead() {
    CompiledSources sources = local();
    Class<?> local = sources.load("features.local.Local");
    ScalarCheck c = new ScalarCheck(local, sources.load("features.local.LocalAdjoint"),
        sources.load("features.local.LocalTangent"), "useGuarded", new Class<?>[] {double.class},
        "x");
    for (double x : new double[] {-0.9, 0.3, 1.6}) {
      ScalarCheck.Result r = c.at(null, x);
      double expected = 0;
      for (int i = 1; i <= 3; i++) {
        expected += i / (1 + Math.exp(-i * x));
      }
      Support.near(expected, r.gradient()[0], 1e-14, "useGuarded' closed form at " + x);
    }
  }
}
