package dev.cotangent.processor.differentiate;

import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Variable;
import dev.cotangent.processor.lower.LoweredMethod;
import java.util.List;
import java.util.Map;

/**
 * A forward-mode companion: {@code body} computes {@code result} and its tangent
 * {@code resultTangent} (null when the result does not depend on the differentiable inputs).
 *
 * @param tangentParameters the tangent parameter that follows each differentiable parameter
 * @param passTrace the passes that changed this method's code, in the order they ran
 */
public record TangentMethod(
    LoweredMethod source,
    Map<Variable, Variable> tangentParameters,
    List<Stmt> body,
    Variable result,
    Variable resultTangent,
    List<String> passTrace) {}
