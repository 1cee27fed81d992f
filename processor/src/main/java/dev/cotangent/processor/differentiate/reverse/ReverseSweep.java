package dev.cotangent.processor.differentiate.reverse;

import dev.cotangent.processor.analyse.Activity;
import dev.cotangent.processor.analyse.CallWrites;
import dev.cotangent.processor.analyse.Aliases;
import dev.cotangent.processor.analyse.CountedLoop;
import dev.cotangent.processor.analyse.Variables;
import dev.cotangent.processor.differentiate.checkpoint.CheckpointedLoop;
import dev.cotangent.processor.differentiate.checkpoint.CheckpointedLoops;
import dev.cotangent.processor.differentiate.rules.Algebra;
import dev.cotangent.processor.differentiate.rules.Derivatives;
import dev.cotangent.processor.differentiate.rules.Shadows;
import dev.cotangent.processor.differentiate.tape.CallResults;
import dev.cotangent.processor.differentiate.tape.FirstWrites;
import dev.cotangent.processor.differentiate.tape.FreshValues;
import dev.cotangent.processor.differentiate.tape.Recomputed;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Exprs;
import dev.cotangent.processor.ir.Origin;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The forward and reverse code of each statement of the structured core, given which primal
 * values the reverse sweep reads ({@code readByReverse}). The forward sweep is the method with its
 * loop and branch locals hoisted, pushing on the tape what the reverse sweep cannot get otherwise;
 * the reverse sweep runs the statements backwards: it restores overwritten values, replays
 * branches and loops, and propagates adjoints through each assignment ({@link StatementAdjoint}).
 * What is taped and what is recomputed, kept in a local or undone instead is listed in the
 * README (section "How it works").
 */
public final class ReverseSweep {
  /** One statement's (or list's) code: forward in order, reverse already reversed. */
  public record Sweep(List<Stmt> forward, List<Stmt> reverse) {}

  private final Activity activity;
  private final StatementAdjoint statements;
  private final Set<Variable> readByReverse;
  private final Derivatives bars;
  private final List<Variable> locals = new ArrayList<>();
  private final Set<Variable> writtenArrays = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<Variable> tapedArrays = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<Variable> writtenAnywhere;
  private final Set<Variable> recomputed = Collections.newSetFromMap(new IdentityHashMap<>());
  private final FreshValues fresh = new FreshValues();
  /** {@link FirstWrites} of the method's body, found when the top-level sweep starts. */
  private Set<Stmt> firstWrites;
  private int loopDepth;
  private int nesting;
  private boolean usesTape;
  /** How loops inside no loop are reversed when the method asks for checkpoints; or null. */
  private CheckpointedLoops checkpointing;

  public ReverseSweep(Activity activity, Derivatives bars, Set<Variable> readByReverse,
      Set<Variable> writtenAnywhere) {
    this.writtenAnywhere = writtenAnywhere;
    this.activity = activity;
    this.bars = bars;
    this.statements = new StatementAdjoint(activity, bars);
    this.readByReverse = readByReverse;
  }

  /**
   * Reverses the loops inside no other loop whose trips tape something from snapshots
   * ({@code @Differentiable(checkpoints = N)}); null for none.
   */
  public ReverseSweep checkpointing(CheckpointedLoops loops) {
    this.checkpointing = loops;
    return this;
  }

  /** What became of the method's loops with checkpoints, after {@link #sweep}. */
  public List<CheckpointedLoop> checkpointed() {
    return checkpointing == null ? List.of() : checkpointing.loops();
  }

  /**
   * The reverse sweep as the analysis of what it reads should see it: with checkpointed
   * loops, their drivers read only what they need from before them ({@link CheckpointedLoops}).
   */
  public List<Stmt> forReads(List<Stmt> reverse) {
    return checkpointing == null ? reverse : checkpointing.forReads(reverse);
  }

  /**
   * A checkpointed loop's re-run trips write into this array: it counts as taped, so that
   * callers and the returned result see the contents the forward sweep left.
   */
  public void rewritten(Variable array) {
    tapedArrays.add(array);
  }

  public Activity activity() {
    return activity;
  }

  public Derivatives bars() {
    return bars;
  }

  public Set<Variable> readByReverse() {
    return readByReverse;
  }

  /** The locals hoisted to the top of the method, after {@link #sweep}. */
  public List<Variable> locals() {
    return locals;
  }

  public boolean usesTape() {
    return usesTape;
  }

  /** The arrays whose elements the sweep tapes, after {@link #sweep}. */
  public Set<Variable> tapedArrays() {
    return tapedArrays;
  }

  /** Whether {@code v} may be an array whose elements the sweep tapes. */
  public boolean inTapedClass(Variable v) {
    return inClass(v, tapedArrays);
  }

  /** Whether {@code v} may be an array the method writes into. */
  public boolean inWrittenClass(Variable v) {
    return inClass(v, writtenArrays);
  }

  private boolean inClass(Variable v, Set<Variable> arrays) {
    return arrays.stream().anyMatch(a -> activity.aliases().mayAlias(a, v));
  }

  private boolean readByReverse(Variable array) {
    return readByReverse.stream()
        .anyMatch(v -> v.type().isArray() && activity.aliases().mayAlias(v, array));
  }

  public Sweep sweep(List<Stmt> statements) {
    if (firstWrites == null) {
      firstWrites = FirstWrites.in(statements, activity.aliases());
    }
    List<Stmt> forward = new ArrayList<>();
    List<Stmt> reverse = new ArrayList<>();
    for (int i = 0; i < statements.size(); i++) {
      CountedLoop counted = CountedLoop.at(statements, i, loopDepth > 0);
      Sweep one = counted != null ? countedLoop(counted) : statement(statements.get(i));
      if (counted != null) {
        fresh.ran(List.of(statements.get(i), statements.get(i + 1)));
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
      fresh.ran(List.of(statement));
      // v = exp(u): its own adjoint reads v's new value, so a later overwrite must tape it
      if (loopDepth == 0 && statement instanceof Stmt.Declare d
          && !CallResults.readsOwnResult(d.init(), activity)) {
        fresh.written(d.variable());
      } else if (loopDepth == 0 && statement instanceof Stmt.Assign a
          && !CallResults.readsOwnResult(a.value(), activity)) {
        fresh.written(a.variable());
      }
      return sweep;
    }
    return tracked(statement);
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
    if (statement instanceof Stmt.Invoke invoke) {
      return invoke(invoke);
    }
    if (statement instanceof Stmt.Require || statement instanceof Stmt.Evaluate
        || statement instanceof Stmt.Throw || statement instanceof Stmt.Assert) {
      // a guard runs in the forward sweep only: the reverse sweep never reaches a throw
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
    Expr.Call call = value instanceof Expr.Call c && !c.hasRules() ? c : null;
    CallCheckpoints checkpoints = checkpoints(call);
    forward.addAll(checkpoints.forward());
    forward.add(new Stmt.Assign(v, value, null));
    // v = exp(u): the adjoint reads v's new value, so it runs before v is restored
    int at = CallResults.readsOwnResult(value, activity) && !Variables.occurs(v, value)
        ? 0 : reverse.size();
    if (call != null && needsDerivative(call)) {
      Expr seed = activity.isActive(v) ? Exprs.ref(bars.of(v))
          : Exprs.defaultValue(v.type()); // it writes into active arrays; its value is unused
      Variable reset = activity.isActive(v) && !firstDefinition ? v : null;
      reverse.addAll(at, statements.ofCall(call, seed, reset, checkpoints));
    } else if (call != null) {
      reverse.addAll(at, checkpoints.reload());
      if (activity.isActive(v) && !firstDefinition) {
        // v = g(-1.8, c): a call that carries no derivative still overwrites v, so nothing
        // before it reaches the result through v
        reverse.add(new Stmt.Assign(bars.of(v), Algebra.number(0.0), null));
      }
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
    Expr.Call call = value instanceof Expr.Call c && !c.hasRules() ? c : null;
    CallCheckpoints checkpoints = checkpoints(call);
    forward.addAll(checkpoints.forward());
    forward.add(new Stmt.Assign(v, value, null));
    if (active) {
      Expr shadow = Shadows.names(value) && activity.isActive(value)
          ? Shadows.of(value, bars)
          : RowReferences.sharesRows(value) && activity.isActive(value)
              ? new Expr.CloneArray(Shadows.of(((Expr.CloneArray) value).array(), bars))
              : Shadows.zerosLike(v);
      forward.add(new Stmt.Assign(vBar, shadow, null));
    }
    boolean derivative = call != null && needsDerivative(call);
    boolean propagates = active && activity.isActive(value)
        && (value instanceof Expr.ArrayLiteral
            || value instanceof Expr.CloneArray && !RowReferences.sharesRows(value))
        || derivative;
    Expr newShadow = Exprs.ref(vBar);
    if (taped && propagates) {
      // the seed the pullback receives, taken before the tape gives back the old reference
      // (zeros in the result's shape when the result carries no derivative)
      Variable saved = Variable.generated(vBar.name() + "New", v.type());
      reverse.add(new Stmt.Declare(saved, active ? Exprs.ref(vBar) : Shadows.zerosLike(v), null));
      newShadow = Exprs.ref(saved);
    } else if (!active) {
      newShadow = Shadows.zerosLike(v);
    }
    if (taped) {
      if (active) {
        reverse.add(new Stmt.Assign(vBar, new Expr.Pop(v.type()), null));
      }
      reverse.add(new Stmt.Assign(v, new Expr.Pop(v.type()), null));
    }
    if (derivative) {
      // xs = simulate(k, c, n): the callee's pullback, seeded with the result's adjoint
      reverse.addAll(statements.ofCall(call, newShadow, null, checkpoints));
    } else if (call != null) {
      reverse.addAll(checkpoints.reload());
    } else if (propagates && value instanceof Expr.ArrayLiteral literal) {
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

  /** {@code f(args);}: what it writes is saved before it, and its pullback runs backwards. */
  private Sweep invoke(Stmt.Invoke invoke) {
    CallCheckpoints checkpoints = checkpoints(invoke.call());
    List<Stmt> forward = new ArrayList<>(checkpoints.forward());
    forward.add(invoke);
    List<Stmt> reverse = new ArrayList<>();
    if (needsDerivative(invoke.call())) {
      reverse.addAll(statements.ofCall(invoke.call(), null, null, checkpoints));
    } else {
      reverse.addAll(checkpoints.reload());
    }
    if (!reverse.isEmpty() && invoke.origin() != null) {
      reverse.add(0, new Stmt.Comment(invoke.origin().toString()));
    }
    return new Sweep(forward, reverse);
  }

  /** Whether the call's pullback runs: it passes a derivative on ({@link Activity#needsDerivative}). */
  private boolean needsDerivative(Expr.Call call) {
    return activity.needsDerivative(call, CallWrites.written(call));
  }

  /**
   * The snapshots of the arrays a call writes into ({@link CallCheckpoints}): needed when its
   * pullback runs (it must see them as they were), or when the reverse sweep reads them.
   */
  private CallCheckpoints checkpoints(Expr.Call call) {
    if (call == null) {
      return CallCheckpoints.NONE;
    }
    List<Expr> written = CallWrites.written(call);
    written.forEach(array -> writtenArrays.add(Aliases.root(array)));
    boolean derivative = needsDerivative(call);
    List<Expr> saved = written.stream()
        .filter(array -> derivative || readByReverse(Aliases.root(array))).toList();
    if (saved.isEmpty()) {
      return CallCheckpoints.NONE;
    }
    saved.forEach(array -> tapedArrays.add(Aliases.root(array)));
    usesTape |= loopDepth > 0;
    return CallCheckpoints.of(saved, loopDepth > 0, nesting > 0 ? locals : null);
  }

  /**
   * {@code a[i] = e}: the old element is taped if the reverse sweep reads the array, unless no
   * reverse code that runs after its restore could read it ({@link FirstWrites}).
   */
  private Sweep elementWrite(Stmt.ArrayWrite w) {
    Variable root = Aliases.root(w.array());
    writtenArrays.add(root);
    if (w.value().type().isArray()) {
      boolean taped = activity.isActive(root) || readByReverse(root);
      if (taped) {
        usesTape = true;
        tapedArrays.add(root);
      }
      return RowReferences.reverse(w, taped, activity, bars);
    }
    boolean taped = readByReverse(root) && !firstWrites.contains(w);
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
    fresh.read(s.condition());
    Set<Variable> before = fresh.save();
    nesting++;
    Sweep then = sweep(s.then());
    Set<Variable> afterThen = fresh.restart(before);
    Sweep otherwise = sweep(s.otherwise());
    nesting--;
    fresh.join(afterThen);
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
    if (loopDepth == 0 && checkpointing != null) {
      Sweep checkpointed = checkpointing.loop(this, s, body);
      if (checkpointed != null) {
        return checkpointed;
      }
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
    if (loopDepth == 0 && checkpointing != null) {
      Sweep checkpointed = checkpointing.counted(this, counted, start, body);
      if (checkpointed != null) {
        return checkpointed;
      }
    }
    List<Stmt> reverse = new ArrayList<>();
    comment(s.origin(), reverse);
    if (loopDepth > 0) { // a loop inside no loop leaves j at its exit value
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
      again.forEach(d -> reverse.add(new Stmt.Assign(d.variable(), d.init(), null, true)));
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
