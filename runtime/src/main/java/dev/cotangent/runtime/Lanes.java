package dev.cotangent.runtime;

/**
 * Tangents of k directions at once, as batched ({@code fBatch}) companions carry them: the
 * direction index is the last, innermost axis. A scalar's k tangents are a {@code double[k]};
 * element {@code i} of an array's tangents in direction {@code d} is at {@code [i * k + d]} (an
 * array of {@code length * k}); a matrix's tangents are its rows packed so, {@code [r][c * k + d]}.
 * (In JAX's terms, {@code vmap} over {@code jvp} with the batch axis last; Enzyme's batch width
 * {@code k}, chosen at run time.) Each statement's derivative is then one loop over the k
 * directions, over contiguous memory, while the method's own values are computed once.
 */
public final class Lanes {
  /**
   * The most directions a dense Hessian's (or a Jacobian's) batched sweep carries; more inputs
   * are split into blocks of nearly equal width.
   */
  public static final int WIDTH = 64;

  private Lanes() {}

  /** k-lane zeros shaped like {@code array} ({@code null} for {@code null}). */
  public static double[] zerosLike(double[] array, int k) {
    return array == null ? null : new double[array.length * k];
  }

  public static double[][] zerosLike(double[][] matrix, int k) {
    if (matrix == null) {
      return null;
    }
    double[][] out = new double[matrix.length][];
    for (int i = 0; i < matrix.length; i++) {
      out[i] = zerosLike(matrix[i], k);
    }
    return out;
  }

  public static float[] zerosLike(float[] array, int k) {
    return array == null ? null : new float[array.length * k];
  }

  public static float[][] zerosLike(float[][] matrix, int k) {
    if (matrix == null) {
      return null;
    }
    float[][] out = new float[matrix.length][];
    for (int i = 0; i < matrix.length; i++) {
      out[i] = zerosLike(matrix[i], k);
    }
    return out;
  }

  /** One direction's array for k-lane tangents of this shape. */
  public static double[] directionLike(double[] lanes, int k) {
    return new double[lanes.length / k];
  }

  public static double[][] directionLike(double[][] lanes, int k) {
    double[][] out = new double[lanes.length][];
    for (int i = 0; i < lanes.length; i++) {
      out[i] = directionLike(lanes[i], k);
    }
    return out;
  }

  public static float[] directionLike(float[] lanes, int k) {
    return new float[lanes.length / k];
  }

  public static float[][] directionLike(float[][] lanes, int k) {
    float[][] out = new float[lanes.length][];
    for (int i = 0; i < lanes.length; i++) {
      out[i] = directionLike(lanes[i], k);
    }
    return out;
  }

  /** Copies direction {@code d} of k-lane tangents into {@code into}. */
  public static void unpack(double[] lanes, int k, int d, double[] into) {
    for (int i = 0; i < into.length; i++) {
      into[i] = lanes[i * k + d];
    }
  }

  public static void unpack(double[][] lanes, int k, int d, double[][] into) {
    for (int r = 0; r < into.length; r++) {
      unpack(lanes[r], k, d, into[r]);
    }
  }

  public static void unpack(float[] lanes, int k, int d, float[] into) {
    for (int i = 0; i < into.length; i++) {
      into[i] = lanes[i * k + d];
    }
  }

  public static void unpack(float[][] lanes, int k, int d, float[][] into) {
    for (int r = 0; r < into.length; r++) {
      unpack(lanes[r], k, d, into[r]);
    }
  }

  /** Writes {@code from} as direction {@code d} of k-lane tangents. */
  public static void pack(double[] from, int k, int d, double[] lanes) {
    for (int i = 0; i < from.length; i++) {
      lanes[i * k + d] = from[i];
    }
  }

  public static void pack(double[][] from, int k, int d, double[][] lanes) {
    for (int r = 0; r < from.length; r++) {
      pack(from[r], k, d, lanes[r]);
    }
  }

  public static void pack(float[] from, int k, int d, float[] lanes) {
    for (int i = 0; i < from.length; i++) {
      lanes[i * k + d] = from[i];
    }
  }

  public static void pack(float[][] from, int k, int d, float[][] lanes) {
    for (int r = 0; r < from.length; r++) {
      pack(from[r], k, d, lanes[r]);
    }
  }

  /**
   * The unit directions {@code first, first + 1, ...} of a block of k over all inputs, as this
   * input's lanes: the input's entries are the flat inputs {@code offset, offset + 1, ...}, and
   * entry {@code i} is 1 in direction {@code offset + i - first} when that is in the block.
   * Returns the offset of the next input.
   */
  public static int units(double[] lanes, int k, int offset, int first) {
    java.util.Arrays.fill(lanes, 0.0);
    int length = lanes.length / k;
    for (int i = 0; i < length; i++) {
      int d = offset + i - first;
      if (d >= 0 && d < k) {
        lanes[i * k + d] = 1;
      }
    }
    return offset + length;
  }

  public static int units(double[][] lanes, int k, int offset, int first) {
    int next = offset;
    for (double[] row : lanes) {
      next = units(row, k, next, first);
    }
    return next;
  }

  public static int units(float[] lanes, int k, int offset, int first) {
    java.util.Arrays.fill(lanes, 0.0f);
    int length = lanes.length / k;
    for (int i = 0; i < length; i++) {
      int d = offset + i - first;
      if (d >= 0 && d < k) {
        lanes[i * k + d] = 1;
      }
    }
    return offset + length;
  }

  public static int units(float[][] lanes, int k, int offset, int first) {
    int next = offset;
    for (float[] row : lanes) {
      next = units(row, k, next, first);
    }
    return next;
  }

  /**
   * The {@code count} directions of k-lane results as columns {@code first ...} of a matrix:
   * {@code into[row + i][first + d] = lanes[i * k + d]}. Returns the next row.
   */
  public static int putColumns(double[][] into, int row, int first, int count, double[] lanes,
      int k) {
    int length = lanes.length / k;
    for (int i = 0; i < length; i++) {
      double[] target = into[row + i];
      for (int d = 0; d < count; d++) {
        target[first + d] = lanes[i * k + d];
      }
    }
    return row + length;
  }

  /**
   * The {@code count} directions of k-lane results as rows {@code first ...} of a matrix, from
   * column {@code column}: {@code into[first + d][column + i] = lanes[i * k + d]} (a Hessian's
   * rows, whose directions are the unit vectors). Returns the next column.
   */
  public static int putRows(double[][] into, int first, int count, int column, double[] lanes,
      int k) {
    int length = lanes.length / k;
    for (int d = 0; d < count; d++) {
      double[] target = into[first + d];
      for (int i = 0; i < length; i++) {
        target[column + i] = lanes[i * k + d];
      }
    }
    return column + length;
  }

  public static int putRows(double[][] into, int first, int count, int column, double[][] lanes,
      int k) {
    int next = column;
    for (double[] row : lanes) {
      next = putRows(into, first, count, next, row, k);
    }
    return next;
  }

  public static int putRows(double[][] into, int first, int count, int column, float[] lanes,
      int k) {
    int length = lanes.length / k;
    for (int d = 0; d < count; d++) {
      double[] target = into[first + d];
      for (int i = 0; i < length; i++) {
        target[column + i] = lanes[i * k + d];
      }
    }
    return column + length;
  }

  public static int putRows(double[][] into, int first, int count, int column, float[][] lanes,
      int k) {
    int next = column;
    for (float[] row : lanes) {
      next = putRows(into, first, count, next, row, k);
    }
    return next;
  }

  /**
   * Checks that k-lane tangents have {@code k} entries per element of their value.
   *
   * @throws IllegalArgumentException if {@code k} is not positive or the lengths differ
   */
  public static void check(double[] lanes, int length, int k, String name) {
    if (k < 1) {
      throw new IllegalArgumentException("Cotangent: k = " + k + " directions; give k >= 1");
    }
    if (lanes.length != (long) length * k) {
      throw new IllegalArgumentException("Cotangent: " + name + " has length " + lanes.length
          + " but k = " + k + " directions of " + length + " entries need " + (long) length * k);
    }
  }

  public static void check(double[][] lanes, double[][] value, int k, String name) {
    if (lanes.length != value.length) {
      throw new IllegalArgumentException("Cotangent: " + name + " has " + lanes.length
          + " rows but its argument has " + value.length);
    }
    for (int r = 0; r < lanes.length; r++) {
      check(lanes[r], value[r].length, k, name + "[" + r + "]");
    }
  }

  public static void check(float[] lanes, int length, int k, String name) {
    if (k < 1) {
      throw new IllegalArgumentException("Cotangent: k = " + k + " directions; give k >= 1");
    }
    if (lanes.length != (long) length * k) {
      throw new IllegalArgumentException("Cotangent: " + name + " has length " + lanes.length
          + " but k = " + k + " directions of " + length + " entries need " + (long) length * k);
    }
  }

  public static void check(float[][] lanes, float[][] value, int k, String name) {
    if (lanes.length != value.length) {
      throw new IllegalArgumentException("Cotangent: " + name + " has " + lanes.length
          + " rows but its argument has " + value.length);
    }
    for (int r = 0; r < lanes.length; r++) {
      check(lanes[r], value[r].length, k, name + "[" + r + "]");
    }
  }
}
