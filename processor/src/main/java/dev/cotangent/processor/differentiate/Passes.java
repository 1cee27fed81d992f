package dev.cotangent.processor.differentiate;

import dev.cotangent.processor.differentiate.passes.Accumulators;
import dev.cotangent.processor.differentiate.passes.AscendingReplays;
import dev.cotangent.processor.differentiate.passes.DeadResets;
import dev.cotangent.processor.differentiate.passes.DoubledSums;
import dev.cotangent.processor.differentiate.passes.FusedLoops;
import dev.cotangent.processor.differentiate.passes.Increments;
import dev.cotangent.processor.differentiate.passes.InvariantReads;
import dev.cotangent.processor.differentiate.passes.NegatedCopies;
import dev.cotangent.processor.differentiate.passes.RepeatedCalls;
import dev.cotangent.processor.differentiate.passes.RepeatedReads;
import dev.cotangent.processor.differentiate.passes.NestReservations;
import dev.cotangent.processor.differentiate.passes.ReusedHolders;
import dev.cotangent.processor.differentiate.passes.TapeReservations;
import dev.cotangent.processor.differentiate.passes.ZeroAdjoints;
import dev.cotangent.processor.ir.Stmt;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The optimisation pipelines of both modes, in the order they run, with the reason for each
 * position. Each entry is one {@link Pass}; {@code -Acotangent.passes=-FusedLoops,-RepeatedReads}
 * switches passes off (the code is right without any of them), and the pass trace records which
 * ones changed a method's code ({@code -Acotangent.report=true} prints it).
 */
public final class Passes {
  /** The processor option that switches passes off. */
  public static final String OPTION = "cotangent.passes";

  /** The tangent's passes, run on its body after {@code forward.TangentSweep}. */
  static final List<Pass> TANGENT = List.of(
      new InvariantReads(),   // first: reads a loop cannot change leave it before anything else
      new RepeatedReads(),    // after InvariantReads: shares the reads that stay in the body
      new RepeatedCalls(),    // after the reads: call arguments are then plain locals
      new NegatedCopies(),    // after RepeatedCalls: a negation folds into the shared call's use
      new DoubledSums());     // last: sees the increments NegatedCopies left, 2 * (a - b)

  /** The adjoint's passes, run on the sweeps {@code reverse.ReverseSweep} wrote. */
  static final List<Stage> ADJOINT = List.of(
      // on the reverse sweep as written: one read-modify-write per element across a loop
      Stage.reverse(new Accumulators()),
      // after Accumulators: merges the increments that stay, one statement per adjoint
      Stage.reverse(new Increments()),
      // after Increments: a merged increment is the first one, and may become an assignment
      Stage.reverse(new ZeroAdjoints()),
      // after the clean-ups (it matches increments and assignments); before the reads are
      // shared, which would hide the trip's values it looks for
      Stage.both(new FusedLoops()),
      Stage.forward(new InvariantReads()),    // after FusedLoops: the fused loop is forward
      Stage.forward(new RepeatedReads()),     // after InvariantReads, as in the tangent
      Stage.forward(new TapeReservations()),  // last on the forward sweep: counts its pushes
      // after TapeReservations: sizes a nest's tape once around the reservations it left
      Stage.forward(new NestReservations()),
      // before the reads are hoisted: it needs the replay's bare counter steps
      Stage.reverse(new AscendingReplays()),
      Stage.reverse(new InvariantReads()),
      Stage.reverse(new RepeatedReads()),
      // last: a callee's holder is declared where the other passes left the trip that makes it
      // (FusedLoops moves reversed trips into the forward sweep)
      Stage.both(new ReusedHolders()),
      // after everything that reads resets as facts (ZeroAdjoints' zeros, the trips FusedLoops
      // and AscendingReplays match): drops the resets no path reads again
      Stage.reverse(new DeadResets()));

  /**
   * Rewrites of the primal code before the reverse sweep is written, switched like passes:
   * {@code CallResults} (a loop's {@code exp} into a taped local) and {@code Captures} (a work
   * array's reads into locals, where a static estimate finds that cheaper than restoring it).
   */
  static final List<String> ADJOINT_REWRITES = List.of("CallResults", "Captures");

  /**
   * Vector mode's passes, run on the code {@code vector.LaneSweep} wrote ({@code fBatch}, the
   * dense Hessian's sweeps), after the mode's own passes: {@code ConstantSeed} before the
   * rewrite (the dense Hessian's product built with the seed's tangent zero,
   * {@code SecondOrder.withConstantSeed}), then {@code FusedLaneLoops} (it makes the loops over
   * the directions in which {@code LaneLocals} then finds temporaries), {@code LaneFactors}
   * last (on the fused loops' locals).
   * Names, not classes: loading those (JavaPoet's types) here would keep the processor from
   * reporting a processor path without JavaPoet; {@code LaneSweep.PASSES} is the same list
   * after {@code ConstantSeed}.
   */
  static final List<String> VECTOR = List.of("ConstantSeed", "FusedLaneLoops", "LaneInvariants",
      "LaneLocals", "LaneFactors");

  /** One entry of the adjoint's pipeline: a pass and the sweep it rewrites. */
  sealed interface Stage {
    String name();

    /** How the pass trace names this stage. */
    String label();

    AdjointCode run(AdjointCode code, PassContext context);

    static Stage forward(Pass pass) {
      return new OnForward(pass);
    }

    static Stage reverse(Pass pass) {
      return new OnReverse(pass);
    }

    static Stage both(TwoSweepPass pass) {
      return new OnBoth(pass);
    }
  }

  private record OnForward(Pass pass) implements Stage {
    public String name() {
      return pass.name();
    }

    public String label() {
      return pass.name() + " (forward)";
    }

    public AdjointCode run(AdjointCode code, PassContext context) {
      return code.withForward(pass.apply(code.forward(), context));
    }
  }

  private record OnReverse(Pass pass) implements Stage {
    public String name() {
      return pass.name();
    }

    public String label() {
      return pass.name() + " (reverse)";
    }

    public AdjointCode run(AdjointCode code, PassContext context) {
      return code.withReverse(pass.apply(code.reverse(), context));
    }
  }

  private record OnBoth(TwoSweepPass pass) implements Stage {
    public String name() {
      return pass.name();
    }

    public String label() {
      return pass.name();
    }

    public AdjointCode run(AdjointCode code, PassContext context) {
      return pass.apply(code, context);
    }
  }

  private final Set<String> disabled;
  private final PassObserver observer;

  private Passes(Set<String> disabled, PassObserver observer) {
    this.disabled = disabled;
    this.observer = observer;
  }

  /** Every pass on. */
  public static Passes all() {
    return new Passes(Set.of(), PassObserver.NONE);
  }

  /** These passes, with every run reported to {@code observer}. */
  public Passes observedBy(PassObserver observer) {
    return new Passes(disabled, observer);
  }

  PassObserver observer() {
    return observer;
  }

  /**
   * The passes an option value leaves on: {@code -Name} entries, comma-separated, switch passes
   * off. Unknown names are returned in {@code unknown}.
   */
  public static Passes parse(String option, List<String> unknown) {
    Set<String> off = new LinkedHashSet<>();
    if (option != null) {
      for (String entry : option.split(",")) {
        String name = entry.trim();
        if (name.isEmpty()) {
          continue;
        }
        String pass = name.startsWith("-") ? name.substring(1).trim() : name;
        if (!name.startsWith("-") || !names().contains(pass)) {
          unknown.add(name);
        } else {
          off.add(pass);
        }
      }
    }
    return new Passes(off, PassObserver.NONE);
  }

  /** The names of every pass and rewrite that can be switched off, in pipeline order. */
  public static List<String> names() {
    Set<String> names = new LinkedHashSet<>(ADJOINT_REWRITES);
    ADJOINT.forEach(stage -> names.add(stage.name()));
    TANGENT.forEach(pass -> names.add(pass.name()));
    names.addAll(VECTOR);
    return List.copyOf(names);
  }

  public boolean enabled(String name) {
    return !disabled.contains(name);
  }

  /** Runs the tangent's pipeline on {@code body}, adding each pass run to {@code steps}. */
  List<Stmt> tangent(List<Stmt> body, PassContext context,
      List<PassObserver.Step<List<Stmt>>> steps) {
    List<Stmt> code = body;
    for (Pass pass : TANGENT) {
      if (enabled(pass.name())) {
        List<Stmt> out = pass.apply(code, context.of(List.of(code)));
        steps.add(new PassObserver.Step<>(pass.name(), code, out));
        code = out;
      }
    }
    return code;
  }

  /** Runs the adjoint's pipeline on both sweeps, adding each pass run to {@code steps}. */
  AdjointCode adjoint(AdjointCode sweeps, PassContext context,
      List<PassObserver.Step<AdjointCode>> steps) {
    AdjointCode code = sweeps;
    for (Stage stage : ADJOINT) {
      if (enabled(stage.name())) {
        AdjointCode out = stage.run(code, context.of(List.of(code.forward(), code.reverse())));
        steps.add(new PassObserver.Step<>(stage.label(), code, out));
        code = out;
      }
    }
    return code;
  }

  /** The pass trace: the passes among {@code steps} that changed the code, in order. */
  static List<String> trace(List<? extends PassObserver.Step<?>> steps) {
    return steps.stream().filter(step -> !step.before().equals(step.after()))
        .map(PassObserver.Step::pass).toList();
  }

  @Override
  public String toString() {
    return disabled.isEmpty() ? "every pass" : "every pass but " + String.join(", ", disabled);
  }
}
