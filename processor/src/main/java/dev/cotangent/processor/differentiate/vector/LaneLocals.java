package dev.cotangent.processor.differentiate.vector;

import dev.cotangent.processor.analyse.Variables;
import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.ExprMap;
import dev.cotangent.processor.ir.Exprs;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Subexpressions;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Vector mode's pass {@code LaneLocals}: a scalar tangent whose k lanes are only ever used inside
 * loops over the directions, and in each such loop written before it is read, lives in a local of
 * those loops instead of a {@code double[k]} of the workspace. After {@link FusedLaneLoops},
 * Rosenbrock's sweep keeps {@code xIDot}, {@code aDot}, {@code bDot}, {@code tDot},
 * {@code aBarDot} and {@code bBarDot} in registers, and each trip loads and stores only the
 * lanes of the inputs and outputs ({@code xDot[i * k + d]}, {@code xBarDot[i * k + d]}):
 *
 * <pre>{@code
 * for (int d = 0; d < k; d++) {
 *   double xIDot = xDot[i * k + d];
 *   double aDot = xDot[(i + 1) * k + d] - 2 * xI * xIDot;
 *   ...
 * }
 * }</pre>
 *
 * A write of such a local that nothing after it in the loop reads (the zeros the reverse sweep
 * writes into an adjoint's tangent when it is done with it) is dropped, and a loop left empty
 * with it.
 *
 * <p>Soundness (a liveness argument). Trip {@code d} of a loop over the directions touches lane
 * {@code d} only ({@link LaneSweep#isLaneLoop}). When every occurrence of the lane array
 * {@code v} is {@code v[d]} in such a loop, and in each loop the first statement that mentions
 * {@code v} assigns {@code v[d]} from a value that does not read it, then no read of
 * {@code v[d]} ever sees a value from outside its own trip: {@code v} is dead at the entry and
 * the exit of every loop, and each trip's lane can be a local of that trip. A tangent that
 * stays an array: one read in a loop before that loop writes it (a sum over an inner loop's
 * trips, {@code zDot[d] += ...}, a value carried from one loop over the directions to a later
 * one that is not fused with it, or from one trip of the method's loop to the next), one used
 * outside these loops (a callee's tangent, the caller's lanes at the end), and the lanes the
 * companion's writer reads afterwards ({@code pinned}). A dropped write assigns a value that no
 * later statement of its trip reads and that is dead after it; it is not a pop (the tape stays
 * in step).
 *
 * <p>Measured (with {@link FusedLaneLoops}, under load; {@code benchmarks/README.md}, "Second
 * order"): Rosenbrock n=100's dense Hessian 1.14 → 0.74 of 100 separate products, 63-126 → 31
 * µs in a one-JVM A/B; the logistic loss d=50 0.69 → 0.67 (its lanes are sums over the feature
 * loop and the caller's lanes, which stay arrays).
 */
final class LaneLocals {
  /** The name that switches the pass off: {@code -Acotangent.passes=-LaneLocals}. */
  static final String NAME = "LaneLocals";

  private final LaneSweep sweep;
  private final Map<Variable, Variable> locals = new IdentityHashMap<>();
  private final Set<Variable> refused = LaneSweep.identitySet();

  private LaneLocals(LaneSweep sweep) {
    this.sweep = sweep;
  }

  /**
   * {@code statements} with the lane arrays among {@link LaneSweep#hoisted} that qualify (not
   * {@code pinned}) replaced by locals of their loops; they leave {@code hoisted}.
   */
  static List<Stmt> apply(List<Stmt> statements, LaneSweep sweep, Collection<Variable> pinned) {
    LaneLocals pass = new LaneLocals(sweep);
    Set<Variable> candidates = LaneSweep.identitySet();
    sweep.hoisted().stream().filter(v -> v.type().dimensions() == 1).forEach(candidates::add);
    pinned.forEach(candidates::remove);
    if (candidates.isEmpty()) {
      return statements;
    }
    pass.examine(statements, candidates);
    candidates.removeAll(pass.refused);
    if (candidates.isEmpty()) {
      return statements;
    }
    for (Variable v : candidates) {
      pass.locals.put(v, Variable.generated(v.name(), v.type().element()));
    }
    sweep.hoisted().removeAll(candidates);
    return pass.rewrite(statements);
  }

  /** Refuses the candidates some statement uses in a way the class does not allow. */
  private void examine(List<Stmt> statements, Set<Variable> candidates) {
    for (Stmt s : statements) {
      if (sweep.isLaneLoop(s)) {
        examineLoop(((Stmt.For) s).body(), candidates);
        continue;
      }
      for (Expr e : expressions(s)) {
        Variables.in(e).stream().filter(candidates::contains).forEach(refused::add);
      }
      for (List<Stmt> child : Children.of(s)) {
        examine(child, candidates);
      }
    }
  }

  /** In order: a candidate read (as {@code v[d]} only) after this trip wrote it. */
  private void examineLoop(List<Stmt> body, Set<Variable> candidates) {
    Set<Variable> seen = LaneSweep.identitySet();
    for (Stmt s : body) {
      Variable assigned = s instanceof Stmt.ArrayWrite w ? laneOf(w.array(), w.index()) : null;
      List<Expr> reads = assigned != null ? List.of(((Stmt.ArrayWrite) s).value())
          : Subexpressions.ofStatement(s);
      for (Expr e : reads) {
        for (Variable v : Variables.in(e)) {
          if (candidates.contains(v) && !seen.contains(v)) {
            refused.add(v); // read before its trip writes it
          }
        }
        if (!onlyAsLanes(e, candidates)) {
          Variables.in(e).stream().filter(candidates::contains).forEach(refused::add);
        }
      }
      if (assigned != null && candidates.contains(assigned)) {
        seen.add(assigned);
      }
    }
  }

  /** {@code v} when {@code array[index]} is {@code v[d]}, else null. */
  private Variable laneOf(Expr array, Expr index) {
    return array instanceof Expr.Ref ref && index instanceof Expr.Ref i && i.variable() == sweep.d()
        ? ref.variable() : null;
  }

  /** Whether every candidate in {@code e} occurs as {@code v[d]}. */
  private boolean onlyAsLanes(Expr e, Set<Variable> candidates) {
    if (e instanceof Expr.ArrayRead read && laneOf(read.array(), read.index()) != null) {
      return true;
    }
    if (e instanceof Expr.Ref ref) {
      return !candidates.contains(ref.variable());
    }
    return Subexpressions.of(e).stream().allMatch(part -> onlyAsLanes(part, candidates));
  }

  private List<Stmt> rewrite(List<Stmt> statements) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : statements) {
      if (sweep.isLaneLoop(s)) {
        Stmt.For loop = (Stmt.For) s;
        List<Stmt> body = localBody(loop.body());
        if (!body.isEmpty()) {
          out.add(new Stmt.For(loop.init(), loop.condition(), loop.update(), body, loop.origin(),
              loop.label()));
        }
      } else {
        out.add(Children.of(s).isEmpty() ? s : Children.map(s, this::rewrite));
      }
    }
    return out;
  }

  /** A loop's body with the promoted lanes in locals, dead writes dropped, first writes declared. */
  private List<Stmt> localBody(List<Stmt> body) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : body) {
      Variable assigned = s instanceof Stmt.ArrayWrite w ? laneOf(w.array(), w.index()) : null;
      if (assigned != null && locals.containsKey(assigned)) {
        out.add(new Stmt.Assign(locals.get(assigned), local(((Stmt.ArrayWrite) s).value()), null));
      } else if (s instanceof Stmt.ArrayWrite w) {
        out.add(new Stmt.ArrayWrite(local(w.array()), local(w.index()), local(w.value()),
            w.origin()));
      } else {
        out.add(new Stmt.Push(local(((Stmt.Push) s).value()), ((Stmt.Push) s).reserved()));
      }
    }
    // backwards: a local's write that nothing later reads is dead (the locals die with the trip)
    Set<Variable> live = LaneSweep.identitySet();
    List<Stmt> kept = new ArrayList<>();
    for (int j = out.size() - 1; j >= 0; j--) {
      Stmt s = out.get(j);
      if (s instanceof Stmt.Assign a && locals.containsValue(a.variable())) {
        if (!live.contains(a.variable()) && !FusedLaneLoops.pops(a.value())) {
          continue;
        }
        live.remove(a.variable());
      }
      Subexpressions.ofStatement(s).forEach(e -> live.addAll(Variables.in(e)));
      kept.add(0, s);
    }
    Set<Variable> declared = LaneSweep.identitySet();
    for (int j = 0; j < kept.size(); j++) {
      if (kept.get(j) instanceof Stmt.Assign a && locals.containsValue(a.variable())
          && declared.add(a.variable())) {
        kept.set(j, new Stmt.Declare(a.variable(), a.value(), null));
      }
    }
    return kept;
  }

  /** {@code e} with each promoted {@code v[d]} read from its local. */
  private Expr local(Expr e) {
    if (e instanceof Expr.ArrayRead read) {
      Variable v = laneOf(read.array(), read.index());
      if (v != null && locals.containsKey(v)) {
        return Exprs.ref(locals.get(v));
      }
    }
    return e == null ? null : ExprMap.children(e, this::local);
  }

  /** Every expression a statement evaluates itself, loop conditions and results included. */
  private static List<Expr> expressions(Stmt s) {
    List<Expr> out = new ArrayList<>(Subexpressions.ofStatement(s));
    if (s instanceof Stmt.For f && f.condition() != null) {
      out.add(f.condition());
    } else if (s instanceof Stmt.DoWhile w) {
      out.add(w.condition());
    } else if (s instanceof Stmt.Return r && r.value() != null) {
      out.add(r.value());
    }
    return out;
  }
}
