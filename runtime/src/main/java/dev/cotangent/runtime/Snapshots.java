package dev.cotangent.runtime;

/**
 * Copies arrays into a checkpointed loop's snapshot storage and back ({@link Checkpoints}): each
 * method copies the elements, row after row, from an offset and returns the offset after them.
 * Floats are kept as doubles (exactly). Rows that are {@code null} hold nothing.
 */
public final class Snapshots {
  private Snapshots() {}

  /** How many values {@code save} copies from a matrix: the sum of its rows' lengths. */
  public static int size(double[][] m) {
    long size = 0;
    for (double[] row : m) {
      size += row == null ? 0 : row.length;
    }
    return fit(size);
  }

  /** How many values {@code save} copies from a matrix of floats. */
  public static int size(float[][] m) {
    long size = 0;
    for (float[] row : m) {
      size += row == null ? 0 : row.length;
    }
    return fit(size);
  }

  /** The sum of snapshot sizes, refused when it exceeds an array's length. */
  public static int sum(long... sizes) {
    long total = 0;
    for (long size : sizes) {
      total += size;
    }
    return fit(total);
  }

  private static int fit(long size) {
    if (size > Integer.MAX_VALUE - 8) {
      throw new OutOfMemoryError("Cotangent: a snapshot of " + size + " values");
    }
    return (int) size;
  }

  /** Copies {@code a} into {@code into} from {@code at}; returns the offset after it. */
  public static int save(double[] a, double[] into, int at) {
    System.arraycopy(a, 0, into, at, a.length);
    return at + a.length;
  }

  /** Copies back into {@code a} what {@code save} put at {@code at}; returns the offset after it. */
  public static int restore(double[] from, int at, double[] a) {
    System.arraycopy(from, at, a, 0, a.length);
    return at + a.length;
  }

  /** Copies {@code a} into {@code into} from {@code at}; returns the offset after it. */
  public static int save(float[] a, double[] into, int at) {
    for (int i = 0; i < a.length; i++) {
      into[at + i] = a[i];
    }
    return at + a.length;
  }

  /** Copies back into {@code a} what {@code save} put at {@code at}; returns the offset after it. */
  public static int restore(double[] from, int at, float[] a) {
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) from[at + i];
    }
    return at + a.length;
  }

  /** Copies {@code a} into {@code into} from {@code at}; returns the offset after it. */
  public static int save(int[] a, int[] into, int at) {
    System.arraycopy(a, 0, into, at, a.length);
    return at + a.length;
  }

  /** Copies back into {@code a} what {@code save} put at {@code at}; returns the offset after it. */
  public static int restore(int[] from, int at, int[] a) {
    System.arraycopy(from, at, a, 0, a.length);
    return at + a.length;
  }

  /** Copies {@code a} into {@code into} from {@code at}; returns the offset after it. */
  public static int save(double[][] m, double[] into, int at) {
    for (double[] row : m) {
      if (row != null) {
        at = save(row, into, at);
      }
    }
    return at;
  }

  /** Copies back into {@code a} what {@code save} put at {@code at}; returns the offset after it. */
  public static int restore(double[] from, int at, double[][] m) {
    for (double[] row : m) {
      if (row != null) {
        at = restore(from, at, row);
      }
    }
    return at;
  }

  /** Copies {@code a} into {@code into} from {@code at}; returns the offset after it. */
  public static int save(float[][] m, double[] into, int at) {
    for (float[] row : m) {
      if (row != null) {
        at = save(row, into, at);
      }
    }
    return at;
  }

  /** Copies back into {@code a} what {@code save} put at {@code at}; returns the offset after it. */
  public static int restore(double[] from, int at, float[][] m) {
    for (float[] row : m) {
      if (row != null) {
        at = restore(from, at, row);
      }
    }
    return at;
  }

  // Index data: int[][], byte[], short[] and char[] go to the int storage.

  /** How many values {@code save} copies from a matrix of ints. */
  public static int size(int[][] m) {
    long size = 0;
    for (int[] row : m) {
      size += row == null ? 0 : row.length;
    }
    return fit(size);
  }

  /** Copies {@code a} into {@code into} from {@code at}; returns the offset after it. */
  public static int save(int[][] m, int[] into, int at) {
    for (int[] row : m) {
      if (row != null) {
        at = save(row, into, at);
      }
    }
    return at;
  }

  /** Copies back into {@code a} what {@code save} put at {@code at}; returns the offset after it. */
  public static int restore(int[] from, int at, int[][] m) {
    for (int[] row : m) {
      if (row != null) {
        at = restore(from, at, row);
      }
    }
    return at;
  }

  /** Copies {@code a} into {@code into} from {@code at}; returns the offset after it. */
  public static int save(byte[] a, int[] into, int at) {
    for (int i = 0; i < a.length; i++) {
      into[at + i] = a[i];
    }
    return at + a.length;
  }

  /** Copies back into {@code a} what {@code save} put at {@code at}; returns the offset after it. */
  public static int restore(int[] from, int at, byte[] a) {
    for (int i = 0; i < a.length; i++) {
      a[i] = (byte) from[at + i];
    }
    return at + a.length;
  }

  /** Copies {@code a} into {@code into} from {@code at}; returns the offset after it. */
  public static int save(short[] a, int[] into, int at) {
    for (int i = 0; i < a.length; i++) {
      into[at + i] = a[i];
    }
    return at + a.length;
  }

  /** Copies back into {@code a} what {@code save} put at {@code at}; returns the offset after it. */
  public static int restore(int[] from, int at, short[] a) {
    for (int i = 0; i < a.length; i++) {
      a[i] = (short) from[at + i];
    }
    return at + a.length;
  }

  /** Copies {@code a} into {@code into} from {@code at}; returns the offset after it. */
  public static int save(char[] a, int[] into, int at) {
    for (int i = 0; i < a.length; i++) {
      into[at + i] = a[i];
    }
    return at + a.length;
  }

  /** Copies back into {@code a} what {@code save} put at {@code at}; returns the offset after it. */
  public static int restore(int[] from, int at, char[] a) {
    for (int i = 0; i < a.length; i++) {
      a[i] = (char) from[at + i];
    }
    return at + a.length;
  }
}
