package dev.cotangent.samples.finance;

import dev.cotangent.Differentiable;
import dev.cotangent.NoDerivative;

/**
 * The Black–Scholes price of a European call, and the closed forms of its Greeks to check the
 * generated gradient against.
 *
 * <p>Cotangent generates {@code BlackScholesAdjoint.callPrice}, whose one reverse sweep gives
 * delta (∂/∂spot), vega (∂/∂volatility), rho (∂/∂rate) and ∂/∂time, whose negative is theta.
 */
public final class BlackScholes {
  private BlackScholes() {}

  /**
   * The price of a European call.
   *
   * @param spot price of the underlying today
   * @param volatility annual volatility of the underlying's log-returns
   * @param rate continuously compounded risk-free rate per year
   * @param time time to expiry, years
   * @param strike the strike price (a contract term: no derivative)
   */
  @Differentiable
  public static double callPrice(
      double spot, double volatility, double rate, double time, @NoDerivative double strike) {
    double sqrtTime = Math.sqrt(time);
    double d1 =
        (Math.log(spot / strike) + (rate + 0.5 * volatility * volatility) * time)
            / (volatility * sqrtTime);
    double d2 = d1 - volatility * sqrtTime;
    double discount = Math.exp(-rate * time);
    return spot * Normal.cdf(d1) - strike * discount * Normal.cdf(d2);
  }

  /** The Greeks from their textbook closed forms. Theta is {@code -∂price/∂time}. */
  public record Greeks(double delta, double vega, double rho, double theta) {}

  /** The closed forms of the Greeks of {@link #callPrice}. */
  public static Greeks closedForm(
      double spot, double volatility, double rate, double time, double strike) {
    double sqrtTime = Math.sqrt(time);
    double d1 =
        (Math.log(spot / strike) + (rate + 0.5 * volatility * volatility) * time)
            / (volatility * sqrtTime);
    double d2 = d1 - volatility * sqrtTime;
    double discount = Math.exp(-rate * time);
    double delta = Normal.cdf(d1);
    double vega = spot * Normal.pdf(d1) * sqrtTime;
    double rho = strike * time * discount * Normal.cdf(d2);
    double theta =
        -spot * Normal.pdf(d1) * volatility / (2 * sqrtTime)
            - rate * strike * discount * Normal.cdf(d2);
    return new Greeks(delta, vega, rho, theta);
  }
}
