package dev.cotangent.processor.differentiate;

import dev.cotangent.processor.analyse.Aliases;
import dev.cotangent.processor.analyse.PrivateArrays;
import dev.cotangent.processor.differentiate.rules.Derivatives;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Variable;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What a pass may know about the code it rewrites, computed by the mode that runs it.
 *
 * @param derivatives the mode's derivative variables ({@code xDot} or {@code xBar}) and their
 *     primals
 * @param aliases which of the method's arrays may be one array
 * @param zeroOnEntry the scalar adjoints the pullback declares at {@code 0.0} (empty for the
 *     tangent)
 * @param outputs the scalar adjoints the pullback reports in its holder (empty for the tangent)
 * @param vectorValued whether the method returns an array, whose adjoint the caller seeds
 * @param privateArrays the arrays the generated method makes itself and reaches by no other
 *     name, in the code as the pass receives it
 */
public record PassContext(Derivatives derivatives, Aliases aliases, Set<Variable> zeroOnEntry,
    Collection<Variable> outputs, boolean vectorValued, PrivateArrays privateArrays) {

  /** Whether {@code v} is one of the mode's derivative variables. */
  public boolean isDerivative(Variable v) {
    return derivatives.isDerivative(v);
  }

  /** The context for code {@code parts} (its private arrays found in them). */
  PassContext of(List<List<Stmt>> parts) {
    return new PassContext(derivatives, aliases, zeroOnEntry, outputs, vectorValued,
        PrivateArrays.of(parts));
  }
}
