package dev.cotangent.runtime;

import java.util.Arrays;

/**
 * Arrays a generated method keeps between calls, in numbered slots: the directions of a dense
 * Hessian's sweeps, the lanes of a batched sweep. A holder owns one; a call with the same shapes
 * as the last one reuses its arrays instead of allocating. Like the holder, a workspace belongs
 * to one call at a time.
 */
public final class Workspace {
  private Object[] slots = new Object[4];

  /** A zero array of {@code length} entries, kept in {@code slot}. */
  public double[] zeros(int slot, int length) {
    Object kept = get(slot);
    if (kept instanceof double[] array && array.length == length) {
      Arrays.fill(array, 0.0);
      return array;
    }
    double[] array = new double[length];
    slots[slot] = array;
    return array;
  }

  /**
   * A copy of {@code from}, kept in {@code slot}: a batched sweep that writes a scalar
   * parameter's lanes works on this copy, and the caller's array stays as it was.
   */
  public double[] copyOf(int slot, double[] from) {
    Object kept = get(slot);
    double[] array = kept instanceof double[] a && a.length == from.length ? a
        : new double[from.length];
    slots[slot] = array;
    System.arraycopy(from, 0, array, 0, from.length);
    return array;
  }

  /** A zero array shaped like {@code like}, kept in {@code slot}. */
  public double[] zerosLike(int slot, double[] like) {
    return zeros(slot, like.length);
  }

  /** A zero matrix shaped like {@code like} (row by row), kept in {@code slot}. */
  public double[][] zerosLike(int slot, double[][] like) {
    Object kept = get(slot);
    if (kept instanceof double[][] matrix && sameShape(matrix, like)) {
      ArrayState.fill(matrix, 0.0);
      return matrix;
    }
    double[][] matrix = ArrayState.zerosLike(like);
    slots[slot] = matrix;
    return matrix;
  }

  /** Zero k-lane tangents of a matrix shaped like {@code like} ({@link Lanes}), kept in {@code slot}. */
  public double[][] lanesLike(int slot, double[][] like, int k) {
    Object kept = get(slot);
    if (kept instanceof double[][] matrix && matrix.length == like.length) {
      boolean same = true;
      for (int i = 0; i < like.length && same; i++) {
        same = matrix[i] != null && like[i] != null && matrix[i].length == like[i].length * k;
      }
      if (same) {
        ArrayState.fill(matrix, 0.0);
        return matrix;
      }
    }
    double[][] matrix = Lanes.zerosLike(like, k);
    slots[slot] = matrix;
    return matrix;
  }

  /** A zero array of {@code length} entries, kept in {@code slot}. */
  public float[] floatZeros(int slot, int length) {
    Object kept = get(slot);
    if (kept instanceof float[] array && array.length == length) {
      Arrays.fill(array, 0.0f);
      return array;
    }
    float[] array = new float[length];
    slots[slot] = array;
    return array;
  }

  public float[] zerosLike(int slot, float[] like) {
    return floatZeros(slot, like.length);
  }

  public float[][] zerosLike(int slot, float[][] like) {
    Object kept = get(slot);
    if (kept instanceof float[][] matrix && sameShape(matrix, like)) {
      ArrayState.fill(matrix, 0.0);
      return matrix;
    }
    float[][] matrix = ArrayState.zerosLike(like);
    slots[slot] = matrix;
    return matrix;
  }

  private Object get(int slot) {
    if (slot >= slots.length) {
      slots = Arrays.copyOf(slots, Math.max(slot + 1, 2 * slots.length));
    }
    return slots[slot];
  }

  private static boolean sameShape(double[][] a, double[][] b) {
    if (a.length != b.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (b[i] == null || a[i] == null || a[i].length != b[i].length) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameShape(float[][] a, float[][] b) {
    if (a.length != b.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (b[i] == null || a[i] == null || a[i].length != b[i].length) {
        return false;
      }
    }
    return true;
  }
}
