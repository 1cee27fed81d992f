package dev.cotangent.processor.differentiate.checkpoint;

import dev.cotangent.processor.analyse.Aliases;
import dev.cotangent.processor.analyse.Variables;
import dev.cotangent.processor.analyse.Writes;
import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Subexpressions;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a checkpointed loop's snapshots hold and what its trips run again.
 *
 * <p>A trip run again (to reach a trip to reverse) computes only what is <em>needed</em>: the
 * values the reverse sweep reads ({@code readByReverse}), what decides control flow (every
 * condition), and, closed backwards, whatever a needed value or array element is computed from
 * (a statement with a call is always kept, and so are its arguments). The rest of the trip (a
 * value that only flows into the result, say) is left out of the re-runs, and its variables out
 * of the snapshots, which hold the needed values the loop writes and reads before writing them
 * on a trip (carried from one trip to the next) or that the reverse sweep reads after the loop's
 * (of what precedes it, which must find the values the loop started with), and the arrays in
 * scope before the loop whose elements it writes (the needed ones).
 */
final class LoopState {
  private final Set<Variable> needed;
  private final Set<Variable> written;
  private final Aliases aliases;
  private final List<Variable> scalars;
  private final List<Variable> arrays;

  private LoopState(Set<Variable> needed, Set<Variable> written, Aliases aliases,
      List<Variable> scalars, List<Variable> arrays) {
    this.needed = needed;
    this.written = written;
    this.aliases = aliases;
    this.scalars = scalars;
    this.arrays = arrays;
  }

  /**
   * The state of {@code while (condition) body}, given what the reverse sweep reads and the
   * array variables in scope before the loop (parameters and earlier declarations).
   */
  static LoopState of(Expr condition, List<Stmt> body, Set<Variable> readByReverse,
      Aliases aliases, Collection<Variable> inScope) {
    Set<Variable> written = Writes.variables(body);
    Set<Variable> needed = identitySet();
    needed.addAll(readByReverse);
    needed.addAll(Variables.in(condition));
    conditions(body, needed);
    LoopState state = new LoopState(needed, written, aliases, List.of(), List.of());
    while (state.close(body)) {
      // until nothing more is needed
    }
    // carried from trip to trip, or read by the reverse sweep of what precedes the loop, which
    // must find the values the loop started with
    Set<Variable> kept = new LinkedHashSet<>(Exposed.of(condition, body));
    for (Variable v : inScope) {
      if (readByReverse.contains(v)) {
        kept.add(v);
      }
    }
    List<Variable> carried = new ArrayList<>();
    for (Variable v : kept) {
      if (!v.type().isArray() && written.contains(v) && needed.contains(v)) {
        carried.add(v);
      }
    }
    Set<Variable> elementsWritten = Writes.arrays(body);
    List<Variable> arrays = new ArrayList<>();
    for (Variable a : inScope) {
      if (a.type().isArray() && !written.contains(a) && state.neededArray(a)
          && elementsWritten.stream().anyMatch(root -> aliases.mayAlias(root, a))) {
        arrays.add(a);
      }
    }
    return new LoopState(needed, written, aliases, List.copyOf(carried), List.copyOf(arrays));
  }

  /** The scalars a snapshot holds, in the order the loop first reads them. */
  List<Variable> scalars() {
    return scalars;
  }

  /** The arrays a snapshot holds (their elements). */
  List<Variable> arrays() {
    return arrays;
  }

  /** Every variable read by a condition, a check or a runtime call is needed. */
  private static void conditions(List<Stmt> statements, Set<Variable> needed) {
    for (Stmt s : statements) {
      if (s instanceof Stmt.If i) {
        needed.addAll(Variables.in(i.condition()));
      } else if (s instanceof Stmt.While w) {
        needed.addAll(Variables.in(w.condition()));
      } else if (s instanceof Stmt.Require
          || s instanceof Stmt.Evaluate && !effectCall(s)) {
        needed.addAll(Variables.read(List.of(s)));
      }
      for (List<Stmt> child : Children.of(s)) {
        conditions(child, needed);
      }
    }
  }

  /** Adds what kept statements read; whether anything was added. */
  private boolean close(List<Stmt> statements) {
    boolean more = false;
    for (Stmt s : statements) {
      if (!dropped(s) && !(s instanceof Stmt.If) && !(s instanceof Stmt.While)) {
        more |= needed.addAll(Variables.read(List.of(s)));
      }
      for (List<Stmt> child : Children.of(s)) {
        more |= close(child);
      }
    }
    return more;
  }

  /**
   * Whether a re-run leaves {@code s} out: it computes nothing needed and calls nothing, or it is
   * a call without derivative the user wrote as a statement (printing, logging, a counter), which
   * runs once per trip, in the first forward run only.
   */
  private boolean dropped(Stmt s) {
    if (effectCall(s)) {
      return true;
    }
    if (s instanceof Stmt.Declare d) {
      return droppable(d.variable(), d.init());
    }
    if (s instanceof Stmt.Assign a) {
      return droppable(a.variable(), a.value());
    }
    if (s instanceof Stmt.ArrayWrite w) {
      Variable root = Aliases.root(w.array());
      return root != null && !neededArray(root) && !calls(w.value()) && !calls(w.index());
    }
    return false;
  }

  /**
   * A call statement {@code read/EffectCalls} made: a method of an object in a static field or a
   * static void method of the user's (the runtime's calls are generated code, and stay).
   */
  static boolean effectCall(Stmt s) {
    if (!(s instanceof Stmt.Evaluate e)) {
      return false;
    }
    if (e.call() instanceof Expr.InstanceCall call) {
      return call.target() instanceof Expr.StaticField;
    }
    return e.call() instanceof Expr.Runtime call
        && !call.owner().packageName().equals("dev.cotangent.runtime");
  }

  private boolean droppable(Variable v, Expr value) {
    return written.contains(v) && !needed.contains(v) && !calls(value)
        && (!v.type().isArray() || !neededArray(v));
  }

  /** Whether an array that may be {@code array} is needed. */
  private boolean neededArray(Variable array) {
    return needed.stream().anyMatch(v -> v.type().isArray() && aliases.mayAlias(v, array));
  }

  private static boolean calls(Expr e) {
    return e instanceof Expr.Call || e instanceof Expr.Pop
        || Subexpressions.of(e).stream().anyMatch(LoopState::calls);
  }

  /**
   * {@code statements} (a trip of the loop, as the primal or the taped forward sweep runs it)
   * without what a re-run leaves out.
   */
  List<Stmt> slice(List<Stmt> statements) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : statements) {
      if (!dropped(s)) {
        out.add(Children.map(s, this::slice));
      }
    }
    return out;
  }

  private static Set<Variable> identitySet() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }

  /**
   * The variables a loop reads before writing them on a trip (its condition's included): the
   * values carried into a trip from the one before.
   */
  static final class Exposed {
    private final Set<Variable> exposed = new LinkedHashSet<>();

    static Set<Variable> of(Expr condition, List<Stmt> body) {
      Exposed e = new Exposed();
      e.exposed.addAll(Variables.in(condition));
      e.list(body, identitySet());
      return e.exposed;
    }

    /** Walks {@code statements} with {@code assigned} the variables certainly written so far. */
    private void list(List<Stmt> statements, Set<Variable> assigned) {
      for (Stmt s : statements) {
        if (s instanceof Stmt.If i) {
          read(Variables.in(i.condition()), assigned);
          Set<Variable> then = copy(assigned);
          Set<Variable> otherwise = copy(assigned);
          list(i.then(), then);
          list(i.otherwise(), otherwise);
          then.retainAll(otherwise);
          assigned.addAll(then);
        } else if (s instanceof Stmt.While w) {
          read(Variables.in(w.condition()), assigned);
          list(w.body(), copy(assigned)); // it may run no trip: nothing certain after it
        } else if (s instanceof Stmt.Repeat r) {
          read(Variables.in(r.times()), assigned);
          list(r.body(), copy(assigned));
        } else if (s instanceof Stmt.Declare d) {
          read(Variables.in(d.init()), assigned);
          assigned.add(d.variable());
        } else if (s instanceof Stmt.Assign a) {
          read(Variables.in(a.value()), assigned);
          assigned.add(a.variable());
        } else {
          read(Variables.read(List.of(s)), assigned);
        }
      }
    }

    private void read(Set<Variable> read, Set<Variable> assigned) {
      for (Variable v : read) {
        if (!assigned.contains(v)) {
          exposed.add(v);
        }
      }
    }

    private static Set<Variable> copy(Set<Variable> set) {
      Set<Variable> out = identitySet();
      out.addAll(set);
      return out;
    }
  }
}
