package dev.cotangent.processor.differentiate;

import dev.cotangent.processor.ir.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The tape of one interpreted pullback, as the runtime's {@code Tape} and {@code emit/TapeLocals}
 * use it: doubles and floats on the double stack, ints and booleans (as 1 and 0) on the int
 * stack, longs and arrays on their own stacks. A pop from an empty stack throws as {@code
 * doubles[--doubleTop]} would.
 *
 * <p>Each stack's length is modelled, stricter than the runtime's: it starts at one slot (the
 * runtime's 64 would hide a short reservation in small programs), grows by doubling when an
 * unreserved push finds it full and by {@code reserve} as {@code Tape.reserve} grows it; a
 * reserved push (a plain store {@code doubles[doubleTop++] = x}) past the length throws
 * {@link ArrayIndexOutOfBoundsException}, as the store would.
 */
final class TapeModel {
  private final Stack doubles = new Stack();
  private final Stack ints = new Stack();
  private final List<Long> longs = new ArrayList<>();
  private final List<Object> objects = new ArrayList<>();

  /** One primitive stack: its values, its top, and the length the runtime's array would have. */
  private static final class Stack {
    long[] bits = new long[16];
    int top;
    long length = 1;

    void push(long value, boolean reserved) {
      if (reserved && top >= length) {
        throw new ArrayIndexOutOfBoundsException(
            "reserved push at " + top + " past the stack's length " + length);
      }
      if (!reserved && top == length) {
        length = 2L * top;
      }
      if (top == bits.length) {
        bits = Arrays.copyOf(bits, 2 * top);
      }
      bits[top++] = value;
    }

    long pop() {
      if (top == 0) {
        throw new ArrayIndexOutOfBoundsException("pop from an empty stack");
      }
      return bits[--top];
    }

    void reserve(int perTrip, int from, int to) {
      long needed = top + (long) perTrip * Math.max(0L, (long) to - from);
      if (needed > length) {
        length = Math.max(needed, 2 * length);
      }
    }
  }

  void push(Object value, Type type, boolean reserved) {
    switch (type) {
      case DOUBLE, FLOAT -> doubles.push(
          Double.doubleToRawLongBits(((Number) value).doubleValue()), reserved);
      case INT -> ints.push((Integer) value, reserved);
      case BOOLEAN -> ints.push((Boolean) value ? 1 : 0, reserved);
      case CHAR, BYTE, SHORT -> ints.push(JavaArithmetic.index(value), reserved);
      case LONG -> longs.add((Long) value);
      default -> objects.add(value);
    }
  }

  Object pop(Type type) {
    return switch (type) {
      case DOUBLE -> Double.longBitsToDouble(doubles.pop());
      case FLOAT -> (float) Double.longBitsToDouble(doubles.pop());
      case INT -> (int) ints.pop();
      case BOOLEAN -> ints.pop() != 0;
      case CHAR, BYTE, SHORT -> JavaArithmetic.convert((int) ints.pop(), type);
      case LONG -> longs.remove(longs.size() - 1);
      default -> objects.remove(objects.size() - 1);
    };
  }

  void reserve(Type type, int perTrip, int from, int to) {
    (type == Type.DOUBLE ? doubles : ints).reserve(perTrip, from, to);
  }

  /** Whether every pushed value was popped (a pullback's reverse sweep empties its tape). */
  boolean empty() {
    return doubles.top == 0 && ints.top == 0 && longs.isEmpty() && objects.isEmpty();
  }
}
