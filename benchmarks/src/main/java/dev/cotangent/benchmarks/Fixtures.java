package dev.cotangent.benchmarks;

import java.util.Random;

/** Fixed-seed random instances of the standard sizes. */
public final class Fixtures {
  private Fixtures() {}

  /** A GMM instance. */
  public static final class GmmInstance {
    public final double[] alpha;
    public final double[][] means;
    public final double[][] icf;
    public final double[][] x;
    public final double gamma = 1.0;
    public final int m = 0;

    GmmInstance(double[] alpha, double[][] means, double[][] icf, double[][] x) {
      this.alpha = alpha;
      this.means = means;
      this.icf = icf;
      this.x = x;
    }

    /** The number of differentiable inputs, K(1 + d + d(d+1)/2). */
    public int parameters() {
      return alpha.length * (1 + means[0].length + icf[0].length);
    }
  }

  /**
   * A random GMM instance in the spirit of ADBench's generator: alpha and icf standard normal
   * (icf scaled by 0.1 so that exp(q) stays moderate at d=64), means and points uniform in [0,1).
   */
  public static GmmInstance gmm(int d, int k, int n, long seed) {
    Random rnd = new Random(seed);
    double[] alpha = new double[k];
    double[][] means = new double[k][d];
    double[][] icf = new double[k][d * (d + 1) / 2];
    double[][] x = new double[n][d];
    for (int c = 0; c < k; c++) {
      alpha[c] = rnd.nextGaussian();
      for (int j = 0; j < d; j++) {
        means[c][j] = rnd.nextDouble();
      }
      for (int j = 0; j < icf[c].length; j++) {
        icf[c][j] = 0.1 * rnd.nextGaussian();
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        x[i][j] = rnd.nextDouble();
      }
    }
    return new GmmInstance(alpha, means, icf, x);
  }

  /** ADBench's small reference fixture (d=2, K=3, n=1); objective 8.07380408004975791. */
  public static GmmInstance gmmReference() {
    return new GmmInstance(
        new double[] {-0.649014, 1.181166, -0.758453},
        new double[][] {{0.092339, 0.186260}, {0.345561, 0.396767}, {0.538817, 0.419195}},
        new double[][] {
          {0.586443, -0.851887, 0.800321}, {-1.509405, 0.875874, -0.242790}, {0.166813, -1.965419, -1.270071}
        },
        new double[][] {{1.175171, 2.029160}});
  }

  /** A BA instance: observations of random points by random cameras. */
  public static final class BaInstance {
    public final double[][] cameras;
    public final double[][] points;
    public final double[] weights;
    public final int[] camIndex;
    public final int[] ptIndex;
    public final double[][] features;

    BaInstance(double[][] cameras, double[][] points, double[] weights, int[] camIndex, int[] ptIndex, double[][] features) {
      this.cameras = cameras;
      this.points = points;
      this.weights = weights;
      this.camIndex = camIndex;
      this.ptIndex = ptIndex;
      this.features = features;
    }

    public int observations() {
      return camIndex.length;
    }
  }

  /** {@code obs} observations of {@code nPoints} points by {@code nCams} cameras. */
  public static BaInstance ba(int nCams, int nPoints, int obs, long seed) {
    Random rnd = new Random(seed);
    double[][] cams = new double[nCams][11];
    for (double[] c : cams) {
      for (int i = 0; i < 3; i++) {
        c[i] = 0.3 * rnd.nextGaussian(); // rotation
        c[3 + i] = rnd.nextGaussian(); // centre
      }
      c[5] -= 10; // cameras behind the points along z
      c[6] = 400 + 200 * rnd.nextDouble(); // focal length
      c[7] = 10 * rnd.nextGaussian();
      c[8] = 10 * rnd.nextGaussian();
      c[9] = 1e-3 * rnd.nextGaussian();
      c[10] = 1e-5 * rnd.nextGaussian();
    }
    double[][] pts = new double[nPoints][3];
    for (double[] p : pts) {
      p[0] = rnd.nextGaussian();
      p[1] = rnd.nextGaussian();
      p[2] = rnd.nextGaussian();
    }
    double[] w = new double[obs];
    int[] ci = new int[obs];
    int[] pi = new int[obs];
    double[][] feats = new double[obs][2];
    for (int o = 0; o < obs; o++) {
      w[o] = 0.5 + rnd.nextDouble();
      ci[o] = rnd.nextInt(nCams);
      pi[o] = rnd.nextInt(nPoints);
      feats[o][0] = 100 * rnd.nextGaussian();
      feats[o][1] = 100 * rnd.nextGaussian();
    }
    return new BaInstance(cams, pts, w, ci, pi, feats);
  }

  /**
   * A fixed-seed direction for forward mode: {@code n} standard normal entries (no structure, so
   * that no partial derivative drops out of the directional derivative).
   */
  public static double[] direction(int n, long seed) {
    Random rnd = new Random(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = rnd.nextGaussian();
    }
    return v;
  }

  /** A fixed-seed direction of the given shape ({@link #direction(int, long)} row by row). */
  public static double[][] direction(int rows, int columns, long seed) {
    Random rnd = new Random(seed);
    double[][] v = new double[rows][columns];
    for (double[] row : v) {
      for (int j = 0; j < columns; j++) {
        row[j] = rnd.nextGaussian();
      }
    }
    return v;
  }

  /** A random point of dimension n near the Rosenbrock valley. */
  public static double[] rosenbrock(int n, long seed) {
    Random rnd = new Random(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 1 + 0.5 * rnd.nextGaussian();
    }
    return x;
  }
}
