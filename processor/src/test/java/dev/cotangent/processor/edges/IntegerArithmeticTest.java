package dev.cotangent.processor.edges;

import static dev.cotangent.processor.edges.Probe.check;

import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.DifferentiableMethod;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * README: "Integer arithmetic (overflow, integer division) is copied unchanged". Overflowing int
 * and long arithmetic, division and remainder of negative numbers, truncating casts, shifts and
 * compound integer assignments feed a double result; every companion returns the original's bits
 * and the derivative uses the same integer values. The expectations are computed here in plain
 * Java, mirroring the source line by line (the derivative by hand).
 */
class IntegerArithmeticTest {
  private static final double NAN = Double.NaN;

  private static CompiledSources sources;

  @BeforeAll
  static void compile() {
    Probe.assumeCompanions();
    sources =
        Probe.compile(
            "edges.ints",
            "Ints",
            """
              @Differentiable
              public static double byThird(double x, int n) {
                return x * (n / 3) + n % 3;
              }

              @Differentiable
              public static double mixed(double x, int n, long m) {
                int big = Integer.MAX_VALUE + n;
                int q = n / 3;
                int r = n % 3;
                long lm = Long.MAX_VALUE - m * 3_000_000_000L;
                int t = (int) x;
                long tl = (long) (x * 1e10);
                int h = n;
                for (int i = 0; i < 4; i++) {
                  h = h * 1_000_003 + 7;
                  h ^= h >>> 13;
                }
                int mn = Integer.MIN_VALUE / (n < 0 ? -1 : 1);
                double half = n / 2;
                return x * q + r * x * x + big * 1e-9 + t + (lm % 1000) * x + tl
                    + (h % 5) * x + mn + Math.abs(mn) + n / 2 * x + half + (x > 0 ? n >>> 1 : n >> 1);
              }

              @Differentiable
              public static double counters(double x, int n) {
                long acc = 1;
                int k = n;
                double y = x;
                for (int i = 0; i < 70; i++) {
                  acc *= 3;
                  k += Integer.MAX_VALUE / 2;
                  if ((k & 1) == 0) {
                    y = y * 1.0 + x;
                  } else {
                    y = y - 0.5 * x;
                  }
                }
                k--;
                n++;
                return y * (acc % 7) + k % 11 + (n >> 2) + (k >>> 28) * x;
              }
            """);
  }

  private static DifferentiableMethod m(String name) {
    return sources.method("edges.ints.Ints", name);
  }

  @Test
  void integerDivisionAndRemainderOfNegativeNumbers() {
    int[] ns = {-7, -8, -9, -1, 0, 7, 8, Integer.MIN_VALUE, Integer.MAX_VALUE};
    for (int n : ns) {
      double x = 1.25;
      int q = n / 3; // truncates toward zero: -7/3 = -2
      int r = n % 3; // sign of the dividend: -7%3 = -1
      check(m("byThird"), new Object[] {x, n}, x * q + r, (double) q);
    }
    // spot values written out, in case the loop above shares a mistake with javac
    check(m("byThird"), new Object[] {2.0, -7}, -4.0 - 1.0, -2.0);
    check(m("byThird"), new Object[] {2.0, Integer.MIN_VALUE}, 2.0 * -715827882 + -2, -715827882.0);
  }

  private static double mixedValue(double x, int n, long m) {
    int big = Integer.MAX_VALUE + n;
    int q = n / 3;
    int r = n % 3;
    long lm = Long.MAX_VALUE - m * 3_000_000_000L;
    int t = (int) x;
    long tl = (long) (x * 1e10);
    int h = mixedHash(n);
    int mn = Integer.MIN_VALUE / (n < 0 ? -1 : 1);
    double half = n / 2;
    return x * q + r * x * x + big * 1e-9 + t + (lm % 1000) * x + tl
        + (h % 5) * x + mn + Math.abs(mn) + n / 2 * x + half + (x > 0 ? n >>> 1 : n >> 1);
  }

  private static int mixedHash(int n) {
    int h = n;
    for (int i = 0; i < 4; i++) {
      h = h * 1_000_003 + 7;
      h ^= h >>> 13;
    }
    return h;
  }

  /** q + 2rx + lm % 1000 + h % 5 + n / 2, the casts and integers contributing nothing. */
  private static double mixedDerivative(double x, int n, long m) {
    long lm = Long.MAX_VALUE - m * 3_000_000_000L;
    return (n / 3) + 2.0 * (n % 3) * x + (lm % 1000) + (mixedHash(n) % 5) + (n / 2);
  }

  @Test
  void overflowingIntsAndLongsTruncatingCastsAndShifts() {
    // x values with few bits, so the derivative's sum is exact in any order
    Object[][] points = {
      {2.75, -7, 5L},
      {-3.5, 5, -4_000_000_000L},          // Integer.MAX_VALUE + 5 wraps; m·3e9 overflows long
      {0.5, Integer.MIN_VALUE, Long.MIN_VALUE}, // MIN / -1 = MIN; abs(MIN) = MIN
      {-0.75, -1, 3_074_457_345_618_258_603L},
      {7.0, Integer.MAX_VALUE, -1L},
    };
    for (Object[] p : points) {
      double x = (Double) p[0];
      int n = (Integer) p[1];
      long mm = (Long) p[2];
      check(m("mixed"), p, mixedValue(x, n, mm), mixedDerivative(x, n, mm));
    }
  }

  @Test
  void overflowSpotValuesWrittenOut() {
    // independent of mixedValue: the integer parts the source relies on
    org.junit.jupiter.api.Assertions.assertEquals(-2147483644, Integer.MAX_VALUE + 5);
    org.junit.jupiter.api.Assertions.assertEquals(Integer.MIN_VALUE, Integer.MIN_VALUE / -1);
    org.junit.jupiter.api.Assertions.assertEquals(-2, -7 / 3);
    org.junit.jupiter.api.Assertions.assertEquals(-1, -7 % 3);
    org.junit.jupiter.api.Assertions.assertEquals(-3, (int) -3.5);
    org.junit.jupiter.api.Assertions.assertEquals(0, (int) Double.NaN);
  }

  @Test
  void truncatingCastsOfNonFiniteAndHugeValues() {
    // (int) NaN = 0 and (long) NaN = 0; the value and derivative are NaN through x·q and r·x·x
    check(m("mixed"), new Object[] {NAN, -1, 2L}, NAN, NAN);
    // (int) 1e300 = MAX_VALUE, (long) (1e310) = Long.MAX_VALUE; r·x·x overflows to ±Inf
    check(m("mixed"), new Object[] {1e300, -1, 2L}, mixedValue(1e300, -1, 2L), mixedDerivative(1e300, -1, 2L));
    check(m("mixed"), new Object[] {-1e300, 4, 2L}, mixedValue(-1e300, 4, 2L), mixedDerivative(-1e300, 4, 2L));
  }

  private static double[] countersValueAndDerivative(double x, int n) {
    long acc = 1;
    int k = n;
    double y = x;
    double dy = 1; // dy/dx
    for (int i = 0; i < 70; i++) {
      acc *= 3;
      k += Integer.MAX_VALUE / 2;
      if ((k & 1) == 0) {
        y = y * 1.0 + x;
        dy = dy + 1;
      } else {
        y = y - 0.5 * x;
        dy = dy - 0.5;
      }
    }
    k--;
    n++;
    return new double[] {
      y * (acc % 7) + k % 11 + (n >> 2) + (k >>> 28) * x,
      dy * (acc % 7) + (k >>> 28)
    };
  }

  @Test
  void overflowingCountersAndCompoundAssignments() {
    for (int n : new int[] {0, 1, -5, Integer.MAX_VALUE, Integer.MIN_VALUE, 123_456_789}) {
      for (double x : new double[] {1.5, -0.25, 3.0}) {
        double[] expected = countersValueAndDerivative(x, n);
        check(m("counters"), new Object[] {x, n}, expected[0], expected[1]);
      }
    }
  }
}
