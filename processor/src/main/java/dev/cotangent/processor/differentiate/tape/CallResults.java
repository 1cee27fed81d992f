package dev.cotangent.processor.differentiate.tape;

import dev.cotangent.processor.analyse.Activity;
import dev.cotangent.processor.analyse.Aliases;
import dev.cotangent.processor.differentiate.rules.MathRules;
import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.StatementRewriter;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.List;

/**
 * Inside loops, a call such as {@code Math.exp(u)} whose derivative is its own value gets a local:
 * {@code q[j] = Math.exp(icf[j]) * x[j]} becomes {@code double exp = Math.exp(icf[j]); q[j] = exp
 * * x[j];}. The local is taped (one push and pop) and the reverse sweep reads it back, instead of
 * evaluating the exponential a second time. Calls inside a branch of {@code ?:}, {@code &&} or
 * {@code ||} are left where they are (they may not run), and so is a call that already is the
 * whole right-hand side of a local: its adjoint reads the local itself.
 */
public final class CallResults extends StatementRewriter {
  private final Activity activity;
  private final List<Variable> introduced = new ArrayList<>();
  private int loopDepth;

  private CallResults(Activity activity) {
    this.activity = activity;
  }

  /** The rewritten body, and the locals it introduced (each active). */
  public record Rewritten(List<Stmt> body, List<Variable> introduced) {}

  public static Rewritten extract(List<Stmt> body, Activity activity) {
    CallResults rewrite = new CallResults(activity);
    List<Stmt> out = rewrite.list(body);
    return new Rewritten(out, rewrite.introduced);
  }

  /** Whether {@code value} is a call whose partials read its result, as the whole value. */
  public static boolean readsOwnResult(Expr value, Activity activity) {
    return value instanceof Expr.MathCall call && activity.isActive(call)
        && MathRules.usesResult(call.function(),
            call.args().stream().map(activity::isActive).toList());
  }

  @Override
  protected void statement(Stmt s, List<Stmt> out) {
    if (s instanceof Stmt.While) {
      loopDepth++;
      out.add(nested(s));
      loopDepth--;
    } else if (loopDepth > 0 && s instanceof Stmt.Assign a && activity.isActive(a.variable())) {
      out.add(new Stmt.Assign(a.variable(), whole(a.value(), out), a.origin()));
    } else if (loopDepth > 0 && s instanceof Stmt.Declare d && activity.isActive(d.variable())
        && !d.variable().type().isArray()) {
      out.add(new Stmt.Declare(d.variable(), whole(d.init(), out), d.origin()));
    } else if (loopDepth > 0 && s instanceof Stmt.ArrayWrite w
        && activity.isActive(w.value()) && activity.isActive(Aliases.root(w.array()))) {
      out.add(new Stmt.ArrayWrite(w.array(), w.index(), part(w.value(), out, false),
          w.origin()));
    } else {
      super.statement(s, out);
    }
  }

  /** The right-hand side of a scalar: a call that is all of it stays. */
  private Expr whole(Expr value, List<Stmt> out) {
    if (value instanceof Expr.MathCall call) {
      List<Expr> args = new ArrayList<>();
      call.args().forEach(arg -> args.add(part(arg, out, false)));
      return new Expr.MathCall(call.function(), call.owner(), args, call.type());
    }
    return part(value, out, false);
  }

  /**
   * {@code e} with its calls bound to locals, only along active sub-expressions (where a
   * derivative flows: not in conditions or comparisons), so that every local carries one.
   */
  private Expr part(Expr e, List<Stmt> out, boolean inBranch) {
    if (!activity.isActive(e)) {
      return e;
    }
    if (e instanceof Expr.MathCall call) {
      List<Expr> args = new ArrayList<>();
      call.args().forEach(arg -> args.add(part(arg, out, inBranch)));
      Expr rebuilt = new Expr.MathCall(call.function(), call.owner(), args, call.type());
      if (inBranch || !readsOwnResult(call, activity)) {
        return rebuilt;
      }
      Variable local = Variable.generated(call.function().javaName(), call.type());
      out.add(new Stmt.Declare(local, rebuilt, null));
      introduced.add(local);
      return new Expr.Ref(local);
    }
    if (e instanceof Expr.Binary b) {
      boolean shortCircuit = b.op() == BinaryOp.CONDITIONAL_AND
          || b.op() == BinaryOp.CONDITIONAL_OR;
      Expr left = part(b.left(), out, inBranch);
      return new Expr.Binary(b.op(), left, part(b.right(), out, inBranch || shortCircuit),
          b.type());
    }
    if (e instanceof Expr.Unary u) {
      return new Expr.Unary(u.op(), part(u.operand(), out, inBranch), u.type());
    }
    if (e instanceof Expr.Cast c) {
      return new Expr.Cast(c.type(), part(c.operand(), out, inBranch));
    }
    if (e instanceof Expr.Conditional c) {
      return new Expr.Conditional(part(c.condition(), out, inBranch),
          part(c.ifTrue(), out, true), part(c.ifFalse(), out, true), c.type());
    }
    return e;
  }
}
