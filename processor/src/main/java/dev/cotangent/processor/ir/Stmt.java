package dev.cotangent.processor.ir;

import java.util.List;

/**
 * A statement of the IR. The reader produces every kind but the generated-only ones; lowering
 * leaves only {@link Declare}, {@link Assign}, {@link ArrayWrite}, {@link If}, {@link While}
 * and the guards {@link Throw} and {@link Assert} (and the calls {@link Evaluate}).
 */
public sealed interface Stmt {

  /** {@code type v = init;} — init is never null after lowering. */
  record Declare(Variable variable, Expr init, Origin origin) implements Stmt {}

  /**
   * {@code v = value;} (compound assignments and increments are read as this).
   *
   * @param recomputed whether the reverse sweep evaluates the value again here instead of popping
   *     it from the tape (a marker later passes match; every analysis sees an assignment)
   */
  record Assign(Variable variable, Expr value, Origin origin, boolean recomputed)
      implements Stmt {
    public Assign(Variable variable, Expr value, Origin origin) {
      this(variable, value, origin, false);
    }

    /** The same assignment (marker included) of another value. */
    public Assign withValue(Expr newValue) {
      return new Assign(variable, newValue, origin, recomputed);
    }
  }

  /**
   * {@code f(args);}: a call of user code for what it does to its array arguments (after
   * lowering, of a {@code void} method only: a result is assigned to a local).
   */
  record Invoke(Expr.Call call, Origin origin) implements Stmt {}

  /** {@code array[index] = value;} where {@code array} is a variable or a row {@code m[i]}. */
  record ArrayWrite(Expr array, Expr index, Expr value, Origin origin) implements Stmt {}

  /** {@code if (!(condition)) throw new IllegalArgumentException(message);} (generated only). */
  record Require(Expr condition, String message) implements Stmt {}

  /**
   * {@code throw new Exception(args);}: a guard. The companions throw exactly this at the same
   * point of their forward sweep; it has no derivative code.
   *
   * @param exception the (unchecked) exception class, accessible from the companions
   * @param args the constructor's arguments (a message: a string, concatenation of values)
   */
  record Throw(com.palantir.javapoet.ClassName exception, List<Expr> args, Origin origin)
      implements Stmt {}

  /**
   * {@code assert condition : message;} ({@code message} null without one): as in Java, it runs
   * only with assertions enabled ({@code -ea}); no derivative code.
   */
  record Assert(Expr condition, Expr message, Origin origin) implements Stmt {}

  /**
   * A {@code switch} statement as read (lowering turns it into {@code if}s): {@code selector}
   * is evaluated once; a case without an arrow falls through into the next one. A switch
   * expression is read as a switch statement whose cases assign its value (or return it).
   *
   * @param label the label that {@code break} statements leaving it name (generated for a
   *     switch expression, whose {@code yield} may sit in a loop), or null
   */
  record Switch(Expr selector, List<Case> cases, Origin origin, String label) implements Stmt {
    /**
     * One {@code case L1, L2:} (or {@code ->}) group; no labels for {@code default}.
     *
     * @param arrow whether it is written {@code ->} (it never falls through)
     */
    public record Case(List<Expr> labels, List<Stmt> body, boolean arrow) {
      public boolean isDefault() {
        return labels.isEmpty();
      }
    }
  }

  record If(Expr condition, List<Stmt> then, List<Stmt> otherwise, Origin origin)
      implements Stmt {}

  record While(Expr condition, List<Stmt> body, Origin origin, String label) implements Stmt {}

  record DoWhile(List<Stmt> body, Expr condition, Origin origin, String label) implements Stmt {}

  /** A {@code for} loop; condition null means {@code true}. */
  record For(
      List<Stmt> init,
      Expr condition,
      List<Stmt> update,
      List<Stmt> body,
      Origin origin,
      String label)
      implements Stmt {}

  /** label null: the innermost loop. */
  record Break(String label, Origin origin) implements Stmt {}

  record Continue(String label, Origin origin) implements Stmt {}

  record Return(Expr value, Origin origin) implements Stmt {}

  /** A nested block {@code { ... }}. */
  record Block(List<Stmt> body) implements Stmt {}

  /**
   * A call whose result is not used: a runtime call of generated code, or a call without
   * derivative the user wrote as a statement (printing, logging, a counter), which the
   * companions run in their forward sweep only.
   */
  record Evaluate(Expr call) implements Stmt {}

  /** A line comment in generated code. */
  record Comment(String text) implements Stmt {}

  /**
   * Records a value on the call's tape (generated code only); {@code reserved}: a {@link Reserve}
   * before the enclosing loop made room for it, so it is a plain store.
   */
  record Push(Expr value, boolean reserved) implements Stmt {
    public Push(Expr value) {
      this(value, false);
    }
  }

  /**
   * Makes room on the tape's stack for the values of {@code type} that the loop right after it
   * pushes: at most {@code perTrip} per trip, for a loop counting one by one from the value of
   * {@code from} up to {@code to}, exclusive (generated code only).
   */
  record Reserve(Type type, int perTrip, Expr from, Expr to) implements Stmt {}

  /**
   * {@code for (int counter = times; counter > 0; counter--) body} — replays a loop in the reverse
   * sweep (generated code only).
   */
  record Repeat(Variable counter, Expr times, List<Stmt> body) implements Stmt {}
}
