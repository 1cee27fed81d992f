package dev.cotangent.runtime;

import java.util.Arrays;

/**
 * The per-call record of a reverse-mode companion: overwritten values and control-flow decisions
 * pushed by the forward sweep and popped, in reverse order, by the reverse sweep.
 *
 * <p>Two primitive stacks (no boxing) that grow geometrically. Each generated pullback creates its
 * own tape, so generated code holds no shared mutable state and is safe to call from many threads.
 */
public final class Tape {
  private double[] doubles = new double[16];
  private int doubleCount;
  private int[] ints = new int[16];
  private int intCount;
  private Object[] objects;
  private int objectCount;

  /** Records a value that is about to be overwritten. */
  public void pushDouble(double value) {
    if (doubleCount == doubles.length) {
      doubles = Arrays.copyOf(doubles, doubles.length * 2);
    }
    doubles[doubleCount++] = value;
  }

  /** Returns the most recently recorded value that has not been popped. */
  public double popDouble() {
    return doubles[--doubleCount];
  }

  /** Records an integer: a branch taken, a loop's trip count, or an overwritten integer. */
  public void pushInt(int value) {
    if (intCount == ints.length) {
      ints = Arrays.copyOf(ints, ints.length * 2);
    }
    ints[intCount++] = value;
  }

  /** Returns the most recently recorded integer that has not been popped. */
  public int popInt() {
    return ints[--intCount];
  }

  /** Records a long that is about to be overwritten. */
  public void pushLong(long value) {
    pushInt((int) (value >>> 32));
    pushInt((int) value);
  }

  /** Returns the most recently recorded long that has not been popped. */
  public long popLong() {
    long low = popInt() & 0xFFFF_FFFFL;
    long high = popInt();
    return (high << 32) | low;
  }

  /** Records a boolean that is about to be overwritten. */
  public void pushBoolean(boolean value) {
    pushInt(value ? 1 : 0);
  }

  /** Returns the most recently recorded boolean that has not been popped. */
  public boolean popBoolean() {
    return popInt() != 0;
  }

  /** Records an array reference that is about to be overwritten (arrays only, never boxes). */
  public void pushObject(Object value) {
    if (objects == null) {
      objects = new Object[16];
    } else if (objectCount == objects.length) {
      objects = Arrays.copyOf(objects, objects.length * 2);
    }
    objects[objectCount++] = value;
  }

  /** Returns the most recently recorded reference that has not been popped. */
  public Object popObject() {
    Object value = objects[--objectCount];
    objects[objectCount] = null;
    return value;
  }

  /** How many doubles are recorded now; for reports and tests of tape use. */
  public int doubleCount() {
    return doubleCount;
  }

  /** How many ints are recorded now; for reports and tests of tape use. */
  public int intCount() {
    return intCount;
  }
}
