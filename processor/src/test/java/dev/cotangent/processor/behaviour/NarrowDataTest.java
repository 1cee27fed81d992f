package dev.cotangent.processor.behaviour;

import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * {@code byte}, {@code short}, {@code char} and enum values as non-differentiable data: locals,
 * loop counters, switch selectors, array indices, comparisons, arithmetic with ints and doubles,
 * {@code byte[]}/{@code short[]}/{@code char[]} parameters, casts and compound assignments with
 * Java's narrowing (wrapping). {@link GradientCheck} compares every companion's value with the
 * original method's bit for bit (so a missing wrap fails) and the gradients with central
 * differences, the dot test and the pullback contract.
 */
class NarrowDataTest {
  static final FunctionGroup NARROW =
      FunctionGroup.of("behaviour.narrow", "Narrow")
          .members("enum Op { ADD, MUL, NEG }")
          .members("""
              static double helper(double x, byte b, short[] h, int[][] m) {
                return x * b + h[0] * m[0][0];
              }
              static void bump(byte[] w, int[][] m) {
                w[0] += 1;
                m[0][0]++;
              }
              static int[][] pairs(int n) {
                int[][] p = new int[n][2];
                for (int i = 0; i < n; i++) {
                  p[i][0] = i;
                  p[i][1] = (i + 1) % n;
                }
                return p;
              }
              """)
          .function(
              "counters",
              """
              @Differentiable
              public static double counters(double x, int n) {
                double s = 0;
                for (byte i = 0; i < n; i++) {
                  s = s * x + i;
                }
                short k = 0;
                while (k < 2 * n) {
                  s += x * k;
                  k += 3;
                }
                for (char c = 'a'; c <= 'a' + n; c++) {
                  s -= 0.1 * x * (c - 'a');
                }
                return s + k;
              }
              """)
          .function(
              "wraps",
              """
              @Differentiable
              public static double wraps(double x, int k, int n) {
                byte b = (byte) k;
                short h = (short) (k * 1000);
                char c = (char) k;
                double s = 0;
                for (int i = 0; i < n; i++) {
                  b += 100;
                  h *= 7;
                  c -= 40000;
                  b++;
                  --h;
                  s += x * b + 1e-4 * h * x + 1e-5 * c;
                }
                return s + b + h + c;
              }
              """)
          .function(
              "mixed",
              """
              @Differentiable
              public static double mixed(double x, double y, byte b, short h, char c) {
                int m = b * h + c;
                long l = 3L * b - h;
                double t = x * b + y / (h + 0.5) + c * x * y;
                float f = b * 0.5f;
                boolean big = b > h || c == 'q' || b == m;
                byte d = (byte) (b >> 1);
                short e = (short) (h & 0xff | d);
                return t + (big ? x : y) * m + l * 1e-3 + f * y + d * x + e * y;
              }
              """)
          .function(
              "casts",
              """
              @Differentiable
              public static double casts(double x, int k) {
                byte b = (byte) (k * 37);
                short h = (short) (k * 1000);
                char c = (char) (k + 'A');
                int i = (int) (byte) Math.floor(x * 3);
                short q = (short) (x * 1e6);
                return x * x * b + h * x + c + i * x + (short) k * q * 0;
              }
              """)
          .function(
              "selectors",
              """
              @Differentiable
              public static double selectors(double x, byte b, short h, Op op) {
                double y = x;
                switch (b) {
                  case 0:
                    y = y * x;
                  case 1:
                    y += 1;
                    break;
                  default:
                    y = -y;
                }
                double z = switch (h) {
                  case 10 -> Math.sin(y);
                  case -3, 7 -> {
                    double t = y * 0.5;
                    yield t * t;
                  }
                  default -> y * h;
                };
                Op o = op;
                if (b > 1) {
                  o = Op.NEG;
                }
                switch (o) {
                  case ADD -> z += x;
                  case MUL -> z *= x;
                  default -> z = -z;
                }
                return z;
              }
              """)
          .function(
              "indices",
              """
              @Differentiable
              public static double indices(double[] a, byte[] w, short[] at, char[] ops) {
                double s = 0;
                for (short i = 0; i < at.length; i++) {
                  double v = a[at[i]] * w[i];
                  switch (ops[i]) {
                    case '+' -> s += v;
                    case '*' -> s *= v;
                    default -> s -= v * v;
                  }
                }
                byte j = (byte) (a.length - 1);
                char c = 1;
                return s + a[j] * a[c] + w.length + at[0] + ops[0];
              }
              """)
          .function(
              "taped",
              """
              @Differentiable
              public static double taped(double x, int n) {
                byte b = 1;
                short h = 3;
                char c = 'a';
                double s = x;
                for (int i = 0; i < n; i++) {
                  b = (byte) (b * 3 + 1);
                  h += 2;
                  c++;
                  s = s * b * x * 1e-2 + Math.sin(s * h) + s * (c - 'a');
                }
                return s;
              }
              """)
          .function(
              "writtenArrays",
              """
              @Differentiable
              public static double writtenArrays(double x, byte[] w, short[] h) {
                double s = x;
                for (int i = 0; i < w.length; i++) {
                  w[i] += 100;
                  h[i]++;
                  s = s * x * w[i] * 1e-2 + 1e-5 * h[i] * Math.sin(s);
                }
                char[] cs = new char[w.length];
                cs[0] = 'z';
                cs[0] += 2;
                return s + cs[0];
              }
              """)
          .function(
              "checkpointed",
              """
              @Differentiable(checkpoints = 2)
              public static double checkpointed(double x, int n) {
                byte b = 5;
                short h = 1;
                double s = x;
                for (int i = 0; i < n; i++) {
                  b -= 7;
                  h = (short) (h * 5 + 1);
                  s = Math.sin(s) * b * 0.05 + s * x * h * 1e-4;
                }
                return s;
              }
              """)
          .function("enhanced", """
              @Differentiable
              public static double enhanced(double x, byte[] w, char[] cs, int[][] m) {
                double s = 0;
                for (byte b : w) {
                  s += b * x;
                }
                for (char c : cs) {
                  s += (c - 'a') * x * x;
                }
                for (int[] row : m) {
                  for (int k : row) {
                    s += k * x;
                  }
                }
                return s;
              }
              """)
          .function("copies", """
              @Differentiable
              public static double copies(double x, byte[] w, int[][] m) {
                byte[] c = w.clone();
                short[] h = new short[3];
                java.util.Arrays.fill(h, (short) 3);
                System.arraycopy(w, 0, c, 0, 1);
                int[] row = m[0].clone();
                return x * c[0] + h[1] * x + row[0] * x;
              }
              """)
          .function("conditional", """
              @Differentiable
              public static double conditional(double x, byte b, int k) {
                byte c = k > 0 ? b : 0;
                short d = k > 1 ? (short) k : c;
                char e = k > 2 ? 'x' : 'y';
                int f = -b + ~c + (d >>> 1) + (e << 2);
                return x * c + d * x + e + f * x;
              }
              """)
          .function("inExpressions", """
              @Differentiable
              public static double inExpressions(double x, byte[] w, int n) {
                double s = 0;
                byte b = 120;
                for (int i = 0; i < n; i++) {
                  s += x * (b += 5) + w[i % w.length]++ * x;
                  s -= (short) (b * 1000) * 1e-5 * x;
                }
                return s + w[0];
              }
              """)
          .function("calls", """
              @Differentiable
              public static double calls(double x, byte b, short[] h, int[][] m, byte[] w) {
                double y = helper(x, b, h, m);
                bump(w, m);
                int[][] p = pairs(3);
                return y * x + w[0] * x + m[0][0] + p[2][1] * x;
              }
              """)
          .function("longMix", """
              @Differentiable
              public static double longMix(double x, short h, long l) {
                long m = h * l;
                h += l;
                float f = h;
                return x * m + h * x + f;
              }
              """);

  @Test
  void byteShortAndCharLoopCounters() {
    GradientCheck.of(NARROW, "counters").differentiable("x").uniform("x", -1, 1)
        .ints("n", 0, 5).points(10).checkAll();
  }

  @Test
  void compoundAssignmentsAndIncrementsWrapAsInJava() {
    GradientCheck.of(NARROW, "wraps").differentiable("x").ints("k", -130, 130)
        .ints("n", 0, 6).points(10).checkAll();
  }

  @Test
  void narrowValuesMixWithIntsAndDoubles() {
    GradientCheck.of(NARROW, "mixed").differentiable("x", "y").ints("b", -128, 127)
        .ints("h", -300, 300).generate("c", (r, p) -> (char) ('a' + r.nextInt(26)))
        .points(10).checkAll();
  }

  @Test
  void castsToByteShortAndChar() {
    GradientCheck.of(NARROW, "casts").differentiable("x").uniform("x", -3, 3)
        .where("away from the jumps of floor", p -> {
          double x = p.d("x") * 3;
          return Math.abs(x - Math.rint(x)) > 0.01;
        })
        .ints("k", -200, 200).checkAll();
  }

  @Test
  void byteShortAndEnumSwitchSelectors() {
    Object[] ops = NARROW.sourcesFor("selectors").load(NARROW.className() + "$Op")
        .getEnumConstants();
    for (int b = -1; b <= 2; b++) {
      for (int h : new int[] {10, -3, 7, 2}) {
        for (Object op : ops) {
          GradientCheck.of(NARROW, "selectors").differentiable("x")
              .fixed("b", (byte) b).fixed("h", (short) h)
              .fixed("op", op).points(2).checkAll();
        }
      }
    }
  }

  @Test
  void narrowArraysAsIndexData() {
    GradientCheck.of(NARROW, "indices").differentiable("a")
        .uniformArray("a", 4, -1, 1)
        .fixed("w", new byte[] {3, -2, 1, 5, 7})
        .fixed("at", new short[] {0, 3, 1, 2, 3})
        .fixed("ops", new char[] {'+', '*', '-', '+', '*'}).checkAll();
  }

  @Test
  void overwrittenNarrowLocalsAreRestoredForTheReverseSweep() {
    GradientCheck.of(NARROW, "taped").differentiable("x").uniform("x", -1, 1)
        .ints("n", 0, 7).points(10).checkAll();
  }

  @Test
  void writesIntoNarrowArraysWrapAndAreUndoneForTheReverseSweep() {
    GradientCheck.of(NARROW, "writtenArrays").differentiable("x").uniform("x", -1, 1)
        .fixed("w", new byte[] {100, -5, 27, 120}).fixed("h", new short[] {32767, 0, -4, 9})
        .checkAll();
  }

  @Test
  void narrowLocalsInACheckpointedLoop() {
    GradientCheck.of(NARROW, "checkpointed").differentiable("x").uniform("x", -1, 1)
        .ints("n", 0, 9).points(10).checkAll();
  }

  @Test
  void enhancedForOverNarrowArraysAndIndexMatrixRows() {
    GradientCheck.of(NARROW, "enhanced").differentiable("x").fixed("w", new byte[] {1, -3, 7})
        .fixed("cs", new char[] {'a', 'q'}).fixed("m", new int[][] {{1, 2}, {3}}).checkAll();
  }

  @Test
  void narrowArraysClonedFilledAndCopied() {
    GradientCheck.of(NARROW, "copies").differentiable("x").fixed("w", new byte[] {1, -3, 7})
        .fixed("m", new int[][] {{1, 2}, {3}}).checkAll();
  }

  @Test
  void narrowValuesInConditionalsAndBitOperations() {
    GradientCheck.of(NARROW, "conditional").differentiable("x").ints("b", -128, 127)
        .ints("k", -1, 4).points(12).checkAll();
  }

  @Test
  void narrowCompoundAssignmentsAndIncrementsInsideExpressions() {
    GradientCheck.of(NARROW, "inExpressions").differentiable("x")
        .fixed("w", new byte[] {126, -3, 7}).ints("n", 0, 8).points(10).checkAll();
  }

  @Test
  void narrowAndIndexMatrixArgumentsOfHelpersOutParametersAndResults() {
    GradientCheck.of(NARROW, "calls").differentiable("x").ints("b", -5, 5)
        .fixed("h", new short[] {3}).fixed("m", new int[][] {{1, 2}, {3}})
        .fixed("w", new byte[] {127}).checkAll();
  }

  @Test
  void shortsMixedWithLongs() {
    GradientCheck.of(NARROW, "longMix").differentiable("x").ints("h", -300, 300)
        .generate("l", (r, p) -> (long) r.nextInt(100000)).checkAll();
  }
}
