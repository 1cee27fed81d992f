package dev.cotangent.processor.random;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.cotangent.processor.random.ProgramGenerator.Program;
import dev.cotangent.processor.testing.CompiledSources;
import org.junit.jupiter.api.Test;

/**
 * Random programs whose loops are reversed from snapshots ({@link CheckpointedPrograms}) against
 * the same programs taped trip by trip: the same values bit for bit and the same gradients to
 * rounding, at random points. {@code -Dcotangent.random.checkpointed=N} checks N programs
 * (default {@value #DEFAULT}); the random-program run checks them against central differences.
 */
class CheckpointedProgramsTest {
  static final int DEFAULT = 20;

  @Test
  void checkpointedProgramsGiveTheTapedGradients() {
    int count = Integer.getInteger("cotangent.random.checkpointed", DEFAULT);
    long seed = Long.getLong("cotangent.random.firstSeed", 0L);
    RandomPrograms.Result result = new RandomPrograms.Result();
    int compared = 0;
    int reversedFromSnapshots = 0;
    for (; compared < count; seed++) {
      if (CheckpointedPrograms.snapshots(seed) == 0) {
        continue;
      }
      Program p = ProgramGenerator.generate(seed);
      CompiledSources checkpointed;
      CompiledSources taped;
      try {
        checkpointed = CompiledSources.compile(p.source());
        taped = CompiledSources.compile(CheckpointedPrograms.taped(p));
      } catch (AssertionError e) {
        fail(RandomPrograms.compileFailure(p, e).report(), e);
        return;
      }
      RandomPrograms.comparePipelines(taped, checkpointed, p, result);
      compared++;
      if (checkpointed.generatedSource(p.qualifiedName() + "Adjoint")
          .contains("checkpoints.next()")) {
        reversedFromSnapshots++;
      }
    }
    System.out.println("[checkpointed random programs] " + compared + " compared, "
        + reversedFromSnapshots + " with a loop reversed from snapshots");
    assertTrue(reversedFromSnapshots >= compared / 3, reversedFromSnapshots + " of " + compared
        + " programs had a loop reversed from snapshots");
    if (!result.failures.isEmpty()) {
      fail(result.report(3));
    }
    assertTrue(compared >= count);
  }
}
