package dev.cotangent.processor.differentiate;

import dev.cotangent.processor.analyse.Activity;
import dev.cotangent.processor.analyse.Aliases;
import dev.cotangent.processor.analyse.MethodFacts;
import dev.cotangent.processor.analyse.Variables;
import dev.cotangent.processor.analyse.Writes;
import dev.cotangent.processor.differentiate.checkpoint.CheckpointedLoop;
import dev.cotangent.processor.differentiate.checkpoint.CheckpointedLoops;
import dev.cotangent.processor.differentiate.reverse.ReverseSweep;
import dev.cotangent.processor.differentiate.rules.Derivatives;
import dev.cotangent.processor.differentiate.rules.Shadows;
import dev.cotangent.processor.differentiate.tape.CallResults;
import dev.cotangent.processor.differentiate.tape.Captures;
import dev.cotangent.processor.differentiate.tape.TapeCost;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Exprs;
import dev.cotangent.processor.ir.Stmt;
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
 * Reverse mode as an IR transform on the structured core. {@link ReverseSweep} writes the forward
 * and reverse code statement by statement; this class decides what it may leave off the tape
 * (a fixpoint over the values the reverse sweep reads, and for work arrays the cheaper of
 * restoring and {@link Captures capturing}) and assembles the pullback's parts.
 */
public final class Adjoint {
  private final ReverseSweep sweeper;
  private final Passes passes;
  private final List<String> trace;

  private Adjoint(ReverseSweep sweeper, Passes passes, List<String> trace) {
    this.sweeper = sweeper;
    this.passes = passes;
    this.trace = trace;
  }

  /**
   * The pullback of {@code lowered}, whose {@code facts} analysis computed when it was read. The
   * rewrites before the sweep ({@code CallResults}, {@code Captures}) hand on new facts.
   */
  public static AdjointMethod of(LoweredMethod lowered, MethodFacts facts, Passes passes) {
    List<String> rewrites = new ArrayList<>();
    LoweredMethod method = lowered;
    if (passes.enabled("CallResults")) {
      CallResults.Rewritten extracted = CallResults.extract(lowered.body(), facts.activity());
      if (!extracted.body().equals(lowered.body())) {
        method = new LoweredMethod(lowered.source(), extracted.body(), lowered.result());
        facts = facts.withActive(extracted.introduced());
        rewrites.add("CallResults");
      }
    }
    ReverseSweep restoring = fixpoint(method, facts.activity());
    AdjointMethod restored =
        new Adjoint(restoring, passes, new ArrayList<>(rewrites)).transform(method);
    Aliases aliases = facts.aliases();
    Set<Variable> capture = passes.enabled("Captures") ? TapeCost.cheaperToCapture(
        method.body(), facts.activity(), restoring.tapedArrays()) : Set.of();
    if (capture.isEmpty()) {
      return restored;
    }
    Captures.Rewritten captured = Captures.rewrite(method.body(),
        v -> capture.stream().anyMatch(array -> aliases.mayAlias(array, v)), facts.activity());
    LoweredMethod rewritten = new LoweredMethod(method.source(), captured.body(),
        method.result());
    ReverseSweep capturing = fixpoint(rewritten, facts.withActive(captured.active()).activity());
    rewrites.add("Captures");
    AdjointMethod capturedMethod = new Adjoint(capturing, passes, rewrites).transform(rewritten);
    boolean stillTaped = capture.stream().anyMatch(capturing::inTapedClass);
    return stillTaped ? restored : capturedMethod;
  }

  /**
   * Which primal values does the reverse sweep read? Only those are taped. Restoring a value can
   * read more (an array element's index), so repeat until nothing new is read.
   */
  private static ReverseSweep fixpoint(LoweredMethod method, Activity activity) {
    Derivatives bars = new Derivatives("Bar");
    // Only the method's own variables count: each sweep makes its generated ones anew.
    Set<Variable> own = Writes.variables(method.body());
    own.addAll(method.source().parameters());
    Set<Variable> writtenAnywhere = Writes.arrays(method.body());
    Set<Variable> read = Collections.newSetFromMap(new IdentityHashMap<>());
    while (true) {
      ReverseSweep sweeper = new ReverseSweep(activity, bars, read, writtenAnywhere)
          .checkpointing(CheckpointedLoops.of(method, activity.aliases()));
      ReverseSweep.Sweep sweep = sweeper.sweep(method.body());
      Set<Variable> more = Collections.newSetFromMap(new IdentityHashMap<>());
      more.addAll(read);
      Variables.read(sweeper.forReads(sweep.reverse())).stream().filter(own::contains)
          .forEach(more::add);
      if (more.size() == read.size()) {
        return new ReverseSweep(activity, bars, read, writtenAnywhere)
            .checkpointing(CheckpointedLoops.of(method, activity.aliases()));
      }
      read = more;
    }
  }

  private AdjointMethod transform(LoweredMethod method) {
    ReverseSweep.Sweep sweep = sweeper.sweep(method.body());
    Activity activity = sweeper.activity();
    Derivatives bars = sweeper.bars();
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
    List<Stmt> reverse = new ArrayList<>(sweep.reverse());
    Variable returned = result;
    boolean checkpointed = sweeper.checkpointed().stream().anyMatch(CheckpointedLoop::checkpointed);
    if (!result.type().isArray() && (sweeper.readByReverse().contains(result) || checkpointed)) {
      // The reverse sweep restores the result variable (its partials read it), or runs trips
      // of a checkpointed loop again: keep the value.
      returned = Variable.generated("value", result.type());
      forward.add(new Stmt.Declare(returned, Exprs.ref(result), null));
    } else if (result.type().isArray()) {
      // The reverse sweep may restore the result variable and the result's elements.
      returned = Variable.generated("value", result.type());
      forward.add(new Stmt.Declare(returned, Exprs.ref(result), null));
      if (sweeper.inTapedClass(result)) {
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
          boolean direct = p.isDifferentiableParameter() && !sweeper.inWrittenClass(p);
          arrays.add(new AdjointMethod.ArrayParameter(p, bars.of(p), direct));
        }
      }
    }
    PassContext context = new PassContext(bars, activity.aliases(), Set.copyOf(adjoints),
        gradient.values(), result.type().isArray(), null);
    List<PassObserver.Step<AdjointCode>> steps = new ArrayList<>();
    AdjointCode code = passes.adjoint(new AdjointCode(forward, reverse, false), context, steps);
    List<String> passTrace = new ArrayList<>(trace);
    passTrace.addAll(Passes.trace(steps));
    AdjointMethod adjoint = new AdjointMethod(method, sweeper.locals(), code.usesTape(),
        code.forward(), code.reverse(), adjoints, resultAdjoint, gradient, arrays, returned,
        code.adjointsFirst(), List.copyOf(passTrace), sweeper.checkpointed());
    passes.observer().adjoint(adjoint, steps);
    return adjoint;
  }

  /**
   * The reverse sweep restores the parameter arrays it taped to their values on entry; the
   * caller must see what the original method left in them, so those are saved after the forward
   * sweep and put back after the reverse sweep.
   */
  private void restoreForCaller(Variable p, LoweredMethod method, List<Stmt> forward,
      List<Stmt> reverse) {
    if (!sweeper.inTapedClass(p)) {
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

}
