package dev.cotangent.processor.second;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.SecondOrderMethod;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hessian-vector products through every construct the first order differentiates: loops that
 * overwrite (taped values), branches inside loops (taped decisions), early returns, loops with
 * data-dependent trip counts, arrays written in place, work arrays, matrices, array references
 * reassigned in a loop, calls (to helpers, to annotated methods, in loops, recursive) and
 * {@code @DerivativeOf} rules (differentiated at second order). Each is checked at random points
 * against Richardson central differences of the first-order gradient and with the dot test
 * ⟨w, H·v⟩ = ⟨H·w, v⟩.
 */
class ConstructsHessianTest {
  static final String SPECIAL = """
      package second.constructs;

      public final class Special {
        private Special() {}

        /** The source is here, but the rule below takes precedence. */
        public static double softplus(double x) {
          return Math.log1p(Math.exp(x));
        }

        public static double logSumExp2(double u, double v) {
          double m = Math.max(u, v);
          return m + Math.log(Math.exp(u - m) + Math.exp(v - m));
        }
      }
      """;

  static final String RULES = """
      package second.constructs;

      import dev.cotangent.DerivativeOf;

      public final class Rules {
        private Rules() {}

        @DerivativeOf(owner = Special.class, method = "softplus")
        static double softplusDerivative(double x) {
          return 1 / (1 + Math.exp(-x));
        }

        @DerivativeOf(owner = Special.class, method = "logSumExp2", wrt = "u")
        static double byU(double u, double v) {
          return Math.exp(u - Special.logSumExp2(u, v));
        }

        @DerivativeOf(owner = Special.class, method = "logSumExp2", wrt = "v")
        static double byV(double u, double v) {
          return Math.exp(v - Special.logSumExp2(u, v));
        }
      }
      """;

  static final FunctionGroup CONSTRUCTS = FunctionGroup.of("second.constructs", "Constructs")
      .source(SPECIAL)
      .source(RULES)
      .members("""
          static double helper(double a, double b) {
            return Math.sin(a) * b + a * a * b;
          }

          @Differentiable
          static double annotated(double a) {
            return Math.exp(0.3 * a) / (1 + a * a);
          }

          static double power(double x, int n) {
            if (n == 0) {
              return 1;
            }
            double rest = power(x, n - 1);
            return x * rest;
          }

          static double dot(double[] a, double[] b) {
            double s = 0;
            for (int i = 0; i < a.length; i++) {
              s += a[i] * b[i];
            }
            return s;
          }
          """)
      .function("overwrites", """
          @Differentiable(order = 2)
          public static double overwrites(double x, double y, int n) {
            double s = x;
            for (int i = 0; i < n; i++) {
              s = s * Math.sin(s + y) + 0.3 * x;
              y = y * 0.9 + Math.cos(s);
            }
            return s * y;
          }
          """)
      .function("branches", """
          @Differentiable(order = 2)
          public static double branches(double x, double t) {
            if (x <= 0) {
              return x * x;
            }
            double p = x;
            for (int i = 0; i < 50; i++) {
              if (p > t) {
                return Math.log(p) * t;
              }
              if (i % 2 == 0) {
                p = p * x + 0.5;
              } else {
                p = p + Math.sqrt(p) * t;
              }
            }
            return p;
          }
          """)
      .function("dataTrips", """
          @Differentiable(order = 2)
          public static double dataTrips(double x, double r) {
            double v = x;
            double s = 0;
            while (v > 0.05) {
              s += v * v * r;
              v = v * r;
            }
            return s + v;
          }
          """)
      .function("inPlace", """
          @Differentiable(order = 2)
          public static double inPlace(double[] x, double[] w) {
            double norm = 0;
            for (int i = 0; i < x.length; i++) {
              norm += x[i] * x[i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < x.length; i++) {
              x[i] = x[i] / norm * w[i];
            }
            double s = 0;
            for (int i = 0; i < x.length; i++) {
              s += x[i] * x[i] * x[i];
            }
            return s;
          }
          """)
      .function("workArray", """
          @Differentiable(order = 2)
          public static double workArray(double[] x, int steps) {
            double[] u = x.clone();
            for (int t = 0; t < steps; t++) {
              for (int i = 1; i + 1 < u.length; i++) {
                u[i] = u[i] + 0.2 * (u[i - 1] - 2 * u[i] + u[i + 1]) * u[i];
              }
            }
            double s = 0;
            for (int i = 0; i < u.length; i++) {
              s += Math.tanh(u[i]);
            }
            return s;
          }
          """)
      .function("swapped", """
          @Differentiable(order = 2)
          public static double swapped(double[] x, int steps) {
            double[] cur = x.clone();
            for (int t = 0; t < steps; t++) {
              double[] next = new double[cur.length];
              for (int i = 0; i < cur.length; i++) {
                next[i] = Math.sin(cur[i]) + 0.5 * cur[(i + 1) % cur.length] * cur[i];
              }
              cur = next;
            }
            double s = 0;
            for (double c : cur) {
              s += c * c;
            }
            return s;
          }
          """)
      .function("matrix", """
          @Differentiable(order = 2)
          public static double matrix(double[][] m, double[] v) {
            double s = 0;
            for (int i = 0; i < m.length; i++) {
              double row = 0;
              for (int j = 0; j < v.length; j++) {
                row += m[i][j] * v[j];
              }
              s += row * row * m[i][i];
            }
            return s;
          }
          """)
      .function("calls", """
          @Differentiable(order = 2)
          public static double calls(double x, double y) {
            double a = helper(x * y, x);
            double b = annotated(a - y);
            return a * b + power(y, 3);
          }
          """)
      .function("callsInLoop", """
          @Differentiable(order = 2)
          public static double callsInLoop(double[] x, double c) {
            double s = c;
            for (int i = 0; i < x.length; i++) {
              s = helper(s, x[i]) * 0.5 + dot(x, x) * c;
            }
            return s;
          }
          """)
      .function("rules", """
          @Differentiable(order = 2)
          public static double rules(double x, double y) {
            double s = Special.softplus(x * y) * x;
            for (int i = 0; i < 3; i++) {
              s += Special.logSumExp2(s * 0.5, y - i);
            }
            return s;
          }
          """)
      .function("readBeforeOverwrite", """
          @Differentiable(order = 2)
          public static double readBeforeOverwrite(double x, double[] w) {
            for (int i = 0; i < 3; i++) {
              boolean big = (int) (2.5 * Math.abs(Math.tanh(w[0] * Math.floor(1.5 * x)))) % 3 == 0;
              w[0] -= Math.sin(1.2 * x) * w[0];
              x = x * 0.9 + w[0] * w[0];
            }
            return x;
          }
          """)
      .function("alias", """
          @Differentiable(order = 2)
          public static double alias(double x, double[] w) {
            double[] v = w;
            double s = 0;
            for (int i = 0; i < v.length; i++) {
              s += Math.sin(v[i] * x) * v[(i + 1) % v.length];
            }
            return s * x;
          }
          """)
      .function("floorOnly", """
          static double bump(double a) {
            return Math.sin(a) * a + 0.5;
          }

          @Differentiable(order = 2)
          public static double floorOnly(double x, double y, double z) {
            y = Math.sin(y) * Math.floor(0.51 * z);
            for (int i = 0; i < 3; i++) {
              z += Math.atan(bump(x));
              y = y * Math.cos(0.3 * y) + 0.2 * y * y;
            }
            return y * y + Math.floor(z);
          }
          """)
      .function("mathFunctions", """
          @Differentiable(order = 2)
          public static double mathFunctions(double x, double y) {
            double a = Math.atan2(y, x) + Math.hypot(x, y) + Math.pow(x * x + 1, y);
            double b = Math.tan(0.3 * x) + Math.cbrt(2 + y * y) + Math.log10(3 + x * y);
            double c = Math.tanh(x - y) + Math.expm1(0.2 * y) + Math.atan(x) + Math.asin(0.3 * y);
            double d = Math.cosh(0.5 * x) * Math.sinh(0.3 * y) + Math.max(x, y) * Math.abs(y);
            return a * b + c / (2 + d * d) + Math.acos(0.2 * x) * Math.log1p(y * y);
          }
          """);

  private static SecondOrderMethod method(String name, Class<?>[] types, boolean... d) {
    assumeFalse(CompiledSources.referenceOnly(), "no companions in reference-only mode");
    return new SecondOrderMethod(CONSTRUCTS.sourcesFor(name), CONSTRUCTS.className(), name, types,
        d);
  }

  private static final Random RANDOM = new Random(19);

  private static double uniform(double lo, double hi) {
    return lo + (hi - lo) * RANDOM.nextDouble();
  }

  private static double[] array(int n, double lo, double hi) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = uniform(lo, hi);
    }
    return out;
  }

  /** Checks products along two random directions and the dot test between them. */
  private static void check(SecondOrderMethod m, Object[] args, Object[] v, Object[] w) {
    SecondOrderMethod.Product product = m.check(args, v, 1e-6);
    m.check(args, w, 1e-6);
    m.dotTest(args, v, w, 1e-11);
    // the dense Hessian (its rows in blocks, in vector mode) times v is the product
    double[][] h = m.hessian(args);
    double[] flat = SecondOrderMethod.flattenDirections(v);
    for (int i = 0; i < h.length; i++) {
      double row = 0;
      for (int j = 0; j < h.length; j++) {
        row += h[i][j] * flat[j];
      }
      assertEquals(product.hv()[i], row, 1e-11 * Math.max(1, Math.abs(row)), "H row " + i);
    }
  }

  @Test
  void loopsThatOverwrite() {
    SecondOrderMethod m = method("overwrites",
        new Class<?>[] {double.class, double.class, int.class}, true, true, false);
    for (int k = 0; k < 4; k++) {
      check(m, new Object[] {uniform(-1, 1), uniform(-1, 1), 5},
          new Object[] {uniform(-1, 1), uniform(-1, 1)},
          new Object[] {uniform(-1, 1), uniform(-1, 1)});
    }
  }

  @Test
  void branchesInsideLoopsAndEarlyReturns() {
    SecondOrderMethod m = method("branches", new Class<?>[] {double.class, double.class},
        true, true);
    double[][] points = {{-0.7, 3.0}, {1.3, 40.0}, {1.1, 1e6}, {0.9, 5.0}};
    for (double[] p : points) {
      check(m, new Object[] {p[0], p[1]}, new Object[] {0.7, -0.2}, new Object[] {-0.4, 0.9});
    }
  }

  @Test
  void loopsWithDataDependentTrips() {
    SecondOrderMethod m = method("dataTrips", new Class<?>[] {double.class, double.class},
        true, true);
    for (double[] p : new double[][] {{1.3, 0.6}, {0.7, 0.8}, {2.1, 0.45}}) {
      check(m, new Object[] {p[0], p[1]}, new Object[] {1.0, 0.3}, new Object[] {-0.5, 0.8});
    }
  }

  @Test
  void arraysWrittenInPlace() {
    SecondOrderMethod m = method("inPlace", new Class<?>[] {double[].class, double[].class},
        true, true);
    for (int k = 0; k < 3; k++) {
      check(m, new Object[] {array(5, -1, 1), array(5, 0.5, 1.5)},
          new Object[] {array(5, -1, 1), array(5, -1, 1)},
          new Object[] {array(5, -1, 1), array(5, -1, 1)});
    }
  }

  @Test
  void workArraysOverwrittenInLoops() {
    SecondOrderMethod m = method("workArray", new Class<?>[] {double[].class, int.class},
        true, false);
    check(m, new Object[] {array(7, -1, 1), 4}, new Object[] {array(7, -1, 1)},
        new Object[] {array(7, -1, 1)});
  }

  @Test
  void arrayReferencesReassignedInALoop() {
    SecondOrderMethod m = method("swapped", new Class<?>[] {double[].class, int.class},
        true, false);
    check(m, new Object[] {array(4, -1, 1), 3}, new Object[] {array(4, -1, 1)},
        new Object[] {array(4, -1, 1)});
  }

  @Test
  void matrices() {
    SecondOrderMethod m = method("matrix", new Class<?>[] {double[][].class, double[].class},
        true, true);
    double[][] a = {array(3, -1, 1), array(3, -1, 1), array(3, -1, 1)};
    double[][] da = {array(3, -1, 1), array(3, -1, 1), array(3, -1, 1)};
    double[][] ea = {array(3, -1, 1), array(3, -1, 1), array(3, -1, 1)};
    check(m, new Object[] {a, array(3, -1, 1)}, new Object[] {da, array(3, -1, 1)},
        new Object[] {ea, array(3, -1, 1)});
  }

  @Test
  void callsToHelpersAnnotatedAndRecursiveMethods() {
    SecondOrderMethod m = method("calls", new Class<?>[] {double.class, double.class}, true,
        true);
    for (int k = 0; k < 4; k++) {
      check(m, new Object[] {uniform(-1, 1), uniform(-1, 1)},
          new Object[] {uniform(-1, 1), uniform(-1, 1)},
          new Object[] {uniform(-1, 1), uniform(-1, 1)});
    }
  }

  @Test
  void callsInsideLoopsWithArrayArguments() {
    SecondOrderMethod m = method("callsInLoop", new Class<?>[] {double[].class, double.class},
        true, true);
    check(m, new Object[] {array(4, -1, 1), 0.4}, new Object[] {array(4, -1, 1), 0.5},
        new Object[] {array(4, -1, 1), -0.3});
  }

  @Test
  void derivativeRulesAreDifferentiated() {
    SecondOrderMethod m = method("rules", new Class<?>[] {double.class, double.class}, true,
        true);
    for (int k = 0; k < 4; k++) {
      check(m, new Object[] {uniform(-1, 1), uniform(-1, 1)},
          new Object[] {uniform(-1, 1), uniform(-1, 1)},
          new Object[] {uniform(-1, 1), uniform(-1, 1)});
    }
  }

  /**
   * Random programs 1503 and 3429: a pass read a taped element into a local before it was
   * overwritten (the tape then got the local, whose tangent had not been pushed).
   */
  @Test
  void anElementReadIntoALocalBeforeItIsOverwritten() {
    SecondOrderMethod m = method("readBeforeOverwrite",
        new Class<?>[] {double.class, double[].class}, true, true);
    check(m, new Object[] {0.3, array(2, -1, 1)}, new Object[] {0.6, array(2, -1, 1)},
        new Object[] {-0.8, array(2, -1, 1)});
  }

  /** Random program 9786: the adjoint of an array parameter reached through a local alias. */
  @Test
  void anArrayParameterThroughALocalAlias() {
    SecondOrderMethod m = method("alias", new Class<?>[] {double.class, double[].class}, true,
        true);
    check(m, new Object[] {0.7, array(3, -1, 1)}, new Object[] {0.6, array(3, -1, 1)},
        new Object[] {-0.8, array(3, -1, 1)});
  }

  /**
   * Random program 764: a call inactive at order 1 (its value reaches the result only through
   * {@code floor}, so the helper gets no companions) whose result flows into a taped value that
   * the reverse sweep reads through {@code floor}. The product called the helper's tangent,
   * which was never generated; the call's tangent is zero there.
   */
  @Test
  void aCallInactiveAtOrderOneFeedingATapedValue() {
    SecondOrderMethod m = method("floorOnly",
        new Class<?>[] {double.class, double.class, double.class}, true, true, true);
    for (double[] p : new double[][] {{0.4, 0.9, 3.1}, {-0.6, 0.3, 2.3}, {1.2, -0.5, 4.4}}) {
      check(m, new Object[] {p[0], p[1], p[2]}, new Object[] {0.7, -0.2, 0.5},
          new Object[] {-0.4, 0.9, 0.3});
    }
  }

  @Test
  void mathFunctions() {
    SecondOrderMethod m = method("mathFunctions", new Class<?>[] {double.class, double.class},
        true, true);
    for (double[] p : new double[][] {{0.4, 0.9}, {-0.6, 0.3}, {1.2, -0.5}}) {
      check(m, new Object[] {p[0], p[1]}, new Object[] {0.7, -0.2}, new Object[] {-0.4, 0.9});
    }
  }
}
