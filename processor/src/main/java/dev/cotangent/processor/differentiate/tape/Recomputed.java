package dev.cotangent.processor.differentiate.tape;

import dev.cotangent.processor.analyse.Aliases;
import dev.cotangent.processor.analyse.Writes;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.MathFunction;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Subexpressions;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The local values of a loop body that the reverse sweep recomputes at the start of each trip
 * instead of taping: declarations at the top of the body, such as {@code double a = x[i + 1] -
 * x[i] * x[i]}, whose variable nothing else in the body assigns, whose value is cheap arithmetic
 * (no calls, no exponentials), and which read only variables that the rest of the body leaves
 * alone and arrays that the method never writes into. At the start of a trip of the reverse
 * sweep (after undoing the body's trailing counter steps) their inputs hold the values they had
 * when the declaration ran, so evaluating it again gives the same value, and the declaration's
 * old value, which Java scoping makes dead, need not be taped.
 */
public final class Recomputed {
  private final Set<Variable> writtenArrays;
  private final Aliases aliases;

  private Recomputed(Set<Variable> writtenArrays, Aliases aliases) {
    this.writtenArrays = writtenArrays;
    this.aliases = aliases;
  }

  /**
   * The declarations of {@code head} (a loop body without its trailing counter steps) that can be
   * recomputed, in order.
   */
  public static List<Stmt.Declare> in(List<Stmt> head, Set<Variable> writtenArrays,
      Aliases aliases) {
    return new Recomputed(writtenArrays, aliases).select(head);
  }

  private List<Stmt.Declare> select(List<Stmt> head) {
    List<Stmt.Declare> out = new ArrayList<>();
    for (int p = 0; p < head.size(); p++) {
      if (!(head.get(p) instanceof Stmt.Declare d) || d.variable().type().isArray()) {
        continue;
      }
      List<Stmt> others = new ArrayList<>(head);
      others.remove(p);
      Set<Variable> later = Writes.variables(head.subList(p + 1, head.size()));
      if (!Writes.variables(others).contains(d.variable()) && cheap(d.init(), later)) {
        out.add(d);
      }
    }
    return out;
  }

  /** Pure, cheap, and reading nothing that changes after the declaration. */
  private boolean cheap(Expr e, Set<Variable> changedLater) {
    if (e instanceof Expr.Ref ref) {
      return !changedLater.contains(ref.variable());
    }
    if (e instanceof Expr.Literal || e instanceof Expr.StaticField) {
      return true;
    }
    if (e instanceof Expr.ArrayRead read) {
      Variable root = Aliases.root(read);
      return root != null && writtenArrays.stream().noneMatch(w -> aliases.mayAlias(w, root))
          && parts(e, changedLater);
    }
    if (e instanceof Expr.MathCall call) {
      MathFunction f = call.function();
      return (f == MathFunction.ABS || f == MathFunction.MIN || f == MathFunction.MAX)
          && parts(e, changedLater);
    }
    if (e instanceof Expr.Binary || e instanceof Expr.Unary || e instanceof Expr.Cast
        || e instanceof Expr.Length || e instanceof Expr.Conditional) {
      return parts(e, changedLater);
    }
    return false;
  }

  private boolean parts(Expr e, Set<Variable> changedLater) {
    return Subexpressions.of(e).stream().allMatch(part -> cheap(part, changedLater));
  }
}
