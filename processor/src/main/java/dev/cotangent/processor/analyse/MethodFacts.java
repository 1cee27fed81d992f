package dev.cotangent.processor.analyse;

import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.lower.LoweredMethod;
import dev.cotangent.processor.ir.Variable;
import java.util.Collection;
import java.util.List;

/**
 * What analysis knows about one lowered method, computed once (when the method is read) and
 * handed to both modes: which variables carry derivatives ({@link Activity}, with the arrays that
 * may alias), and the calls whose derivatives it needs. A rewrite that introduces variables
 * returns new facts explicitly ({@link #withActive}); nothing else computes activity again.
 */
public record MethodFacts(Activity activity, List<Expr.Call> activeCalls) {

  public static MethodFacts of(LoweredMethod method) {
    Activity activity = Activity.of(method.source().parameters(), method.body(), method.result());
    return new MethodFacts(activity, ActiveCalls.in(method.body(), activity));
  }

  /**
   * The facts of generated code differentiated again: a pullback's sweeps, whose
   * derivative-carrying {@code inputs} are the method's differentiable parameters and the seed,
   * and whose {@code outputs} are its value, the adjoints it reports and its arrays. Its calls
   * are those of the method ({@code calls}), now made through their pullbacks.
   */
  public static MethodFacts ofSweeps(Collection<Variable> inputs, List<Stmt> body,
      Collection<Variable> outputs, List<Expr.Call> calls) {
    return new MethodFacts(Activity.of(inputs, body, outputs), calls);
  }

  public Aliases aliases() {
    return activity.aliases();
  }

  /**
   * The facts after a rewrite that bound active sub-expressions of active statements to the new
   * scalar locals {@code introduced} (each then carries a derivative; nothing else changes).
   */
  public MethodFacts withActive(Collection<Variable> introduced) {
    return introduced.isEmpty() ? this
        : new MethodFacts(activity.withActive(introduced), activeCalls);
  }
}
