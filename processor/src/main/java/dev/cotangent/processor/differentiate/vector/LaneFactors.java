package dev.cotangent.processor.differentiate.vector;

import dev.cotangent.processor.analyse.Variables;
import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.ExprMap;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Subexpressions;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Vector mode's pass {@code LaneFactors}: in a loop over the directions, a product
 * {@code u * (c * v)} (or {@code (c * v) * u}, {@code u * (v * c)}, ...) of a value {@code u}
 * that is the same in every lane and a power of two {@code c} becomes {@code (c * u) * v}, whose
 * first factor the JIT computes once before the loop. The tangent of a partial with a factor of
 * two ({@code t1 = 2 * t0}, {@code t3 = 2 * xI}) is such a product: Rosenbrock's dense Hessian
 * sweep had {@code sumBar * (2 * tDot)}, {@code sumBar * (2 * bDot)} and {@code aBar * (2 *
 * xIDot)}, three multiplications per lane and trip that are now one per trip.
 *
 * <p>Soundness. Multiplying by a power of two only changes the exponent, so it is exact and
 * commutes with rounding: {@code u * (c * v)} and {@code (c * u) * v} are both {@code c} times
 * the rounded {@code u * v}, bit for bit, unless one of the products overflows or falls into
 * the subnormal range (then both are still within rounding of the exact value, or infinite).
 * {@code u} is invariant: it reads only locals and literals (no element, call or field), none of
 * them {@code d}, a tangent, or a variable the loop declares or assigns, so evaluating it before
 * the lanes or in each gives the same value; the rewrite evaluates nothing that was not
 * evaluated before, and no expression under {@code ?:}, {@code &&} or {@code ||} is touched.
 *
 * <p>Measured (JDK 17, under load): with {@code ConstantSeed}, see {@code benchmarks/README.md},
 * section Second order.
 */
final class LaneFactors {
  /** The name that switches the pass off: {@code -Acotangent.passes=-LaneFactors}. */
  static final String NAME = "LaneFactors";

  private final LaneSweep sweep;
  private Set<Variable> written = Set.of();

  private LaneFactors(LaneSweep sweep) {
    this.sweep = sweep;
  }

  static List<Stmt> apply(List<Stmt> statements, LaneSweep sweep) {
    return new LaneFactors(sweep).list(statements);
  }

  private List<Stmt> list(List<Stmt> in) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : in) {
      if (isLoopOverLanes(s)) {
        out.add(loop((Stmt.For) s));
      } else {
        out.add(Children.of(s).isEmpty() ? s : Children.map(s, this::list));
      }
    }
    return out;
  }

  /** A loop over the directions, before or after {@code LaneLocals} gave it locals. */
  private boolean isLoopOverLanes(Stmt s) {
    return s instanceof Stmt.For f && f.init().size() == 1
        && f.init().get(0) instanceof Stmt.Declare decl && decl.variable() == sweep.d()
        && f.body().stream().allMatch(b -> b instanceof Stmt.ArrayWrite
            || b instanceof Stmt.Push || b instanceof Stmt.Declare || b instanceof Stmt.Assign);
  }

  private Stmt loop(Stmt.For loop) {
    Set<Variable> assigned = LaneSweep.identitySet();
    assigned.add(sweep.d());
    for (Stmt b : loop.body()) {
      if (b instanceof Stmt.Declare d) {
        assigned.add(d.variable());
      } else if (b instanceof Stmt.Assign a) {
        assigned.add(a.variable());
      }
    }
    written = assigned;
    List<Stmt> body = new ArrayList<>();
    for (Stmt b : loop.body()) {
      if (b instanceof Stmt.ArrayWrite w) {
        body.add(new Stmt.ArrayWrite(w.array(), w.index(), rewrite(w.value()), w.origin()));
      } else if (b instanceof Stmt.Declare d) {
        body.add(new Stmt.Declare(d.variable(), rewrite(d.init()), d.origin()));
      } else if (b instanceof Stmt.Assign a) {
        body.add(a.withValue(rewrite(a.value())));
      } else {
        body.add(b); // a push stores a value: nothing to multiply
      }
    }
    return body.equals(loop.body()) ? loop
        : new Stmt.For(loop.init(), loop.condition(), loop.update(), body, loop.origin(),
            loop.label());
  }

  /** {@code e} with each {@code u * (c * v)} as {@code (c * u) * v}, innermost first. */
  private Expr rewrite(Expr e) {
    if (e == null || e instanceof Expr.Conditional || e instanceof Expr.Binary s
        && (s.op() == BinaryOp.CONDITIONAL_AND || s.op() == BinaryOp.CONDITIONAL_OR)) {
      return e;
    }
    Expr mapped = ExprMap.children(e, this::rewrite);
    if (!(mapped instanceof Expr.Binary b) || b.op() != BinaryOp.MULTIPLY
        || b.type() != Type.DOUBLE) {
      return mapped;
    }
    for (int side = 0; side < 2; side++) {
      Expr u = side == 0 ? b.left() : b.right();
      Expr other = side == 0 ? b.right() : b.left();
      if (!(other instanceof Expr.Binary product) || product.op() != BinaryOp.MULTIPLY
          || product.type() != Type.DOUBLE || u.type() != Type.DOUBLE || !invariant(u)) {
        continue;
      }
      for (int at = 0; at < 2; at++) {
        Expr c = at == 0 ? product.left() : product.right();
        Expr v = at == 0 ? product.right() : product.left();
        if (powerOfTwo(c) && !invariant(v)) {
          Expr scaled = new Expr.Binary(BinaryOp.MULTIPLY, c, u, Type.DOUBLE);
          return new Expr.Binary(BinaryOp.MULTIPLY, scaled, v, Type.DOUBLE);
        }
      }
    }
    return mapped;
  }

  /** Locals and literals only, none of them written in the loop, {@code d} or a tangent. */
  private boolean invariant(Expr e) {
    boolean kind = e instanceof Expr.Literal || e instanceof Expr.Ref || e instanceof Expr.Unary
        || e instanceof Expr.Binary || e instanceof Expr.Cast;
    if (!kind) {
      return false;
    }
    for (Variable v : Variables.in(e)) {
      if (written.contains(v) || sweep.holdsLanes(v)) {
        return false;
      }
    }
    return Subexpressions.of(e).stream().allMatch(this::invariant);
  }

  /** A literal ±2^n other than ±1 (a factor of one is left to the JIT). */
  static boolean powerOfTwo(Expr e) {
    if (!(e instanceof Expr.Literal literal) || !(literal.type() == Type.DOUBLE
        || literal.type() == Type.INT)) {
      return false;
    }
    double value = literal.value();
    double magnitude = Math.abs(value);
    return Double.isFinite(value) && magnitude != 0 && magnitude != 1
        && magnitude == Math.scalb(1.0, Math.getExponent(magnitude))
        && Math.getExponent(magnitude) >= Double.MIN_EXPONENT;
  }
}
