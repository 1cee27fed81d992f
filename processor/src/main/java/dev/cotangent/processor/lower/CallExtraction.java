package dev.cotangent.processor.lower;

import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Exprs;
import dev.cotangent.processor.ir.Subexpressions;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives every call that returns a number or an array of them (or writes into its arguments) its
 * own statement, {@code double g = G.g(x);}, before the statement that uses it, so that both modes differentiate a call as one unit: the tangent
 * calls the callee's tangent, the reverse sweep its pullback. Calls nested in arguments come
 * first. A call inside a branch of {@code ?:} or on the right of {@code &&} or {@code ||} runs
 * only when Java evaluates it: the choice becomes an {@code if} around its calls
 * ({@code double choice; if (b) { double h = h(x); choice = h; } else { choice = 0; }}), and
 * {@code a && g(x) > 0} becomes {@code boolean all = a; if (all) { ...; all = g > 0; }}.
 */
final class CallExtraction {
  private CallExtraction() {}

  /** The statements computing the calls of {@code value}, and {@code value} over them. */
  record Extracted(List<Stmt> calls, Expr value) {}

  static Extracted of(Expr value) {
    List<Stmt> calls = new ArrayList<>();
    Expr rewritten = value instanceof Expr.Call call ? withArguments(call, calls)
        : extract(value, calls);
    return new Extracted(calls, rewritten);
  }

  /** Like {@link #of}, but a call that is the whole value gets its own statement too. */
  static Extracted ofAll(Expr value) {
    List<Stmt> calls = new ArrayList<>();
    return new Extracted(calls, extract(value, calls));
  }

  /** Whether {@code e} has a call that {@link #extract} gives a statement of its own. */
  private static boolean extracts(Expr e) {
    if (e instanceof Expr.Call call && ownStatement(call)) {
      return true;
    }
    return Subexpressions.of(e).stream().anyMatch(CallExtraction::extracts);
  }

  /** {@code f(args);}: calls in its arguments first. */
  static Extracted ofStatement(Expr.Call call) {
    List<Stmt> calls = new ArrayList<>();
    return new Extracted(calls, withArguments(call, calls));
  }

  private static Expr.Call withArguments(Expr.Call call, List<Stmt> out) {
    List<Expr> args = new ArrayList<>();
    for (Expr arg : call.args()) {
      args.add(extract(arg, out));
    }
    return call.withArgs(args);
  }

  /**
   * Whether a call gets a statement of its own: it returns a value that may carry a derivative
   * (a number or an array of them) or it may write into its arguments.
   */
  static boolean ownStatement(Expr.Call call) {
    return call.type().isDifferentiable() || call.companion() != null
        && call.companion().writesArguments() && call.type() != Type.VOID;
  }

  private static Expr extract(Expr e, List<Stmt> out) {
    if (e instanceof Expr.Call call) {
      Expr.Call inner = withArguments(call, out);
      if (!ownStatement(call)) {
        return inner;
      }
      Variable value = Variable.generated(call.name(), call.type());
      out.add(new Stmt.Declare(value, inner, null));
      return new Expr.Ref(value);
    }
    if (e instanceof Expr.ArrayRead r) { // f(x)[i]: the array gets its name first
      Expr array = extract(r.array(), out);
      return new Expr.ArrayRead(array, extract(r.index(), out), r.type());
    }
    if (e instanceof Expr.Length l) {
      return new Expr.Length(extract(l.array(), out));
    }
    if (e instanceof Expr.CloneArray c) {
      return new Expr.CloneArray(extract(c.array(), out));
    }
    if (e instanceof Expr.Detach d) {
      return new Expr.Detach(d.owner(), extract(d.operand(), out));
    }
    if (e instanceof Expr.Unary u) {
      return new Expr.Unary(u.op(), extract(u.operand(), out), u.type());
    }
    if (e instanceof Expr.Binary b && b.op().isConditional() && extracts(b.right())) {
      Variable value = Variable.generated(b.op() == BinaryOp.CONDITIONAL_AND ? "all" : "any",
          Type.BOOLEAN);
      out.add(new Stmt.Declare(value, extract(b.left(), out), null));
      List<Stmt> right = new ArrayList<>();
      right.add(new Stmt.Assign(value, extract(b.right(), right), null));
      Expr evaluated = b.op() == BinaryOp.CONDITIONAL_AND ? Exprs.ref(value)
          : Exprs.not(Exprs.ref(value));
      out.add(new Stmt.If(evaluated, right, List.of(), null));
      return Exprs.ref(value);
    }
    if (e instanceof Expr.Binary b) {
      Expr left = extract(b.left(), out);
      return new Expr.Binary(b.op(), left, extract(b.right(), out), b.type());
    }
    if (e instanceof Expr.Cast c) {
      return new Expr.Cast(c.type(), extract(c.operand(), out));
    }
    if (e instanceof Expr.Conditional c && (extracts(c.ifTrue()) || extracts(c.ifFalse()))) {
      Variable value = Variable.generatedLike("choice", c);
      Expr condition = extract(c.condition(), out);
      out.add(new Stmt.Declare(value, Exprs.defaultValue(c.type()), null));
      List<Stmt> then = new ArrayList<>();
      then.add(new Stmt.Assign(value, extract(c.ifTrue(), then), null));
      List<Stmt> otherwise = new ArrayList<>();
      otherwise.add(new Stmt.Assign(value, extract(c.ifFalse(), otherwise), null));
      out.add(new Stmt.If(condition, then, otherwise, null));
      return Exprs.ref(value);
    }
    if (e instanceof Expr.Conditional c) {
      return new Expr.Conditional(extract(c.condition(), out), c.ifTrue(), c.ifFalse(), c.type());
    }
    if (e instanceof Expr.MathCall m) {
      List<Expr> args = new ArrayList<>();
      for (Expr arg : m.args()) {
        args.add(extract(arg, out));
      }
      return new Expr.MathCall(m.function(), m.owner(), args, m.type());
    }
    if (e instanceof Expr.ArrayLiteral l) {
      List<Expr> elements = new ArrayList<>();
      for (Expr element : l.elements()) {
        elements.add(extract(element, out));
      }
      return new Expr.ArrayLiteral(l.type(), elements);
    }
    return e;
  }
}
