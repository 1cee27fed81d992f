package dev.cotangent.processor.differentiate.passes;

import dev.cotangent.processor.analyse.CountedLoop;
import dev.cotangent.processor.analyse.Writes;
import dev.cotangent.processor.differentiate.Pass;
import dev.cotangent.processor.differentiate.PassContext;
import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Room on the tape made once per loop instead of once per push. A forward-sweep loop that counts
 * one by one, {@code while (j < bound) { ...; j++; }} with {@code bound} and {@code j} unchanged
 * by the rest of its body, and holds no loop of its own, pushes at most a known number of values
 * per trip (the larger branch of each {@code if}). Before it the tape grows once, by that number
 * times {@code bound - j} ({@code tape.reserve}); its pushes are then plain stores
 * ({@code doubles[doubleTop++] = x}) that the JIT can keep in a tight loop, where a push that may
 * grow the stack held a compare and a call path on every value. A store past the reserved room
 * would still be stopped by Java's bounds check: a wrong count can never write outside the tape.
 */
public final class TapeReservations implements Pass {
  /** The pass, as {@code Passes} lists it. */
  public TapeReservations() {}

  @Override
  public List<Stmt> apply(List<Stmt> statements, PassContext context) {
    return add(statements);
  }

  /** The forward sweep with every loop that qualifies reserving its pushes. */
  public static List<Stmt> add(List<Stmt> forward) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : forward) {
      if (s instanceof Stmt.While loop && qualifies(loop)) {
        reserve(loop, out);
      } else {
        out.add(Children.map(s, TapeReservations::add));
      }
    }
    return out;
  }

  /**
   * The statements without reservations: every push checks for room again. Code that pushes
   * more than it did (the tangent of a pullback) drops them and then counts again.
   */
  public static List<Stmt> removed(List<Stmt> statements) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : statements) {
      if (s instanceof Stmt.Push push) {
        out.add(new Stmt.Push(push.value()));
      } else if (!(s instanceof Stmt.Reserve)) {
        out.add(Children.map(s, TapeReservations::removed));
      }
    }
    return out;
  }

  private static void reserve(Stmt.While loop, List<Stmt> out) {
    Expr.Binary test = (Expr.Binary) loop.condition();
    Expr to = test.op() == BinaryOp.LESS_EQUAL
        ? new Expr.Binary(BinaryOp.ADD, test.right(), Expr.Literal.ofInt(1), Type.INT)
        : test.right();
    int doubles = pushes(loop.body(), Type.DOUBLE);
    int ints = pushes(loop.body(), Type.INT);
    if (doubles == 0 && ints == 0) {
      out.add(loop);
      return;
    }
    if (doubles > 0) {
      out.add(new Stmt.Reserve(Type.DOUBLE, doubles, test.left(), to));
    }
    if (ints > 0) {
      out.add(new Stmt.Reserve(Type.INT, ints, test.left(), to));
    }
    out.add(new Stmt.While(loop.condition(), reserved(loop.body()), loop.origin(), loop.label()));
  }

  /**
   * {@code j < bound} or {@code j <= bound} with an int {@code bound}, the body ending with
   * {@code j++}, nothing else in it writing {@code j} or what {@code bound} reads, and no loop
   * inside.
   */
  private static boolean qualifies(Stmt.While loop) {
    if (!(loop.condition() instanceof Expr.Binary test)
        || test.op() != BinaryOp.LESS && test.op() != BinaryOp.LESS_EQUAL
        || !(test.left() instanceof Expr.Ref ref) || ref.variable().type() != Type.INT
        || test.right().type() != Type.INT) { // i < n with a double or long n: no int count
      return false;
    }
    Variable j = ref.variable();
    List<Stmt> body = loop.body();
    if (body.isEmpty() || !CountedLoop.isIncrement(body.get(body.size() - 1), j)) {
      return false;
    }
    Set<Variable> written = Writes.variables(body.subList(0, body.size() - 1));
    if (written.contains(j)) {
      return false;
    }
    written.add(j);
    return CountedLoop.invariant(test.right(), written)
        && Children.flatten(body).stream().noneMatch(TapeReservations::isLoop);
  }

  private static boolean isLoop(Stmt s) {
    return s instanceof Stmt.While || s instanceof Stmt.DoWhile || s instanceof Stmt.For
        || s instanceof Stmt.Repeat;
  }

  /** The most values of the stack of {@code stack} that one run of these statements pushes. */
  private static int pushes(List<Stmt> statements, Type stack) {
    int count = 0;
    for (Stmt s : statements) {
      if (s instanceof Stmt.Push push && onStack(push, stack)) {
        count++;
      } else if (s instanceof Stmt.If i) {
        count += Math.max(pushes(i.then(), stack), pushes(i.otherwise(), stack));
      } else if (s instanceof Stmt.Block b) {
        count += pushes(b.body(), stack);
      }
    }
    return count;
  }

  /** Doubles and floats share the double stack, ints and booleans the int stack. */
  private static boolean onStack(Stmt.Push push, Type stack) {
    Type t = push.value().type();
    return stack == Type.DOUBLE ? t == Type.DOUBLE || t == Type.FLOAT
        : t == Type.INT || t == Type.BOOLEAN;
  }

  /** The statements with their pushes on the double and int stacks marked reserved. */
  private static List<Stmt> reserved(List<Stmt> statements) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : statements) {
      if (s instanceof Stmt.Push push
          && (onStack(push, Type.DOUBLE) || onStack(push, Type.INT))) {
        out.add(new Stmt.Push(push.value(), true));
      } else {
        out.add(Children.map(s, TapeReservations::reserved));
      }
    }
    return out;
  }
}
