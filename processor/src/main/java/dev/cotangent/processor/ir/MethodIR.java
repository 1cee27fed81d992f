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

  /**
   * The position among the original method's parameters (receiver not counted) of an IR
   * parameter: a record's leaf has its record's position, since records are one IR parameter
   * per leaf; -1 for the receiver or a variable that is no parameter.
   */
  public int position(Variable parameter) {
    for (RecordParameter r : records) {
      for (RecordParameter.Leaf leaf : r.leaves("")) {
        if (leaf.variable() == parameter) {
          return r.position();
        }
      }
    }
    if (element == null) {
      int receiver = !parameters.isEmpty() && parameters.get(0).isReceiver() ? 1 : 0;
      int at = parameters.indexOf(parameter);
      return at < receiver ? -1 : at - receiver;
    }
    var originals = element.getParameters();
    for (int i = 0; i < originals.size(); i++) {
      if (originals.get(i).getSimpleName().contentEquals(parameter.name())) {
        return i;
      }
    }
    return -1;
  }

  /** The parameters whose derivatives the companions report, in order. */
  public List<Variable> differentiableParameters() {
    return parameters.stream().filter(Variable::isDifferentiableParameter).toList();
  }
}
