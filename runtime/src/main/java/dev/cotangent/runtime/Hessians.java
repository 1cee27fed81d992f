package dev.cotangent.runtime;

/** Support for generated dense Hessians. */
public final class Hessians {
  private Hessians() {}

  /**
   * Makes a square matrix exactly symmetric: each pair of entries mirrored across the diagonal
   * becomes their mean. A Hessian made column by column from Hessian-vector products is
   * symmetric up to rounding; this removes the rounding's asymmetry.
   */
  public static void symmetrize(double[][] matrix) {
    for (int i = 0; i < matrix.length; i++) {
      for (int j = i + 1; j < matrix.length; j++) {
        double mean = 0.5 * (matrix[i][j] + matrix[j][i]);
        matrix[i][j] = mean;
        matrix[j][i] = mean;
      }
    }
  }
}
