package dev.cotangent.processor.differentiate.checkpoint;

import dev.cotangent.processor.ir.Origin;
import dev.cotangent.processor.ir.Variable;
import java.util.List;

/**
 * What became of one loop of a method with {@code checkpoints = N}: reversed from at most N
 * snapshots of {@code state}, or taped as before ({@code local} null) because its trips tape
 * nothing.
 *
 * @param origin the loop's statement
 * @param local the pullback's local holding the loop's {@code Checkpoints} (the holder's field),
 *     or null when the loop is not checkpointed
 * @param binomial whether the trip count is known when the loop starts (binomial schedule) or
 *     only when it ends (online schedule)
 * @param snapshots N
 * @param state what a snapshot holds: scalars by name, arrays as {@code name[]}
 */
public record CheckpointedLoop(Origin origin, Variable local, boolean binomial, int snapshots,
    List<String> state) {

  /** Whether the loop is reversed from snapshots. */
  public boolean checkpointed() {
    return local != null;
  }

  /** For the compile-time report. */
  public String describe() {
    String where = origin == null ? "a loop" : "the loop at line " + origin.line();
    if (!checkpointed()) {
      return where + " tapes nothing on its trips: not checkpointed";
    }
    return where + " is reversed from at most " + snapshots + " snapshot"
        + (snapshots == 1 ? "" : "s") + " of " + (state.isEmpty() ? "nothing" : String.join(", ",
        state)) + " (" + (binomial ? "binomial schedule: its trip count is known when it starts"
        : "online schedule: its trip count is known when it ends") + ")";
  }
}
