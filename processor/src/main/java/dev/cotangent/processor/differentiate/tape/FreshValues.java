package dev.cotangent.processor.differentiate.tape;

import dev.cotangent.processor.analyse.Variables;
import dev.cotangent.processor.analyse.Writes;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Variable;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Outside loops, the variables whose value nothing has read since it was written. Overwriting one
 * needs no tape: no reverse statement between the two writes reads the value it loses. Followed
 * statement by statement in program order; the two branches of an {@code if} start alike and
 * only what is fresh after both stays fresh.
 */
public final class FreshValues {
  private Set<Variable> fresh = Collections.newSetFromMap(new IdentityHashMap<>());

  public boolean contains(Variable v) {
    return fresh.contains(v);
  }

  /** These statements ran: what they read or write is no longer fresh. */
  public void ran(List<Stmt> statements) {
    fresh.removeAll(Variables.read(statements));
    fresh.removeAll(Writes.variables(statements));
  }

  /** {@code v} was just written, outside loops. */
  public void written(Variable v) {
    fresh.add(v);
  }

  /** {@code e} was evaluated. */
  public void read(Expr e) {
    fresh.removeAll(Variables.read(List.of(new Stmt.Evaluate(e))));
  }

  /** The state before the branches of an {@code if}, to start the second branch from. */
  public Set<Variable> save() {
    Set<Variable> copy = Collections.newSetFromMap(new IdentityHashMap<>());
    copy.addAll(fresh);
    return copy;
  }

  /** Starts the second branch from {@code before}; returns the state the first one ended in. */
  public Set<Variable> restart(Set<Variable> before) {
    Set<Variable> afterFirst = fresh;
    fresh = before;
    return afterFirst;
  }

  /** After both branches: fresh only if fresh after the first one too. */
  public void join(Set<Variable> afterFirst) {
    fresh.retainAll(afterFirst);
  }
}
