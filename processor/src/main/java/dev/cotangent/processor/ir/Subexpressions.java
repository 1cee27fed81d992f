package dev.cotangent.processor.ir;

import java.util.ArrayList;
import java.util.List;

/** The direct sub-expressions of an expression, for analyses that look at every part. */
public final class Subexpressions {
  private Subexpressions() {}

  public static List<Expr> of(Expr e) {
    List<Expr> parts = new ArrayList<>();
    if (e instanceof Expr.Unary u) {
      parts.add(u.operand());
    } else if (e instanceof Expr.Binary b) {
      parts.add(b.left());
      parts.add(b.right());
    } else if (e instanceof Expr.Conditional c) {
      parts.add(c.condition());
      parts.add(c.ifTrue());
      parts.add(c.ifFalse());
    } else if (e instanceof Expr.Cast c) {
      parts.add(c.operand());
    } else if (e instanceof Expr.MathCall call) {
      parts.addAll(call.args());
    } else if (e instanceof Expr.ArrayRead r) {
      parts.add(r.array());
      parts.add(r.index());
    } else if (e instanceof Expr.Length l) {
      parts.add(l.array());
    } else if (e instanceof Expr.NewArray n) {
      parts.addAll(n.dimensions());
    } else if (e instanceof Expr.ArrayLiteral l) {
      parts.addAll(l.elements());
    } else if (e instanceof Expr.CloneArray c) {
      parts.add(c.array());
    } else if (e instanceof Expr.Call c) {
      if (c.receiver() != null) {
        parts.add(c.receiver());
      }
      parts.addAll(c.args());
    } else if (e instanceof Expr.Detach d) {
      parts.add(d.operand());
    } else if (e instanceof Expr.Runtime r) {
      parts.addAll(r.args());
    } else if (e instanceof Expr.Field f) {
      parts.add(f.target());
    } else if (e instanceof Expr.InstanceCall c) {
      parts.add(c.target());
      parts.addAll(c.args());
    } else if (e instanceof Expr.New n) {
      parts.addAll(n.args());
    }
    return parts;
  }

  /**
   * The expressions a statement evaluates itself, not those of the statements nested in it: an
   * assignment's value, an element write's array, index and value, a condition, ...
   */
  public static List<Expr> ofStatement(Stmt s) {
    List<Expr> out = new ArrayList<>();
    if (s instanceof Stmt.Declare d) {
      out.add(d.init());
    } else if (s instanceof Stmt.Assign a) {
      out.add(a.value());
    } else if (s instanceof Stmt.ArrayWrite w) {
      out.add(w.array());
      out.add(w.index());
      out.add(w.value());
    } else if (s instanceof Stmt.If i) {
      out.add(i.condition());
    } else if (s instanceof Stmt.While w) {
      out.add(w.condition());
    } else if (s instanceof Stmt.Push p) {
      out.add(p.value());
    } else if (s instanceof Stmt.Reserve r) {
      out.add(r.from());
      out.add(r.to());
    } else if (s instanceof Stmt.Evaluate e) {
      out.add(e.call());
    } else if (s instanceof Stmt.Require r) {
      out.add(r.condition());
    } else if (s instanceof Stmt.Repeat r) {
      out.add(r.times());
    } else if (s instanceof Stmt.Invoke i) {
      out.add(i.call());
    } else if (s instanceof Stmt.Throw t) {
      out.addAll(t.args());
    } else if (s instanceof Stmt.Assert a) {
      out.add(a.condition());
      out.add(a.message());
    } else if (s instanceof Stmt.Switch w) {
      out.add(w.selector());
    }
    out.removeIf(e -> e == null);
    return out;
  }
}
