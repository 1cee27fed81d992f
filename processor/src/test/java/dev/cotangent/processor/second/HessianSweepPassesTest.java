package dev.cotangent.processor.second;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.cotangent.processor.testing.CompiledSources;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dense Hessian's sweep with {@code ConstantSeed} (built with the seed's tangent zero: no
 * {@code seedDot} parameter, no {@code t1 * sumBarDot} terms) and {@code LaneFactors} (a power of
 * two moved to the lane-invariant factor: {@code 2 * sumBar * tDot}), on {@code LaneLoopsTest}'s
 * methods: the code each pass changes, the Hessians against the closed form of Rosenbrock's,
 * and the same Hessians, bit for bit, with either pass off.
 */
class HessianSweepPassesTest {
  private static CompiledSources on;
  private static CompiledSources noSeed;
  private static CompiledSources noFactors;

  @BeforeAll
  static void compile() {
    assumeFalse(CompiledSources.referenceOnly(), "no companions in reference-only mode");
    on = CompiledSources.compile(LaneLoopsTest.SOURCE);
    noSeed = CompiledSources.compileWith(List.of("-Acotangent.passes=-ConstantSeed"),
        LaneLoopsTest.SOURCE);
    noFactors = CompiledSources.compileWith(List.of("-Acotangent.passes=-LaneFactors"),
        LaneLoopsTest.SOURCE);
  }

  /** The text of {@code rosenbrockLanes}, from its signature to the next method. */
  private static String lanes(CompiledSources s) {
    String source = s.generatedSource("second.lanes.LanesHessian");
    int start = source.indexOf("private static double rosenbrockLanes(");
    assertTrue(start >= 0, source);
    int end = source.indexOf("public static", start);
    return source.substring(start, end);
  }

  @Test
  void theSweepHasNoSeedTangent() {
    String lanes = lanes(on);
    assertFalse(lanes.contains("seedDot"), lanes);
    assertFalse(lanes.contains("sumBarDot"), lanes);
    String full = lanes(noSeed);
    assertTrue(full.contains("double seedDot"), full);
    assertTrue(full.contains("* sumBarDot"), full);
    // the public products keep their seedDot (a caller's product passes its own)
    assertTrue(on.generatedSource("second.lanes.LanesHessian").contains(
        "rosenbrock(double[] x, double[] xDot, double seed, double seedDot,"));
  }

  @Test
  void powersOfTwoMoveToTheInvariantFactor() {
    String lanes = lanes(on);
    assertTrue(lanes.contains("2 * sumBar * tDot"), lanes);
    assertTrue(lanes.contains("2 * aBar * xIDot"), lanes);
    String before = lanes(noFactors);
    assertTrue(before.contains("sumBar * (2 * tDot)"), before);
    assertTrue(before.contains("aBar * (2 * xIDot)"), before);
  }

  private static final Random RANDOM = new Random(310_019);

  private static double[] random(int n) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = RANDOM.nextDouble() * 2 - 1;
    }
    return out;
  }

  private static double[][] hessian(CompiledSources s, String name, Object... args) {
    Class<?> type = s.load("second.lanes.LanesHessian");
    for (Method m : type.getDeclaredMethods()) {
      if (m.getName().equals(name + "Hessian") && m.getParameterCount() == args.length) {
        try {
          return (double[][]) m.invoke(null, args);
        } catch (InvocationTargetException | IllegalAccessException e) {
          throw new AssertionError(e);
        }
      }
    }
    throw new AssertionError("no " + name + "Hessian");
  }

  @Test
  void rosenbrocksHessianIsItsClosedForm() {
    double[] x = random(70); // two sweeps of 35 lanes
    double[][] h = hessian(on, "rosenbrock", (Object) x);
    int n = x.length;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double expected = 0;
        if (i == j) {
          expected = (i + 1 < n ? 1200 * x[i] * x[i] - 400 * x[i + 1] + 2 : 0)
              + (i > 0 ? 200 : 0);
        } else if (Math.abs(i - j) == 1) {
          expected = -400 * x[Math.min(i, j)];
        }
        assertEquals(expected, h[i][j], 1e-12 * Math.max(1, Math.abs(expected)),
            "H[" + i + "][" + j + "]");
      }
    }
  }

  @Test
  void theHessiansAreThoseWithEitherPassOffBitForBit() {
    double[] x = random(70);
    double[] w = random(6);
    double[][] xs = {random(6), random(6), random(6), random(6)};
    double[] ys = {1, -1, 1, 1};
    double[] c = random(5);
    for (CompiledSources off : List.of(noSeed, noFactors)) {
      same(hessian(off, "rosenbrock", (Object) x), hessian(on, "rosenbrock", (Object) x));
      same(hessian(off, "logistic", w, xs, ys), hessian(on, "logistic", w, xs, ys));
      same(hessian(off, "across", 0.7, -1.3), hessian(on, "across", 0.7, -1.3));
      same(hessian(off, "carried", (Object) c), hessian(on, "carried", (Object) c));
    }
  }

  private static void same(double[][] expected, double[][] actual) {
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(expected[i], actual[i], 0.0, "row " + i);
    }
  }
}
