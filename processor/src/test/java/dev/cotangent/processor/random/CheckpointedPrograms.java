package dev.cotangent.processor.random;

import dev.cotangent.processor.random.ProgramGenerator.Program;

/**
 * The random programs' share of checkpointed loops: one program in three reverses {@code f}'s
 * loops from 1 to 6 snapshots ({@code @Differentiable(checkpoints = N)}), chosen from the seed
 * apart from the rest of the program (which is the same as without checkpoints). Every check of
 * the random programs then covers them, and {@link CheckpointedProgramsTest} compares them with
 * the same programs taped trip by trip.
 */
final class CheckpointedPrograms {
  private CheckpointedPrograms() {}

  /** How many snapshots the program of {@code seed} asks for: 0 for two programs in three. */
  static int snapshots(long seed) {
    long z = ProgramGenerator.mix(seed ^ 0x0C4EC4B01L);
    return Math.floorMod(z, 3) == 0 ? 1 + (int) Math.floorMod(z >>> 8, 6) : 0;
  }

  /** The annotation of {@code f} in the program of {@code seed}. */
  static String annotation(long seed) {
    int n = snapshots(seed);
    return n == 0 ? "@Differentiable" : "@Differentiable(checkpoints = " + n + ")";
  }

  /** The same program with every loop taped trip by trip. */
  static String taped(Program p) {
    return p.source().replace(annotation(p.seed()), "@Differentiable");
  }
}
