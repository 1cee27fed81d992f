package dev.cotangent.samples.fitting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cotangent.runtime.GradientCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OscillationFitTest {
  private static OscillationFit.Data data(long seed) {
    return OscillationFit.syntheticData(
        OscillationFit.TRUTH,
        OscillationFit.SAMPLES,
        OscillationFit.DURATION,
        OscillationFit.NOISE,
        seed);
  }

  @ParameterizedTest
  @ValueSource(longs = {OscillationFit.SEED, 1, 2, 3})
  void recoversTheTrueParameters(long seed) {
    OscillationFit.Fit fit = OscillationFit.fit(data(seed), OscillationFit.START);

    double[] truth = OscillationFit.TRUTH;
    for (int k = 0; k < truth.length; k++) {
      int index = k;
      double error = Math.abs(fit.params()[k] - truth[k]);
      // Within four standard errors, and the standard errors are small.
      assertTrue(
          error < 4 * fit.standardErrors()[k],
          () -> OscillationFit.NAMES[index] + ": " + fit.params()[index] + " ± "
              + fit.standardErrors()[index] + ", truth " + truth[index]);
      assertTrue(fit.standardErrors()[k] < 0.05, () -> "imprecise " + OscillationFit.NAMES[index]);
    }
    // The residuals are the noise: their RMS is close to its standard deviation.
    assertEquals(OscillationFit.NOISE, fit.rms(), 0.015);
  }

  @Test
  void noiselessDataAreFittedExactly() {
    OscillationFit.Data exact = OscillationFit.syntheticData(OscillationFit.TRUTH, 40, 10, 0, 0);
    OscillationFit.Fit fit = OscillationFit.fit(exact, OscillationFit.START);

    assertArrayEquals(OscillationFit.TRUTH, fit.params(), 1e-8);
  }

  /** Each row of the generated Jacobian is the gradient of one residual. */
  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void jacobianAgreesWithCentralDifferences(int where) {
    OscillationFit.Data data = data(OscillationFit.SEED);
    double[] params = where == 0 ? OscillationFit.START : OscillationFit.TRUTH;
    double[][] j = DampedOscillationAdjoint.residualsJacobian(params, data.t(), data.y());

    assertEquals(OscillationFit.SAMPLES, j.length);
    for (int i = 0; i < j.length; i++) {
      int row = i;
      GradientCheck.Result r =
          GradientCheck.gradient(
              j[i], p -> DampedOscillation.residuals(p, data.t(), data.y())[row], params, 1e-8);
      assertTrue(r.passed(), () -> "row " + row + ": " + r);
    }
    // The same check as the tour prints.
    assertTrue(OscillationFit.jacobianError(params, data, 1e-6) < 1e-8);
  }

  @Test
  void jacobianDoesNotChangeItsArguments() {
    OscillationFit.Data data = data(OscillationFit.SEED);
    double[] params = OscillationFit.START.clone();
    double[] t = data.t().clone();
    double[] y = data.y().clone();

    DampedOscillationAdjoint.residualsJacobian(params, t, y);

    assertArrayEquals(OscillationFit.START, params);
    assertArrayEquals(data.t(), t);
    assertArrayEquals(data.y(), y);
  }
}
