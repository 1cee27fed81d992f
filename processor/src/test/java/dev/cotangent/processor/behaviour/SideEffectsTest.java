package dev.cotangent.processor.behaviour;

import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * Assignments, compound assignments, {@code ++} and {@code --} inside expressions: in loop
 * conditions of every kind, array indices, operands, {@code return}, chains, short-circuit
 * operands and {@code ?:} branches. {@link GradientCheck} compares the companions' values with
 * the original method's bit for bit, so a wrong evaluation order fails (each function's value
 * depends on the order), and checks the gradients against central differences, the dot test and
 * the pullback contract.
 */
class SideEffectsTest {
  static final FunctionGroup EFFECTS =
      FunctionGroup.of("behaviour.effects", "Effects")
          .members("""
              static double next(double b) {
                return b * 0.6 + 0.01;
              }
              """)
          .function(
              "helperInConditions",
              """
              @Differentiable
              public static double helperInConditions(double b, double[] a, int k) {
                double s = 0;
                while ((b = next(b)) > 0.05) {
                  s += b * a[0];
                }
                do {
                  s = s * 0.5 + a[1];
                } while ((s = next(s)) > 1 && k-- > 0);
                double v = k > 0 ? (a[k % 2] *= next(s)) : a[0]++;
                return s + b + v * a[0] + a[1] + k;
              }
              """)
          .function(
              "countDown",
              """
              @Differentiable
              public static double countDown(double x, int n) {
                double s = 1;
                while (n-- > 0) {
                  s = s * x + n;
                }
                return s + n;
              }
              """)
          .function(
              "doWhilePrefix",
              """
              @Differentiable
              public static double doWhilePrefix(double x, int counter) {
                double s = x;
                do {
                  s = Math.sin(s) + x * counter;
                  if (counter == 2) {
                    continue;
                  }
                  s += 0.5;
                } while (--counter > 0);
                return s * counter;
              }
              """)
          .function(
              "indexIncrement",
              """
              @Differentiable
              public static double indexIncrement(double x, double y) {
                double[] a = new double[4];
                int i = 0;
                a[i++] = x;
                a[i++] = x * y;
                a[i] = i++ + a[i - 1];
                a[i] = a[--i] * y + i;
                return a[0] + 2 * a[1] + 3 * a[2] + 5 * a[3] + i;
              }
              """)
          .function(
              "returnPrefix",
              """
              @Differentiable
              public static double returnPrefix(double t, int k) {
                return ++k * t + k;
              }
              """)
          .function(
              "chains",
              """
              @Differentiable
              public static double chains(double x, double y) {
                double t;
                double u;
                t = u = y * x;
                double z = (x += 2) * x;
                double w = x + (x = y) * x;
                return t + 2 * u + 3 * z + w;
              }
              """)
          .function(
              "conditionAssignment",
              """
              @Differentiable
              public static double conditionAssignment(double b, double eps) {
                double sum = 0;
                while ((b = b * 0.5) > eps) {
                  sum += b * b;
                }
                double s = b;
                if ((s = s * b) > 0.001) {
                  sum += s;
                }
                return sum + s;
              }
              """)
          .function(
              "compoundInside",
              """
              @Differentiable
              public static double compoundInside(double[] arr, double x) {
                double res = x;
                for (int i = 0; i < arr.length; i++) {
                  res += (arr[i] *= 5) * x;
                  res *= (x -= 0.1) + res * 0.01;
                }
                return res + arr[0];
              }
              """)
          .function(
              "forConditionAndUpdate",
              """
              @Differentiable
              public static double forConditionAndUpdate(double x, int n) {
                double s = 0;
                int j = 0;
                for (int i = 0; (j += 2) < 2 * n + 1; s += x * i++) {
                  s = s * 0.9 + j * x;
                }
                return s + j;
              }
              """)
          .function(
              "shortCircuit",
              """
              @Differentiable
              public static double shortCircuit(double x, int k) {
                int calls = 0;
                double s = x;
                if (k > 1 && ++calls > 0 && (s = s * x) > 0.5) {
                  s += 1;
                }
                if (k > 2 || (s *= 3) > 100) {
                  s -= x;
                }
                double c = k > 0 ? (s += x) : (s -= 2 * x);
                return s * c + calls;
              }
              """)
          .function(
              "leftOperandBeforeRight",
              """
              @Differentiable
              public static double leftOperandBeforeRight(double x, double y) {
                double a = x - (x = y);
                double b = y / (y = a * 2);
                double m = Math.max(x, x = b) + Math.atan2(y, y += 1);
                double[] v = {x, y};
                int i = 0;
                v[i] += v[i++] * (v[i] = a);
                return a + 2 * b + 3 * m + 5 * v[0] + 7 * v[1] + i;
              }
              """)
          .function(
              "intAndLongCounters",
              """
              @Differentiable
              public static double intAndLongCounters(double x, long steps) {
                double s = 0;
                long k = 0;
                int m = 7;
                while (k++ < steps && m-- > 3) {
                  s += x * k + m;
                }
                char c = 'a';
                c += 2;
                int d = c++ - 'a';
                return s + k + m + d * x + c;
              }
              """)
          .function(
              "matrixIndex",
              """
              @Differentiable
              public static double matrixIndex(double[][] m, double x) {
                int i = 0;
                int j = 0;
                m[i++][j++] *= x;
                m[i][j++] += m[i - 1][--j] * x;
                return m[0][0] + 2 * m[1][1] + 3 * m[1][0] + i + j;
              }
              """);

  @Test
  void helperCallsInEffectfulConditionsAndBranches() {
    GradientCheck.of(EFFECTS, "helperInConditions").differentiable("b", "a")
        .uniform("b", 0.2, 3).uniformArray("a", 2, -1, 1).ints("k", 0, 4).points(10).checkAll();
  }

  @Test
  void postfixDecrementInAWhileCondition() {
    GradientCheck.of(EFFECTS, "countDown").differentiable("x").uniform("x", -1.2, 1.2)
        .ints("n", 0, 5).at(0.6, 0).points(10).checkAll();
  }

  @Test
  void prefixDecrementInADoWhileConditionWithContinue() {
    GradientCheck.of(EFFECTS, "doWhilePrefix").differentiable("x").uniform("x", -1, 1)
        .ints("counter", 0, 5).at(0.3, 3).points(10).checkAll();
  }

  @Test
  void incrementsInArrayIndicesLeftBeforeRight() {
    GradientCheck.of(EFFECTS, "indexIncrement").differentiable("x", "y").checkAll();
  }

  @Test
  void prefixIncrementInAReturn() {
    GradientCheck.of(EFFECTS, "returnPrefix").differentiable("t").ints("k", -2, 4).checkAll();
  }

  @Test
  void chainedAndCompoundAssignmentsAsOperands() {
    GradientCheck.of(EFFECTS, "chains").differentiable("x", "y").checkAll();
  }

  @Test
  void assignmentsInWhileAndIfConditions() {
    GradientCheck.of(EFFECTS, "conditionAssignment").differentiable("b", "eps")
        .uniform("b", 0.5, 3).uniform("eps", 0.01, 0.02).points(10).checkAll();
  }

  @Test
  void compoundAssignmentOfAnElementInsideACompoundAssignment() {
    GradientCheck.of(EFFECTS, "compoundInside").differentiable("arr", "x")
        .uniformArray("arr", 1, 4, -1, 1).checkAll();
  }

  @Test
  void effectsInAForConditionAndUpdate() {
    GradientCheck.of(EFFECTS, "forConditionAndUpdate").differentiable("x").ints("n", 0, 5)
        .points(10).checkAll();
  }

  @Test
  void effectsRightOfAndOrAndInConditionalBranchesRunOnlyWhenTaken() {
    GradientCheck.of(EFFECTS, "shortCircuit").differentiable("x").uniform("x", -1.5, 1.5)
        .ints("k", 0, 4).points(16).checkAll();
  }

  @Test
  void operandsReadBeforeTheEffectsToTheirRight() {
    GradientCheck.of(EFFECTS, "leftOperandBeforeRight").differentiable("x", "y")
        .uniform("x", 0.5, 2).uniform("y", 0.5, 2).checkAll();
  }

  @Test
  void counterEffectsOnIntLongAndChar() {
    GradientCheck.of(EFFECTS, "intAndLongCounters").differentiable("x")
        .ints("steps", 0, 6).checkAll();
  }

  @Test
  void incrementsInMatrixIndices() {
    GradientCheck.of(EFFECTS, "matrixIndex").differentiable("m", "x")
        .uniformMatrix("m", 2, 2, -1, 1).checkAll();
  }
}
