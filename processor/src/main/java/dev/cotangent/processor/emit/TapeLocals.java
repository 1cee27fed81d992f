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
}
