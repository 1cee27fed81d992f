package dev.cotangent.samples.finance;

import java.util.function.DoubleUnaryOperator;

/**
 * Option Greeks from generated adjoints: Black–Scholes against the closed forms, and pathwise
 * Monte-Carlo Greeks of an Asian call against bump-and-revalue with common random numbers.
 */
public final class FinanceGreeks {
  // Black–Scholes demonstration.
  static final double SPOT = 100;
  static final double VOLATILITY = 0.2;
  static final double RATE = 0.03;
  static final double TIME = 1.0;
  static final double STRIKE = 105;

  // Asian call demonstration: weekly fixings over a year.
  static final double ASIAN_STRIKE = 100;
  static final int PATHS = 10_000;
  static final int STEPS = 52;
  static final long SEED = 20240611L;

  /**
   * Bump sizes for central differences of the Monte-Carlo price. They are small so that with
   * high probability no path's average crosses the strike between the bumped evaluations (a
   * crossing would put an O(1/bump) error into the difference quotient).
   */
  static final double SPOT_BUMP = 1e-4;

  static final double VOLATILITY_BUMP = 1e-6;

  private FinanceGreeks() {}

  /** The central difference {@code (f(x + h) - f(x - h)) / 2h}. */
  static double centralDifference(DoubleUnaryOperator f, double x, double h) {
    return (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
  }

  static double relativeDifference(double a, double b) {
    return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
  }

  public static void main(String[] args) {
    System.out.printf(
        "Black-Scholes call: spot %.0f, strike %.0f, volatility %.2f, rate %.2f, %.1f year%n",
        SPOT, STRIKE, VOLATILITY, RATE, TIME);
    BlackScholesAdjoint.CallPriceGradient g =
        BlackScholesAdjoint.callPrice(SPOT, VOLATILITY, RATE, TIME, STRIKE);
    BlackScholes.Greeks exact = BlackScholes.closedForm(SPOT, VOLATILITY, RATE, TIME, STRIKE);
    System.out.printf("price %.10f; Greeks from one BlackScholesAdjoint.callPrice call:%n", g.value);
    System.out.println("         adjoint             closed form         difference");
    printRow("delta", g.spot, exact.delta());
    printRow("vega", g.volatility, exact.vega());
    printRow("rho", g.rate, exact.rho());
    printRow("theta", -g.time, exact.theta());

    System.out.printf(
        "Arithmetic Asian call: strike %.0f, %d paths x %d weekly fixings, seed %d%n",
        ASIAN_STRIKE, PATHS, STEPS, SEED);
    double[][] z = AsianOption.normals(PATHS, STEPS, SEED);
    AsianOptionAdjoint.CallPriceGradient asian =
        AsianOptionAdjoint.callPrice(SPOT, VOLATILITY, RATE, TIME, ASIAN_STRIKE, z);
    double bumpDelta =
        centralDifference(
            s -> AsianOption.callPrice(s, VOLATILITY, RATE, TIME, ASIAN_STRIKE, z), SPOT, SPOT_BUMP);
    double bumpVega =
        centralDifference(
            v -> AsianOption.callPrice(SPOT, v, RATE, TIME, ASIAN_STRIKE, z),
            VOLATILITY,
            VOLATILITY_BUMP);
    System.out.printf("price %.6f; pathwise Greeks from one AsianOptionAdjoint.callPrice call:%n",
        asian.value);
    System.out.println("         pathwise adjoint    bump and revalue    rel. difference");
    System.out.printf("%-8s %-19.12f %-19.12f %.1e%n", "delta", asian.spot, bumpDelta,
        relativeDifference(asian.spot, bumpDelta));
    System.out.printf("%-8s %-19.12f %-19.12f %.1e%n", "vega", asian.volatility, bumpVega,
        relativeDifference(asian.volatility, bumpVega));
    System.out.printf(
        "(payoff max(average - strike, 0) not smoothed: its kink has probability 0;"
            + " bumps %.0e, %.0e)%n",
        SPOT_BUMP, VOLATILITY_BUMP);
  }

  private static void printRow(String name, double adjoint, double closedForm) {
    System.out.printf("%-8s %-19.15f %-19.15f %.1e%n", name, adjoint, closedForm,
        adjoint - closedForm);
  }
}
