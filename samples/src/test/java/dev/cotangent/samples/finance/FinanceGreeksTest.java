package dev.cotangent.samples.finance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cotangent.runtime.Dual;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FinanceGreeksTest {
  private static void assertRelative(double expected, double actual, double tolerance, String what) {
    double error = Math.abs(actual - expected) / Math.abs(expected);
    assertTrue(
        error <= tolerance,
        () -> what + ": expected " + expected + ", got " + actual + " (relative error " + error + ")");
  }

  @Test
  void normalCdfIsAccurateIntoTheTails() {
    assertEquals(0.5, Normal.cdf(0), 1e-16);
    assertRelative(0.9750021048517795, Normal.cdf(1.96), 1e-14, "cdf(1.96)");
    assertRelative(0.15865525393145707, Normal.cdf(-1), 1e-14, "cdf(-1)");
    assertRelative(7.619853024160527e-24, Normal.cdf(-10), 1e-12, "cdf(-10)");
  }

  @Test
  void priceMatchesTheTextbookValue() {
    // S = K = 100, sigma = 20%, r = 5%, T = 1: the classic at-the-money example.
    assertEquals(10.450583572185565, BlackScholes.callPrice(100, 0.2, 0.05, 1, 100), 1e-12);
  }

  @ParameterizedTest
  @CsvSource({
    // spot, volatility, rate, time, strike
    "100, 0.2, 0.03, 1.0, 105",
    "100, 0.2, 0.05, 1.0, 100",
    "80, 0.35, 0.01, 0.25, 100",
    "130, 0.15, 0.04, 2.0, 100",
    "100, 0.6, 0.0, 5.0, 90",
    "50, 0.1, 0.08, 0.05, 49",
  })
  void adjointGreeksEqualTheClosedForms(
      double spot, double volatility, double rate, double time, double strike) {
    BlackScholesAdjoint.CallPriceGradient g =
        BlackScholesAdjoint.callPrice(spot, volatility, rate, time, strike);
    BlackScholes.Greeks exact = BlackScholes.closedForm(spot, volatility, rate, time, strike);

    assertEquals(BlackScholes.callPrice(spot, volatility, rate, time, strike), g.value);
    assertRelative(exact.delta(), g.spot, 1e-8, "delta");
    assertRelative(exact.vega(), g.volatility, 1e-8, "vega");
    assertRelative(exact.rho(), g.rate, 1e-8, "rho");
    assertRelative(exact.theta(), -g.time, 1e-8, "theta");

    // Forward mode agrees, one direction at a time.
    Dual vega = BlackScholesTangent.callPrice(spot, 0, volatility, 1, rate, 0, time, 0, strike);
    assertRelative(exact.vega(), vega.tangent(), 1e-8, "tangent vega");
  }

  // The Asian option: fewer paths than in the demonstration keep the test fast.
  private static final int PATHS = 4000;
  private static final int STEPS = 52;
  private static double[][] normals;

  @BeforeAll
  static void drawPaths() {
    normals = AsianOption.normals(PATHS, STEPS, 7);
  }

  private static double asian(double spot, double volatility, double strike, double[][] z) {
    return AsianOption.callPrice(spot, volatility, 0.03, 1.0, strike, z);
  }

  @ParameterizedTest
  @CsvSource({"100, 0.2, 100", "100, 0.3, 110", "90, 0.25, 100"})
  void pathwiseGreeksAgreeWithBumpAndRevalue(double spot, double volatility, double strike) {
    AsianOptionAdjoint.CallPriceGradient g =
        AsianOptionAdjoint.callPrice(spot, volatility, 0.03, 1.0, strike, normals);
    double delta =
        FinanceGreeks.centralDifference(
            s -> asian(s, volatility, strike, normals), spot, FinanceGreeks.SPOT_BUMP);
    double vega =
        FinanceGreeks.centralDifference(
            v -> asian(spot, v, strike, normals), volatility, FinanceGreeks.VOLATILITY_BUMP);

    assertEquals(asian(spot, volatility, strike, normals), g.value);
    assertRelative(delta, g.spot, 1e-6, "delta");
    assertRelative(vega, g.volatility, 1e-6, "vega");
    assertTrue(g.spot > 0 && g.spot < 1, () -> "delta out of range: " + g.spot);
  }

  @Test
  void demonstrationGreeksAgreeWithBumpAndRevalue() {
    double[][] z =
        AsianOption.normals(FinanceGreeks.PATHS, FinanceGreeks.STEPS, FinanceGreeks.SEED);
    double spot = FinanceGreeks.SPOT;
    double volatility = FinanceGreeks.VOLATILITY;
    double strike = FinanceGreeks.ASIAN_STRIKE;
    AsianOptionAdjoint.CallPriceGradient g =
        AsianOptionAdjoint.callPrice(spot, volatility, 0.03, 1.0, strike, z);

    assertRelative(
        FinanceGreeks.centralDifference(
            s -> asian(s, volatility, strike, z), spot, FinanceGreeks.SPOT_BUMP),
        g.spot,
        1e-6,
        "delta");
    assertRelative(
        FinanceGreeks.centralDifference(
            v -> asian(spot, v, strike, z), volatility, FinanceGreeks.VOLATILITY_BUMP),
        g.volatility,
        1e-6,
        "vega");
  }

  @Test
  void tangentAndAdjointOfTheMonteCarloPriceAgree() {
    AsianOptionAdjoint.CallPriceGradient g =
        AsianOptionAdjoint.callPrice(100, 0.2, 0.03, 1.0, 100, normals);
    Dual d = AsianOptionTangent.callPrice(100, 1, 0.2, 0.5, 0.03, 1.0, 100, normals);

    assertEquals(g.value, d.value());
    assertRelative(g.spot + 0.5 * g.volatility, d.tangent(), 1e-12, "dot product");
  }
}
