package dev.cotangent.processor.differentiate;

import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Subexpressions;
import java.util.List;

/**
 * The two sweeps of a pullback, as the adjoint's passes rewrite them.
 *
 * @param forward the forward sweep: the method's code, recording on the tape
 * @param reverse the reverse sweep, in the order it runs
 * @param adjointsFirst whether the forward sweep already uses adjoints (a loop whose reverse
 *     trips run with its forward ones): the pullback then declares them before it
 */
public record AdjointCode(List<Stmt> forward, List<Stmt> reverse, boolean adjointsFirst) {
  /** Whether either sweep records on or reads from the tape. */
  public boolean usesTape() {
    return tapes(forward) || tapes(reverse);
  }

  private static boolean tapes(List<Stmt> statements) {
    for (Stmt s : statements) {
      if (s instanceof Stmt.Push
          || Subexpressions.ofStatement(s).stream().anyMatch(AdjointCode::containsPop)) {
        return true;
      }
      for (List<Stmt> child : Children.of(s)) {
        if (tapes(child)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean containsPop(Expr e) {
    return e instanceof Expr.Pop
        || Subexpressions.of(e).stream().anyMatch(AdjointCode::containsPop);
  }

  public AdjointCode withForward(List<Stmt> statements) {
    return new AdjointCode(statements, reverse, adjointsFirst);
  }

  public AdjointCode withReverse(List<Stmt> statements) {
    return new AdjointCode(forward, statements, adjointsFirst);
  }
}
