package dev.cotangent.processor.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cotangent.processor.testing.DifferentiableMethod;
import dev.cotangent.processor.testing.FunctionGroup;
import java.util.Arrays;

/**
 * Functions written once and compiled twice: as given, with {@code @Differentiable(checkpoints
 * = N)}, and as {@code <name>Taped} with a plain {@code @Differentiable}, whose loops tape every
 * trip; tests compare the two gradients.
 */
final class Pairs {
  private Pairs() {}

  /** Adds {@code text} under {@code key} and its taped twin under {@code key + "Taped"}. */
  static FunctionGroup pair(FunctionGroup group, String key, String text) {
    String taped = text.replaceAll("@Differentiable\\(checkpoints = \\d+\\)", "@Differentiable")
        .replace(" " + key + "(", " " + key + "Taped(");
    return group.function(key, text).function(key + "Taped", taped);
  }

  /**
   * The gradients of {@code key} and its taped twin at {@code args} agree to rounding (relative
   * to the largest component), and so do the values, bit for bit.
   */
  static void same(FunctionGroup group, String key, Object... args) {
    DifferentiableMethod checkpointed =
        group.sourcesFor(key).method(group.className(), key);
    DifferentiableMethod taped =
        group.sourcesFor(key + "Taped").method(group.className(), key + "Taped");
    DifferentiableMethod.Gradient a = checkpointed.gradientAt(copy(args));
    DifferentiableMethod.Gradient b = taped.gradientAt(copy(args));
    assertEquals(b.value(), a.value(), 0.0, "the value at " + Arrays.deepToString(args));
    double scale = 0;
    for (double g : b.gradient()) {
      scale = Math.max(scale, Math.abs(g));
    }
    for (int k = 0; k < b.gradient().length; k++) {
      assertEquals(b.get(k), a.get(k), 1e-12 * Math.max(scale, 1e-300),
          key + ": component " + k + " at " + Arrays.deepToString(args) + ": " + a + " vs " + b);
    }
  }

  private static Object[] copy(Object[] args) {
    Object[] out = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      out[i] = args[i] instanceof double[] a ? a.clone()
          : args[i] instanceof double[][] m ? Arrays.stream(m).map(double[]::clone)
              .toArray(double[][]::new) : args[i];
    }
    return out;
  }
}
