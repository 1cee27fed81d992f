package dev.cotangent.processor.differentiate.rules;

import dev.cotangent.processor.analyse.Activity;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One right-hand side prepared for differentiation: the sub-expressions whose values the
 * partial derivatives read are bound to temporaries, computed once, in {@link #temps()}. Both
 * modes use it: the tangent computes the statement from the temporaries; the reverse sweep
 * recomputes them from the restored state. Nothing inside a branch of {@code ?:} is hoisted.
 */
public final class Linearization {
  private final Activity activity;
  private final Set<Expr> needed = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Map<Expr, Expr> values = new IdentityHashMap<>();
  private final List<Stmt> temps = new ArrayList<>();
  private final Expr root;
  private final Expr primal;
  private int branchDepth;

  public Linearization(Expr root, Activity activity) {
    this(root, activity, null);
  }

  /**
   * With {@code result} non-null, the root's value, where a partial reads it (the result of
   * {@code exp}), is {@code result}: the variable the reverse sweep still holds it in.
   */
  public Linearization(Expr root, Activity activity, Expr result) {
    this.activity = activity;
    this.root = root;
    mark(root);
    Expr built = build(root);
    if (result != null && needed.contains(root)) {
      values.put(root, result);
    }
    this.primal = built;
  }

  /** The root expression. */
  Expr root() {
    return root;
  }

  /** The declarations of temporaries, in evaluation order. */
  public List<Stmt> temps() {
    return temps;
  }

  /** The right-hand side written over the temporaries. */
  public Expr primal() {
    return primal;
  }

  /** The value of a node: its temporary, or itself rebuilt over temporaries. */
  public Expr value(Expr node) {
    return values.get(node);
  }

  public boolean isActive(Expr node) {
    return activity.isActive(node);
  }

  private void need(Expr node) {
    needed.add(node);
  }

  /** Marks, top down through the active part, the nodes whose values partials read. */
  private void mark(Expr node) {
    if (!activity.isActive(node)) {
      return;
    }
    Partials.needs(node, activity).forEach(this::need);
    for (Expr part : dev.cotangent.processor.ir.Subexpressions.of(node)) {
      if (!(node instanceof Expr.Call call) || call.hasRules()) {
        mark(part);
      }
    }
  }

  /** Rebuilds bottom up, binding needed compound nodes to temporaries. */
  private Expr build(Expr node) {
    Expr rebuilt = rebuild(node);
    Expr value = rebuilt;
    if (needed.contains(node) && !Algebra.isAtomic(rebuilt) && branchDepth == 0) {
      Variable temp = Variable.generated("t", node.type());
      temps.add(new Stmt.Declare(temp, rebuilt, null));
      value = new Expr.Ref(temp);
    }
    values.put(node, value);
    return value;
  }

  private Expr rebuild(Expr node) {
    if (node instanceof Expr.Unary u) {
      return new Expr.Unary(u.op(), build(u.operand()), u.type());
    }
    if (node instanceof Expr.Cast c) {
      return new Expr.Cast(c.type(), build(c.operand()));
    }
    if (node instanceof Expr.Binary b) {
      Expr left = build(b.left());
      return new Expr.Binary(b.op(), left, build(b.right()), b.type());
    }
    if (node instanceof Expr.Conditional c) {
      // Only one branch runs: values inside a branch are not hoisted, so nothing is evaluated
      // that the original would not evaluate (an integer division by zero, say).
      Expr condition = build(c.condition());
      branchDepth++;
      Expr ifTrue = build(c.ifTrue());
      Expr ifFalse = build(c.ifFalse());
      branchDepth--;
      return new Expr.Conditional(condition, ifTrue, ifFalse, c.type());
    }
    if (node instanceof Expr.MathCall call) {
      List<Expr> args = new ArrayList<>();
      for (Expr arg : call.args()) {
        args.add(build(arg));
      }
      return new Expr.MathCall(call.function(), call.owner(), args, call.type());
    }
    if (node instanceof Expr.Call call && call.hasRules()) {
      List<Expr> args = new ArrayList<>();
      for (Expr arg : call.args()) {
        args.add(build(arg));
      }
      return call.withArgs(args);
    }
    if (node instanceof Expr.ArrayLiteral literal) {
      List<Expr> elements = new ArrayList<>();
      for (Expr element : literal.elements()) {
        elements.add(build(element));
      }
      return new Expr.ArrayLiteral(literal.type(), elements);
    }
    return node;
  }
}
