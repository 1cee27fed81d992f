package dev.cotangent.processor.random;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.cotangent.processor.differentiate.Passes;
import dev.cotangent.processor.random.ProgramGenerator.Program;
import dev.cotangent.processor.testing.CompiledSources;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The random-program differential test: {@value #DEFAULT_PROGRAMS} generated programs by default
 * (seeds 0, 1, 2, ...), each compiled with the processor and checked at {@value
 * RandomPrograms#POINTS} random points (see {@link RandomPrograms}).
 *
 * <ul>
 *   <li>{@code -Dcotangent.random.programs=20000} checks more programs;
 *   <li>{@code -Dcotangent.random.firstSeed=100000} starts at another seed;
 *   <li>{@code -Dcotangent.random.threads=4} compiles and checks on more threads (default: 2, or 1
 *       on a one-core machine);
 *   <li>{@code -Dcotangent.seed=1234} with {@code -Dtest='...RandomProgramsTest#reproduce'}
 *       compiles and checks the program of one seed alone and prints it.
 * </ul>
 *
 * <p>Failures print the seed, the program (with line numbers) and the numbers; every run also writes
 * all of them to {@code target/cotangent-random/}.
 */
class RandomProgramsTest {
  static final int DEFAULT_PROGRAMS = 500;

  @Test
  void randomPrograms() {
    int count = Integer.getInteger("cotangent.random.programs", DEFAULT_PROGRAMS);
    long first = Long.getLong("cotangent.random.firstSeed", 0L);
    int threads =
        Integer.getInteger(
            "cotangent.random.threads", Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())));
    RandomPrograms.Result result = RandomPrograms.run(first, count, threads);
    System.out.println("[random programs] seeds " + first + ".." + (first + count - 1) + ": " + result.summary());
    if (!result.failures.isEmpty()) {
      fail(result.report(10));
    }
    assertTrue(result.programs.get() >= count, "only " + result.programs.get() + " of " + count + " programs checked");
  }

  /**
   * Each pass switched off in turn, on {@value #PER_PASS} programs each (by default; {@code
   * -Dcotangent.random.perPass=N} for more): every check above, and the companions against those
   * of the full pipeline. A pass the code needed for correctness would fail here.
   */
  @TestFactory
  Stream<DynamicTest> eachPassSwitchedOff() {
    int count = Integer.getInteger("cotangent.random.perPass", PER_PASS);
    long first = Long.getLong("cotangent.random.firstSeed", 0L);
    int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    return Passes.names().stream().map(pass -> DynamicTest.dynamicTest("-" + pass, () -> {
      RandomPrograms.Result result = RandomPrograms.run(first + 7919L * (1 + Passes.names()
          .indexOf(pass)), count, threads, List.of("-Acotangent.passes=-" + pass));
      System.out.println("[random programs, " + pass + " off] " + result.summary());
      if (!result.failures.isEmpty()) {
        fail(result.report(3));
      }
    }));
  }

  static final int PER_PASS = 24;

  /** Checks the program of {@code -Dcotangent.seed} alone and prints its source. */
  @Test
  void reproduce() {
    String seed = System.getProperty("cotangent.seed");
    Assumptions.assumeTrue(seed != null, "give -Dcotangent.seed=N to reproduce one program");
    Program p = ProgramGenerator.generate(Long.parseLong(seed.trim()));
    System.out.println(RandomPrograms.numbered(p.source()));
    RandomPrograms.Result result = new RandomPrograms.Result();
    CompiledSources compiled;
    try {
      compiled = CompiledSources.compile(p.source());
    } catch (AssertionError e) {
      fail(RandomPrograms.compileFailure(p, e).report(), e);
      return;
    }
    RandomPrograms.checkProgram(compiled, p, result);
    List<RandomPrograms.Failure> failures = result.sortedFailures();
    if (!failures.isEmpty()) {
      fail(failures.get(0).report());
    }
    System.out.println("seed " + seed + ": passed at " + result.points.get() + " points");
  }
}
