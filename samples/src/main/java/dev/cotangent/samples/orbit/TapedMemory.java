package dev.cotangent.samples.orbit;

/**
 * How much memory a holder of the step-by-step taped gradient ({@link Orbit#misfitTaped}) keeps
 * after one pullback, measured as the heap in use with and without it (after a collection).
 */
final class TapedMemory {
  private TapedMemory() {}

  static long measure(double[][] observed) {
    long before = used();
    OrbitAdjoint.MisfitTapedGradient holder = new OrbitAdjoint.MisfitTapedGradient();
    OrbitAdjoint.misfitTaped(OrbitFit.TRUE_MU, OrbitFit.TRUE_DRAG, observed[0], observed[1],
        OrbitFit.EVERY, OrbitFit.STEPS, OrbitFit.DT, 1.0, holder);
    long after = used();
    if (holder.value != holder.value) {
      throw new AssertionError("keeps the holder reachable");
    }
    return Math.max(0, after - before);
  }

  private static long used() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
