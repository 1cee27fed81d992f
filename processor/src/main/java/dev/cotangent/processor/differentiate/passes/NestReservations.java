package dev.cotangent.processor.differentiate.passes;

import dev.cotangent.processor.analyse.CountedLoop;
import dev.cotangent.processor.analyse.Writes;
import dev.cotangent.processor.differentiate.Pass;
import dev.cotangent.processor.differentiate.PassContext;
import dev.cotangent.processor.differentiate.rules.Algebra;
import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.MathFunction;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The tape sized once before a nest of counted loops. {@link TapeReservations} makes room before
 * each innermost counted loop; inside outer loops that is one growth after another, and a new
 * holder's tape (the allocating call {@code f(args)}, whose tape starts at 64 values) reaches its
 * final size by about twenty copies, each twice the last. This pass puts before the outermost
 * counted loop {@code while (j < bound) { ...; j++; }} that holds loops, when the most values its
 * trips push can be written from values known at its entry, one reservation for all of them:
 * {@code doubles = tape.reserve(doubles, doubleTop, 1, 0L, perTrip * max(0L, bound - j))}, in
 * {@code long}. A trip's count is its pushes (the larger branch of each {@code if}, reserved or
 * not) plus, for each inner loop that pushes, its count per trip times its trips; an inner loop
 * must count the same way, from a start assigned to its counter just before it, with start and
 * bound made of literals and {@code int} locals the outer body never writes (so evaluating them
 * early reads nothing that could fail or change).
 *
 * <p>Soundness: the reservation is only a size. Every push it covers still checks for room or
 * lies under its own inner {@code reserve}, which both stay; the {@code long} overload of
 * {@code Tape.reserve} grows the stack only when the room fits in an array and never throws, so
 * a count that is too large (a loop left early by an exception) costs memory, never a result or
 * an error the code without this pass would not raise. The reused holder's tape is already grown
 * by its first call and sees one compare per nest.
 *
 * <p>Gain (GMM d=10, K=25, n=1000, through the allocating {@code GmmAdjoint.objective(args)}):
 * see the benchmarks README, section "Performance round 2".
 */
public final class NestReservations implements Pass {
  /** The pass, as {@code Passes} lists it. */
  public NestReservations() {}

  @Override
  public List<Stmt> apply(List<Stmt> statements, PassContext context) {
    return add(statements);
  }

  /** The forward sweep with a reservation before each outermost counted nest that pushes. */
  static List<Stmt> add(List<Stmt> statements) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : statements) {
      List<Stmt> hints = s instanceof Stmt.While loop ? hints(loop) : List.of();
      if (hints.isEmpty()) {
        out.add(Children.map(s, NestReservations::add));
      } else {
        out.addAll(hints);
        out.add(s);
      }
    }
    return out;
  }

  /** The reservations before {@code loop}, or none when it does not qualify. */
  private static List<Stmt> hints(Stmt.While loop) {
    Variable j = counter(loop);
    if (j == null || Children.flatten(loop.body()).stream().noneMatch(NestReservations::isLoop)) {
      return List.of();
    }
    Set<Variable> written = Writes.variables(loop.body());
    Expr.Binary test = (Expr.Binary) loop.condition();
    if (!simple(test.right(), written)) {
      return List.of();
    }
    List<Stmt> out = new ArrayList<>();
    for (Type stack : List.of(Type.DOUBLE, Type.INT)) {
      Expr perTrip = count(loop.body(), stack, written);
      if (perTrip != null && !isZero(perTrip)) {
        Expr total = times(perTrip, trips(new Expr.Ref(j), test));
        out.add(new Stmt.Reserve(stack, 1, new Expr.Literal(Type.LONG, "0L"), total));
      }
    }
    return out;
  }

  /** The counter of {@code while (j < bound) { ...; j++; }}, or null. */
  private static Variable counter(Stmt.While loop) {
    if (!(loop.condition() instanceof Expr.Binary test)
        || test.op() != BinaryOp.LESS && test.op() != BinaryOp.LESS_EQUAL
        || !(test.left() instanceof Expr.Ref ref) || ref.variable().type() != Type.INT
        || test.right().type() != Type.INT) {
      return null;
    }
    List<Stmt> body = loop.body();
    Variable j = ref.variable();
    if (body.isEmpty() || !CountedLoop.isIncrement(body.get(body.size() - 1), j)
        || Writes.variables(body.subList(0, body.size() - 1)).contains(j)) {
      return null;
    }
    return j;
  }

  /** {@code max(0L, bound - from)} in long, {@code bound + 1} for {@code <=}. */
  private static Expr trips(Expr from, Expr.Binary test) {
    Expr to = wide(test.right());
    if (test.op() == BinaryOp.LESS_EQUAL) {
      to = new Expr.Binary(BinaryOp.ADD, to, new Expr.Literal(Type.LONG, "1L"), Type.LONG);
    }
    Expr start = wide(from);
    Expr difference = isZero(start) ? to : value(start) != null && value(to) != null
        ? literal(value(to) - value(start))
        : new Expr.Binary(BinaryOp.SUBTRACT, to, start, Type.LONG);
    return max(long0(), difference);
  }

  /**
   * The most values of {@code stack} one run of {@code statements} pushes, in long, or null when
   * that cannot be written from values the enclosing nest does not change ({@code written}).
   */
  private static Expr count(List<Stmt> statements, Type stack, Set<Variable> written) {
    Expr total = long0();
    for (int index = 0; index < statements.size(); index++) {
      Stmt s = statements.get(index);
      Expr part;
      if (s instanceof Stmt.Push push) {
        part = onStack(push, stack) ? new Expr.Literal(Type.LONG, "1L") : long0();
      } else if (!pushes(s, stack)) {
        continue;
      } else if (s instanceof Stmt.If i) {
        Expr then = count(i.then(), stack, written);
        Expr otherwise = count(i.otherwise(), stack, written);
        part = then == null || otherwise == null ? null : isZero(then) ? otherwise
            : isZero(otherwise) ? then : max(then, otherwise);
      } else if (s instanceof Stmt.Block b) {
        part = count(b.body(), stack, written);
      } else if (s instanceof Stmt.While inner) {
        part = inner(statements, index, inner, stack, written);
      } else {
        part = null;
      }
      if (part == null) {
        return null;
      }
      total = plus(total, part);
    }
    return total;
  }

  /** An inner counted loop's pushes: its count per trip times its trips, or null. */
  private static Expr inner(List<Stmt> statements, int index, Stmt.While loop, Type stack,
      Set<Variable> written) {
    Variable j = counter(loop);
    int before = index - 1;
    while (before >= 0 && statements.get(before) instanceof Stmt.Reserve) {
      before--;
    }
    Expr start = before < 0 ? null : start(statements.get(before), j);
    if (j == null || start == null || !simple(start, written)) {
      return null;
    }
    Expr.Binary test = (Expr.Binary) loop.condition();
    if (!simple(test.right(), written)) {
      return null;
    }
    Expr perTrip = count(loop.body(), stack, written);
    return perTrip == null ? null : times(perTrip, trips(start, test));
  }

  /** What {@code s} assigns to {@code j} ({@code j = e} or {@code int j = e}), or null. */
  private static Expr start(Stmt s, Variable j) {
    if (s instanceof Stmt.Assign a && a.variable() == j) {
      return a.value();
    }
    return s instanceof Stmt.Declare d && d.variable() == j ? d.init() : null;
  }

  /** Literals and int locals the nest does not write, under + - *: nothing that can fail. */
  private static boolean simple(Expr e, Set<Variable> written) {
    if (e instanceof Expr.Literal literal) {
      return literal.type() == Type.INT;
    }
    if (e instanceof Expr.Ref ref) {
      return ref.variable().type() == Type.INT && !written.contains(ref.variable());
    }
    return e instanceof Expr.Binary b && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUBTRACT
        || b.op() == BinaryOp.MULTIPLY) && simple(b.left(), written) && simple(b.right(), written);
  }

  private static boolean pushes(Stmt s, Type stack) {
    return Children.flatten(List.of(s)).stream()
        .anyMatch(t -> t instanceof Stmt.Push push && onStack(push, stack));
  }

  private static boolean onStack(Stmt.Push push, Type stack) {
    Type t = push.value().type();
    return stack == Type.DOUBLE ? t == Type.DOUBLE || t == Type.FLOAT
        : t == Type.INT || t == Type.BOOLEAN;
  }

  private static boolean isLoop(Stmt s) {
    return s instanceof Stmt.While || s instanceof Stmt.DoWhile || s instanceof Stmt.For
        || s instanceof Stmt.Repeat;
  }

  private static Expr wide(Expr e) {
    if (e instanceof Expr.Literal literal && literal.text().matches("-?[0-9]+")) {
      return literal(Long.parseLong(literal.text()));
    }
    return new Expr.Cast(Type.LONG, e);
  }

  private static Expr long0() {
    return new Expr.Literal(Type.LONG, "0L");
  }

  /** The value of a long literal this pass wrote, or null. */
  private static Long value(Expr e) {
    return e instanceof Expr.Literal literal && literal.type() == Type.LONG
        && literal.text().matches("-?[0-9]+L") ? Long.parseLong(literal.text().substring(0, literal.text().length() - 1)) : null;
  }

  private static Expr literal(long value) {
    return new Expr.Literal(Type.LONG, value + "L");
  }

  private static Expr max(Expr a, Expr b) {
    if (a.equals(b)) {
      return a;
    }
    Long x = value(a);
    Long y = value(b);
    return x != null && y != null ? literal(Math.max(x, y))
        : new Expr.MathCall(MathFunction.MAX, Algebra.MATH, List.of(a, b), Type.LONG);
  }

  private static boolean isZero(Expr e) {
    return e instanceof Expr.Literal literal && literal.text().equals("0L");
  }

  private static boolean isOne(Expr e) {
    return e instanceof Expr.Literal literal && literal.text().equals("1L");
  }

  private static Expr plus(Expr a, Expr b) {
    if (value(a) != null && value(b) != null) {
      return literal(value(a) + value(b));
    }
    return isZero(a) ? b : isZero(b) ? a : new Expr.Binary(BinaryOp.ADD, a, b, Type.LONG);
  }

  private static Expr times(Expr a, Expr b) {
    if (value(a) != null && value(b) != null) {
      return literal(value(a) * value(b));
    }
    return isOne(a) ? b : isOne(b) ? a : new Expr.Binary(BinaryOp.MULTIPLY, a, b, Type.LONG);
  }
}
