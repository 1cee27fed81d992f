package dev.cotangent.processor.differentiate;

import dev.cotangent.processor.differentiate.checkpoint.CheckpointedLoop;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Variable;
import dev.cotangent.processor.lower.LoweredMethod;
import java.util.List;
import java.util.Map;

/**
 * A reverse-mode companion: the forward sweep runs the method and records on the tape what the
 * reverse sweep needs; the reverse sweep, seeded with {@code resultAdjoint}, accumulates the
 * adjoints of the parameters.
 *
 * @param locals every local of the method and of the forward sweep, declared once at the top
 * @param usesTape whether anything is recorded
 * @param adjoints the adjoint variables the reverse sweep uses, to be declared as zero
 * @param resultAdjoint the result's adjoint, set to the seed; null when the result is constant
 * @param gradient each differentiable scalar parameter whose adjoint the reverse sweep computes
 * @param arrayParameters the active array parameters
 * @param returned what the pullback returns, set by the forward sweep
 * @param adjointsFirst whether the forward sweep already uses the adjoints (a loop whose reverse
 *     trips run with its forward ones, {@code FusedLoops}): they are declared before it
 * @param passTrace the passes that changed this method's code, in the order they ran
 * @param loops what became of each loop with {@code @Differentiable(checkpoints = N)}: those
 *     reversed from snapshots keep their schedule in a holder field (empty without checkpoints)
 */
public record AdjointMethod(
    LoweredMethod source,
    List<Variable> locals,
    boolean usesTape,
    List<Stmt> forward,
    List<Stmt> reverse,
    List<Variable> adjoints,
    Variable resultAdjoint,
    Map<Variable, Variable> gradient,
    List<ArrayParameter> arrayParameters,
    Variable returned,
    boolean adjointsFirst,
    List<String> passTrace,
    List<CheckpointedLoop> loops) {

  /** The loops reversed from snapshots, each with its holder field. */
  public List<CheckpointedLoop> checkpointed() {
    return loops.stream().filter(CheckpointedLoop::checkpointed).toList();
  }

  /**
   * An active array parameter and its adjoint array. {@code direct}: the adjoint is the
   * holder's array itself (nothing in the method resets its elements); otherwise it starts as
   * zeros and is added into the holder at the end.
   */
  public record ArrayParameter(Variable parameter, Variable adjoint, boolean direct) {}
}
