package dev.cotangent.runtime;

import java.util.Arrays;

/**
 * The per-call record of a reverse-mode companion: overwritten values and control-flow decisions
 * pushed by the forward sweep and popped, in reverse order, by the reverse sweep.
 *
 * <p>Primitive stacks (no boxing). Each starts small and doubles up to a segment of
 * {@value #SEGMENT} entries; beyond that it adds segments instead of copying, so a long tape is
 * written once, read once, and never copied, and keeps one spare segment so that pushes and pops
 * at a segment boundary do not allocate again. Each generated pullback creates its own tape, so
 * generated code holds no shared mutable state and is safe to call from many threads.
 */
public final class Tape {
  /** Entries per segment once a stack has grown that far (32 KiB of doubles). */
  static final int SEGMENT = 1 << 12;

  private double[] doubles = new double[16];
  private int doubleTop;
  private double[][] doubleSegments = new double[4][];
  private int doubleSegmentCount;
  private double[] spareDoubles;
  private int[] ints = new int[16];
  private int intTop;
  private int[][] intSegments = new int[4][];
  private int intSegmentCount;
  private int[] spareInts;
  private Object[] objects;
  private int objectCount;

  /** Records a value that is about to be overwritten. */
  public void pushDouble(double value) {
    if (doubleTop == doubles.length) {
      growDoubles();
    }
    doubles[doubleTop++] = value;
  }

  /** Returns the most recently recorded value that has not been popped. */
  public double popDouble() {
    if (doubleTop == 0) {
      previousDoubles();
    }
    return doubles[--doubleTop];
  }

  private void growDoubles() {
    if (doubles.length < SEGMENT) {
      doubles = Arrays.copyOf(doubles, doubles.length * 2);
      return;
    }
    if (doubleSegmentCount == doubleSegments.length) {
      doubleSegments = Arrays.copyOf(doubleSegments, doubleSegments.length * 2);
    }
    doubleSegments[doubleSegmentCount++] = doubles;
    doubles = spareDoubles != null ? spareDoubles : new double[SEGMENT];
    spareDoubles = null;
    doubleTop = 0;
  }

  private void previousDoubles() {
    spareDoubles = doubles;
    doubles = doubleSegments[--doubleSegmentCount];
    doubleSegments[doubleSegmentCount] = null;
    doubleTop = doubles.length;
  }

  /** Records an integer: a branch taken, a loop's trip count, or an overwritten integer. */
  public void pushInt(int value) {
    if (intTop == ints.length) {
      growInts();
    }
    ints[intTop++] = value;
  }

  /** Returns the most recently recorded integer that has not been popped. */
  public int popInt() {
    if (intTop == 0) {
      previousInts();
    }
    return ints[--intTop];
  }

  private void growInts() {
    if (ints.length < SEGMENT) {
      ints = Arrays.copyOf(ints, ints.length * 2);
      return;
    }
    if (intSegmentCount == intSegments.length) {
      intSegments = Arrays.copyOf(intSegments, intSegments.length * 2);
    }
    intSegments[intSegmentCount++] = ints;
    ints = spareInts != null ? spareInts : new int[SEGMENT];
    spareInts = null;
    intTop = 0;
  }

  private void previousInts() {
    spareInts = ints;
    ints = intSegments[--intSegmentCount];
    intSegments[intSegmentCount] = null;
    intTop = ints.length;
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
    return doubleSegmentCount * SEGMENT + doubleTop;
  }

  /** How many ints are recorded now; for reports and tests of tape use. */
  public int intCount() {
    return intSegmentCount * SEGMENT + intTop;
  }
}
