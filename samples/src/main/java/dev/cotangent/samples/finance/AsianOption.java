package dev.cotangent.samples.finance;

import dev.cotangent.Differentiable;
import dev.cotangent.NoDerivative;
import java.util.Random;

/**
 * Monte-Carlo price of an arithmetic-average Asian call under Black–Scholes dynamics, whose
 * generated adjoint gives pathwise delta and vega.
 *
 * <p>The payoff {@code max(average - strike, 0)} has a kink, but a path's average lands exactly
 * on the strike with probability zero, and the payoff is Lipschitz in spot and volatility: the
 * derivative of each path's payoff exists almost surely and its mean is the derivative of the
 * price. So the reverse sweep through the estimator, with the random numbers held fixed, gives
 * unbiased Greeks without smoothing the kink. (Smoothing would be needed for gamma, or for
 * digital payoffs, whose pathwise derivative is zero almost everywhere.)
 */
public final class AsianOption {
  private AsianOption() {}

  /**
   * The discounted mean payoff over the given paths.
   *
   * @param spot price of the underlying today
   * @param volatility annual volatility of the underlying's log-returns
   * @param rate risk-free rate per year
   * @param maturity years to expiry; the average is over {@code steps} equally spaced fixings
   * @param strike strike price
   * @param normals {@code normals[p][k]}: the standard normal increment of path {@code p} in step
   *     {@code k}, drawn once and kept fixed (common random numbers)
   */
  @Differentiable
  public static double callPrice(
      double spot,
      double volatility,
      @NoDerivative double rate,
      @NoDerivative double maturity,
      @NoDerivative double strike,
      @NoDerivative double[][] normals) {
    int paths = normals.length;
    int steps = normals[0].length;
    double dt = maturity / steps;
    double drift = (rate - 0.5 * volatility * volatility) * dt;
    double diffusion = volatility * Math.sqrt(dt);
    double logSpot = Math.log(spot);
    double total = 0;
    for (int p = 0; p < paths; p++) {
      double[] z = normals[p];
      double logPrice = logSpot;
      double sum = 0;
      for (int k = 0; k < steps; k++) {
        logPrice += drift + diffusion * z[k];
        sum += Math.exp(logPrice);
      }
      double average = sum / steps;
      total += Math.max(average - strike, 0.0);
    }
    return Math.exp(-rate * maturity) * total / paths;
  }

  /** Standard normal increments, {@code paths × steps}, from a seeded generator. */
  public static double[][] normals(int paths, int steps, long seed) {
    Random random = new Random(seed);
    double[][] z = new double[paths][steps];
    for (double[] row : z) {
      for (int k = 0; k < steps; k++) {
        row[k] = random.nextGaussian();
      }
    }
    return z;
  }
}
