package dev.cotangent.processor.edges;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cotangent.processor.testing.ConcurrentReplay;
import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.DifferentiableMethod;
import dev.cotangent.processor.testing.Values;
import dev.cotangent.runtime.Dual;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reentrancy across calls: a method with loops, a local array, a branch, calls of an annotated
 * method that reads parameter arrays, of an unannotated helper (differentiated transitively) and
 * of a recursive helper, run from 8 threads at once with different inputs, gives exactly the bits
 * of serial calls — value, gradient (arrays and scalar), pullback into a pre-filled holder, and
 * tangent. {@code behaviour/ConcurrencyTest} covers one method without calls or arrays and
 * {@code behaviour/ArrayConcurrencyTest} one method with arrays but without calls.
 */
class CallsConcurrencyTest {
  private static final int THREADS = 8;
  private static final int ROUNDS = 40;
  private static final int INPUTS = 24;

  private static CompiledSources sources;

  @BeforeAll
  static void compile() {
    Probe.assumeCompanions();
    sources =
        Probe.compile(
            "edges.calls",
            "Net",
            """
              static double act(double z) {
                return Math.tanh(z) + 0.1 * z;
              }

              static double depth(double b, int k) {
                if (k == 0) {
                  return b;
                }
                return Math.sin(depth(b * 0.9, k - 1)) + 0.05 * b;
              }

              @Differentiable
              public static double dot(double[] w, double[] x, int off) {
                double s = 0;
                for (int i = 0; i < x.length; i++) {
                  s += w[off + i] * x[i];
                }
                return s;
              }

              @Differentiable
              public static double layer(double[] w, double[] x, double b, int units) {
                double[] h = new double[units];
                for (int u = 0; u < units; u++) {
                  double z = dot(w, x, u * x.length);
                  h[u] = act(z + b);
                }
                double out = 0;
                for (int u = 0; u < units; u++) {
                  if (h[u] > 0) {
                    out += h[u] * h[u];
                  } else {
                    out -= 0.5 * h[u];
                  }
                }
                double d = depth(b, units);
                return out + d * x[0];
              }
            """);
  }

  private static DifferentiableMethod layer() {
    return sources.method("edges.calls.Net", "layer");
  }

  /** The same function in plain Java, for a finite-difference sanity check of the serial results. */
  private static double reference(double[] w, double[] x, double b, int units) {
    double out = 0;
    for (int u = 0; u < units; u++) {
      double s = 0;
      for (int i = 0; i < x.length; i++) {
        s += w[u * x.length + i] * x[i];
      }
      double h = Math.tanh(s + b) + 0.1 * (s + b);
      out += h > 0 ? h * h : -0.5 * h;
    }
    return out + referenceDepth(b, units) * x[0];
  }

  private static double referenceDepth(double b, int k) {
    return k == 0 ? b : Math.sin(referenceDepth(b * 0.9, k - 1)) + 0.05 * b;
  }

  /** Everything one set of calls on private copies of the input produces, as raw bits. */
  private static long[] run(DifferentiableMethod m, Object[] input, double[] dots) {
    List<Double> all = new ArrayList<>();
    Object[] args = Values.copyAll(input);
    all.add(m.value(args));
    Object h = m.gradient(args);
    all.add(m.holderValue(h));
    for (double g : m.holderGradient(h)) {
      all.add(g);
    }
    args = Values.copyAll(input);
    Object into = m.newHolder(args);
    double[] prefill = new double[m.coordinates(args).size()];
    Arrays.fill(prefill, -0.625);
    m.setHolder(into, 0, prefill);
    all.add(m.pullback(args, 1.75, into));
    for (double g : m.holderGradient(into)) {
      all.add(g);
    }
    args = Values.copyAll(input);
    Dual t = m.tangent(args, dots);
    all.add(t.value());
    all.add(t.tangent());
    long[] bits = new long[all.size()];
    for (int i = 0; i < bits.length; i++) {
      bits[i] = Double.doubleToRawLongBits(all.get(i));
    }
    return bits;
  }

  @Test
  void eightThreadsWithCallsAndArraysGiveTheSameBitsAsSerialCalls() throws Exception {
    DifferentiableMethod m = layer();
    Random random = new Random(7_2024_0613L);
    Object[][] inputs = new Object[INPUTS][];
    double[][] dots = new double[INPUTS][];
    long[][] serial = new long[INPUTS][];
    for (int i = 0; i < INPUTS; i++) {
      int units = 1 + random.nextInt(5);
      int n = 1 + random.nextInt(6);
      double[] w = new double[units * n];
      double[] x = new double[n];
      for (int j = 0; j < w.length; j++) {
        w[j] = random.nextGaussian();
      }
      for (int j = 0; j < n; j++) {
        x[j] = -1 + 2 * random.nextDouble();
      }
      double b = random.nextGaussian() * 0.5;
      inputs[i] = new Object[] {w, x, b, units};
      dots[i] = new double[w.length + n + 1];
      for (int j = 0; j < dots[i].length; j++) {
        dots[i][j] = random.nextGaussian();
      }
      serial[i] = run(m, inputs[i], dots[i]);
      assertTrue(Arrays.equals(serial[i], run(m, inputs[i], dots[i])), "serial calls differ at " + i);
      checkSerial(m, inputs[i], serial[i]);
    }

    ConcurrentReplay.assertSameAsSerial(THREADS, ROUNDS, serial, i -> run(m, inputs[i], dots[i]),
        i -> "layer" + Arrays.deepToString(inputs[i]), 180);
  }

  /**
   * The serial results themselves are right: value = the plain-Java reference bit for bit in every
   * companion, and the gradient agrees with central differences of the reference; the pre-filled
   * pullback adds 1.75·gradient to -0.625.
   */
  private static void checkSerial(DifferentiableMethod m, Object[] input, long[] bits) {
    double[] w = (double[]) input[0];
    double[] x = (double[]) input[1];
    double b = (Double) input[2];
    int units = (Integer) input[3];
    int size = w.length + x.length + 1;
    double value = reference(w, x, b, units);
    double[] out = new double[bits.length];
    for (int i = 0; i < bits.length; i++) {
      out[i] = Double.longBitsToDouble(bits[i]);
    }
    assertEquals(value, out[0], "original");
    assertEquals(value, out[1], "adjoint value");
    assertEquals(value, out[2 + size], "pullback's return");
    assertEquals(value, out[out.length - 2], "tangent value");
    for (int k = 0; k < size; k++) {
      double[] wp = w.clone();
      double[] xp = x.clone();
      double[] wm = w.clone();
      double[] xm = x.clone();
      double bp = b;
      double bm = b;
      double step = 1e-6;
      if (k < w.length) {
        wp[k] += step;
        wm[k] -= step;
      } else if (k < w.length + x.length) {
        xp[k - w.length] += step;
        xm[k - w.length] -= step;
      } else {
        bp += step;
        bm -= step;
      }
      double fd = (reference(wp, xp, bp, units) - reference(wm, xm, bm, units)) / (2 * step);
      double g = out[2 + k];
      assertEquals(fd, g, 1e-5 * (1 + Math.abs(fd)), "gradient component " + k + " at " + Arrays.deepToString(input));
      assertEquals(-0.625 + 1.75 * g, out[3 + size + k], 1e-12 * (1 + Math.abs(g)), "pre-filled pullback " + k);
    }
  }

}
