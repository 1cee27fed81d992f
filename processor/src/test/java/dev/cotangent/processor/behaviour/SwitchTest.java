package dev.cotangent.processor.behaviour;

import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * {@code switch} statements (fall-through, {@code default} anywhere, {@code break} inside a
 * branch, {@code continue} and {@code return} out of a case, shared declarations) and switch
 * expressions (arrows, {@code yield} blocks, a {@code yield} inside a loop, nested switch
 * expressions), on {@code int}, {@code char}, {@code String} and enum selectors, in loops. Each is
 * checked by {@link GradientCheck} (adjoint and tangent against Richardson references, the dot
 * test, the pullback contract, values bit for bit) at points covering every case.
 */
class SwitchTest {
  static final FunctionGroup SWITCHES =
      FunctionGroup.of("behaviour.switches", "Switches")
          .members("enum Mode { FAST, SLOW, EXACT }")
          .function(
              "fallThroughInLoop",
              """
              @Differentiable
              public static double fallThroughInLoop(double x, int n) {
                double s = 0.5;
                for (int i = 0; i < n; i++) {
                  switch (i % 5) {
                    case 0:
                      s += x;
                    case 1:
                      s += x * s;
                      break;
                    case 2:
                      if (s > 3) {
                        break;
                      }
                      s *= 0.5;
                      break;
                    default:
                      s -= Math.sin(x * s);
                    case 4:
                      s = Math.tanh(s);
                  }
                }
                return s;
              }
              """)
          .function(
              "enumArrows",
              """
              @Differentiable
              public static double enumArrows(double x, double y, Mode mode) {
                double f = switch (mode) {
                  case FAST -> 2 * x * y;
                  case SLOW -> {
                    double t = x * x;
                    yield t + y;
                  }
                  case EXACT -> Math.exp(x - y);
                };
                return f * y;
              }
              """)
          .function(
              "stringStatement",
              """
              @Differentiable
              public static double stringStatement(double x, String kind) {
                double f = x;
                switch (kind) {
                  case "square", "sq" -> f = x * x;
                  case "sine" -> {
                    f = Math.sin(x);
                    f += x;
                  }
                  default -> f *= 3;
                }
                return f;
              }
              """)
          .function(
              "charYield",
              """
              @Differentiable
              public static double charYield(double x, char c) {
                double g = switch (c) {
                  case 'a':
                    yield x * x;
                  case 'b':
                  case 'c':
                    double u = x + 1;
                    yield u * x;
                  default:
                    yield 2.0;
                };
                return g + x;
              }
              """)
          .function(
              "jumpsOutOfCases",
              """
              @Differentiable
              public static double jumpsOutOfCases(double x, int n) {
                double s = x;
                for (int i = 0; i < n; i++) {
                  switch (i % 3) {
                    case 0:
                      if (s > 2) {
                        return s * x;
                      }
                      s = s * x + 1;
                      continue;
                    case 1:
                      s = Math.atan(s);
                      break;
                    default:
                      s -= x;
                  }
                  s += 0.25 * x;
                }
                return s;
              }
              """)
          .function(
              "yieldFromALoop",
              """
              @Differentiable
              public static double yieldFromALoop(double x, int k) {
                double r = switch (k % 2) {
                  case 0 -> {
                    double p = x;
                    for (int i = 0; i < 4; i++) {
                      if (p > 3) {
                        yield p;
                      }
                      p = p * x + 0.5;
                    }
                    yield -p;
                  }
                  default -> switch (k) {
                    case 1 -> x * 3;
                    default -> {
                      double q = Math.cos(x);
                      yield q * q;
                    }
                  };
                };
                return r;
              }
              """)
          .function(
              "selectorOnce",
              """
              /** The case body changes the selector's variable: it is read once, before. */
              @Differentiable
              public static double selectorOnce(double x, int k) {
                double s = x;
                switch (k) {
                  case 0:
                    k = 1;
                    s = s * x;
                  case 1:
                    s += k;
                    break;
                  case 2:
                    double t = x * 2;
                    s = t * s;
                    break;
                  case 3:
                    t = x * x;
                    s = s - t;
                }
                return s * k;
              }
              """)
          .function(
              "returnsFromSwitch",
              """
              @Differentiable
              public static double returnsFromSwitch(double x, int k) {
                switch (k) {
                  case 0:
                    return x * x;
                  case 1:
                    return Math.sin(x);
                  default:
                    return switch (k) {
                      case 2 -> x;
                      default -> x * k;
                    };
                }
              }
              """);

  @Test
  void fallThroughDefaultInTheMiddleAndBreakInABranch() {
    GradientCheck.of(SWITCHES, "fallThroughInLoop")
        .differentiable("x")
        .uniform("x", -1.5, 1.5)
        .ints("n", 0, 9)
        .covering("every case runs (n ≥ 5)", p -> p.i("n") >= 5)
        .at(0.7, 0)
        .at(-0.4, 9)
        .points(12)
        .checkAll();
  }

  @Test
  void enumSwitchExpressionWithArrowsAndAYieldBlock() {
    Object[] modes = SWITCHES.sourcesFor("enumArrows")
        .load(SWITCHES.className() + "$Mode").getEnumConstants();
    for (Object mode : modes) {
      GradientCheck.of(SWITCHES, "enumArrows")
          .differentiable("x", "y")
          .fixed("mode", mode)
          .checkAll();
    }
  }

  @Test
  void stringSwitchWithSeveralLabelsAndDefault() {
    for (String kind : new String[] {"square", "sq", "sine", "other"}) {
      GradientCheck.of(SWITCHES, "stringStatement").differentiable("x").fixed("kind", kind)
          .checkAll();
    }
  }

  @Test
  void charSwitchExpressionWithYieldAndGroupedLabels() {
    for (char c : new char[] {'a', 'b', 'c', 'z'}) {
      GradientCheck.of(SWITCHES, "charYield").differentiable("x").fixed("c", c).checkAll();
    }
  }

  @Test
  void continueAndReturnOutOfCasesInALoop() {
    GradientCheck.of(SWITCHES, "jumpsOutOfCases")
        .differentiable("x")
        .uniform("x", -1, 1.8)
        .ints("n", 0, 7)
        .covering("a return from a case", p -> p.i("n") >= 4 && p.d("x") > 1.2)
        .points(12)
        .checkAll();
  }

  @Test
  void yieldFromALoopAndANestedSwitchExpression() {
    GradientCheck.of(SWITCHES, "yieldFromALoop")
        .differentiable("x")
        .uniform("x", 0.2, 2)
        .ints("k", 0, 4)
        .covering("k = 0", p -> p.i("k") == 0)
        .covering("k = 1", p -> p.i("k") == 1)
        .covering("k = 3", p -> p.i("k") == 3)
        .points(12)
        .checkAll();
  }

  @Test
  void selectorEvaluatedOnceAndDeclarationsSharedByCases() {
    GradientCheck.of(SWITCHES, "selectorOnce")
        .differentiable("x")
        .ints("k", 0, 4)
        .at(0.8, 0) // k = 0 falls into k = 1
        .at(-1.3, 3) // k = 3 assigns a variable case 2 declares
        .points(12)
        .checkAll();
  }

  @Test
  void returnsFromEveryCase() {
    GradientCheck.of(SWITCHES, "returnsFromSwitch")
        .differentiable("x")
        .ints("k", 0, 3)
        .points(10)
        .checkAll();
  }
}
