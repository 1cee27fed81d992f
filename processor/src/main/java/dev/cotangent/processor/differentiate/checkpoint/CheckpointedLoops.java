package dev.cotangent.processor.differentiate.checkpoint;

import dev.cotangent.processor.analyse.Aliases;
import dev.cotangent.processor.analyse.CountedLoop;
import dev.cotangent.processor.analyse.Writes;
import dev.cotangent.processor.differentiate.AdjointCode;
import dev.cotangent.processor.differentiate.reverse.ReverseSweep;
import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Exprs;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import dev.cotangent.processor.lower.LoweredMethod;
import dev.cotangent.processor.analyse.Variables;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reverse sweep of a method's loops with {@code @Differentiable(checkpoints = N)}: a loop
 * inside no other loop whose trips would tape something is reversed from at most N snapshots of
 * its state instead of a tape of every trip ({@link ReverseSweep} hands it over with the code
 * of one trip, taped, and reversed).
 *
 * <p>The forward sweep runs the loop untaped and stores the state where the schedule says:
 *
 * <pre>{@code
 * checkpoints.binomial(20, Checkpoints.trips(s, steps), 2, 1, 0);
 * while (s < steps) {
 *   if (checkpoints.saveHere()) { ... store theta, omega, s ... }
 *   ... the trip, untaped ...
 * }
 * }</pre>
 *
 * The reverse sweep asks the schedule what to do until every trip is reversed:
 *
 * <pre>{@code
 * int action = checkpoints.next();
 * while (action != Checkpoints.DONE) {
 *   if (action == Checkpoints.ADVANCE) {
 *     for (int rerun = checkpoints.steps(); rerun > 0; rerun--) { ... the trip, untaped ... }
 *   } else if (action == Checkpoints.TURN) {
 *     ... the trip, taped ... then ... reversed ...
 *   } else if (action == Checkpoints.SAVE) { ... store ... } else { ... load ... }
 *   action = checkpoints.next();
 * }
 * }</pre>
 *
 * A trip reversed right after it was taped finds exactly the state the ordinary reverse sweep
 * finds, so the trip's taped and reverse code are the ordinary ones ({@link ReverseSweep}). Re-run
 * trips compute only what a later trip or the reverse sweep needs ({@link LoopState}). A loop
 * whose trip count is known when it starts (a counted loop, {@code j < bound}) uses the binomial
 * schedule; any other (a {@code while}, a loop with a {@code break} or {@code return}) the online
 * one.
 */
public final class CheckpointedLoops {
  private final int snapshots;
  private final LoweredMethod method;
  private final Aliases aliases;
  private final List<CheckpointedLoop> loops = new ArrayList<>();
  /** Each driver loop of the reverse sweep, with the values it needs from before it. */
  private final Map<Stmt, Set<Variable>> reads = new IdentityHashMap<>();

  private CheckpointedLoops(int snapshots, LoweredMethod method, Aliases aliases) {
    this.snapshots = snapshots;
    this.method = method;
    this.aliases = aliases;
  }

  /** The policy for {@code method}'s loops, or null when it asks for no checkpoints. */
  public static CheckpointedLoops of(LoweredMethod method, Aliases aliases) {
    int snapshots = CheckpointRequest.of(method.source().element());
    return snapshots > 0 ? new CheckpointedLoops(snapshots, method, aliases) : null;
  }

  /** What became of each loop the sweep handed over, in source order. */
  public List<CheckpointedLoop> loops() {
    return List.copyOf(loops);
  }

  /**
   * A counted loop inside no other loop, {@code start} the forward code of its counter's
   * declaration; null when its trips tape nothing (then it is reversed as usual).
   */
  public ReverseSweep.Sweep counted(ReverseSweep sweeper, CountedLoop counted, Stmt start,
      ReverseSweep.Sweep trip) {
    Expr trips = null;
    if (counted.bound() != null) {
      trips = new Expr.Runtime(SnapshotCode.CHECKPOINTS,
          counted.inclusive() ? "tripsInclusive" : "trips",
          List.of(Exprs.ref(counted.variable()), counted.bound()), Type.INT);
    }
    return reversed(sweeper, counted.loop(), List.of(start), trip, trips);
  }

  /** Any other loop inside no other loop: its trip count is known when it ends. */
  public ReverseSweep.Sweep loop(ReverseSweep sweeper, Stmt.While loop, ReverseSweep.Sweep trip) {
    return reversed(sweeper, loop, List.of(), trip, null);
  }

  private ReverseSweep.Sweep reversed(ReverseSweep sweeper, Stmt.While loop, List<Stmt> before,
      ReverseSweep.Sweep trip, Expr trips) {
    if (!new AdjointCode(trip.forward(), trip.reverse(), false).usesTape()) {
      loops.add(new CheckpointedLoop(loop.origin(), null, trips != null, snapshots, List.of()));
      return null;
    }
    LoopState state = LoopState.of(loop.condition(), loop.body(), sweeper.readByReverse(),
        aliases, Scope.before(method, loop));
    Variable checkpoints = Variable.object("checkpoints", SnapshotCode.CHECKPOINTS);
    SnapshotCode snapshot = new SnapshotCode(checkpoints, state);
    List<Stmt> primal = Scope.assignments(loop.body());
    List<Stmt> rerun = state.slice(primal);
    List<Stmt> taped = state.slice(trip.forward());
    for (Variable root : Writes.arrays(rerun)) {
      sweeper.rewritten(root);
    }
    for (Variable root : Writes.arrays(taped)) {
      sweeper.rewritten(root);
    }
    CheckpointedLoop described = new CheckpointedLoop(loop.origin(), checkpoints, trips != null,
        snapshots, names(state));
    loops.add(described);

    List<Expr> sizes = List.of(snapshot.size(SnapshotCode.Storage.DOUBLES),
        snapshot.size(SnapshotCode.Storage.INTS), snapshot.size(SnapshotCode.Storage.LONGS));
    List<Expr> args = new ArrayList<>();
    args.add(Expr.Literal.ofInt(snapshots));
    if (trips != null) {
      args.add(trips);
    }
    args.addAll(sizes);
    List<Stmt> forward = new ArrayList<>(before);
    forward.add(new Stmt.Comment((loop.origin() == null ? "" : "line " + loop.origin().line()
        + ": ") + "checkpointed, " + (trips != null ? "binomial" : "online") + " schedule"));
    forward.add(new Stmt.Evaluate(call(checkpoints, trips != null ? "binomial" : "online", args,
        Type.OBJECT)));
    List<Stmt> body = new ArrayList<>();
    body.add(new Stmt.If(call(checkpoints, "saveHere", List.of(), Type.BOOLEAN), snapshot.save(),
        List.of(), null));
    body.addAll(primal);
    forward.add(new Stmt.While(loop.condition(), body, null, null));
    List<Stmt> driver = driver(loop, checkpoints, snapshot, rerun, taped, trip.reverse(),
        described);
    Set<Variable> needs = new LinkedHashSet<>(Variables.read(trip.reverse()));
    needs.addAll(LoopState.Exposed.of(loop.condition(), rerun));
    needs.addAll(LoopState.Exposed.of(loop.condition(), taped));
    needs.addAll(state.scalars());
    needs.addAll(state.arrays());
    reads.put(driver.get(driver.size() - 1), needs);
    return new ReverseSweep.Sweep(forward, driver);
  }

  /**
   * The reverse sweep as the analysis of what it reads should see it: each driver loop reads
   * what its reversed trips read, and what its re-run and taped trips read before they write it
   * (not the trip's own values, which a reversed trip need not restore for the next one: every
   * trip is run taped again before it is reversed).
   */
  public List<Stmt> forReads(List<Stmt> reverse) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : reverse) {
      Set<Variable> needs = reads.get(s);
      if (needs == null) {
        out.add(Children.map(s, this::forReads));
      } else {
        List<Expr> refs = needs.stream().map(Exprs::ref).toList();
        out.add(new Stmt.Evaluate(new Expr.Runtime(SnapshotCode.CHECKPOINTS, "reads", refs,
            Type.INT)));
      }
    }
    return out;
  }

  /** The reverse sweep's loop over the schedule's actions. */
  private static List<Stmt> driver(Stmt.While loop, Variable checkpoints, SnapshotCode snapshot,
      List<Stmt> rerun, List<Stmt> taped, List<Stmt> reversed, CheckpointedLoop described) {
    Variable action = Variable.generated("action", Type.INT);
    Expr next = call(checkpoints, "next", List.of(), Type.INT);
    List<Stmt> turn = new ArrayList<>(taped);
    turn.addAll(reversed);
    Stmt dispatch = new Stmt.If(is(action, "ADVANCE"),
        List.of(new Stmt.Repeat(Variable.generated("rerun", Type.INT),
            call(checkpoints, "steps", List.of(), Type.INT), rerun)),
        List.of(new Stmt.If(is(action, "TURN"), turn,
            List.of(new Stmt.If(is(action, "SAVE"), snapshot.save(), snapshot.restore(), null)),
            null)),
        null);
    List<Stmt> out = new ArrayList<>();
    if (loop.origin() != null) {
      out.add(new Stmt.Comment(loop.origin() + " (" + described.snapshots()
          + " snapshots at most)"));
    }
    out.add(new Stmt.Declare(action, next, null));
    out.add(new Stmt.While(new Expr.Binary(BinaryOp.NOT_EQUAL, Exprs.ref(action),
        constant("DONE"), Type.BOOLEAN), List.of(dispatch, new Stmt.Assign(action, next, null)),
        null, null));
    return out;
  }

  private static Expr is(Variable action, String name) {
    return new Expr.Binary(BinaryOp.EQUAL, Exprs.ref(action), constant(name), Type.BOOLEAN);
  }

  private static Expr constant(String name) {
    return new Expr.StaticField(SnapshotCode.CHECKPOINTS, name, Type.INT);
  }

  private static Expr call(Variable target, String method, List<Expr> args, Type type) {
    return new Expr.InstanceCall(Exprs.ref(target), method, args, type);
  }

  private static List<String> names(LoopState state) {
    List<String> names = new ArrayList<>();
    state.scalars().forEach(v -> names.add(v.name()));
    state.arrays().forEach(a -> names.add(a.name() + "[]"));
    return names;
  }

  /** Where a loop is: what is declared before it, and its body as re-run trips see it. */
  static final class Scope {
    private Scope() {}

    /**
     * The parameters and the variables the loop sees declared before it (its counter included):
     * those declared earlier in the statement lists that enclose it, not inside other blocks.
     */
    static List<Variable> before(LoweredMethod method, Stmt loop) {
      List<Variable> out = new ArrayList<>(method.source().parameters());
      visible(method.body(), loop, out);
      return out;
    }

    /** Adds what {@code statements} declare before the one holding {@code loop}; if found. */
    private static boolean visible(List<Stmt> statements, Stmt loop, List<Variable> out) {
      List<Variable> declared = new ArrayList<>();
      for (Stmt s : statements) {
        if (s == loop || contains(s, loop)) {
          out.addAll(declared);
          if (s != loop) {
            for (List<Stmt> child : Children.of(s)) {
              if (visible(child, loop, out)) {
                return true;
              }
            }
          }
          return true;
        }
        if (s instanceof Stmt.Declare d) {
          declared.add(d.variable());
        }
      }
      return false;
    }

    private static boolean contains(Stmt s, Stmt loop) {
      return Children.flatten(Children.of(s).stream().flatMap(List::stream).toList()).stream()
          .anyMatch(inner -> inner == loop);
    }

    /**
     * The body with its declarations as assignments: the reverse sweep declares every local
     * of a loop's body once, at the top of the method.
     */
    static List<Stmt> assignments(List<Stmt> body) {
      List<Stmt> out = new ArrayList<>();
      for (Stmt s : body) {
        if (s instanceof Stmt.Declare d) {
          out.add(new Stmt.Assign(d.variable(), d.init(), null));
        } else {
          out.add(Children.map(s, Scope::assignments));
        }
      }
      return out;
    }
  }
}
