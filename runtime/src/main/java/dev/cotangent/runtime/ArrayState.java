package dev.cotangent.runtime;

/**
 * Array copies for generated pullbacks: the reverse sweep restores a parameter array to its
 * values on entry, so the pullback saves the values the original method leaves in it and puts
 * them back at the end; and gradients computed into fresh arrays are added into the caller's.
 */
public final class ArrayState {
  private ArrayState() {}

  public static double[] snapshot(double[] array) {
    return array == null ? null : array.clone();
  }

  public static double[][] snapshot(double[][] array) {
    if (array == null) {
      return null;
    }
    double[][] copy = new double[array.length][];
    for (int i = 0; i < array.length; i++) {
      copy[i] = snapshot(array[i]);
    }
    return copy;
  }

  public static int[] snapshot(int[] array) {
    return array == null ? null : array.clone();
  }

  /** Copies {@code saved} back into {@code array}, element by element. */
  public static void restore(double[] saved, double[] array) {
    if (saved != null) {
      System.arraycopy(saved, 0, array, 0, saved.length);
    }
  }

  public static void restore(double[][] saved, double[][] array) {
    if (saved != null) {
      for (int i = 0; i < saved.length; i++) {
        restore(saved[i], array[i]);
      }
    }
  }

  public static void restore(int[] saved, int[] array) {
    if (saved != null) {
      System.arraycopy(saved, 0, array, 0, saved.length);
    }
  }

  // The index data a method may write into: int[][], byte[], short[], char[].

  public static int[][] snapshot(int[][] array) {
    if (array == null) {
      return null;
    }
    int[][] copy = new int[array.length][];
    for (int i = 0; i < array.length; i++) {
      copy[i] = snapshot(array[i]);
    }
    return copy;
  }

  public static void restore(int[][] saved, int[][] array) {
    if (saved != null) {
      for (int i = 0; i < saved.length; i++) {
        restore(saved[i], array[i]);
      }
    }
  }

  public static byte[] snapshot(byte[] array) {
    return array == null ? null : array.clone();
  }

  public static void restore(byte[] saved, byte[] array) {
    if (saved != null) {
      System.arraycopy(saved, 0, array, 0, saved.length);
    }
  }

  public static short[] snapshot(short[] array) {
    return array == null ? null : array.clone();
  }

  public static void restore(short[] saved, short[] array) {
    if (saved != null) {
      System.arraycopy(saved, 0, array, 0, saved.length);
    }
  }

  public static char[] snapshot(char[] array) {
    return array == null ? null : array.clone();
  }

  public static void restore(char[] saved, char[] array) {
    if (saved != null) {
      System.arraycopy(saved, 0, array, 0, saved.length);
    }
  }

  /** A zero array of the same shape. */
  public static double[] zerosLike(double[] array) {
    return array == null ? null : new double[array.length];
  }

  public static double[][] zerosLike(double[][] array) {
    if (array == null) {
      return null;
    }
    double[][] zeros = new double[array.length][];
    for (int i = 0; i < array.length; i++) {
      zeros[i] = zerosLike(array[i]);
    }
    return zeros;
  }

  /** {@code into[i] += from[i]} for every element. */
  public static void addInto(double[] from, double[] into) {
    for (int i = 0; i < from.length; i++) {
      into[i] += from[i];
    }
  }

  public static void addInto(double[][] from, double[][] into) {
    for (int i = 0; i < from.length; i++) {
      addInto(from[i], into[i]);
    }
  }

  /** Sets every element to {@code value}. */
  public static void fill(double[] array, double value) {
    java.util.Arrays.fill(array, value);
  }

  public static void fill(double[][] array, double value) {
    for (double[] row : array) {
      fill(row, value);
    }
  }

  /** Copies {@code from} into {@code into}, which must have the same length. */
  public static void copyInto(double[] from, double[] into, String name) {
    Checks.sameLength(from, into, name);
    System.arraycopy(from, 0, into, 0, from.length);
  }

  /** Copies a matrix result's tangent into the caller's matrix of the same shape. */
  public static void copyInto(double[][] from, double[][] into, String name) {
    Checks.sameLength(from, into, name);
    for (int i = 0; i < from.length; i++) {
      System.arraycopy(from[i], 0, into[i], 0, from[i].length);
    }
  }

  public static void copyInto(float[] from, float[] into, String name) {
    Checks.sameLength(from, into, name);
    System.arraycopy(from, 0, into, 0, from.length);
  }

  /** How many elements a matrix has, row by row. */
  public static int count(double[][] matrix) {
    int count = 0;
    for (double[] row : matrix) {
      count += row.length;
    }
    return count;
  }

  /** Copies {@code values} into {@code row} from {@code at}; returns the next free position. */
  public static int putRow(double[] row, int at, double[] values) {
    System.arraycopy(values, 0, row, at, values.length);
    return at + values.length;
  }

  public static int putRow(double[] row, int at, double[][] values) {
    int next = at;
    for (double[] part : values) {
      next = putRow(row, next, part);
    }
    return next;
  }

  /** Writes {@code values} into column {@code column} of {@code matrix}. */
  public static void putColumn(double[][] matrix, int column, double[] values) {
    for (int i = 0; i < values.length; i++) {
      matrix[i][column] = values[i];
    }
  }

  // The same for float arrays, which differentiate like double arrays.

  public static float[] snapshot(float[] array) {
    return array == null ? null : array.clone();
  }

  public static float[][] snapshot(float[][] array) {
    if (array == null) {
      return null;
    }
    float[][] copy = new float[array.length][];
    for (int i = 0; i < array.length; i++) {
      copy[i] = snapshot(array[i]);
    }
    return copy;
  }

  public static void restore(float[] saved, float[] array) {
    if (saved != null) {
      System.arraycopy(saved, 0, array, 0, saved.length);
    }
  }

  public static void restore(float[][] saved, float[][] array) {
    if (saved != null) {
      for (int i = 0; i < saved.length; i++) {
        restore(saved[i], array[i]);
      }
    }
  }

  public static float[] zerosLike(float[] array) {
    return array == null ? null : new float[array.length];
  }

  public static float[][] zerosLike(float[][] array) {
    if (array == null) {
      return null;
    }
    float[][] zeros = new float[array.length][];
    for (int i = 0; i < array.length; i++) {
      zeros[i] = zerosLike(array[i]);
    }
    return zeros;
  }

  public static void addInto(float[] from, float[] into) {
    for (int i = 0; i < from.length; i++) {
      into[i] += from[i];
    }
  }

  public static void addInto(float[][] from, float[][] into) {
    for (int i = 0; i < from.length; i++) {
      addInto(from[i], into[i]);
    }
  }

  public static void fill(float[] array, double value) {
    java.util.Arrays.fill(array, (float) value);
  }

  public static void fill(float[][] array, double value) {
    for (float[] row : array) {
      fill(row, value);
    }
  }

  public static int count(float[][] matrix) {
    int count = 0;
    for (float[] row : matrix) {
      count += row.length;
    }
    return count;
  }

  public static int putRow(double[] row, int at, float[] values) {
    for (int i = 0; i < values.length; i++) {
      row[at + i] = values[i];
    }
    return at + values.length;
  }

  public static int putRow(double[] row, int at, float[][] values) {
    int next = at;
    for (float[] part : values) {
      next = putRow(row, next, part);
    }
    return next;
  }
}
