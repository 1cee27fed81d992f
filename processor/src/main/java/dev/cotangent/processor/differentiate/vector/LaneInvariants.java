package dev.cotangent.processor.differentiate.vector;

import dev.cotangent.processor.analyse.Aliases;
import dev.cotangent.processor.analyse.Variables;
import dev.cotangent.processor.differentiate.tape.Captures;
import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.ExprMap;
import dev.cotangent.processor.ir.Exprs;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Subexpressions;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Vector mode's pass {@code LaneInvariants}: an element of one of the method's arrays that a
 * loop over the directions reads is read once, into a local before the loop. The logistic loss's
 * reverse sweep reads {@code xs[k][j]} in each of its k lanes,
 *
 * <pre>{@code
 * for (int d = 0; d < k2; d++) {
 *   wBarDot[j * k2 + d] += xs[k][j] * zBarDot[d];
 * }
 * }</pre>
 *
 * and the JIT, which cannot tell that the lanes {@code wBarDot} written in one trip are not the
 * row {@code xs[k]}, loads the element again after every store; after the pass it is
 * {@code double xsKJ = xs[k][j];} before the loop.
 *
 * <p>Soundness. A loop over the directions ({@link LaneSweep#isLaneLoop}) writes only tangents
 * and the tape, and the tangents are never the method's own arrays: its work arrays' tangents
 * are arrays of their own, and the directions, the caller's, are distinct from the arguments (as
 * the tangent already requires of an array argument's direction it writes into). So an element
 * read of a method's array whose index reads no tangent and not {@code d} has the same value in
 * every trip, and the loop runs at least once ({@code k >= 1}, checked on entry by
 * {@code Lanes.check}; the dense Hessian's blocks are never empty), so reading it before the loop
 * reads it no more often and throws (an index out of bounds) where the loop would have. Reads
 * inside {@code ?:} or right of {@code &&}/{@code ||}, which may not be evaluated, stay.
 *
 * <p>Measured: no gain outside the noise on its own (the logistic loss's dense Hessian, one-JVM
 * A/B under a load average of 10-12); kept because it removes a load per lane the JIT cannot.
 */
final class LaneInvariants {
  /** The name that switches the pass off: {@code -Acotangent.passes=-LaneInvariants}. */
  static final String NAME = "LaneInvariants";

  private final LaneSweep sweep;

  private LaneInvariants(LaneSweep sweep) {
    this.sweep = sweep;
  }

  static List<Stmt> apply(List<Stmt> statements, LaneSweep sweep) {
    return new LaneInvariants(sweep).hoist(statements);
  }

  private List<Stmt> hoist(List<Stmt> in) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : in) {
      if (!sweep.isLaneLoop(s)) {
        out.add(Children.of(s).isEmpty() ? s : Children.map(s, this::hoist));
        continue;
      }
      Stmt.For loop = (Stmt.For) s;
      Map<Expr, Variable> reads = new LinkedHashMap<>();
      for (Stmt b : loop.body()) {
        for (Expr e : Subexpressions.ofStatement(b)) {
          collect(e, reads);
        }
      }
      if (reads.isEmpty()) {
        out.add(loop);
        continue;
      }
      reads.forEach((read, local) -> out.add(new Stmt.Declare(local, read, null)));
      List<Stmt> body = new ArrayList<>();
      for (Stmt b : loop.body()) {
        if (b instanceof Stmt.ArrayWrite w) {
          body.add(new Stmt.ArrayWrite(replaced(w.array(), reads), replaced(w.index(), reads),
              replaced(w.value(), reads), w.origin()));
        } else {
          Stmt.Push p = (Stmt.Push) b;
          body.add(new Stmt.Push(replaced(p.value(), reads), p.reserved()));
        }
      }
      out.add(new Stmt.For(loop.init(), loop.condition(), loop.update(), body, loop.origin(),
          loop.label()));
    }
    return out;
  }

  /** The invariant element reads of {@code e}, outermost first, each once. */
  private void collect(Expr e, Map<Expr, Variable> reads) {
    if (e == null || e instanceof Expr.Conditional || isShortCircuit(e)) {
      return;
    }
    if (e instanceof Expr.ArrayRead read && !read.type().isArray() && invariant(read)) {
      reads.computeIfAbsent(read, r -> Variable.generated(Captures.name(read), read.type()));
      return;
    }
    Subexpressions.of(e).forEach(part -> collect(part, reads));
  }

  private static boolean isShortCircuit(Expr e) {
    return e instanceof Expr.Binary b && (b.op() == BinaryOp.CONDITIONAL_AND
        || b.op() == BinaryOp.CONDITIONAL_OR);
  }

  /** An element of a method's array, at an index that reads neither tangents nor {@code d}. */
  private boolean invariant(Expr.ArrayRead read) {
    Variable root = Aliases.root(read);
    if (root == null || sweep.holdsLanes(root) || FusedLaneLoops.pops(read)) {
      return false;
    }
    for (Variable v : Variables.in(read)) {
      if (v == sweep.d() || sweep.holdsLanes(v)) {
        return false;
      }
    }
    return plainReads(read);
  }

  /** Only references, element reads, lengths and arithmetic (no calls, fields or allocation). */
  private static boolean plainReads(Expr e) {
    boolean kind = e instanceof Expr.Literal || e instanceof Expr.Ref
        || e instanceof Expr.Unary || e instanceof Expr.Binary || e instanceof Expr.Cast
        || e instanceof Expr.ArrayRead || e instanceof Expr.Length;
    return kind && Subexpressions.of(e).stream().allMatch(LaneInvariants::plainReads);
  }

  private static Expr replaced(Expr e, Map<Expr, Variable> reads) {
    if (e == null) {
      return null;
    }
    Variable local = reads.get(e);
    if (local != null) {
      return Exprs.ref(local);
    }
    return ExprMap.children(e, part -> replaced(part, reads));
  }
}
