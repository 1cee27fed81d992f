package dev.cotangent.processor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Replays calls from many threads at once, each thread in its own shuffled order, and asserts
 * that every result has the same bits as the serial result for the same input.
 */
public final class ConcurrentReplay {
  private ConcurrentReplay() {}

  /** One call for input {@code i}, giving the bits of everything it computed. */
  @FunctionalInterface
  public interface Call {
    long[] run(int input) throws Exception;
  }

  public static void assertSameAsSerial(int threads, int rounds, long[][] serial, Call call,
      IntFunction<String> inputName, long timeoutSeconds) throws Exception {
    int inputs = serial.length;
    ConcurrentLinkedQueue<String> mismatches = new ConcurrentLinkedQueue<>();
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        long threadSeed = t;
        futures.add(pool.submit(() -> {
          List<Integer> order = new ArrayList<>();
          for (int i = 0; i < inputs; i++) {
            order.add(i);
          }
          Random own = new Random(threadSeed);
          start.await();
          int calls = 0;
          for (int round = 0; round < rounds; round++) {
            Collections.shuffle(order, own);
            for (int i : order) {
              long[] bits = call.run(i);
              calls++;
              if (!Arrays.equals(bits, serial[i]) && mismatches.size() < 20) {
                mismatches.add("thread " + threadSeed + ", round " + round + ", "
                    + inputName.apply(i) + ": " + describe(bits) + " vs serial "
                    + describe(serial[i]));
              }
            }
          }
          return calls;
        }));
      }
      int total = 0;
      for (Future<Integer> f : futures) {
        total += f.get(timeoutSeconds, TimeUnit.SECONDS);
      }
      assertEquals(threads * rounds * inputs, total);
    } finally {
      pool.shutdownNow();
    }
    assertTrue(mismatches.isEmpty(),
        "concurrent calls differ from serial ones:\n" + String.join("\n", mismatches));
  }

  /** The doubles whose bits these are. */
  public static String describe(long[] bits) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < bits.length; i++) {
      out.append(i == 0 ? "" : ", ").append(Double.longBitsToDouble(bits[i]));
    }
    return out.append(']').toString();
  }
}
