package dev.cotangent.processor.differentiate.vector;

import dev.cotangent.processor.analyse.Aliases;
import dev.cotangent.processor.analyse.Variables;
import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Subexpressions;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Vector mode's pass {@code FusedLaneLoops}: the loops over the directions of one statement list
 * become one loop where the method's statements between them can run before them. Vector mode
 * ({@link LaneSweep}) writes a loop for each run of consecutive derivative statements, so
 * Rosenbrock's Hessian sweep had seven per trip, each separated from the next by the value it
 * reads ({@code double xI = x[i];}, {@code a = ...}):
 *
 * <pre>{@code
 * for (int d = 0; d < k; d++) { xIDot[d] = xDot[i * k + d]; }
 * double xI = x[i];
 * for (int d = 0; d < k; d++) { aDot[d] = xDot[(i + 1) * k + d] - 2 * xI * xIDot[d]; }
 * }</pre>
 *
 * becomes {@code double xI = x[i];} and one loop holding both statements. Alone, this gains
 * little (the lanes are still arrays in memory; measured slower for Rosenbrock in an earlier
 * attempt); it is what lets {@link LaneLocals} keep a lane temporary in a local of the loop.
 *
 * <p>Soundness. A loop over the directions holds statements of one direction {@code d} only
 * ({@link LaneSweep#isLaneLoop}): the trips for different {@code d} read and write disjoint
 * lanes ({@code v[d]}, {@code a[i * k + d]}), so two such loops fuse into one whose trip
 * {@code d} runs the first body's trip {@code d} then the second's, in either direction: unless
 * both loops use the tape. At most one statement with a push or a pop per fused loop, so that
 * the tape keeps its order (a pop's loop runs downwards, and the fused loop with it). A statement
 * of the method between two loops moves ahead of the pending loop when it uses no tape and
 * calls nothing (only arithmetic, {@code Math} functions, reads of variables, elements, lengths
 * and fields), and writes nothing the pending loop reads: a local or variable the loop does not
 * mention, or an element of an array of the method (never a tangent's) while the loop reads no
 * array but tangents. Derivative statements never write the method's values and the method's
 * statements never read tangents ({@link LaneSweep}), so nothing else can depend on the order.
 *
 * <p>Measured (with {@link LaneLocals}, under load; {@code benchmarks/README.md}, "Second order"):
 * Rosenbrock n=100's dense Hessian 1.14 → 0.74 of 100 separate products ({@code Paired}, 5
 * JVMs), 63-126 → 31 µs in a one-JVM A/B; the logistic loss d=50 0.69 → 0.67 (within the noise).
 */
final class FusedLaneLoops {
  /** The name that switches the pass off: {@code -Acotangent.passes=-FusedLaneLoops}. */
  static final String NAME = "FusedLaneLoops";

  private final LaneSweep sweep;

  private FusedLaneLoops(LaneSweep sweep) {
    this.sweep = sweep;
  }

  /** {@code statements} (vector mode's output) with their loops over the directions fused. */
  static List<Stmt> apply(List<Stmt> statements, LaneSweep sweep) {
    return new FusedLaneLoops(sweep).fuse(statements);
  }

  private List<Stmt> fuse(List<Stmt> in) {
    List<Stmt> out = new ArrayList<>();
    Stmt.For pending = null;
    for (Stmt s : in) {
      if (sweep.isLaneLoop(s)) {
        Stmt.For loop = (Stmt.For) s;
        if (pending != null && tapeOperations(pending) + tapeOperations(loop) <= 1) {
          pending = merged(pending, loop);
        } else {
          if (pending != null) {
            out.add(pending);
          }
          pending = loop;
        }
      } else if (pending != null && movesAhead(s, pending)) {
        out.add(s);
      } else {
        if (pending != null) {
          out.add(pending);
          pending = null;
        }
        out.add(Children.of(s).isEmpty() ? s : Children.map(s, this::fuse));
      }
    }
    if (pending != null) {
      out.add(pending);
    }
    return out;
  }

  private Stmt.For merged(Stmt.For first, Stmt.For second) {
    List<Stmt> body = new ArrayList<>(first.body());
    body.addAll(second.body());
    return (Stmt.For) sweep.loop(body,
        LaneSweep.isDownwards(first) || LaneSweep.isDownwards(second));
  }

  /** The statements of a loop's body that push or pop. */
  private static int tapeOperations(Stmt.For loop) {
    int n = 0;
    for (Stmt s : loop.body()) {
      if (s instanceof Stmt.Push || Subexpressions.ofStatement(s).stream()
          .anyMatch(FusedLaneLoops::pops)) {
        n++;
      }
    }
    return n;
  }

  static boolean pops(Expr e) {
    return e instanceof Expr.Pop || Subexpressions.of(e).stream().anyMatch(FusedLaneLoops::pops);
  }

  /** Whether the method's statement {@code s} may run before {@code loop} (see the class). */
  private boolean movesAhead(Stmt s, Stmt.For loop) {
    if (s instanceof Stmt.Comment) {
      return true;
    }
    Variable written;
    if (s instanceof Stmt.Declare decl) {
      written = decl.variable();
    } else if (s instanceof Stmt.Assign a) {
      written = a.variable();
    } else if (s instanceof Stmt.ArrayWrite w) {
      written = Aliases.root(w.array());
    } else {
      return false;
    }
    if (written == null || sweep.holdsLanes(written)
        || !Subexpressions.ofStatement(s).stream().allMatch(FusedLaneLoops::plain)) {
      return false;
    }
    Set<Variable> mentioned = Variables.read(loop.body());
    if (mentioned.contains(written)) {
      return false;
    }
    return !(s instanceof Stmt.ArrayWrite) || mentioned.stream()
        .filter(v -> v.type().isArray()).allMatch(sweep::holdsLanes);
  }

  /** Arithmetic and reads only: no call, no tape, no allocation. */
  private static boolean plain(Expr e) {
    boolean kind = e instanceof Expr.Literal || e instanceof Expr.Ref
        || e instanceof Expr.StaticField || e instanceof Expr.Unary || e instanceof Expr.Binary
        || e instanceof Expr.Conditional || e instanceof Expr.Cast || e instanceof Expr.MathCall
        || e instanceof Expr.ArrayRead || e instanceof Expr.Length || e instanceof Expr.Field;
    return kind && Subexpressions.of(e).stream().allMatch(FusedLaneLoops::plain);
  }
}
