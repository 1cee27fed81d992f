package dev.cotangent.processor.emit;

import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Type;
import java.util.List;

/**
 * The names a pullback gives its tape: the {@code Tape} itself and the double and int stacks with
 * their tops, kept in locals so that a push is a store and an increment (see the runtime's
 * {@code Tape}). Doubles and floats share the double stack, ints, chars and booleans the int stack; longs
 * and arrays go through the tape's own methods.
 */
record TapeLocals(String tape, String doubles, String doubleTop, String ints, String intTop) {

  /** For companions without a tape (forward mode): any push or pop is an internal error. */
  static TapeLocals none() {
    return new TapeLocals(null, null, null, null, null);
  }

  static TapeLocals fresh(Namer namer) {
    return new TapeLocals(namer.fresh("tape", false), namer.fresh("doubles", false),
        namer.fresh("doubleTop", false), namer.fresh("ints", false), namer.fresh("intTop", false));
  }

  /** Which stack a value of this type is recorded on. */
  enum Stack { DOUBLES, INTS, TAPE }

  static Stack stackOf(Type type) {
    if (type == Type.DOUBLE || type == Type.FLOAT) {
      return Stack.DOUBLES;
    }
    if (type == Type.INT || type == Type.BOOLEAN || type.isNarrow()) {
      return Stack.INTS;
    }
    return Stack.TAPE;
  }

  /** Whether any push in these statements (at any depth) records on {@code stack}. */
  static boolean uses(List<Stmt> statements, Stack stack) {
    for (Stmt s : statements) {
      if (s instanceof Stmt.Push push && stackOf(push.value().type()) == stack) {
        return true;
      }
      for (List<Stmt> child : Children.of(s)) {
        if (uses(child, stack)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * What these statements (at any depth) use of the tape's locals: each stack they push on, pop
   * from or reserve on, and {@link Stack#TAPE} when they call the {@code Tape} itself (a push
   * without a reservation, a reservation, a long or an object).
   */
  static java.util.Set<Stack> touched(List<Stmt> statements) {
    java.util.Set<Stack> out = java.util.EnumSet.noneOf(Stack.class);
    touched(statements, out);
    return out;
  }

  private static void touched(List<Stmt> statements, java.util.Set<Stack> out) {
    for (Stmt s : statements) {
      if (s instanceof Stmt.Push push) {
        out.add(stackOf(push.value().type()));
        if (!push.reserved()) {
          out.add(Stack.TAPE);
        }
      } else if (s instanceof Stmt.Reserve reserve) {
        out.add(stackOf(reserve.type()));
        out.add(Stack.TAPE);
      }
      for (dev.cotangent.processor.ir.Expr e
          : dev.cotangent.processor.ir.Subexpressions.ofStatement(s)) {
        pops(e, out);
      }
      for (List<Stmt> child : Children.of(s)) {
        touched(child, out);
      }
    }
  }

  private static void pops(dev.cotangent.processor.ir.Expr e, java.util.Set<Stack> out) {
    if (e instanceof dev.cotangent.processor.ir.Expr.Pop pop) {
      out.add(stackOf(pop.type()));
    }
    for (dev.cotangent.processor.ir.Expr part : dev.cotangent.processor.ir.Subexpressions.of(e)) {
      pops(part, out);
    }
  }
}
