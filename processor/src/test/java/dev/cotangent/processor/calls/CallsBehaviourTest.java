package dev.cotangent.processor.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.GradientCheck;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

/**
 * Calls inside {@code @Differentiable} methods: to other annotated methods, to un-annotated
 * helpers with source in the compilation (differentiated transitively, companions in their own
 * classes), recursion, calls in loops and branches, nested calls, inactive calls to helpers that
 * cannot be differentiated, read-only array arguments, {@code @NoDerivative} callee parameters,
 * helpers in another package, overloads. Every caller is checked by {@link GradientCheck}
 * (adjoint and tangent against Richardson references, pullback contract, dot test, values bit for
 * bit).
 */
class CallsBehaviourTest {
  static final String PACKAGE = "calls.behaviour";

  /** A second class of the same package: an annotated method calling an un-annotated helper. */
  static final String PHYSICS =
      """
      package calls.behaviour;

      import dev.cotangent.Differentiable;

      public class Physics {
        /** Annotated: called from Calls.chain. */
        @Differentiable
        public static double energy(double m, double v) {
          return kinetic(m, v) + 9.81 * m * Math.sin(v);
        }

        /** Not annotated: differentiated because energy calls it; calls back into Calls. */
        static double kinetic(double m, double v) {
          return 0.5 * m * Calls.square(v);
        }
      }
      """;

  /** A public class of another package with public static helpers and no annotation at all. */
  static final String UTIL =
      """
      package calls.other;

      public class Util {
        public static double smoothstep(double t) {
          double u = t * t;
          return u * (3 - 2 * t);
        }

        public static double blend(double a, double b, double t) {
          double s = smoothstep(t);
          return a + (b - a) * s;
        }
      }
      """;

  /** A class that only calls a statically imported helper (imports are per compilation unit). */
  static final String IMPORTED =
      """
      package calls.behaviour;

      import static calls.other.Util.blend;

      import dev.cotangent.Differentiable;

      public class Imported {
        @Differentiable
        public static double viaStaticImport(double a, double b, double t) {
          return blend(a * b, b, t) * a;
        }
      }
      """;


  /** Two helpers of the same name in different classes, a base class and an interface. */
  static final String SHAPES =
      """
      package calls.behaviour;

      public interface Shapes {
        static double area(double r) {
          return Math.PI * r * r;
        }
      }
      """;

  static final String BASE =
      """
      package calls.behaviour;

      public class Base {
        static double area(double r) {
          return r * r * 0.5 + r;
        }
      }
      """;

  static final String DERIVED =
      """
      package calls.behaviour;

      import dev.cotangent.Differentiable;

      public class Derived extends Base {
        /** area is inherited from Base; Shapes.area has the same name. */
        @Differentiable
        public static double inherited(double x, double y) {
          return area(x) * Derived.area(y) + Shapes.area(x * y);
        }
      }
      """;

  static final FunctionGroup CALLS =
      FunctionGroup.of(PACKAGE, "Calls")
          .source(PHYSICS)
          .source(UTIL)
          .source(IMPORTED)
          .source(SHAPES)
          .source(BASE)
          .source(DERIVED)
          .members(
              """
              static double square(double x) {
                return x * x;
              }
              """)
          .function(
              "chain",
              """
              @Differentiable
              public static double chain(double m, double v) {
                double e = Physics.energy(m, v);
                return e * square(m) + Math.cos(e);
              }
              """)
          .function(
              "helperLoop",
              """
              /** A helper with a loop that overwrites its locals and its parameter. */
              static double smoothPower(double x, int n) {
                double acc = 1;
                for (int i = 0; i < n; i++) {
                  acc = acc * x + Math.sin(acc);
                  x = 0.9 * x + 0.1;
                }
                return acc;
              }

              @Differentiable
              public static double helperLoop(double x, double y, int n) {
                double a = x * y;
                double r = smoothPower(a, n);
                a = a * a + y;
                r = r + smoothPower(a, 2);
                return r * a;
              }
              """)
          .function(
              "nested",
              """
              static double g(double u, double v) {
                return u * Math.exp(-v) + v;
              }

              static double h(double u) {
                return Math.sin(u) + u * u;
              }

              @Differentiable
              public static double nested(double x, double y) {
                return g(h(x), y) * h(h(y)) + g(h(x * y), h(x));
              }
              """)
          .function(
              "loopAccumulate",
              """
              static double term(double x, double s, int i) {
                return Math.sin(i * x) / (i + 1) + 0.1 * s * x;
              }

              @Differentiable
              public static double loopAccumulate(double x, double y, int n) {
                double s = y;
                for (int i = 0; i < n; i++) {
                  s += term(x, s, i);
                  x = x * 0.95 + 0.02 * s;
                }
                return s * x;
              }
              """)
          .function(
              "branches",
              """
              static double left(double x, double y) {
                return x * x * y;
              }

              static double right(double u) {
                return Math.exp(0.5 * u);
              }

              @Differentiable
              public static double branches(double x, double y) {
                double r;
                if (x > y) {
                  r = left(x, y);
                } else {
                  double t = x * y;
                  r = right(t) + left(y, t);
                }
                return r + right(r * 0.1);
              }
              """)
          .function(
              "recursion",
              """
              /** x^n by repeated multiplication. */
              static double power(double x, int n) {
                if (n == 0) {
                  return 1;
                }
                return x * power(x, n - 1);
              }

              /** 1 + x/k (1 + x/(k+1) (...)): the Horner form of the exponential series. */
              @Differentiable
              static double series(double x, int k, int n) {
                if (k > n) {
                  return 1;
                }
                return 1 + x / k * series(x, k + 1, n);
              }

              @Differentiable
              public static double recursion(double x, double y, int n) {
                return power(x, n) * y + series(x * y, 1, n + 4);
              }
              """)
          .function(
              "mutual",
              """
              static double even(double acc, double x, int n) {
                if (n <= 0) {
                  return acc;
                }
                return odd(acc + Math.sin(x), x, n - 1);
              }

              static double odd(double acc, double x, int n) {
                if (n <= 0) {
                  return -acc;
                }
                return even(acc * x, x * 1.1, n - 1);
              }

              @Differentiable
              public static double mutual(double x, double a, int n) {
                return even(a, x, n) + odd(x, a, n + 1);
              }
              """)
          .function(
              "inactive",
              """
              /** Not differentiable at all: strings and switch. Called only with ints. */
              static double tableLookup(double h) {
                String key = "k" + (int) (2 * h);
                switch (key.length()) {
                  case 2:
                    return 1.5 + h;
                  default:
                    return 2.5 - h;
                }
              }

              static double digits(int n) {
                return Integer.toString(n * 37).length();
              }

              @Differentiable
              public static double inactive(double x, @NoDerivative double k, int n) {
                double c = tableLookup(0.5 * n);
                double d = tableLookup(k);
                return x * c + Math.sin(x) * d + digits(n);
              }
              """)
          .function(
              "noDerivativeCallee",
              """
              static double scaled(double x, @NoDerivative double k, int n) {
                return k * Math.sin(x) + x * k * n;
              }

              @Differentiable
              public static double noDerivativeCallee(double x, double y, @NoDerivative double k, int n) {
                return scaled(x * y, k, n) + scaled(y, 2.5, 1) * x;
              }
              """)
          .function(
              "otherPackage",
              """
              @Differentiable
              public static double otherPackage(double a, double b, double t) {
                return calls.other.Util.blend(a, b, t) * calls.other.Util.smoothstep(a * t);
              }
              """)
          .function(
              "overloads",
              """
              static double mix(double x) {
                return x * x + 1;
              }

              static double mix(double x, double y) {
                return x * Math.exp(y);
              }

              @Differentiable
              public static double overloads(double x, double y, int n) {
                return mix(x) + mix(x, y) * mix(y) + mix(y, n);
              }
              """)
          .function(
              "nestedClass",
              """
              static class Inner {
                static double cube(double x) {
                  return x * x * x;
                }
              }

              @Differentiable
              public static double nestedClass(double x, double y) {
                return Inner.cube(x - y) + Inner.cube(y);
              }
              """)
          .function(
              "sameCalleeTwice",
              """
              static double bump(double x) {
                return Math.exp(-x * x);
              }

              @Differentiable
              public static double sameCalleeTwice(double x, double y) {
                double r = bump(x) * bump(y);
                r = r + bump(r) - bump(bump(x));
                return r;
              }
              """)
          .function(
              "callInCondition",
              """
              static double gauge(double x) {
                return Math.sin(3 * x);
              }

              @Differentiable
              public static double callInCondition(double x, double y) {
                double r = y;
                if (gauge(x) > 0) {
                  r = r * gauge(y);
                }
                double pick = x > gauge(y) ? x : y;
                return r + pick * x;
              }
              """)
          .function(
              "nonDoubleResults",
              """
              static boolean small(double x) {
                return Math.abs(x) < 1;
              }

              static int bucket(double x) {
                return (int) Math.floor(x);
              }

              @Differentiable
              public static double nonDoubleResults(double x, double y) {
                double r = x * y;
                if (small(x)) {
                  r = r + x;
                }
                return r + bucket(y) * x;
              }
              """)
          .function(
              "iteratedMap",
              """
              static double step(double x, double r) {
                return r * x * (1 - x);
              }

              @Differentiable
              public static double iteratedMap(double x, double r, int n) {
                for (int i = 0; i < n; i++) {
                  x = step(x, r);
                }
                r = step(r, x);
                return x + r;
              }
              """)
          .function(
              "reservedNames",
              """
              /** Parameters named like the pullback's own parameters. */
              static double reserved(double seed, double into, double tape) {
                return seed * into + Math.sin(tape);
              }

              @Differentiable
              public static double reservedNames(double x, double y) {
                double reservedGradient = x * y;
                double reservedTangent = x + y;
                double reserved = reserved(x, y, reservedGradient) + reservedTangent;
                return reserved * reserved(y, reserved, x);
              }
              """)
          .function(
              "earlyReturn",
              """
              static double clampSoft(double x) {
                for (int i = 0; i < 10; i++) {
                  if (x < 1) {
                    return x * x;
                  }
                  x = x * 0.5;
                }
                return x;
              }

              @Differentiable
              public static double earlyReturn(double x, double y) {
                for (int i = 0; i < 3; i++) {
                  if (x > 2.5) {
                    return clampSoft(x * y);
                  }
                  x = x + clampSoft(y);
                }
                return clampSoft(x) * y;
              }
              """);

  /** Alone, so that while the processor rejects it the other functions still compile together. */
  static final FunctionGroup WIDENING =
      FunctionGroup.of(PACKAGE, "Widening")
          .function(
              "longOverload",
              """
              static double level(long k) {
                return k * 0.25;
              }

              static double level(double x) {
                return x * x;
              }

              @Differentiable
              public static double longOverload(double x, int n) {
                return level(n) * x + level(x);
              }
              """);

  static final FunctionGroup ARRAYS =
      FunctionGroup.of(PACKAGE, "ArrayCalls")
          .function(
              "arrays",
              """
              static double dot(double[] a, double[] b) {
                double s = 0;
                for (int i = 0; i < a.length; i++) {
                  s += a[i] * b[i];
                }
                return s;
              }

              static double weighted(double[] w, double x) {
                double s = 0;
                double p = 1;
                for (double wi : w) {
                  s += wi * p;
                  p *= x;
                }
                return s;
              }

              @Differentiable
              public static double arrays(double[] w, double[] v, double x) {
                return dot(w, v) * x + weighted(w, x) + weighted(v, dot(v, v));
              }
              """)
          .function(
              "sameArrayTwice",
              """
              /** Spelled without i++ so that only the aliasing is under test here. */
              static double dotSelf(double[] a, double[] b) {
                double s = 0;
                int i = 0;
                while (i < a.length) {
                  s += a[i] * b[i];
                  i += 1;
                }
                return s;
              }

              @Differentiable
              public static double sameArrayTwice(double[] w, double x) {
                return dotSelf(w, w) * x;
              }
              """)
          .function(
              "arraysWithoutUnary",
              """
              /** The same reading as dot, spelled without ++ (a unary on a name). */
              static double dotNoUnary(double[] a, double[] b) {
                double s = 0;
                int i = 0;
                while (i < a.length) {
                  s += a[i] * b[i];
                  i += 1;
                }
                return s;
              }

              static double firstTwo(double[] w, double x) {
                return w[0] * x + w[1] * w[1];
              }

              @Differentiable
              public static double arraysWithoutUnary(double[] w, double[] v, double x) {
                double[] c = {1.0, 2.0, 3.0};
                return dotNoUnary(w, v) * x + firstTwo(w, x) + firstTwo(c, x * x);
              }
              """)
          .function(
              "elementArguments",
              """
              static double bumpAt(double x) {
                return Math.exp(-x * x);
              }

              @Differentiable
              public static double elementArguments(double[] w, double x) {
                double s = 0;
                for (int i = 0; i < w.length; i++) {
                  s += bumpAt(w[i] * x);
                }
                return s;
              }
              """);

  private static CompiledSources sources(String key) {
    return CALLS.sourcesFor(key);
  }

  @Test
  void chainAcrossTwoClasses() {
    GradientCheck.of(CALLS, "chain")
        .differentiable("m", "v")
        .uniform("m", 0.2, 2)
        .uniform("v", -2, 2)
        .checkAll();
  }

  @Test
  void annotatedCalleeInAnotherClassAndItsHelperKeepTheirCompanions() {
    CompiledSources s = sources("chain");
    GradientCheck.of(s, PACKAGE + ".Physics", "energy").differentiable("m", "v").checkAll();
    // kinetic is not annotated, but differentiated because energy calls it
    GradientCheck.of(s, PACKAGE + ".Physics", "kinetic").differentiable("m", "v").checkAll();
    // square (in Calls, no annotation) is reached from Physics.kinetic
    GradientCheck.of(s, CALLS.className(), "square").differentiable("x").checkAll();
  }

  @Test
  void helperWithLoopAndOverwrites() {
    GradientCheck.of(CALLS, "helperLoop")
        .differentiable("x", "y")
        .uniform("x", -1, 1)
        .uniform("y", -1, 1)
        .ints("n", 0, 4)
        .covering("n = 0", p -> p.i("n") == 0)
        .covering("n ≥ 3", p -> p.i("n") >= 3)
        .points(10)
        .checkAll();
    GradientCheck.of(sources("helperLoop"), CALLS.className(), "smoothPower")
        .differentiable("x")
        .uniform("x", -1, 1)
        .ints("n", 0, 4)
        .checkAll();
  }

  @Test
  void callsNestedInArguments() {
    GradientCheck.of(CALLS, "nested").differentiable("x", "y").checkAll();
  }

  @Test
  void callInLoopAccumulating() {
    GradientCheck.of(CALLS, "loopAccumulate")
        .differentiable("x", "y")
        .ints("n", 0, 6)
        .covering("n ≥ 4", p -> p.i("n") >= 4)
        .points(10)
        .checkAll();
  }

  @Test
  void callsInBothBranches() {
    GradientCheck.of(CALLS, "branches")
        .differentiable("x", "y")
        .uniform("x", -1.5, 1.5)
        .uniform("y", -1.5, 1.5)
        .where("away from x = y", p -> Math.abs(p.d("x") - p.d("y")) > 0.05)
        .covering("then branch", p -> p.d("x") > p.d("y"))
        .covering("else branch", p -> p.d("x") < p.d("y"))
        .points(10)
        .checkAll();
  }

  @Test
  void recursionPowerAndSeries() {
    GradientCheck.of(CALLS, "recursion")
        .differentiable("x", "y")
        .uniform("x", -1.5, 1.5)
        .uniform("y", -1, 1)
        .ints("n", 0, 5)
        .covering("n = 0", p -> p.i("n") == 0)
        .points(10)
        .checkAll();
    CompiledSources s = sources("recursion");
    GradientCheck.of(s, CALLS.className(), "power")
        .differentiable("x")
        .ints("n", 0, 6)
        .checkAll();
    GradientCheck.of(s, CALLS.className(), "series")
        .differentiable("x")
        .ints("k", 1, 3)
        .ints("n", 0, 8)
        .checkAll();
  }

  @Test
  void recursiveSeriesMatchesExp() {
    assumeFalse(CompiledSources.referenceOnly(), "companions are not generated in reference-only mode");
    // series(x, 1, 30) is exp(x) to rounding: so are its derivative and tangent
    var series = sources("recursion").method(CALLS.className(), "series");
    for (double x : new double[] {-1.2, 0.3, 1.7}) {
      var g = series.gradientAt(x, 1, 30);
      assertEquals(Math.exp(x), g.value(), 1e-13 * Math.exp(x));
      assertEquals(Math.exp(x), g.get(0), 1e-12 * Math.exp(x), "d/dx series at " + x);
      assertEquals(Math.exp(x), series.tangent(new Object[] {x, 1, 30}, new double[] {1}).tangent(),
          1e-12 * Math.exp(x), "tangent of series at " + x);
    }
  }

  @Test
  void mutualRecursion() {
    GradientCheck.of(CALLS, "mutual")
        .differentiable("x", "a")
        .uniform("x", 0.5, 1.2)
        .uniform("a", -1, 1)
        .ints("n", 0, 7)
        .covering("n odd", p -> p.i("n") % 2 == 1)
        .covering("n even > 0", p -> p.i("n") % 2 == 0 && p.i("n") > 0)
        .points(12)
        .checkAll();
  }

  @Test
  void inactiveCallToUndifferentiableHelperStaysPlain() {
    GradientCheck.of(CALLS, "inactive")
        .differentiable("x")
        .uniform("k", 0, 3)
        .ints("n", 0, 9)
        .checkAll();
    CompiledSources s = sources("inactive");
    String adjoint = s.generatedSource(PACKAGE + ".CallsAdjoint");
    assertTrue(adjoint == null || !adjoint.contains("TableLookupGradient"),
        "tableLookup is called without derivatives and must not be differentiated");
  }

  @Test
  void readOnlyArrayArguments() {
    GradientCheck.of(ARRAYS, "arrays")
        .differentiable("w", "v", "x")
        .uniformArray("w", 1, 4, -1, 1)
        .generate("v", (r, p) -> {
          double[] v = new double[((double[]) p.args()[0]).length];
          for (int i = 0; i < v.length; i++) {
            v[i] = -1 + 2 * r.nextDouble();
          }
          return v;
        })
        .uniform("x", -1, 1)
        .checkAll();
  }

  @Test
  void sameArrayPassedTwiceToAReadOnlyHelper() {
    GradientCheck.of(ARRAYS, "sameArrayTwice")
        .differentiable("w", "x")
        .uniformArray("w", 1, 4, -1, 1)
        .checkAll();
  }

  @Test
  void noDerivativeParametersInTheCallee() {
    GradientCheck.of(CALLS, "noDerivativeCallee")
        .differentiable("x", "y")
        .uniform("k", -2, 2)
        .ints("n", 0, 3)
        .checkAll();
    GradientCheck.of(sources("noDerivativeCallee"), CALLS.className(), "scaled")
        .differentiable("x")
        .ints("n", 0, 3)
        .checkAll();
  }

  @Test
  void publicHelperInAnotherPackage() throws Exception {
    GradientCheck.of(CALLS, "otherPackage")
        .differentiable("a", "b", "t")
        .uniform("t", 0, 1)
        .checkAll();
    CompiledSources s = sources("otherPackage");
    // a class without annotated methods gets companions, public like its helpers
    GradientCheck.of(s, "calls.other.Util", "blend").differentiable("a", "b", "t").checkAll();
    GradientCheck.of(s, "calls.other.Util", "smoothstep").differentiable("t").checkAll();
    if (!CompiledSources.referenceOnly()) {
      Class<?> adjoint = s.load("calls.other.UtilAdjoint");
      Class<?> tangent = s.load("calls.other.UtilTangent");
      assertTrue(Modifier.isPublic(adjoint.getModifiers()), "UtilAdjoint is public");
      assertTrue(Modifier.isPublic(tangent.getModifiers()), "UtilTangent is public");
      for (Method m : adjoint.getDeclaredMethods()) {
        if (m.getName().equals("blend") || m.getName().equals("smoothstep")) {
          assertTrue(Modifier.isPublic(m.getModifiers()), m + " has the helper's visibility");
        }
      }
    }
  }

  @Test
  void staticallyImportedHelper() {
    CompiledSources s = sources("otherPackage");
    GradientCheck.of(s, PACKAGE + ".Imported", "viaStaticImport")
        .differentiable("a", "b", "t")
        .uniform("t", 0, 1)
        .checkAll();
  }

  @Test
  void packagePrivateHelperGetsPackagePrivateCompanions() {
    assumeFalse(CompiledSources.referenceOnly(), "companions are not generated in reference-only mode");
    Class<?> adjoint = sources("chain").load(PACKAGE + ".PhysicsAdjoint");
    boolean found = false;
    for (Method m : adjoint.getDeclaredMethods()) {
      if (m.getName().equals("kinetic")) {
        found = true;
        int mod = m.getModifiers();
        assertTrue(!Modifier.isPublic(mod) && !Modifier.isPrivate(mod) && !Modifier.isProtected(mod),
            m + " should be package-private like kinetic");
      }
      if (m.getName().equals("energy")) {
        assertTrue(Modifier.isPublic(m.getModifiers()), m + " should be public like energy");
      }
    }
    assertTrue(found, "PhysicsAdjoint has kinetic companions");
  }

  @Test
  void overloadedCallees() {
    GradientCheck.of(CALLS, "overloads")
        .differentiable("x", "y")
        .uniform("x", -1.5, 1.5)
        .uniform("y", -1.5, 1.5)
        .ints("n", -2, 2)
        .checkAll();
    CompiledSources s = sources("overloads");
    GradientCheck.of(s, CALLS.className(), "mix", double.class).differentiable("x").checkAll();
    GradientCheck.of(s, CALLS.className(), "mix", double.class, double.class)
        .differentiable("x", "y")
        .checkAll();
  }

  @Test
  void calleeInNestedClass() {
    GradientCheck.of(CALLS, "nestedClass").differentiable("x", "y").checkAll();
    if (!CompiledSources.referenceOnly()) {
      assertNotNull(sources("nestedClass").load(PACKAGE + ".Calls_InnerAdjoint"));
    }
  }

  @Test
  void sameCalleeSeveralTimesInOneStatement() {
    GradientCheck.of(CALLS, "sameCalleeTwice").differentiable("x", "y").checkAll();
  }

  @Test
  void callsInConditionsOnlySteerBranches() {
    GradientCheck.of(CALLS, "callInCondition")
        .differentiable("x", "y")
        .where("away from sin(3x) = 0", p -> Math.abs(Math.sin(3 * p.d("x"))) > 0.05)
        .where("away from x = sin(3y)", p -> Math.abs(p.d("x") - Math.sin(3 * p.d("y"))) > 0.05)
        .covering("gauge(x) > 0", p -> Math.sin(3 * p.d("x")) > 0)
        .covering("gauge(x) < 0", p -> Math.sin(3 * p.d("x")) < 0)
        .points(10)
        .checkAll();
  }

  @Test
  void helpersReturningBooleanOrIntWithActiveArguments() {
    GradientCheck.of(CALLS, "nonDoubleResults")
        .differentiable("x", "y")
        .where("away from |x| = 1", p -> Math.abs(Math.abs(p.d("x")) - 1) > 0.05)
        .where("away from integer y", p -> Math.abs(p.d("y") - Math.rint(p.d("y"))) > 0.05)
        .checkAll();
  }

  @Test
  void earlyReturnsInCallerAndCallee() {
    GradientCheck.of(CALLS, "earlyReturn")
        .differentiable("x", "y")
        .uniform("x", 0.1, 3)
        .uniform("y", 0.1, 3)
        .points(8)
        .checkAll();
  }

  @Test
  void readOnlyArrayArgumentsWithoutUnaryOperators() {
    GradientCheck.of(ARRAYS, "arraysWithoutUnary")
        .differentiable("w", "v", "x")
        .uniformArray("w", 2, 4, -1, 1)
        .generate("v", (r, p) -> {
          double[] v = new double[((double[]) p.args()[0]).length];
          for (int i = 0; i < v.length; i++) {
            v[i] = -1 + 2 * r.nextDouble();
          }
          return v;
        })
        .checkAll();
  }

  @Test
  void arrayElementsAsScalarArguments() {
    GradientCheck.of(ARRAYS, "elementArguments")
        .differentiable("w", "x")
        .uniformArray("w", 0, 4, -1, 1)
        .checkAll();
  }

  @Test
  void callOverwritingItsOwnArgumentInALoop() {
    GradientCheck.of(CALLS, "iteratedMap")
        .differentiable("x", "r")
        .uniform("x", 0.1, 0.9)
        .uniform("r", 1, 3.5)
        .ints("n", 0, 6)
        .covering("n ≥ 4", p -> p.i("n") >= 4)
        .points(10)
        .checkAll();
  }

  @Test
  void sameNameInheritedAndInInterface() {
    CompiledSources s = sources("chain");
    GradientCheck.of(s, PACKAGE + ".Derived", "inherited").differentiable("x", "y").checkAll();
  }

  @Test
  void overloadChosenByWideningToLong() {
    // javac picks level(long) for an int argument (long is more specific than double)
    GradientCheck.of(WIDENING, "longOverload").differentiable("x").ints("n", -3, 3).checkAll();
  }

  @Test
  void calleeParametersAndCallerLocalsNamedLikeGeneratedCode() {
    GradientCheck.of(CALLS, "reservedNames").differentiable("x", "y").checkAll();
  }
}
