package dev.cotangent.processor.behaviour;

import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * Variables: several in one declaration, {@code final} locals, sibling block scopes, reassigned
 * locals and parameters (overwrites, also in loops), constants of the same class (plain and
 * qualified) and of another class, {@code Math.PI} and {@code Math.E}.
 */
class DeclarationsTest {
  static final String PHYSICS =
      """
      package behaviour.decl;

      public final class Physics {
        private Physics() {}

        public static final double G = 9.81;
        public static final int DIMENSIONS = 3;
      }
      """;

  static final FunctionGroup DECL =
      FunctionGroup.of("behaviour.decl", "Decl")
          .source(PHYSICS)
          .members(
              """
              static final double RHO = 1.225;
              static final int STEPS = 4;
              private static final double HALF = 0.5;
              """)
          .function(
              "multiDecl",
              """
              @Differentiable
              public static double multiDecl(double x, double y) {
                double a = x, b = 2 * a, c;
                c = a * b + y;
                int i = 2, j = i * 3;
                double d = c * c - b, e = d * y;
                return d + e + i * j * y;
              }
              """)
          .function(
              "finalLocals",
              """
              @Differentiable
              public static double finalLocals(double x) {
                final double sq = x * x;
                final int three = 3;
                final double k = sq * three + Math.PI;
                return k * sq / three;
              }
              """)
          .function(
              "blockScopes",
              """
              @Differentiable
              public static double blockScopes(double x, double y) {
                double acc = 0;
                {
                  double t = x * 2;
                  acc += t * y;
                }
                {
                  double t = y * 3;
                  acc += t * t;
                }
                for (int i = 0; i < 2; i++) {
                  double t = acc * 0.5 + x;
                  acc = t;
                }
                return acc;
              }
              """)
          .function(
              "constants",
              """
              @Differentiable
              public static double constants(double h, double v) {
                return Physics.G * h + HALF * RHO * v * v + STEPS * Math.PI * h * v + Math.E * v
                    - Physics.G / STEPS * h * h + Decl.RHO * Physics.DIMENSIONS * h;
              }
              """)
          .function(
              "mathConstants",
              """
              @Differentiable
              public static double mathConstants(double x) {
                return Math.sin(Math.PI * x) * Math.E + Math.log(Math.E * x * x + 1) - StrictMath.PI / x;
              }
              """)
          .function(
              "reassignParameters",
              """
              @Differentiable
              public static double reassignParameters(double x, double y) {
                x = x * x + 1;
                y = y - x;
                x = x * y;
                y = y * y;
                return x + y;
              }
              """)
          .function(
              "squaringLoop",
              """
              @Differentiable
              public static double squaringLoop(double x, int n) {
                for (int i = 0; i < n; i++) {
                  x = x * x + 1;
                }
                return x;
              }
              """)
          .function(
              "swapLoop",
              """
              @Differentiable
              public static double swapLoop(double a, double b, int n) {
                for (int i = 0; i < n; i++) {
                  double t = a + b;
                  a = b;
                  b = t * 0.5;
                }
                return a * b;
              }
              """)
          .function(
              "selfReference",
              """
              @Differentiable
              public static double selfReference(double x, double y) {
                double s = x;
                s = s * y + s;
                s = Math.sin(s) * s;
                s = s / (1 + s * s);
                s = s - s * s * y;
                return s;
              }
              """);

  @Test
  void severalVariablesInOneDeclaration() {
    GradientCheck.of(DECL, "multiDecl").differentiable("x", "y").checkAll();
  }

  @Test
  void finalLocals() {
    GradientCheck.of(DECL, "finalLocals").differentiable("x").checkAll();
  }

  @Test
  void siblingBlocksDeclareTheSameName() {
    GradientCheck.of(DECL, "blockScopes").differentiable("x", "y").checkAll();
  }

  @Test
  void staticFinalConstantsOfThisAndAnotherClass() {
    GradientCheck.of(DECL, "constants").differentiable("h", "v").checkAll();
  }

  @Test
  void mathPiAndE() {
    GradientCheck.of(DECL, "mathConstants")
        .differentiable("x")
        .uniform("x", 0.3, 2)
        .checkAll();
  }

  @Test
  void reassignedParameters() {
    GradientCheck.of(DECL, "reassignParameters").differentiable("x", "y").checkAll();
  }

  @Test
  void parameterOverwrittenInALoop() {
    GradientCheck.of(DECL, "squaringLoop")
        .differentiable("x")
        .uniform("x", -1, 1)
        .ints("n", 0, 4)
        .covering("n = 4", p -> p.i("n") == 4)
        .covering("n = 0", p -> p.i("n") == 0)
        .points(12)
        .checkAll();
  }

  @Test
  void localsSwappedThroughATemporary() {
    GradientCheck.of(DECL, "swapLoop")
        .differentiable("a", "b")
        .ints("n", 0, 7)
        .points(10)
        .checkAll();
  }

  @Test
  void variableOnBothSidesOfItsAssignment() {
    GradientCheck.of(DECL, "selfReference").differentiable("x", "y").checkAll();
  }
}
