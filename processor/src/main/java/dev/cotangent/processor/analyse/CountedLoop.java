package dev.cotangent.processor.analyse;

import dev.cotangent.processor.differentiate.rules.Algebra;
import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.MathFunction;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Subexpressions;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.List;
import java.util.Set;

/**
 * A counted loop, {@code int j = init; while (cond) { ...; j++; }} (what {@code for} lowers to),
 * whose counter only the loop's last statement writes and nothing after the loop uses, and whose
 * {@code init} the body does not change. The loop ran {@code j - init} times, so the reverse sweep
 * replays it as {@code while (j > init) { j--; ... }}, with one induction variable and nothing
 * taped, once {@code j} holds its exit value. A loop inside no other loop leaves it in {@code j};
 * a nested one, whose {@code j} a later trip of the outer loop overwrites, must have the condition
 * {@code j < bound} (or {@code <=}) with {@code bound} unchanged by the body: then the exit value
 * is {@code max(init, bound)}. A bound that is not an int (a {@code double}, {@code float} or
 * {@code long}) is no bound here: the loop is replayed as one whose counter keeps its exit value,
 * or, nested, as any other loop.
 */
public record CountedLoop(Stmt.Declare counter, Stmt.While loop, Expr bound, boolean inclusive) {

  /** The counted loop that starts at {@code statements[index]}, or null. */
  public static CountedLoop at(List<Stmt> statements, int index, boolean nested) {
    if (index + 1 >= statements.size()
        || !(statements.get(index) instanceof Stmt.Declare counter)
        || !(statements.get(index + 1) instanceof Stmt.While loop)
        || counter.variable().type() != Type.INT) {
      return null;
    }
    Variable j = counter.variable();
    List<Stmt> body = loop.body();
    if (body.isEmpty() || !isIncrement(body.get(body.size() - 1), j)) {
      return null;
    }
    Set<Variable> written = Writes.variables(body.subList(0, body.size() - 1));
    if (written.contains(j)) {
      return null;
    }
    written.add(j);
    if (!invariant(counter.init(), written)) {
      return null;
    }
    List<Stmt> after = statements.subList(index + 2, statements.size());
    if (Variables.read(after).contains(j) || Writes.variables(after).contains(j)) {
      return null;
    }
    boolean bounded = loop.condition() instanceof Expr.Binary test
        && (test.op() == BinaryOp.LESS || test.op() == BinaryOp.LESS_EQUAL)
        && test.left() instanceof Expr.Ref ref && ref.variable() == j
        && invariant(test.right(), written)
        // i < n with a double, float or long n: no int count of trips (random seed 270005)
        && test.right().type().isIntegral() && test.right().type() != Type.LONG;
    if (!bounded) {
      return nested ? null : new CountedLoop(counter, loop, null, false);
    }
    Expr.Binary test = (Expr.Binary) loop.condition();
    return new CountedLoop(counter, loop, test.right(), test.op() == BinaryOp.LESS_EQUAL);
  }

  public Variable variable() {
    return counter.variable();
  }

  /**
   * The counter's value when the loop ends, {@code max(init, bound)} ({@code bound + 1} for ≤),
   * or null when the loop is not nested and the counter keeps it.
   */
  public Expr exit() {
    if (bound == null) {
      return null;
    }
    Expr end = inclusive
        ? new Expr.Binary(BinaryOp.ADD, bound, Expr.Literal.ofInt(1), Type.INT) : bound;
    return new Expr.MathCall(MathFunction.MAX, Algebra.MATH, List.of(counter.init(), end),
        Type.INT);
  }

  /** The condition of the replay: {@code j > init}. */
  public Expr replayed() {
    return new Expr.Binary(BinaryOp.GREATER, new Expr.Ref(variable()), counter.init(),
        Type.BOOLEAN);
  }

  public static boolean isIncrement(Stmt s, Variable j) {
    return s instanceof Stmt.Assign a && a.variable() == j
        && a.value() instanceof Expr.Binary step && step.op() == BinaryOp.ADD
        && step.left() instanceof Expr.Ref ref && ref.variable() == j
        && step.right() instanceof Expr.Literal literal && literal.type() == Type.INT
        && literal.isOne();
  }

  /**
   * Whether {@code e} has the same value before the loop and after it: it reads no variable the
   * loop writes, and no array element except the length of a row (rows are never replaced).
   */
  public static boolean invariant(Expr e, Set<Variable> written) {
    if (e instanceof Expr.Ref ref) {
      return !written.contains(ref.variable());
    }
    if (e instanceof Expr.Literal) {
      return true;
    }
    if (e instanceof Expr.Length length) {
      return lengthInvariant(length.array(), written);
    }
    if (e instanceof Expr.Binary || e instanceof Expr.Unary || e instanceof Expr.Cast) {
      return Subexpressions.of(e).stream().allMatch(part -> invariant(part, written));
    }
    return false;
  }

  private static boolean lengthInvariant(Expr array, Set<Variable> written) {
    if (array instanceof Expr.Ref ref) {
      return !written.contains(ref.variable());
    }
    return array instanceof Expr.ArrayRead row && lengthInvariant(row.array(), written)
        && invariant(row.index(), written);
  }
}
