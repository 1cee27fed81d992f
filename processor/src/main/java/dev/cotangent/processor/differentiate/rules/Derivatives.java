package dev.cotangent.processor.differentiate.rules;

import dev.cotangent.processor.ir.Variable;
import java.util.IdentityHashMap;
import java.util.Map;

/** The derivative variable of each primal variable: {@code xDot} or {@code xBar}. */
public final class Derivatives {
  private final String suffix;
  private final Map<Variable, Variable> of = new IdentityHashMap<>();

  public Derivatives(String suffix) {
    this.suffix = suffix;
  }

  public Variable of(Variable primal) {
    return of.computeIfAbsent(primal, v -> Variable.generated(v.name() + suffix, v.type()));
  }

  /** Whether the variable is one of the derivative variables made here. */
  public boolean isDerivative(Variable v) {
    return of.containsValue(v);
  }

  /** The primal variable whose derivative this is, or null. */
  public Variable primalOf(Variable derivative) {
    for (Map.Entry<Variable, Variable> entry : of.entrySet()) {
      if (entry.getValue() == derivative) {
        return entry.getKey();
      }
    }
    return null;
  }

  /** Uses a given variable (a parameter of the generated signature) as the derivative of one. */
  public void bind(Variable primal, Variable derivative) {
    of.put(primal, derivative);
  }
}
