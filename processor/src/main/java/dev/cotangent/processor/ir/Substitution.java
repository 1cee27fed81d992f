package dev.cotangent.processor.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Replaces sub-expressions, compared by value, throughout statements: {@code x[col]} by the
 * local {@code xCol}. Only inside the expressions whose kinds can hold an element read of
 * generated arithmetic; calls and generated objects are left as they are.
 */
public final class Substitution {
  private Substitution() {}

  public static List<Stmt> statements(List<Stmt> statements, Map<Expr, Expr> replacements) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : statements) {
      out.add(statement(s, replacements));
    }
    return out;
  }

  private static Stmt statement(Stmt s, Map<Expr, Expr> r) {
    if (s instanceof Stmt.Declare d) {
      return new Stmt.Declare(d.variable(), expr(d.init(), r), d.origin());
    } else if (s instanceof Stmt.Assign a) {
      return a.withValue(expr(a.value(), r));
    } else if (s instanceof Stmt.ArrayWrite w) {
      return new Stmt.ArrayWrite(expr(w.array(), r), expr(w.index(), r), expr(w.value(), r),
          w.origin());
    } else if (s instanceof Stmt.Push p) {
      return new Stmt.Push(expr(p.value(), r), p.reserved());
    } else if (s instanceof Stmt.If i) {
      return new Stmt.If(expr(i.condition(), r), statements(i.then(), r),
          statements(i.otherwise(), r), i.origin());
    } else if (s instanceof Stmt.While w) {
      return new Stmt.While(expr(w.condition(), r), statements(w.body(), r), w.origin(),
          w.label());
    } else if (s instanceof Stmt.Repeat p) {
      return new Stmt.Repeat(p.counter(), expr(p.times(), r), statements(p.body(), r));
    } else if (s instanceof Stmt.Block b) {
      return new Stmt.Block(statements(b.body(), r));
    }
    return s;
  }

  public static Expr expr(Expr e, Map<Expr, Expr> r) {
    if (e == null) {
      return null;
    }
    Expr replacement = r.get(e);
    if (replacement != null) {
      return replacement;
    }
    if (e instanceof Expr.Binary b) {
      return new Expr.Binary(b.op(), expr(b.left(), r), expr(b.right(), r), b.type());
    } else if (e instanceof Expr.Unary u) {
      return new Expr.Unary(u.op(), expr(u.operand(), r), u.type());
    } else if (e instanceof Expr.Cast c) {
      return new Expr.Cast(c.type(), expr(c.operand(), r));
    } else if (e instanceof Expr.Conditional c) {
      return new Expr.Conditional(expr(c.condition(), r), expr(c.ifTrue(), r),
          expr(c.ifFalse(), r), c.type());
    } else if (e instanceof Expr.MathCall m) {
      return new Expr.MathCall(m.function(), m.owner(),
          m.args().stream().map(arg -> expr(arg, r)).toList(), m.type());
    } else if (e instanceof Expr.ArrayRead a) {
      return new Expr.ArrayRead(expr(a.array(), r), expr(a.index(), r), a.type());
    } else if (e instanceof Expr.Length l) {
      return new Expr.Length(expr(l.array(), r));
    }
    return e;
  }
}
