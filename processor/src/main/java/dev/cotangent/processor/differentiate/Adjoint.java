package dev.cotangent.processor.differentiate;

import dev.cotangent.processor.analyse.Activity;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Exprs;
import dev.cotangent.processor.ir.Origin;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import dev.cotangent.processor.lower.LoweredMethod;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reverse mode as an IR transform on the structured core. The forward sweep is the method with
 * its locals hoisted, pushing on the tape each overwritten value the reverse sweep reads, the
 * branch taken by each {@code if} and the trip count of each {@code while}. The reverse sweep
 * runs the statements backwards: it restores overwritten values, replays branches and loops from
 * the tape, and propagates adjoints through each assignment ({@link StatementAdjoint}).
 */
public final class Adjoint {
  private final Activity activity;
  private final StatementAdjoint statements;
  private final Set<Variable> readByReverse;
  private final List<Variable> locals = new ArrayList<>();
  private int loopDepth;
  private int nesting;
  private boolean usesTape;

  private record Sweep(List<Stmt> forward, List<Stmt> reverse) {}

  private Adjoint(Activity activity, Derivatives bars, Set<Variable> readByReverse) {
    this.activity = activity;
    this.statements = new StatementAdjoint(activity, bars);
    this.readByReverse = readByReverse;
  }

  public static AdjointMethod of(LoweredMethod method) {
    Activity activity = Activity.of(method.source().parameters(), method.body(), method.result());
    Derivatives bars = new Derivatives("Bar");
    // First pass: which primal values does the reverse sweep read? Only those are taped.
    Set<Variable> nothingTaped = Collections.newSetFromMap(new IdentityHashMap<>());
    Sweep dryRun = new Adjoint(activity, bars, nothingTaped).sweep(method.body());
    Set<Variable> read = Variables.read(dryRun.reverse());
    return new Adjoint(activity, bars, read).transform(method, bars);
  }

  private AdjointMethod transform(LoweredMethod method, Derivatives bars) {
    Sweep sweep = sweep(method.body());
    Set<Variable> used = Variables.read(sweep.reverse());
    Variable result = method.result();
    Variable resultAdjoint = activity.isActive(result) ? bars.of(result) : null;
    Map<Variable, Variable> gradient = new LinkedHashMap<>();
    for (Variable parameter : method.source().differentiableParameters()) {
      if (used.contains(bars.of(parameter))) {
        gradient.put(parameter, bars.of(parameter));
      }
    }
    List<Variable> adjoints = new ArrayList<>();
    for (Variable v : used) {
      if (v != resultAdjoint && bars.isDerivative(v)) {
        adjoints.add(v);
      }
    }
    return new AdjointMethod(method, locals, usesTape, sweep.forward(), sweep.reverse(),
        adjoints, resultAdjoint, gradient);
  }

  private Sweep sweep(List<Stmt> statements) {
    List<Stmt> forward = new ArrayList<>();
    List<Stmt> reverse = new ArrayList<>();
    for (Stmt statement : statements) {
      Sweep one = statement(statement);
      forward.addAll(one.forward());
      reverse.addAll(0, one.reverse());
    }
    return new Sweep(forward, reverse);
  }

  private Sweep statement(Stmt statement) {
    if (statement instanceof Stmt.Declare d) {
      Sweep sweep = assignment(d.variable(), d.init(), d.origin(), loopDepth == 0);
      return nesting == 0 ? declaredInPlace(sweep) : hoisted(d.variable(), sweep);
    }
    if (statement instanceof Stmt.Assign a) {
      return assignment(a.variable(), a.value(), a.origin(), false);
    }
    if (statement instanceof Stmt.If s) {
      return branch(s);
    }
    if (statement instanceof Stmt.While s) {
      return loop(s);
    }
    throw new IllegalStateException("not in the structured core: " + statement);
  }

  /**
   * {@code v = value}. A first definition (a declaration outside loops) overwrites nothing, so
   * it is never taped and its adjoint needs no reset.
   */
  private Sweep assignment(Variable v, Expr value, Origin origin, boolean firstDefinition) {
    boolean taped = !firstDefinition && readByReverse.contains(v);
    List<Stmt> forward = new ArrayList<>();
    List<Stmt> reverse = new ArrayList<>();
    if (taped) {
      usesTape = true;
      forward.add(new Stmt.Push(Exprs.ref(v)));
      reverse.add(new Stmt.Assign(v, new Expr.Pop(v.type()), null));
    }
    forward.add(new Stmt.Assign(v, value, null));
    if (activity.isActive(v)) {
      reverse.addAll(statements.of(v, value, firstDefinition));
    }
    if (!reverse.isEmpty() && origin != null) {
      reverse.add(0, new Stmt.Comment(origin.toString()));
    }
    return new Sweep(forward, reverse);
  }

  /**
   * A declaration at the top level of the method stays a declaration: it is in scope for the
   * reverse sweep. One nested in a branch or loop is hoisted to the top of the method.
   */
  private static Sweep declaredInPlace(Sweep sweep) {
    List<Stmt> forward = new ArrayList<>(sweep.forward());
    Stmt.Assign last = (Stmt.Assign) forward.remove(forward.size() - 1);
    forward.add(new Stmt.Declare(last.variable(), last.value(), null));
    return new Sweep(forward, sweep.reverse());
  }

  private Sweep hoisted(Variable v, Sweep sweep) {
    locals.add(v);
    return sweep;
  }

  private Sweep branch(Stmt.If s) {
    nesting++;
    Sweep then = sweep(s.then());
    Sweep otherwise = sweep(s.otherwise());
    nesting--;
    if (then.reverse().isEmpty() && otherwise.reverse().isEmpty()) {
      return new Sweep(List.of(new Stmt.If(s.condition(), then.forward(), otherwise.forward(),
          null)), List.of());
    }
    usesTape = true;
    List<Stmt> thenForward = new ArrayList<>(then.forward());
    thenForward.add(new Stmt.Push(Expr.Literal.ofBoolean(true)));
    List<Stmt> otherwiseForward = new ArrayList<>(otherwise.forward());
    otherwiseForward.add(new Stmt.Push(Expr.Literal.ofBoolean(false)));
    List<Stmt> reverse = new ArrayList<>();
    comment(s.origin(), reverse);
    reverse.add(new Stmt.If(new Expr.Pop(Type.BOOLEAN), then.reverse(), otherwise.reverse(),
        null));
    return new Sweep(List.of(new Stmt.If(s.condition(), thenForward, otherwiseForward, null)),
        reverse);
  }

  private Sweep loop(Stmt.While s) {
    loopDepth++;
    nesting++;
    Sweep body = sweep(s.body());
    nesting--;
    loopDepth--;
    if (body.reverse().isEmpty()) {
      return new Sweep(List.of(new Stmt.While(s.condition(), body.forward(), null, null)),
          List.of());
    }
    usesTape = true;
    Variable trips = Variable.generated("trips", Type.INT);
    Stmt start;
    if (nesting == 0) {
      start = new Stmt.Declare(trips, Expr.Literal.ofInt(0), null);
    } else {
      locals.add(trips);
      start = new Stmt.Assign(trips, Expr.Literal.ofInt(0), null);
    }
    List<Stmt> forwardBody = new ArrayList<>();
    forwardBody.add(new Stmt.Assign(trips, Algebra.increment(trips), null));
    forwardBody.addAll(body.forward());
    List<Stmt> forward = List.of(
        start,
        new Stmt.While(s.condition(), forwardBody, null, null),
        new Stmt.Push(Exprs.ref(trips)));
    List<Stmt> reverse = new ArrayList<>();
    comment(s.origin(), reverse);
    Variable counter = Variable.generated("trip", Type.INT);
    reverse.add(new Stmt.Repeat(counter, new Expr.Pop(Type.INT), body.reverse()));
    return new Sweep(forward, reverse);
  }

  private static void comment(Origin origin, List<Stmt> out) {
    if (origin != null) {
      out.add(new Stmt.Comment(origin.toString()));
    }
  }
}
