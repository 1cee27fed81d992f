package dev.cotangent.processor.differentiate.second;

import dev.cotangent.processor.ir.CompanionModel;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.ExprMap;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Variable;
import java.util.List;

/**
 * Calls of a user's {@code @DerivativeOf} rules in a pullback's partial derivatives
 * ({@code xBar += Rules.erfDerivative(x) * yBar}), each moved into a statement of its own before
 * the statement that uses it, with the rule's companions: at second order a rule is
 * differentiated like any helper, so the tangent of the adjoint calls the rule's tangent
 * ({@code RulesTangent.erfDerivative(x, xDot)}).
 */
final class RuleCalls {
  private RuleCalls() {}

  /** A derivative rule writes into none of its arguments. */
  private static CompanionModel.Effects writesNothing(
      javax.lang.model.element.ExecutableElement rule) {
    return new CompanionModel.Effects(
        java.util.Collections.nCopies(rule.getParameters().size(), false), false);
  }

  /** {@code e} over new locals for its rule calls, whose declarations go to {@code out}. */
  static Expr extract(Expr e, List<Stmt> out) {
    if (e instanceof Expr.Call call && isRule(call)) {
      Expr.Call withCompanion = new Expr.Call(call.callee(), call.owner(), call.receiver(),
          call.args().stream().map(arg -> extract(arg, out)).toList(), call.type(),
          CompanionModel.of(call.callee(), null, RuleCalls::writesNothing), List.of(), call.site());
      Variable value = Variable.generated(call.name(), call.type());
      out.add(new Stmt.Declare(value, withCompanion, null));
      return new Expr.Ref(value);
    }
    if (e instanceof Expr.Conditional c) {
      // only one branch runs: a rule call in a branch cannot move before the statement
      if (containsRule(c.ifTrue()) || containsRule(c.ifFalse())) {
        throw new IllegalStateException("a @DerivativeOf rule called inside ?: in " + e);
      }
      return new Expr.Conditional(extract(c.condition(), out), c.ifTrue(), c.ifFalse(),
          c.type());
    }
    return e == null ? null : ExprMap.children(e, part -> extract(part, out));
  }

  /** A call of a user's rule: made by the partials, it has no companions of its own. */
  static boolean isRule(Expr.Call call) {
    return call.companion() == null;
  }

  private static boolean containsRule(Expr e) {
    if (e instanceof Expr.Call call && isRule(call)) {
      return true;
    }
    return dev.cotangent.processor.ir.Subexpressions.of(e).stream()
        .anyMatch(RuleCalls::containsRule);
  }
}
