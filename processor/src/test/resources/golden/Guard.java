package golden;

import dev.cotangent.Differentiable;

/** Early returns, from a branch and from inside a loop. */
public class Guard {
  @Differentiable
  public static double firstAbove(double x, double threshold) {
    if (x <= 0) {
      return 0;
    }
    double p = x;
    for (int i = 0; i < 100; i++) {
      if (p > threshold) {
        return Math.log(p);
      }
      p = p * x + 1;
    }
    return p;
  }
}
