package dev.cotangent.processor.ir;

import java.util.List;
import java.util.function.UnaryOperator;

/** An expression rebuilt with each of its direct sub-expressions replaced by {@code f} of it. */
public final class ExprMap {
  private ExprMap() {}

  /** {@code e} with {@code f} applied to its direct sub-expressions ({@link Subexpressions}). */
  public static Expr children(Expr e, UnaryOperator<Expr> f) {
    if (e instanceof Expr.Unary u) {
      return new Expr.Unary(u.op(), f.apply(u.operand()), u.type());
    } else if (e instanceof Expr.Binary b) {
      Expr left = f.apply(b.left());
      return new Expr.Binary(b.op(), left, f.apply(b.right()), b.type());
    } else if (e instanceof Expr.Conditional c) {
      Expr condition = f.apply(c.condition());
      Expr ifTrue = f.apply(c.ifTrue());
      return new Expr.Conditional(condition, ifTrue, f.apply(c.ifFalse()), c.type());
    } else if (e instanceof Expr.Cast c) {
      return new Expr.Cast(c.type(), f.apply(c.operand()));
    } else if (e instanceof Expr.MathCall m) {
      return new Expr.MathCall(m.function(), m.owner(), all(m.args(), f), m.type());
    } else if (e instanceof Expr.ArrayRead r) {
      Expr array = f.apply(r.array());
      return new Expr.ArrayRead(array, f.apply(r.index()), r.type());
    } else if (e instanceof Expr.Length l) {
      return new Expr.Length(f.apply(l.array()));
    } else if (e instanceof Expr.NewArray n) {
      return new Expr.NewArray(n.type(), all(n.dimensions(), f));
    } else if (e instanceof Expr.ArrayLiteral l) {
      return new Expr.ArrayLiteral(l.type(), all(l.elements(), f));
    } else if (e instanceof Expr.CloneArray c) {
      return new Expr.CloneArray(f.apply(c.array()));
    } else if (e instanceof Expr.Call c) {
      Expr receiver = c.receiver() == null ? null : f.apply(c.receiver());
      return new Expr.Call(c.callee(), c.owner(), receiver, all(c.args(), f), c.type(),
          c.companion(), c.rules(), c.site());
    } else if (e instanceof Expr.Detach d) {
      return new Expr.Detach(d.owner(), f.apply(d.operand()));
    } else if (e instanceof Expr.Runtime r) {
      return new Expr.Runtime(r.owner(), r.method(), all(r.args(), f), r.type());
    } else if (e instanceof Expr.Field field) {
      return new Expr.Field(f.apply(field.target()), field.name(), field.type());
    } else if (e instanceof Expr.InstanceCall c) {
      Expr target = f.apply(c.target());
      return new Expr.InstanceCall(target, c.method(), all(c.args(), f), c.type());
    } else if (e instanceof Expr.New n) {
      return new Expr.New(n.owner(), all(n.args(), f));
    }
    return e;
  }

  private static List<Expr> all(List<Expr> es, UnaryOperator<Expr> f) {
    return es.stream().map(f).toList();
  }
}
