package dev.cotangent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The tape is a last-in, first-out record across its growth and its segments. */
class TapeTest {

  @Test
  void doublesAndIntsComeBackInReverseOrderAcrossSegments() {
    Tape tape = new Tape();
    int n = 3 * Tape.SEGMENT + 17;
    for (int i = 0; i < n; i++) {
      tape.pushDouble(i + 0.5);
      tape.pushInt(-i);
    }
    assertEquals(n, tape.doubleCount());
    assertEquals(n, tape.intCount());
    for (int i = n - 1; i >= 0; i--) {
      assertEquals(-i, tape.popInt());
      assertEquals(i + 0.5, tape.popDouble());
    }
    assertEquals(0, tape.doubleCount());
    assertEquals(0, tape.intCount());
  }

  @Test
  void randomPushesAndPopsMatchADequeIncludingAtSegmentBoundaries() {
    Random random = new Random(7);
    Tape tape = new Tape();
    Deque<Double> doubles = new ArrayDeque<>();
    Deque<Long> longs = new ArrayDeque<>();
    for (int step = 0; step < 200_000; step++) {
      // hover around a segment boundary now and then: pushes and pops alternate there
      boolean push = doubles.isEmpty() || random.nextInt(100) < (doubles.size() < 2 * Tape.SEGMENT
          ? 55 : 45);
      if (push) {
        double d = random.nextGaussian();
        long l = random.nextLong();
        tape.pushDouble(d);
        tape.pushLong(l);
        tape.pushBoolean(l > 0);
        doubles.push(d);
        longs.push(l);
      } else {
        long l = longs.pop();
        assertEquals(l > 0, tape.popBoolean());
        assertEquals(l, tape.popLong());
        assertEquals(doubles.pop(), tape.popDouble());
      }
      assertEquals(doubles.size(), tape.doubleCount());
      assertEquals(3 * longs.size(), tape.intCount());
    }
  }
}
