package golden;

import dev.cotangent.Differentiable;
import dev.cotangent.NoDerivative;

/**
 * A sum over data points, whose reverse trips run with its forward ones, and a triangular
 * product, whose column value is read once per row loop.
 */
public class Loss {
  @Differentiable
  public static double squaredError(double a, double b, @NoDerivative double[] t,
      @NoDerivative double[] y) {
    double loss = 0;
    for (int i = 0; i < t.length; i++) {
      double r = a * Math.exp(-b * t[i]) - y[i];
      loss += r * r;
    }
    return 0.5 * loss;
  }

  @Differentiable
  public static double quadraticForm(double[] l, double[] x) {
    int d = x.length;
    double[] lx = new double[d];
    int k = 0;
    for (int col = 0; col < d; col++) {
      for (int row = col; row < d; row++) {
        lx[row] += l[k] * x[col];
        k++;
      }
    }
    double s = 0;
    for (int j = 0; j < d; j++) {
      s += lx[j] * lx[j];
    }
    return s;
  }
}
