package dev.cotangent.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.cotangent.processor.testing.ConcurrentReplay;
import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.DifferentiableMethod;
import dev.cotangent.processor.testing.FunctionGroup;
import dev.cotangent.processor.testing.GradientCheck;
import dev.cotangent.runtime.Dual;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Generated companions hold no shared mutable state: one adjoint with a loop, overwrites and a
 * data-dependent branch, called from 8 threads at once, gives exactly the bits serial calls give.
 */
class ConcurrencyTest {
  static final FunctionGroup CONC =
      FunctionGroup.of("behaviour.conc", "Conc")
          .function(
              "orbit",
              """
              @Differentiable
              public static double orbit(double x, double y, double r, int n) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                  double t = x;
                  x = x * Math.cos(r) - y * Math.sin(r) + 0.01 * s;
                  y = t * Math.sin(r) + y * Math.cos(r);
                  if (x > 0) {
                    s += x * y;
                  } else {
                    s -= y;
                  }
                  x = x * 0.999;
                }
                return s + x * y;
              }
              """);

  private static final int THREADS = 8;
  private static final int ROUNDS = 150;
  private static final int INPUTS = 48;

  @Test
  void orbitIsCorrect() {
    GradientCheck.of(CONC, "orbit")
        .differentiable("x", "y", "r")
        .uniform("r", 0.1, 1.2)
        .ints("n", 0, 30)
        .points(8)
        .checkAll();
  }

  /** Everything one set of calls at one input produces, as raw bits. */
  private static long[] run(DifferentiableMethod m, Object[] args, double[] dots) {
    DifferentiableMethod.Gradient g = m.gradientAt(args);
    Object into = m.newHolder();
    m.setHolder(into, 0, new double[] {0.5, -0.25, 2.0});
    double returned = m.pullback(args, -1.5, into);
    double[] pulled = m.holderGradient(into);
    Dual t = m.tangent(args, dots);
    double[] all = {
      g.value(), g.get(0), g.get(1), g.get(2), returned, m.holderValue(into), pulled[0], pulled[1],
      pulled[2], t.value(), t.tangent()
    };
    long[] bits = new long[all.length];
    for (int i = 0; i < all.length; i++) {
      bits[i] = Double.doubleToRawLongBits(all[i]);
    }
    return bits;
  }

  @Test
  void eightThreadsGiveTheSameBitsAsSerialCalls() throws Exception {
    assumeFalse(CompiledSources.referenceOnly(), "companions are not generated in reference-only mode");
    DifferentiableMethod m = CONC.sourcesFor("orbit").method(CONC.className(), "orbit");
    Random random = new Random(20240611);
    Object[][] inputs = new Object[INPUTS][];
    double[][] dots = new double[INPUTS][];
    long[][] serial = new long[INPUTS][];
    for (int i = 0; i < INPUTS; i++) {
      inputs[i] =
          new Object[] {
            -2 + 4 * random.nextDouble(), -2 + 4 * random.nextDouble(), 0.1 + random.nextDouble(),
            5 + random.nextInt(40)
          };
      dots[i] = new double[] {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
      serial[i] = run(m, inputs[i], dots[i]);
      // and a second serial pass agrees with the first
      assertTrue(Arrays.equals(serial[i], run(m, inputs[i], dots[i])), "serial calls differ at " + i);
    }

    ConcurrentReplay.assertSameAsSerial(THREADS, ROUNDS, serial, i -> run(m, inputs[i], dots[i]),
        i -> "orbit" + Arrays.toString(inputs[i]), 120);
  }

}
