package dev.cotangent.runtime;

/** Run-time checks made by generated companions where a compile-time check is impossible. */
public final class Checks {
  private Checks() {}

  /**
   * Two array parameters must not be the same array: their gradients are kept apart, so
   * differentiating through an aliased pair would give a wrong result.
   *
   * @throws IllegalArgumentException if {@code a} and {@code b} are the same non-null array
   */
  public static void distinct(Object a, Object b, String nameA, String nameB) {
    if (a != null && a == b) {
      throw new IllegalArgumentException("Cotangent: the arguments " + nameA + " and " + nameB
          + " are the same array; differentiating through aliased array parameters is not"
          + " supported: pass a copy");
    }
  }

  /**
   * An output cotangent or tangent array must have the length of the function's result.
   *
   * @throws IllegalArgumentException if the lengths differ
   */
  public static void sameLength(double[] result, double[] given, String name) {
    if (given.length != result.length) {
      throw new IllegalArgumentException("Cotangent: " + name + " has length " + given.length
          + " but the function's result has length " + result.length);
    }
  }
  /** The same for a matrix result: the same number of rows, each of the row's length. */
  public static void sameLength(double[][] result, double[][] given, String name) {
    if (given.length != result.length) {
      throw new IllegalArgumentException("Cotangent: " + name + " has " + given.length
          + " rows but the function's result has " + result.length);
    }
    for (int i = 0; i < result.length; i++) {
      sameLength(result[i], given[i], name + "[" + i + "]");
    }
  }

  public static void sameLength(float[] result, float[] given, String name) {
    if (given.length != result.length) {
      throw new IllegalArgumentException("Cotangent: " + name + " has length " + given.length
          + " but the function's result has length " + result.length);
    }
  }

  /**
   * An array argument must not be a row of a matrix argument of a method that writes into its
   * arrays: a write through one would change the other behind the derivatives' back.
   *
   * @throws IllegalArgumentException if {@code row} is one of {@code matrix}'s rows
   */
  public static void notRowOf(Object row, Object[] matrix, String nameRow, String nameMatrix) {
    if (row == null || matrix == null) {
      return;
    }
    for (int i = 0; i < matrix.length; i++) {
      if (matrix[i] == row) {
        throw new IllegalArgumentException("Cotangent: the argument " + nameRow + " is row " + i
            + " of the argument " + nameMatrix + "; differentiating through aliased array"
            + " parameters is not supported: pass a copy");
      }
    }
  }

  /**
   * A caller's Jacobian matrix must have one row of {@code columns} entries per result.
   *
   * @param rows the function's number of results, or -1 when only the call can tell (then the
   *     sweeps check it against the result)
   * @throws IllegalArgumentException if the matrix has another shape
   */
  public static void matrixShape(double[][] matrix, int rows, int columns, String name) {
    if (rows >= 0 && matrix.length != rows) {
      throw new IllegalArgumentException("Cotangent: " + name + " has " + matrix.length
          + " rows but the function has " + rows + " results");
    }
    for (int i = 0; i < matrix.length; i++) {
      if (matrix[i] == null || matrix[i].length != columns) {
        throw new IllegalArgumentException("Cotangent: " + name + "[" + i + "] has "
            + (matrix[i] == null ? "no row" : matrix[i].length + " entries") + " but there are "
            + columns + " differentiable inputs");
      }
    }
  }

  /**
   * A reused gradient holder must be shaped like the argument it receives the derivative of.
   *
   * @throws IllegalArgumentException if the shapes differ
   */
  public static void sameShape(double[] gradient, double[] argument, String name) {
    if (gradient.length != argument.length) {
      throw shape(name, gradient.length, argument.length);
    }
  }

  public static void sameShape(double[][] gradient, double[][] argument, String name) {
    if (gradient.length != argument.length) {
      throw shape(name, gradient.length, argument.length);
    }
    for (int i = 0; i < gradient.length; i++) {
      sameShape(gradient[i], argument[i], name + "[" + i + "]");
    }
  }

  public static void sameShape(float[] gradient, float[] argument, String name) {
    if (gradient.length != argument.length) {
      throw shape(name, gradient.length, argument.length);
    }
  }

  public static void sameShape(float[][] gradient, float[][] argument, String name) {
    if (gradient.length != argument.length) {
      throw shape(name, gradient.length, argument.length);
    }
    for (int i = 0; i < gradient.length; i++) {
      sameShape(gradient[i], argument[i], name + "[" + i + "]");
    }
  }

  private static IllegalArgumentException shape(String name, int has, int needs) {
    return new IllegalArgumentException("Cotangent: " + name + " has length " + has
        + " but its argument has length " + needs + "; make the holder from these arguments");
  }
}
