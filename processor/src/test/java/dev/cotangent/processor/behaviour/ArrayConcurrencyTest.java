package dev.cotangent.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.cotangent.processor.testing.ConcurrentReplay;
import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.DifferentiableMethod;
import dev.cotangent.processor.testing.Values;
import dev.cotangent.runtime.Dual;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * An array adjoint (gradient steps written into the parameter array, with a tape of overwritten
 * elements and restoration of the caller's array) called from 8 threads at once, each thread with
 * its own arrays, gives exactly the bits serial calls give: values, gradient arrays, pullback into
 * a pre-filled holder, tangent, tangent arrays and the caller's arrays afterwards.
 */
class ArrayConcurrencyTest {
  private static final int THREADS = 8;
  private static final int ROUNDS = 60;
  private static final int INPUTS = 32;

  /** Everything one set of calls on private copies of the input produces, as raw bits. */
  private static long[] run(DifferentiableMethod m, Object[] input, double[] wDot0) {
    List<Double> all = new ArrayList<>();
    Object[] args = Values.copyAll(input);
    Object h = m.gradient(args);
    all.add(m.holderValue(h));
    for (double g : m.holderGradient(h)) {
      all.add(g);
    }
    for (double w : (double[]) args[0]) {
      all.add(w);
    }
    args = Values.copyAll(input);
    Object into = m.newHolder(args);
    double[] prefill = new double[m.coordinates(args).size()];
    Arrays.fill(prefill, 0.375);
    m.setHolder(into, 0, prefill);
    all.add(m.pullback(args, -1.5, into));
    for (double g : m.holderGradient(into)) {
      all.add(g);
    }
    for (double w : (double[]) args[0]) {
      all.add(w);
    }
    args = Values.copyAll(input);
    double[] wDot = wDot0.clone();
    Dual t = m.tangentWith(args, new Object[] {wDot, 0.5});
    all.add(t.value());
    all.add(t.tangent());
    for (double d : wDot) {
      all.add(d);
    }
    long[] bits = new long[all.size()];
    for (int i = 0; i < bits.length; i++) {
      bits[i] = Double.doubleToRawLongBits(all.get(i));
    }
    return bits;
  }

  @Test
  void eightThreadsGiveTheSameBitsAsSerialCalls() throws Exception {
    assumeFalse(CompiledSources.referenceOnly(), "companions are not generated in reference-only mode");
    DifferentiableMethod m =
        ModelsTest.MODELS.sourcesFor("gradientSteps").method(ModelsTest.MODELS.className(), "gradientSteps");
    Random random = new Random(20240612);
    Object[][] inputs = new Object[INPUTS][];
    double[][] dots = new double[INPUTS][];
    long[][] serial = new long[INPUTS][];
    for (int i = 0; i < INPUTS; i++) {
      int n = 2 + random.nextInt(10);
      double[] w = new double[n];
      double[] target = new double[n];
      dots[i] = new double[n];
      for (int j = 0; j < n; j++) {
        w[j] = -1.5 + 3 * random.nextDouble();
        target[j] = -1 + 2 * random.nextDouble();
        dots[i][j] = random.nextGaussian();
      }
      inputs[i] = new Object[] {w, target, 0.02 + 0.15 * random.nextDouble(), 1 + random.nextInt(20)};
      serial[i] = run(m, inputs[i], dots[i]);
      assertTrue(Arrays.equals(serial[i], run(m, inputs[i], dots[i])), "serial calls differ at " + i);
    }

    ConcurrentReplay.assertSameAsSerial(THREADS, ROUNDS, serial, i -> run(m, inputs[i], dots[i]),
        i -> "gradientSteps" + Arrays.deepToString(inputs[i]), 120);
  }

}
