package dev.cotangent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.ref.WeakReference;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The tape used the way generated pullbacks use it: stack tops in locals, pushes through
 * {@link Tape#push}, pops straight from the arrays, the tape reused by the next sweep.
 */
class TapeTest {

  @Test
  void doublesAndIntsComeBackInReverseOrderAcrossGrowth() {
    Tape tape = new Tape();
    double[] doubles = tape.doubles();
    int doubleTop = 0;
    int[] ints = tape.ints();
    int intTop = 0;
    int n = 10_000;
    for (int i = 0; i < n; i++) {
      doubles = tape.push(doubles, doubleTop++, i + 0.5);
      ints = tape.push(ints, intTop++, -i);
      tape.pushLong(Long.MIN_VALUE + i);
    }
    for (int i = n - 1; i >= 0; i--) {
      assertEquals(Long.MIN_VALUE + i, tape.popLong());
      assertEquals(-i, ints[--intTop]);
      assertEquals(i + 0.5, doubles[--doubleTop]);
    }
    assertEquals(0, doubleTop);
    assertEquals(0, intTop);
  }

  @Test
  void theNextSweepReusesTheGrownStacks() {
    Tape tape = new Tape();
    double[] doubles = tape.doubles();
    int top = 0;
    for (int i = 0; i < 5_000; i++) {
      doubles = tape.push(doubles, top++, i);
    }
    // the grown stack is the tape's: the next sweep starts with it and does not grow again
    assertSame(doubles, tape.reset().doubles());
    double[] again = tape.doubles();
    int againTop = 0;
    for (int i = 0; i < 5_000; i++) {
      again = tape.push(again, againTop++, -i);
    }
    assertSame(doubles, again);
    assertEquals(-4_999.0, again[--againTop]);
  }

  @Test
  void randomPushesAndPopsMatchADeque() {
    Random random = new Random(7);
    Tape tape = new Tape();
    double[] doubles = tape.doubles();
    int doubleTop = 0;
    int[] ints = tape.ints();
    int intTop = 0;
    Deque<Double> expectedDoubles = new ArrayDeque<>();
    Deque<Long> expectedLongs = new ArrayDeque<>();
    for (int step = 0; step < 200_000; step++) {
      boolean push = expectedDoubles.isEmpty() || random.nextInt(100) < 55;
      if (push) {
        double d = random.nextGaussian();
        long l = random.nextLong();
        doubles = tape.push(doubles, doubleTop++, d);
        tape.pushLong(l);
        ints = tape.push(ints, intTop++, l > 0 ? 1 : 0);
        expectedDoubles.push(d);
        expectedLongs.push(l);
      } else {
        long l = expectedLongs.pop();
        assertEquals(l > 0, ints[--intTop] != 0);
        assertEquals(l, tape.popLong());
        assertEquals(expectedDoubles.pop(), doubles[--doubleTop]);
      }
      assertEquals(expectedDoubles.size(), doubleTop);
      assertEquals(expectedLongs.size(), intTop);
    }
  }

  @Test
  void poppedAndResetReferencesAreForgotten() {
    Tape tape = new Tape();
    double[] kept = new double[3];
    tape.pushObject(kept);
    assertSame(kept, tape.popObject());
    WeakReference<Object> ref = pushAndDrop(tape);
    tape.reset(); // a sweep that ended early (an exception) left a reference on the tape
    for (int i = 0; i < 10 && ref.get() != null; i++) {
      System.gc();
    }
    assertNull(ref.get());
  }

  private static WeakReference<Object> pushAndDrop(Tape tape) {
    double[] array = new double[1_000];
    tape.pushObject(array);
    return new WeakReference<>(array);
  }

  @Test
  void reserveMakesRoomForACountedLoopsStoresAndKeepsIt() {
    Tape tape = new Tape();
    double[] doubles = tape.doubles();
    int top = 3;
    // 2 values per trip for i = 5 .. 999: 1,990 values above top 3
    doubles = tape.reserve(doubles, top, 2, 5, 1000);
    assertTrue(doubles.length >= 3 + 1990, "length " + doubles.length);
    for (int i = 5; i < 1000; i++) {
      doubles[top++] = i;
      doubles[top++] = -i;
    }
    assertSame(doubles, tape.reset().doubles(), "the grown stack is the tape's");
    assertEquals(-999.0, doubles[--top]);
    assertEquals(999.0, doubles[--top]);
    int[] ints = tape.ints();
    ints = tape.reserve(ints, 0, 1, 0, 500);
    assertTrue(ints.length >= 500);
    assertSame(ints, tape.ints());
  }

  @Test
  void reserveForNoTripsOrRoomAlreadyThereKeepsTheStack() {
    Tape tape = new Tape();
    double[] doubles = tape.doubles();
    assertSame(doubles, tape.reserve(doubles, 10, 4, 7, 7), "no trips");
    assertSame(doubles, tape.reserve(doubles, 10, 4, 9, -5), "a range that counts down");
    assertSame(doubles, tape.reserve(doubles, 10, 1, 0, doubles.length - 10), "fits exactly");
    assertNotSame(doubles, tape.reserve(doubles, 10, 1, 0, doubles.length - 9), "one more");
    // extreme bounds are counted in long arithmetic, not wrapped into a small positive count
    assertThrows(OutOfMemoryError.class,
        () -> tape.reserve(tape.doubles(), 0, 2, Integer.MIN_VALUE, Integer.MAX_VALUE));
  }
}
