package dev.cotangent.processor.lower;

import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives every call that returns a double or a float its own statement, {@code double g = G.g(x);}, before
 * the statement that uses it, so that both modes differentiate a call as one unit: the tangent
 * calls the callee's tangent, the reverse sweep its pullback. Calls nested in arguments come
 * first. (The reader refuses calls inside {@code ?:} branches and after {@code &&}/{@code ||},
 * where moving them would change what is evaluated.)
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

  private static Expr.Call withArguments(Expr.Call call, List<Stmt> out) {
    List<Expr> args = new ArrayList<>();
    for (Expr arg : call.args()) {
      args.add(extract(arg, out));
    }
    return call.withArgs(args);
  }

  private static Expr extract(Expr e, List<Stmt> out) {
    if (e instanceof Expr.Call call) {
      Expr.Call inner = withArguments(call, out);
      if (call.type() != Type.DOUBLE && call.type() != Type.FLOAT) {
        return inner;
      }
      Variable value = Variable.generated(call.name(), call.type());
      out.add(new Stmt.Declare(value, inner, null));
      return new Expr.Ref(value);
    }
    if (e instanceof Expr.Detach d) {
      return new Expr.Detach(d.owner(), extract(d.operand(), out));
    }
    if (e instanceof Expr.Unary u) {
      return new Expr.Unary(u.op(), extract(u.operand(), out), u.type());
    }
    if (e instanceof Expr.Binary b) {
      Expr left = extract(b.left(), out);
      return new Expr.Binary(b.op(), left, extract(b.right(), out), b.type());
    }
    if (e instanceof Expr.Cast c) {
      return new Expr.Cast(c.type(), extract(c.operand(), out));
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
