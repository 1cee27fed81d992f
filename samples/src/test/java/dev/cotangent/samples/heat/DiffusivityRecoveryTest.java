package dev.cotangent.samples.heat;

import static dev.cotangent.samples.heat.DiffusivityRecovery.DT;
import static dev.cotangent.samples.heat.DiffusivityRecovery.DX;
import static dev.cotangent.samples.heat.DiffusivityRecovery.FIRST_GUESS;
import static dev.cotangent.samples.heat.DiffusivityRecovery.NOISE;
import static dev.cotangent.samples.heat.DiffusivityRecovery.POINTS;
import static dev.cotangent.samples.heat.DiffusivityRecovery.STEPS;
import static dev.cotangent.samples.heat.DiffusivityRecovery.TRUE_DIFFUSIVITY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DiffusivityRecoveryTest {
  private static final double[] INITIAL = DiffusivityRecovery.initialTemperatures(POINTS);

  private static double[] measured(double noise, long seed) {
    return DiffusivityRecovery.measure(TRUE_DIFFUSIVITY, INITIAL, STEPS, DX, DT, noise, seed);
  }

  @Test
  void recoversTheDiffusivityFromNoisyMeasurements() {
    List<DiffusivityRecovery.Iterate> iterates = new ArrayList<>();
    DiffusivityRecovery.Recovery r =
        DiffusivityRecovery.recover(
            INITIAL,
            measured(NOISE, DiffusivityRecovery.SEED),
            STEPS,
            DX,
            DT,
            FIRST_GUESS,
            iterates::add);

    assertTrue(r.converged(), r::toString);
    assertEquals(TRUE_DIFFUSIVITY, r.diffusivity(), 0.03 * TRUE_DIFFUSIVITY);
    // ...and within three standard errors, as the noise level predicts.
    assertEquals(TRUE_DIFFUSIVITY, r.diffusivity(), 3 * r.standardError(NOISE));
    assertTrue(r.iterations() <= 15, r::toString);
    for (int i = 1; i < iterates.size(); i++) {
      assertTrue(iterates.get(i).misfit() <= iterates.get(i - 1).misfit(), () -> "" + iterates);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void otherNoiseSeedsAlsoLandWithinAFewPercent(long seed) {
    DiffusivityRecovery.Recovery r =
        DiffusivityRecovery.recover(
            INITIAL, measured(NOISE, seed), STEPS, DX, DT, FIRST_GUESS, it -> {});

    assertTrue(r.converged(), r::toString);
    assertEquals(TRUE_DIFFUSIVITY, r.diffusivity(), 0.05 * TRUE_DIFFUSIVITY);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.005, 0.01, 0.08, 0.12})
  void recoversTheExactDiffusivityWithoutNoise(double guess) {
    double[] exact = HeatEquation.temperatures(TRUE_DIFFUSIVITY, INITIAL, STEPS, DX, DT);
    DiffusivityRecovery.Recovery r =
        DiffusivityRecovery.recover(INITIAL, exact, STEPS, DX, DT, guess, it -> {});

    assertTrue(r.converged(), r::toString);
    assertEquals(TRUE_DIFFUSIVITY, r.diffusivity(), 1e-6 * TRUE_DIFFUSIVITY);
    assertEquals(0, r.misfit(), 1e-20);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.01, 0.03, 0.05, 0.1})
  void misfitDerivativeMatchesCentralDifference(double kappa) {
    double[] measured = measured(NOISE, 7);
    HeatEquationAdjoint.MisfitGradient g =
        HeatEquationAdjoint.misfit(kappa, INITIAL, measured, STEPS, DX, DT);
    double numeric =
        DiffusivityRecovery.centralDifference(
            k -> HeatEquation.misfit(k, INITIAL, measured, STEPS, DX, DT), kappa, 1e-3 * kappa);

    assertEquals(HeatEquation.misfit(kappa, INITIAL, measured, STEPS, DX, DT), g.value);
    assertEquals(numeric, g.diffusivity, 1e-7 * Math.abs(numeric));
    // Forward mode gives the same derivative.
    double tangent =
        HeatEquationTangent.misfit(kappa, 1, INITIAL, measured, STEPS, DX, DT).tangent();
    assertEquals(g.diffusivity, tangent, 1e-10 * Math.abs(g.diffusivity));
  }

  @Test
  void misfitIsHalfTheSquaredDistanceOfTheSimulation() {
    double[] measured = measured(NOISE, 7);
    double[] before = INITIAL.clone();
    double[] u = HeatEquation.temperatures(0.04, INITIAL, STEPS, DX, DT);
    double sum = 0;
    for (int i = 0; i < u.length; i++) {
      sum += (u[i] - measured[i]) * (u[i] - measured[i]);
    }

    // The two methods step in different ways (swapped buffers, fresh arrays) with the same
    // arithmetic, so they agree exactly; neither touches the initial temperatures.
    assertEquals(0.5 * sum, HeatEquation.misfit(0.04, INITIAL, measured, STEPS, DX, DT));
    assertArrayEquals(before, INITIAL);
  }

  @Test
  void sensitivityMatchesCentralDifferencesAndThePullback() {
    double kappa = 0.04;
    double[] sensitivity = new double[POINTS];
    double[] u = HeatEquationTangent.temperatures(kappa, 1, INITIAL, STEPS, DX, DT, sensitivity);

    assertArrayEquals(HeatEquation.temperatures(kappa, INITIAL, STEPS, DX, DT), u);
    for (int i : new int[] {10, 35, 50, 80}) {
      int point = i;
      double numeric =
          DiffusivityRecovery.centralDifference(
              k -> HeatEquation.temperatures(k, INITIAL, STEPS, DX, DT)[point],
              kappa,
              1e-3 * kappa);
      assertEquals(numeric, sensitivity[i], 1e-7 * Math.max(1, Math.abs(numeric)));
    }
    // The pullback of a cotangent w gives ⟨w, ∂u/∂κ⟩ (the dot-product test).
    double[] w = new double[POINTS];
    double expected = 0;
    for (int i = 0; i < POINTS; i++) {
      w[i] = Math.sin(0.3 * i);
      expected += w[i] * sensitivity[i];
    }
    HeatEquationAdjoint.TemperaturesGradient into = new HeatEquationAdjoint.TemperaturesGradient();
    HeatEquationAdjoint.temperatures(kappa, INITIAL, STEPS, DX, DT, w, into);
    assertEquals(expected, into.diffusivity, 1e-10 * Math.abs(expected));
  }

  @Test
  void theSchemeIsStableBelowTheLimitOnly() {
    double limit = DiffusivityRecovery.stableLimit(DX, DT);
    double[] below = HeatEquation.temperatures(0.99 * limit, INITIAL, STEPS, DX, DT);
    double[] above = HeatEquation.temperatures(1.2 * limit, INITIAL, STEPS, DX, DT);

    assertTrue(max(below) <= 1, () -> "max " + max(below));
    assertTrue(max(above) > 1e3, () -> "max " + max(above));
  }

  private static double max(double[] u) {
    double m = 0;
    for (double v : u) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }
}
