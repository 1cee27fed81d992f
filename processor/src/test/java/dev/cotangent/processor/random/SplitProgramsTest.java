package dev.cotangent.processor.random;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The random programs with every companion split ({@code -Acotangent.splitAbove=0}: the frame of
 * emit's {@code FramedBody}, one statement per part, every loop and branch kept in the main method
 * with its bodies in parts), so that each construct runs across part boundaries: every check of
 * {@link RandomPrograms}, and the companions against the unsplit ones at the same points.
 * {@code -Dcotangent.random.split=N} checks N programs (default {@value #PROGRAMS}).
 */
class SplitProgramsTest {
  static final int PROGRAMS = 60;

  @Test
  void everyCompanionSplit() {
    int count = Integer.getInteger("cotangent.random.split", PROGRAMS);
    long first = Long.getLong("cotangent.random.firstSeed", 0L) + 104_729L;
    int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    RandomPrograms.Result result = RandomPrograms.run(first, count, threads,
        List.of("-Acotangent.splitAbove=0"));
    System.out.println("[random programs, every companion split] " + result.summary());
    if (!result.failures.isEmpty()) {
      fail(result.report(3));
    }
  }
}
