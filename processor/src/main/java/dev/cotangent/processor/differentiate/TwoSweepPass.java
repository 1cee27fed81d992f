package dev.cotangent.processor.differentiate;

/**
 * The two-sweep variant of a {@link Pass}: it rewrites the forward and the reverse sweep of an
 * adjoint together, e.g. moving a loop's reverse trips into its forward ones.
 */
public interface TwoSweepPass {
  /** The name the option and the pass trace use: the class's simple name. */
  default String name() {
    return getClass().getSimpleName();
  }

  /** Both sweeps rewritten, or {@code code} itself when the pass does not apply. */
  AdjointCode apply(AdjointCode code, PassContext context);
}
