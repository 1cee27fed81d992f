package dev.cotangent.processor.differentiate;

import dev.cotangent.processor.analyse.Activity;
import dev.cotangent.processor.analyse.Aliases;
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
  private final Derivatives bars;
  private final List<Variable> locals = new ArrayList<>();
  private final Set<Variable> writtenArrays = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<Variable> tapedArrays = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<Variable> writtenAnywhere;
  private final Set<Variable> recomputed = Collections.newSetFromMap(new IdentityHashMap<>());
  /**
   * Outside loops, the variables not read since they were last written: overwriting one needs no
   * tape, since no reverse statement between the two writes reads the value it loses.
   */
  private Set<Variable> fresh = Collections.newSetFromMap(new IdentityHashMap<>());
  private int loopDepth;
  private int nesting;
  private boolean usesTape;

  private record Sweep(List<Stmt> forward, List<Stmt> reverse) {}

  private Adjoint(Activity activity, Derivatives bars, Set<Variable> readByReverse,
      Set<Variable> writtenAnywhere) {
    this.writtenAnywhere = writtenAnywhere;
    this.activity = activity;
    this.bars = bars;
    this.statements = new StatementAdjoint(activity, bars);
    this.readByReverse = readByReverse;
  }

  public static AdjointMethod of(LoweredMethod lowered) {
    Activity before = Activity.of(lowered.source().parameters(), lowered.body(), lowered.result());
    LoweredMethod method = new LoweredMethod(lowered.source(),
        CallResults.extract(lowered.body(), before), lowered.result());
    Adjoint restoring = fixpoint(method);
    AdjointMethod restored = restoring.transform(method, restoring.bars);
    Aliases aliases = restoring.activity.aliases();
    Set<Variable> capture = TapeCost.cheaperToCapture(method.body(), restoring.activity,
        restoring.tapedArrays);
    if (capture.isEmpty()) {
      return restored;
    }
    List<Stmt> body = Captures.rewrite(method.body(),
        v -> capture.stream().anyMatch(array -> aliases.mayAlias(array, v)));
    LoweredMethod rewritten = new LoweredMethod(method.source(), body, method.result());
    Adjoint capturing = fixpoint(rewritten);
    AdjointMethod captured = capturing.transform(rewritten, capturing.bars);
    boolean stillTaped = capture.stream().anyMatch(capturing::inTapedClass);
    return stillTaped ? restored : captured;
  }

  /**
   * Which primal values does the reverse sweep read? Only those are taped. Restoring a value can
   * read more (an array element's index), so repeat until nothing new is read.
   */
  private static Adjoint fixpoint(LoweredMethod method) {
    Activity activity = Activity.of(method.source().parameters(), method.body(), method.result());
    Derivatives bars = new Derivatives("Bar");
    // Only the method's own variables count: each sweep makes its generated ones anew.
    Set<Variable> own = Writes.variables(method.body());
    own.addAll(method.source().parameters());
    Set<Variable> writtenAnywhere = Writes.arrays(method.body());
    Set<Variable> read = Collections.newSetFromMap(new IdentityHashMap<>());
    while (true) {
      Sweep sweep = new Adjoint(activity, bars, read, writtenAnywhere).sweep(method.body());
      Set<Variable> more = Collections.newSetFromMap(new IdentityHashMap<>());
      more.addAll(read);
      Variables.read(sweep.reverse()).stream().filter(own::contains).forEach(more::add);
      if (more.size() == read.size()) {
        return new Adjoint(activity, bars, read, writtenAnywhere);
      }
      read = more;
    }
  }

  private boolean inTapedClass(Variable array) {
    return inClass(array, tapedArrays);
  }

  private AdjointMethod transform(LoweredMethod method, Derivatives bars) {
    Sweep sweep = sweep(method.body());
    Set<Variable> used = Variables.read(sweep.reverse());
    Variable result = method.result();
    Variable resultAdjoint = activity.isActive(result) ? bars.of(result) : null;
    Map<Variable, Variable> gradient = new LinkedHashMap<>();
    for (Variable parameter : method.source().differentiableParameters()) {
      if (!parameter.type().isArray() && used.contains(bars.of(parameter))) {
        gradient.put(parameter, bars.of(parameter));
      }
    }
    List<Variable> adjoints = new ArrayList<>();
    for (Variable v : used) {
      if (v != resultAdjoint && bars.isDerivative(v) && !v.type().isArray()) {
        adjoints.add(v);
      }
    }
    List<Stmt> forward = new ArrayList<>(sweep.forward());
    List<Stmt> reverse = new ArrayList<>(
        Accumulators.promote(sweep.reverse(), bars, activity.aliases()));
    Variable returned = result;
    if (!result.type().isArray() && readByReverse.contains(result)) {
      // The reverse sweep restores the result variable (its partials read it): keep the value.
      returned = Variable.generated("value", result.type());
      forward.add(new Stmt.Declare(returned, Exprs.ref(result), null));
    } else if (result.type().isArray()) {
      // The reverse sweep may restore the result variable and the result's elements.
      returned = Variable.generated("value", result.type());
      forward.add(new Stmt.Declare(returned, Exprs.ref(result), null));
      if (inClass(result, tapedArrays)) {
        Variable saved = Variable.generated("valueFinal", result.type());
        forward.add(new Stmt.Declare(saved, Shadows.call("snapshot", result.type(),
            Exprs.ref(returned)), null));
        reverse.add(new Stmt.Evaluate(Shadows.call("restore", result.type(), Exprs.ref(saved),
            Exprs.ref(returned))));
      }
    }
    List<AdjointMethod.ArrayParameter> arrays = new ArrayList<>();
    for (Variable p : method.source().parameters()) {
      if (p.type().isArray()) {
        restoreForCaller(p, method, forward, reverse);
        if (activity.isActive(p)) {
          boolean direct = p.isDifferentiableParameter() && !inClass(p, writtenArrays);
          arrays.add(new AdjointMethod.ArrayParameter(p, bars.of(p), direct));
        }
      }
    }
    return new AdjointMethod(method, locals, usesTape, forward, reverse, adjoints,
        resultAdjoint, gradient, arrays, returned);
  }

  /**
   * The reverse sweep restores the parameter arrays it taped to their values on entry; the
   * caller must see what the original method left in them, so those are saved after the forward
   * sweep and put back after the reverse sweep.
   */
  private void restoreForCaller(Variable p, LoweredMethod method, List<Stmt> forward,
      List<Stmt> reverse) {
    if (!inClass(p, tapedArrays)) {
      return;
    }
    Expr callers = Exprs.ref(p);
    if (dev.cotangent.processor.read.Assignments.assigns(method.body(), p)) {
      Variable entry = Variable.generated(p.name() + "Entry", p.type());
      forward.add(0, new Stmt.Declare(entry, Exprs.ref(p), null));
      callers = Exprs.ref(entry);
    }
    Variable saved = Variable.generated(p.name() + "Final", p.type());
    forward.add(new Stmt.Declare(saved, Shadows.call("snapshot", p.type(), callers), null));
    reverse.add(new Stmt.Evaluate(Shadows.call("restore", p.type(), Exprs.ref(saved), callers)));
  }

  private boolean inClass(Variable v, Set<Variable> arrays) {
    return arrays.stream().anyMatch(a -> activity.aliases().mayAlias(a, v));
  }

  private boolean readByReverse(Variable array) {
    return readByReverse.stream()
        .anyMatch(v -> v.type().isArray() && activity.aliases().mayAlias(v, array));
  }

  private Sweep sweep(List<Stmt> statements) {
    List<Stmt> forward = new ArrayList<>();
    List<Stmt> reverse = new ArrayList<>();
    for (int i = 0; i < statements.size(); i++) {
      CountedLoop counted = CountedLoop.at(statements, i, loopDepth > 0);
      Sweep one = counted != null ? countedLoop(counted) : statement(statements.get(i));
      if (counted != null) {
        forget(List.of(statements.get(i), statements.get(i + 1)));
        i++;
      }
      forward.addAll(one.forward());
      reverse.addAll(0, one.reverse());
    }
    return new Sweep(forward, reverse);
  }

  private Sweep statement(Stmt statement) {
    if (!(statement instanceof Stmt.If)) {
      Sweep sweep = tracked(statement);
      forget(List.of(statement));
      if (loopDepth == 0 && statement instanceof Stmt.Declare d) {
        fresh.add(d.variable());
      } else if (loopDepth == 0 && statement instanceof Stmt.Assign a) {
        fresh.add(a.variable());
      }
      return sweep;
    }
    return tracked(statement);
  }

  /** Forgets that the variables these statements read or write are fresh. */
  private void forget(List<Stmt> statements) {
    fresh.removeAll(Variables.read(statements));
    fresh.removeAll(Writes.variables(statements));
  }

  private Sweep tracked(Stmt statement) {
    if (statement instanceof Stmt.Declare d) {
      Variable v = d.variable();
      Sweep sweep = v.type().isArray()
          ? arrayAssignment(v, d.init(), d.origin(), loopDepth == 0)
          : assignment(v, d.init(), d.origin(), loopDepth == 0);
      List<Variable> declared = v.type().isArray() && activity.isActive(v)
          ? List.of(v, bars.of(v)) : List.of(v);
      return nesting == 0 ? declaredInPlace(sweep, declared) : hoisted(declared, sweep);
    }
    if (statement instanceof Stmt.Assign a) {
      return a.variable().type().isArray()
          ? arrayAssignment(a.variable(), a.value(), a.origin(), false)
          : assignment(a.variable(), a.value(), a.origin(), false);
    }
    if (statement instanceof Stmt.ArrayWrite w) {
      return elementWrite(w);
    }
    if (statement instanceof Stmt.Require || statement instanceof Stmt.Evaluate) {
      return new Sweep(List.of(statement), List.of());
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
    boolean overwritesFresh = loopDepth == 0 && fresh.contains(v) && !Variables.occurs(v, value);
    boolean restored = !firstDefinition && readByReverse.contains(v) && !recomputed.contains(v)
        && !overwritesFresh;
    List<Stmt> forward = new ArrayList<>();
    List<Stmt> reverse = new ArrayList<>();
    Expr undo = Steps.inverse(v, value);
    if (restored && undo != null) {
      // i = i + c is undone exactly by i = i - c (integers wrap both ways): nothing to tape.
      reverse.add(new Stmt.Assign(v, undo, null));
    } else if (restored) {
      usesTape = true;
      forward.add(new Stmt.Push(Exprs.ref(v)));
      reverse.add(new Stmt.Assign(v, new Expr.Pop(v.type()), null));
    }
    forward.add(new Stmt.Assign(v, value, null));
    // v = exp(u): the adjoint reads v's new value, so it runs before v is restored
    int at = CallResults.readsOwnResult(value, activity) && !Variables.occurs(v, value)
        ? 0 : reverse.size();
    if (activity.isActive(v) && value instanceof Expr.Call call && activity.isActive(call)
        && !call.hasRules()) {
      reverse.addAll(at, statements.ofCall(v, call, firstDefinition));
    } else if (activity.isActive(v)) {
      reverse.addAll(at, statements.of(v, value, firstDefinition));
    }
    if (!reverse.isEmpty() && origin != null) {
      reverse.add(0, new Stmt.Comment(origin.toString()));
    }
    return new Sweep(forward, reverse);
  }

  /**
   * {@code a = <array>}: the shadow follows the reference ({@code aBar = bBar}) or is a new zero
   * array. References overwritten in a loop are taped with their shadows; a new array made from
   * an initialiser or a clone passes its adjoint on to its sources.
   */
  private Sweep arrayAssignment(Variable v, Expr value, Origin origin, boolean firstDefinition) {
    boolean active = activity.isActive(v);
    boolean taped = !firstDefinition && (readByReverse.contains(v) || active);
    Variable vBar = bars.of(v);
    List<Stmt> forward = new ArrayList<>();
    List<Stmt> reverse = new ArrayList<>();
    if (taped) {
      usesTape = true;
      forward.add(new Stmt.Push(Exprs.ref(v)));
      if (active) {
        forward.add(new Stmt.Push(Exprs.ref(vBar)));
      }
    }
    forward.add(new Stmt.Assign(v, value, null));
    if (active) {
      Expr shadow = Shadows.names(value) && activity.isActive(value)
          ? Shadows.of(value, bars) : Shadows.zerosLike(v);
      forward.add(new Stmt.Assign(vBar, shadow, null));
    }
    boolean propagates = active && activity.isActive(value)
        && (value instanceof Expr.ArrayLiteral || value instanceof Expr.CloneArray);
    Expr newShadow = Exprs.ref(vBar);
    if (taped && propagates) {
      Variable saved = Variable.generated(vBar.name() + "New", v.type());
      reverse.add(new Stmt.Declare(saved, Exprs.ref(vBar), null));
      newShadow = Exprs.ref(saved);
    }
    if (taped) {
      if (active) {
        reverse.add(new Stmt.Assign(vBar, new Expr.Pop(v.type()), null));
      }
      reverse.add(new Stmt.Assign(v, new Expr.Pop(v.type()), null));
    }
    if (propagates && value instanceof Expr.ArrayLiteral literal) {
      reverse.addAll(statements.ofLiteral(literal, newShadow));
    } else if (propagates && value instanceof Expr.CloneArray clone) {
      reverse.add(new Stmt.Evaluate(Shadows.call("addInto", v.type(), newShadow,
          Shadows.of(clone.array(), bars))));
    }
    if (!reverse.isEmpty() && origin != null) {
      reverse.add(0, new Stmt.Comment(origin.toString()));
    }
    return new Sweep(forward, reverse);
  }

  /** {@code a[i] = e}: the old element is taped if the reverse sweep reads the array. */
  private Sweep elementWrite(Stmt.ArrayWrite w) {
    Variable root = Aliases.root(w.array());
    writtenArrays.add(root);
    boolean taped = readByReverse(root);
    Type element = w.array().type().element();
    List<Stmt> forward = new ArrayList<>();
    List<Stmt> reverse = new ArrayList<>();
    if (taped) {
      usesTape = true;
      tapedArrays.add(root);
      forward.add(new Stmt.Push(new Expr.ArrayRead(w.array(), w.index(), element)));
      reverse.add(new Stmt.ArrayWrite(w.array(), w.index(), new Expr.Pop(element), null));
    }
    forward.add(new Stmt.ArrayWrite(w.array(), w.index(), w.value(), null));
    if (activity.isActive(root)) {
      reverse.addAll(statements.ofElement(w, e -> readsAlias(e, root)));
    }
    if (!reverse.isEmpty() && w.origin() != null) {
      reverse.add(0, new Stmt.Comment(w.origin().toString()));
    }
    return new Sweep(forward, reverse);
  }

  private boolean readsAlias(Expr e, Variable array) {
    return Variables.read(List.of(new Stmt.Evaluate(e))).stream()
        .anyMatch(v -> v.type().isArray() && activity.aliases().mayAlias(v, array));
  }

  /**
   * A declaration at the top level of the method stays a declaration: it is in scope for the
   * reverse sweep. One nested in a branch or loop is hoisted to the top of the method.
   */
  private static Sweep declaredInPlace(Sweep sweep, List<Variable> declared) {
    List<Stmt> forward = new ArrayList<>();
    for (Stmt s : sweep.forward()) {
      if (s instanceof Stmt.Assign a && declared.contains(a.variable())) {
        forward.add(new Stmt.Declare(a.variable(), a.value(), null));
      } else {
        forward.add(s);
      }
    }
    return new Sweep(forward, sweep.reverse());
  }

  private Sweep hoisted(List<Variable> declared, Sweep sweep) {
    locals.addAll(declared);
    return sweep;
  }

  private Sweep branch(Stmt.If s) {
    fresh.removeAll(Variables.read(List.of(new Stmt.Evaluate(s.condition()))));
    Set<Variable> before = Collections.newSetFromMap(new IdentityHashMap<>());
    before.addAll(fresh);
    nesting++;
    Sweep then = sweep(s.then());
    Set<Variable> afterThen = fresh;
    fresh = before;
    Sweep otherwise = sweep(s.otherwise());
    nesting--;
    fresh.retainAll(afterThen);
    if (then.reverse().isEmpty() && otherwise.reverse().isEmpty()) {
      return new Sweep(List.of(new Stmt.If(s.condition(), then.forward(), otherwise.forward(),
          null)), List.of());
    }
    if (loopDepth == 0) {
      return branchOnce(s, then, otherwise);
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

  /** An {@code if} inside no loop runs at most once: the branch taken stays in a local. */
  private Sweep branchOnce(Stmt.If s, Sweep then, Sweep otherwise) {
    Variable taken = Variable.generated("taken", Type.BOOLEAN);
    Stmt decide;
    if (nesting == 0) {
      decide = new Stmt.Declare(taken, s.condition(), null);
    } else {
      locals.add(taken);
      decide = new Stmt.Assign(taken, s.condition(), null);
    }
    List<Stmt> reverse = new ArrayList<>();
    comment(s.origin(), reverse);
    reverse.add(new Stmt.If(Exprs.ref(taken), then.reverse(), otherwise.reverse(), null));
    return new Sweep(List.of(decide,
        new Stmt.If(Exprs.ref(taken), then.forward(), otherwise.forward(), null)), reverse);
  }

  private Sweep loop(Stmt.While s) {
    Sweep body = loopBody(s.body());
    if (body.reverse().isEmpty()) {
      return new Sweep(List.of(new Stmt.While(s.condition(), body.forward(), null, null)),
          List.of());
    }
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
    // A loop inside no other loop runs at most once: its trip count stays in its variable.
    boolean once = loopDepth == 0;
    List<Stmt> forward = new ArrayList<>(List.of(start,
        new Stmt.While(s.condition(), forwardBody, null, null)));
    if (!once) {
      usesTape = true;
      forward.add(new Stmt.Push(Exprs.ref(trips)));
    }
    List<Stmt> reverse = new ArrayList<>();
    comment(s.origin(), reverse);
    Variable counter = Variable.generated("trip", Type.INT);
    Expr times = once ? Exprs.ref(trips) : new Expr.Pop(Type.INT);
    reverse.add(new Stmt.Repeat(counter, times, body.reverse()));
    return new Sweep(forward, reverse);
  }

  /**
   * A counted loop: its counter's start needs no tape (nothing after the loop reads the counter)
   * and the reverse sweep computes the trip count instead of popping it.
   */
  private Sweep countedLoop(CountedLoop counted) {
    Variable j = counted.variable();
    Stmt start;
    if (nesting == 0) {
      start = new Stmt.Declare(j, counted.counter().init(), null);
    } else {
      locals.add(j);
      start = new Stmt.Assign(j, counted.counter().init(), null);
    }
    Stmt.While s = counted.loop();
    Sweep body = loopBody(s.body());
    List<Stmt> forward = List.of(start, new Stmt.While(s.condition(), body.forward(), null, null));
    if (body.reverse().isEmpty()) {
      return new Sweep(forward, List.of());
    }
    List<Stmt> reverse = new ArrayList<>();
    comment(s.origin(), reverse);
    if (counted.exit() != null) {
      reverse.add(new Stmt.Assign(j, counted.exit(), null));
    }
    reverse.add(new Stmt.While(counted.replayed(), body.reverse(), null, null));
    return new Sweep(forward, reverse);
  }

  /**
   * A loop body. Backwards, each trip first undoes the body's trailing counter steps
   * ({@code i--}), then evaluates again the locals {@link Recomputed} chose (instead of popping
   * them later), then runs the rest of the body backwards.
   */
  private Sweep loopBody(List<Stmt> body) {
    int tail = body.size();
    while (tail > 0 && body.get(tail - 1) instanceof Stmt.Assign a
        && Steps.inverse(a.variable(), a.value()) != null) {
      tail--;
    }
    List<Stmt> head = body.subList(0, tail);
    List<Stmt.Declare> again = Recomputed.in(head, writtenAnywhere, activity.aliases()).stream()
        .filter(d -> readByReverse.contains(d.variable()))
        .toList();
    again.forEach(d -> recomputed.add(d.variable()));
    loopDepth++;
    nesting++;
    Sweep first = sweep(head);
    Sweep steps = sweep(body.subList(tail, body.size()));
    nesting--;
    loopDepth--;
    List<Stmt> forward = new ArrayList<>(first.forward());
    forward.addAll(steps.forward());
    List<Stmt> reverse = new ArrayList<>(steps.reverse());
    if (!first.reverse().isEmpty() && !again.isEmpty()) {
      reverse.add(new Stmt.Comment("recomputed, not taped"));
      again.forEach(d -> reverse.add(new Stmt.Assign(d.variable(), d.init(), null)));
    }
    reverse.addAll(first.reverse());
    return new Sweep(forward, reverse);
  }

  private static void comment(Origin origin, List<Stmt> out) {
    if (origin != null) {
      out.add(new Stmt.Comment(origin.toString()));
    }
  }
}
