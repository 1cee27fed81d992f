package dev.cotangent.runtime;

import java.util.Arrays;

/**
 * The memory of a reverse-mode companion's tape: the stacks on which its forward sweep records
 * overwritten values and control-flow decisions, popped in reverse order by its reverse sweep.
 *
 * <p>Primitive stacks, no boxing. The generated pullback keeps the top of each stack in local
 * variables and reads and writes the arrays directly:
 *
 * <pre>{@code
 * double[] doubles = tape.doubles();
 * int doubleTop = 0;
 * doubles = tape.push(doubles, doubleTop++, x);   // forward sweep: record x
 * x = doubles[--doubleTop];                       // reverse sweep: restore it
 *
 * doubles = tape.reserve(doubles, doubleTop, 1, j, n);  // before a counted loop: room for it
 * doubles[doubleTop++] = x;                       // ... then each record is a plain store
 * }</pre>
 *
 * so that a push is a store and an increment the JIT keeps in registers. The stacks grow
 * geometrically and are kept: every gradient holder owns one tape, and a pullback called again
 * with the same holder writes into the memory the last call grew instead of allocating its tape
 * again. Longs and arrays (rare) have their own stacks behind {@link #pushLong}/{@link #popLong} and
 * {@link #pushObject}/{@link #popObject}. A tape belongs to one holder and one call at a time;
 * generated code holds no static mutable state and is safe to call from many threads, each with
 * its own holder.
 */
public final class Tape {
  private static final int INITIAL = 64;

  private double[] doubles = new double[INITIAL];
  private int[] ints = new int[INITIAL];
  private long[] longs;
  private int longTop;
  private Object[] objects;
  private int objectTop;

  /** The double stack as the last pullback left it (its top is the caller's local, from 0). */
  public double[] doubles() {
    return doubles;
  }

  /** The int stack (branches, trip counts, overwritten ints and booleans as 0/1). */
  public int[] ints() {
    return ints;
  }

  /**
   * Stores {@code value} at {@code top} of {@code stack}, first growing the stack (and keeping
   * the grown one for later calls) when it is full. Returns the stack to use from now on.
   */
  public double[] push(double[] stack, int top, double value) {
    if (top == stack.length) {
      stack = Arrays.copyOf(stack, 2 * top);
      doubles = stack;
    }
    stack[top] = value;
    return stack;
  }

  /** {@link #push(double[], int, double)} for the int stack. */
  public int[] push(int[] stack, int top, int value) {
    if (top == stack.length) {
      stack = Arrays.copyOf(stack, 2 * top);
      ints = stack;
    }
    stack[top] = value;
    return stack;
  }

  /**
   * Makes room above {@code top} of {@code stack} for {@code perTrip} values per trip of a loop
   * counting from {@code from} up to {@code to} (exclusive; none when {@code to <= from}), growing
   * the stack (and keeping the grown one) if needed. The loop's pushes are then plain stores
   * {@code stack[top++] = x}. Returns the stack to use from now on.
   *
   * @throws OutOfMemoryError if the room needed exceeds the largest array
   */
  public double[] reserve(double[] stack, int top, int perTrip, int from, int to) {
    long needed = needed(top, perTrip, from, to);
    if (needed > stack.length) {
      stack = Arrays.copyOf(stack, grown(stack.length, needed));
      doubles = stack;
    }
    return stack;
  }

  /** {@link #reserve(double[], int, int, int, int)} for the int stack. */
  public int[] reserve(int[] stack, int top, int perTrip, int from, int to) {
    long needed = needed(top, perTrip, from, to);
    if (needed > stack.length) {
      stack = Arrays.copyOf(stack, grown(stack.length, needed));
      ints = stack;
    }
    return stack;
  }

  /**
   * Room above {@code top} for {@code perTrip} values per trip of {@code to - from} trips, counted
   * in {@code long}: the size of a whole nest of loops, made once before it so that a new tape
   * grows to it in one step instead of doubling its way there. Only a size: the stack grows when
   * the room fits in an array and is otherwise left as it is (never throws), and the nest's own
   * pushes and reservations still check their room (a size that does not fit, or that the
   * heap cannot hold, is left to them). Returns the stack to use from now on.
   */
  public double[] reserve(double[] stack, int top, int perTrip, long from, long to) {
    long needed = room(top, perTrip, from, to);
    if (needed > stack.length && needed <= MAX_LENGTH) {
      try {
        stack = Arrays.copyOf(stack, (int) needed);
        doubles = stack;
      } catch (OutOfMemoryError tooLarge) {
        // only a size: the pushes grow the stack as far as they really go
      }
    }
    return stack;
  }

  /** {@link #reserve(double[], int, int, long, long)} for the int stack. */
  public int[] reserve(int[] stack, int top, int perTrip, long from, long to) {
    long needed = room(top, perTrip, from, to);
    if (needed > stack.length && needed <= MAX_LENGTH) {
      try {
        stack = Arrays.copyOf(stack, (int) needed);
        ints = stack;
      } catch (OutOfMemoryError tooLarge) {
        // only a size: the pushes grow the stack as far as they really go
      }
    }
    return stack;
  }

  /** {@code top + perTrip * max(0, to - from)}, saturating instead of overflowing. */
  private static long room(int top, int perTrip, long from, long to) {
    long trips = Math.max(0L, to - from);
    if (trips < 0 || perTrip > 0 && trips > (Long.MAX_VALUE - top) / perTrip) {
      return Long.MAX_VALUE; // to - from overflowed, or the product would
    }
    return top + perTrip * trips;
  }

  /** The largest array length the JVM reliably allocates. */
  private static final int MAX_LENGTH = Integer.MAX_VALUE - 8;

  private static long needed(int top, int perTrip, int from, int to) {
    return top + (long) perTrip * Math.max(0L, (long) to - from);
  }

  /** At least {@code needed}, and at least double the current length, as pushes grow it. */
  private static int grown(int length, long needed) {
    if (needed > MAX_LENGTH) {
      throw new OutOfMemoryError("Cotangent: a tape of " + needed + " values");
    }
    return (int) Math.max(needed, Math.min(MAX_LENGTH, 2L * length));
  }

  /** Records a long that is about to be overwritten. */
  public void pushLong(long value) {
    if (longs == null) {
      longs = new long[INITIAL];
      longTop = 0;
    } else if (longTop == longs.length) {
      longs = Arrays.copyOf(longs, 2 * longTop);
    }
    longs[longTop++] = value;
  }

  /** Returns the most recently recorded long that has not been popped. */
  public long popLong() {
    return longs[--longTop];
  }

  /** Records an array reference that is about to be overwritten (arrays only, never boxes). */
  public void pushObject(Object value) {
    if (objects == null) {
      objects = new Object[INITIAL];
      objectTop = 0;
    } else if (objectTop == objects.length) {
      objects = Arrays.copyOf(objects, 2 * objectTop);
    }
    objects[objectTop++] = value;
  }

  /** Returns the most recently recorded reference that has not been popped (and forgets it). */
  public Object popObject() {
    Object value = objects[--objectTop];
    objects[objectTop] = null;
    return value;
  }

  /**
   * The memory the stacks hold now, in bytes (references counted as 8): what the last sweeps
   * grew, which later sweeps reuse.
   */
  public long bytes() {
    return 8L * doubles.length + 4L * ints.length + (longs == null ? 0 : 8L * longs.length)
        + (objects == null ? 0 : 8L * objects.length);
  }

  /**
   * Starts another sweep: the long and reference stacks begin empty (the double and int stacks'
   * tops are the pullback's locals, which start at 0). Forgets references a sweep that ended early
   * (by an exception) left behind.
   */
  public Tape reset() {
    longTop = 0;
    if (objects != null) {
      Arrays.fill(objects, 0, objectTop, null);
    }
    objectTop = 0;
    return this;
  }
}
