package golden;

import dev.cotangent.Differentiable;

/** A loop that overwrites its accumulator: Horner's rule for a power series in x. */
public class Horner {
  @Differentiable
  public static double series(double x, double a, int terms) {
    double sum = 0;
    for (int k = terms; k >= 1; k--) {
      sum = sum * x + a / k;
    }
    return sum;
  }
}
