package dev.cotangent.processor.differentiate;

import dev.cotangent.processor.differentiate.second.SweepProgram;
import dev.cotangent.processor.ir.Variable;
import dev.cotangent.processor.ir.Stmt;
import java.util.List;
import java.util.Map;

/**
 * A second-order companion: the tangent of a pullback ({@link SweepProgram}), which computes the
 * value, the gradient and, along the directions given with the arguments, the tangent of the
 * gradient, H·v.
 *
 * @param program the pullback as one program, before it was differentiated
 * @param tangentParameters the direction that follows each differentiable parameter
 * @param seedTangent the seed's tangent, a parameter after the seed
 * @param body the whole product: the pullback's locals and their tangents (zero tangents for
 *     active parameters without a direction), its forward sweep and its reverse sweep with their
 *     tangents, each sweep after a comment naming it (the tangent's passes ran on it as one)
 * @param gradientTangents for each scalar adjoint the pullback reports, its tangent (null where
 *     it does not depend on the directions)
 * @param arrayTangents for each active array parameter's adjoint, its tangent (or null)
 * @param passTrace the passes that changed the code, in the order they ran
 */
public record HvpMethod(
    SweepProgram program,
    Map<Variable, Variable> tangentParameters,
    Variable seedTangent,
    List<Stmt> body,
    Map<Variable, Variable> gradientTangents,
    Map<Variable, Variable> arrayTangents,
    List<String> passTrace) {

  public AdjointMethod adjoint() {
    return program.adjoint();
  }

  /** Whether the body reads the seed's tangent (not when built with a constant seed). */
  public boolean readsSeedTangent() {
    return dev.cotangent.processor.ir.Children.flatten(body).stream()
        .flatMap(s -> dev.cotangent.processor.ir.Subexpressions.ofStatement(s).stream())
        .anyMatch(e -> e != null
            && dev.cotangent.processor.analyse.Variables.in(e).contains(seedTangent));
  }

  /** Whether the product records on the tape. */
  public boolean usesTape() {
    return new AdjointCode(body, List.of(), false).usesTape();
  }
}
