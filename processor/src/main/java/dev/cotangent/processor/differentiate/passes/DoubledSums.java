package dev.cotangent.processor.differentiate.passes;

import dev.cotangent.processor.analyse.Variables;
import dev.cotangent.processor.analyse.Writes;
import dev.cotangent.processor.differentiate.Pass;
import dev.cotangent.processor.differentiate.PassContext;
import dev.cotangent.processor.differentiate.rules.Algebra;
import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A sum that a loop increments by {@code 2 * e} on every trip, and that is zero when the loop
 * starts, adds up {@code e} and is doubled once after the loop. The tangent of a sum of squares
 * has this shape (Rosenbrock: {@code sumDot += 2 * (t0 * aDot - b * xDotI)}); the loop then does
 * one multiplication fewer per trip:
 *
 * <pre>{@code
 * double sumDot = 0.0;
 * ...
 * while (...) {
 *   sumDot += t0 * aDot - b * xDotI;
 *   ...
 * }
 * sumDot = 2 * sumDot;
 * }</pre>
 *
 * The value is the same bit for bit: doubling is exact, so doubling every term and doubling
 * their sum round alike (short of overflow). Only when the loop reads and writes the sum nowhere
 * else, and the sum is certainly zero where the loop starts: declared {@code = 0.0} earlier in the
 * same list, or in a list that encloses it through {@code if}s only, with nothing assigning it in
 * between.
 */
public final class DoubledSums implements Pass {
  private final Predicate<Variable> derivative;

  /** The pass, as {@code Passes} lists it (each run makes its own worker). */
  public DoubledSums() {
    this(null);
  }

  @Override
  public List<Stmt> apply(List<Stmt> statements, PassContext context) {
    return apply(statements, context::isDerivative);
  }

  private DoubledSums(Predicate<Variable> derivative) {
    this.derivative = derivative;
  }

  /** Doubles after their loops the sums among the locals {@code derivative} accepts. */
  public static List<Stmt> apply(List<Stmt> statements, Predicate<Variable> derivative) {
    return new DoubledSums(derivative).list(statements);
  }

  private List<Stmt> list(List<Stmt> statements) {
    return list(statements, Collections.newSetFromMap(new IdentityHashMap<>()));
  }

  /** {@code zeros}: the sums known to be zero where the list starts. */
  private List<Stmt> list(List<Stmt> statements, Set<Variable> zeros) {
    Set<Variable> zero = Collections.newSetFromMap(new IdentityHashMap<>());
    zero.addAll(zeros);
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : statements) {
      if (s instanceof Stmt.If i) {
        out.add(new Stmt.If(i.condition(), list(i.then(), zero), list(i.otherwise(), zero),
            i.origin()));
      } else if (s instanceof Stmt.While w) {
        loop(w, zero, out);
      } else if (s instanceof Stmt.Repeat r) {
        out.add(new Stmt.Repeat(r.counter(), r.times(), list(r.body())));
      } else {
        out.add(s);
      }
      zero.removeAll(Writes.variables(List.of(s)));
      if (s instanceof Stmt.Declare d && derivative.test(d.variable())
          && d.variable().type() == Type.DOUBLE
          && Algebra.isZero(d.init())) {
        zero.add(d.variable());
      }
    }
    return out;
  }

  private void loop(Stmt.While w, Set<Variable> zero, List<Stmt> out) {
    List<Stmt> body = new ArrayList<>(list(w.body()));
    List<Stmt> after = new ArrayList<>();
    for (int k = 0; k < body.size(); k++) {
      if (body.get(k) instanceof Stmt.Assign a && zero.contains(a.variable())
          && halved(a) != null && onlyHere(a.variable(), w.condition(), body, k)) {
        Variable sum = a.variable();
        body.set(k, new Stmt.Assign(sum, halved(a), a.origin()));
        after.add(new Stmt.Comment(sum.name() + ": each increment in the loop had the factor 2"));
        after.add(new Stmt.Assign(sum, new Expr.Binary(BinaryOp.MULTIPLY,
            Expr.Literal.ofInt(2), new Expr.Ref(sum), Type.DOUBLE), null));
      }
    }
    out.add(new Stmt.While(w.condition(), body, w.origin(), w.label()));
    out.addAll(after);
  }

  /**
   * {@code s + e} (or {@code s - e}) when {@code a} is {@code s = s + 2 * e} or
   * {@code s = s + (2 * u) * w} with {@code e = u * w} ({@code -}).
   */
  private static Expr halved(Stmt.Assign a) {
    if (a.value() instanceof Expr.Binary sum
        && (sum.op() == BinaryOp.ADD || sum.op() == BinaryOp.SUBTRACT)
        && sum.left() instanceof Expr.Ref ref && ref.variable() == a.variable()
        && !Variables.occurs(a.variable(), sum.right())) {
      Expr half = Algebra.half(sum.right());
      return half == null ? null : new Expr.Binary(sum.op(), ref, half, Type.DOUBLE);
    }
    return null;
  }

  /** Whether the loop reads or writes {@code sum} only in its {@code k}-th statement. */
  private static boolean onlyHere(Variable sum, Expr condition, List<Stmt> body, int k) {
    List<Stmt> others = new ArrayList<>(body);
    others.remove(k);
    return !Variables.occurs(sum, condition) && !Variables.read(others).contains(sum)
        && !Writes.variables(others).contains(sum);
  }
}
