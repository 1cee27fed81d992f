package dev.cotangent.processor.features;

import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.FunctionGroup;
import org.junit.jupiter.api.Test;

/**
 * Neighbours of issue 24's peer shapes that the random programs found once the generator learnt
 * the three shape classes ({@code random.PeerShapeStatements}): each was a javac error in the
 * generated code or a {@code COTANGENT-INTERNAL}, and is checked here by {@link ScalarCheck}
 * against Richardson central differences of the original.
 */
class PeerNeighboursTest {
  static final FunctionGroup SHAPES =
      FunctionGroup.of("features.neighbours", "Neighbours")
          .imports("java.util.Arrays")
          .function(
              "doubleBoundCheckpointed",
              """
              @Differentiable(checkpoints = 2)
              public static double doubleBoundCheckpointed(double x, int n) {
                double p = x;
                for (int i = 1; i <= n * 0.75; i++) {
                  p = 0.5 * Math.atan(p * i) + 0.25 * x;
                }
                return p;
              }
              """)
          .function(
              "longBoundCheckpointed",
              """
              @Differentiable(checkpoints = 2)
              public static double longBoundCheckpointed(double x, int n) {
                double p = x;
                long m = n % 4 + 1L;
                for (int i = 0; i < m; i++) {
                  p = 0.5 * p * Math.cos(x + i);
                }
                return p;
              }
              """)
          .function(
              "literalArgumentInLoop",
              """
              static double sum(double[] a) {
                double s = 0;
                for (double e : a) {
                  s = 0.5 * s + Math.tanh(e) * Math.cos(s);
                }
                return s;
              }
              @Differentiable
              public static double literalArgumentInLoop(double x, double y) {
                double d = x;
                for (int i = 0; i < 2; i++) {
                  d = 0.5 * sum(new double[] {d, y * i}) + 0.25 * x;
                }
                return d;
              }
              """)
          .function(
              "copyArgumentInLoop",
              """
              static double sum(double[] a) {
                double s = 0;
                for (double e : a) {
                  s = 0.5 * s + Math.tanh(e) * Math.cos(s);
                }
                return s;
              }
              @Differentiable
              public static double copyArgumentInLoop(double x, double[] w) {
                double d = x;
                for (int i = 0; i < w.length * 0.5; i++) {
                  d = 0.5 * d + 0.25 * sum(Arrays.copyOfRange(w, i, w.length));
                }
                return d;
              }
              """)
          .function(
              "floatCall",
              """
              static float scale(float a, float b) {
                return 0.5f * a + 0.25f * (float) Math.sin(b) * a + 0.125f * b;
              }
              @Differentiable
              public static double floatCall(double x, double y) {
                return x * y + 1e-5 * scale((float) Math.tanh(x), (float) y);
              }
              """);

  private static ScalarCheck check(String name, Class<?>[] types, String... differentiable) {
    CompiledSources s = SHAPES.sourcesFor(name);
    return new ScalarCheck(s.load(SHAPES.className()), s.load(SHAPES.className() + "Adjoint"),
        s.load(SHAPES.className() + "Tangent"), name, types, differentiable);
  }

  private static final Class<?> D = double.class;

  /** Random seed 270005: the checkpointed loop's trip count was a double. */
  @Test
  void doubleBoundOnACheckpointedLoop() {
    ScalarCheck c = check("doubleBoundCheckpointed", new Class<?>[] {D, int.class}, "x");
    c.at(null, 0.7, 5);
    c.at(null, -1.1, 3);
  }

  /** Random seed 270007: the checkpointed loop's trip count was a long. */
  @Test
  void longBoundOnACheckpointedLoop() {
    ScalarCheck c = check("longBoundCheckpointed", new Class<?>[] {D, int.class}, "x");
    c.at(null, 0.7, 3);
    c.at(null, -0.4, 2);
  }

  /**
   * Random seed 270541: {@code double[] cannot be converted to float[]} in the vector-mode
   * tangent of a double method calling a float helper (now it has no vector mode).
   */
  @Test
  void aFloatHelperCalledFromADoubleMethod() {
    ScalarCheck c = check("floatCall", new Class<?>[] {D, D}, "x", "y");
    c.at(null, 0.75, -0.5);
    c.at(null, -1.25, 1.5);
  }

  /** Random seed 270039: {@code no shadow for ArrayLiteral} in a loop. */
  @Test
  void arrayLiteralArgumentInALoop() {
    ScalarCheck c = check("literalArgumentInLoop", new Class<?>[] {D, D}, "x", "y");
    c.at(null, 0.75, -0.5);
  }

  /** Random seed 270003/270012: {@code COTANGENT-CALL} for copyOfRange in a loop. */
  @Test
  void copyOfRangeArgumentInALoop() {
    ScalarCheck c = check("copyArgumentInLoop", new Class<?>[] {D, double[].class}, "x", "w");
    c.at(null, 0.75, new double[] {0.5, -1.5, 2.0, 0.25});
  }
}
