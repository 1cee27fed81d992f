package dev.cotangent.processor.ir;

import java.util.List;
import javax.lang.model.element.ExecutableElement;

/**
 * One {@code @Differentiable} method as read from source.
 *
 * @param element the original method
 * @param name its name
 * @param parameters its parameters, in order
 * @param returnType what it returns
 * @param body its statements
 * @param line the line of the method's declaration
 * @param companion what its companions are: names, holder, visibility, differentiable mask
 * @param records its record parameters, each one parameter per leaf in {@code parameters}
 * @param result its record result (returned as a {@code double[]} of the leaves), or null
 */
public record MethodIR(
    ExecutableElement element,
    String name,
    List<Variable> parameters,
    Type returnType,
    List<Stmt> body,
    long line,
    CompanionModel companion,
    List<RecordParameter> records,
    RecordParameter result) {

  public MethodIR(ExecutableElement element, String name, List<Variable> parameters,
      Type returnType, List<Stmt> body, long line, CompanionModel companion) {
    this(element, name, parameters, returnType, body, line, companion, List.of(), null);
  }

  /** Whether the method returns a {@code double[]} (a vector-valued function). */
  public boolean isVectorValued() {
    return returnType == Type.DOUBLE_ARRAY;
  }

  /** The parameters whose derivatives the companions report, in order. */
  public List<Variable> differentiableParameters() {
    return parameters.stream().filter(Variable::isDifferentiableParameter).toList();
  }
}
