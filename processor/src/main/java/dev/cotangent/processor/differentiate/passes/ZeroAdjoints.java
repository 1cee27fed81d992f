package dev.cotangent.processor.differentiate.passes;

import dev.cotangent.processor.differentiate.Pass;
import dev.cotangent.processor.differentiate.PassContext;
import dev.cotangent.processor.differentiate.rules.Algebra;
import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Exprs;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns the first increment of an adjoint that is certainly zero into an assignment: {@code aBar
 * += e} becomes {@code aBar = e} where every path reaches it with {@code aBar} at {@code 0.0} (its
 * declaration, or the reset after its variable's assignment, also around a loop's back edge). It
 * reads better and saves the JIT an addition it may not drop ({@code 0.0 + e} is not {@code e}
 * when {@code e} is {@code -0.0}; a derivative's sign of zero carries no meaning).
 *
 * <p>A forward pass over the reverse sweep with the set of adjoints known to be zero: {@code v =
 * 0.0} adds {@code v}, any other write removes it, an {@code if} keeps what both branches keep,
 * and a loop what holds on entry and after its body (iterated to a fixpoint).
 */
public final class ZeroAdjoints implements Pass {
  private final Predicate<Variable> isAdjoint;

  /** The pass, as {@code Passes} lists it (each run makes its own worker). */
  public ZeroAdjoints() {
    this(null);
  }

  @Override
  public List<Stmt> apply(List<Stmt> statements, PassContext context) {
    return assignFirstIncrements(statements, context.zeroOnEntry(), context::isDerivative);
  }

  private ZeroAdjoints(Predicate<Variable> isAdjoint) {
    this.isAdjoint = isAdjoint;
  }

  /** The sweep with first increments of zero scalar adjoints written as assignments. */
  public static List<Stmt> assignFirstIncrements(List<Stmt> sweep, Set<Variable> zeroOnEntry,
      Predicate<Variable> isAdjoint) {
    List<Stmt> out = new ArrayList<>();
    new ZeroAdjoints(isAdjoint).rewrite(sweep, new HashSet<>(zeroOnEntry), out);
    return out;
  }

  /** Rewrites {@code code} into {@code out}, updating {@code zero} to what holds after it. */
  private void rewrite(List<Stmt> code, Set<Variable> zero, List<Stmt> out) {
    for (Stmt s : code) {
      out.add(rewrite(s, zero));
    }
  }

  private Stmt rewrite(Stmt s, Set<Variable> zero) {
    if (s instanceof Stmt.Assign a) {
      return assign(a, zero);
    }
    if (s instanceof Stmt.Declare d) {
      track(d.variable(), d.init(), zero);
      return s;
    }
    if (s instanceof Stmt.If i) {
      Set<Variable> otherwise = new HashSet<>(zero);
      List<Stmt> then = new ArrayList<>();
      List<Stmt> orElse = new ArrayList<>();
      rewrite(i.then(), zero, then);
      rewrite(i.otherwise(), otherwise, orElse);
      zero.retainAll(otherwise);
      return new Stmt.If(i.condition(), then, orElse, i.origin());
    }
    if (s instanceof Stmt.While w) {
      List<Stmt> body = loopBody(w.body(), zero);
      return new Stmt.While(w.condition(), body, w.origin(), w.label());
    }
    if (s instanceof Stmt.Repeat r) {
      List<Stmt> body = loopBody(r.body(), zero);
      return new Stmt.Repeat(r.counter(), r.times(), body);
    }
    if (s instanceof Stmt.Block b) {
      List<Stmt> body = new ArrayList<>();
      rewrite(b.body(), zero, body);
      return new Stmt.Block(body);
    }
    if (!Children.of(s).isEmpty()) {
      zero.clear(); // a statement with a body this pass does not know: assume nothing
    }
    return s; // calls, element writes, checks and comments write no scalar adjoint
  }

  /**
   * A loop body rewritten with what is zero at the start of every trip (on entry and after the
   * body); {@code zero} becomes what holds after the loop, which may run no trip.
   */
  private List<Stmt> loopBody(List<Stmt> body, Set<Variable> zero) {
    Set<Variable> atStart = new HashSet<>(zero);
    while (true) {
      Set<Variable> after = new HashSet<>(atStart);
      rewrite(body, after, new ArrayList<>());
      after.retainAll(atStart);
      if (after.equals(atStart)) {
        break;
      }
      atStart = after;
    }
    List<Stmt> out = new ArrayList<>();
    rewrite(body, new HashSet<>(atStart), out);
    zero.retainAll(atStart);
    return out;
  }

  private Stmt assign(Stmt.Assign a, Set<Variable> zero) {
    Variable v = a.variable();
    // v is 0.0 here, so e reads the same whether v = v + e or v = e (even when e reads v)
    if (zero.contains(v) && a.value() instanceof Expr.Binary b && b.left().equals(Exprs.ref(v))
        && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUBTRACT)) {
      zero.remove(v);
      Expr value = b.op() == BinaryOp.ADD ? b.right() : Algebra.neg(b.right());
      return new Stmt.Assign(v, value, a.origin());
    }
    track(v, a.value(), zero);
    return a;
  }

  private void track(Variable v, Expr value, Set<Variable> zero) {
    if (isAdjoint.test(v) && !v.type().isArray() && isZero(value)) {
      zero.add(v);
    } else {
      zero.remove(v);
    }
  }

  /** Whether {@code value} is a literal zero ({@code 0.0}, {@code 0}, {@code 0.0f}). */
  static boolean isZero(Expr value) {
    if (!(value instanceof Expr.Literal literal)) {
      return false;
    }
    try {
      return Double.parseDouble(literal.text()) == 0.0;
    } catch (NumberFormatException notANumber) {
      return false;
    }
  }
}
