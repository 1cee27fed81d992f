package dev.cotangent.processor.differentiate.passes;

import dev.cotangent.processor.analyse.CertainReads;
import dev.cotangent.processor.analyse.LoopFacts;
import dev.cotangent.processor.analyse.PrivateArrays;
import dev.cotangent.processor.differentiate.Pass;
import dev.cotangent.processor.differentiate.PassContext;
import dev.cotangent.processor.differentiate.tape.Captures;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.StatementRewriter;
import dev.cotangent.processor.ir.Subexpressions;
import dev.cotangent.processor.ir.Substitution;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Element reads that a loop cannot change are read once, before it. In GMM's tangent
 *
 * <pre>{@code
 * while (row < d) {
 *   qDot[row] += icfDot[c][li] * x[col] + icf[c][li] * xDot[col];
 *   q[row] += icf[c][li] * x[col];
 *   ...
 * }</pre>
 *
 * {@code x[col]} and {@code xDot[col]} are the same on every trip, but the JIT must read them
 * again after each store into {@code q} or {@code qDot}, which for all it knows may be the same
 * arrays. Here it is known: {@code x} and {@code xDot} are private arrays of the method (made by
 * it with {@code new}, never assigned again and only ever indexed), so no write into another
 * array reaches them. Such reads become locals ({@code double xCol = x[col];}) computed under the
 * loop's own condition, {@code if (row < d) { double xCol = x[col]; ... while (row < d) ... }},
 * so that nothing is read that the loop would not have read.
 *
 * <p>A read is hoisted when it is evaluated on every trip (in a statement directly in the body,
 * not under {@code ?:}, {@code &&} or {@code ||}), the loop assigns none of its variables, and
 * the loop writes no element it may read: writes into arrays of another element type never do;
 * of the same type, only when neither side is a private array or both are the same one. Loops
 * with calls (which may write any array) and conditions that pop the tape are left alone.
 *
 * <p>Reads that the next trip makes again one element further on ({@code x[i + 1]}, then
 * {@code x[i]}) are carried to it in a local ({@link CarriedReads}); their first reads go under
 * the same condition.
 */
public final class InvariantReads extends StatementRewriter implements Pass {
  private final PrivateArrays own;

  /** The pass, as {@code Passes} lists it (each run makes its own worker). */
  public InvariantReads() {
    this(null);
  }

  @Override
  public List<Stmt> apply(List<Stmt> statements, PassContext context) {
    return hoist(statements, context.privateArrays());
  }

  private InvariantReads(PrivateArrays own) {
    this.own = own;
  }

  /** {@code statements} with the invariant reads of every loop in them hoisted. */
  public static List<Stmt> hoist(List<Stmt> statements, PrivateArrays own) {
    return new InvariantReads(own).list(statements);
  }

  @Override
  protected void statement(Stmt s, List<Stmt> out) {
    out.add(s instanceof Stmt.While ? loop((Stmt.While) nested(s)) : nested(s));
  }

  /**
   * The loop, or {@code if (cond) { T v = a[i]; ...; while (cond) body' }} with the invariant
   * reads and the reads carried to the next trip ({@link CarriedReads}) declared before it.
   */
  private Stmt loop(Stmt.While w) {
    LoopFacts facts = LoopFacts.of(w.body());
    if (facts.calls() || !LoopFacts.pure(w.condition())) {
      return w;
    }
    CarriedReads.Carried carried = CarriedReads.of(w, facts, own);
    Stmt.While loop = carried.loop();
    LoopFacts after = LoopFacts.of(loop.body());
    List<Expr.ArrayRead> invariant = new ArrayList<>();
    for (Stmt s : loop.body()) {
      if (!(s instanceof Stmt.While || s instanceof Stmt.Repeat)) {
        for (Expr.ArrayRead read : CertainReads.of(s, read -> invariant(read, after))) {
          if (!invariant.contains(read)) {
            invariant.add(read);
          }
        }
      }
    }
    if (invariant.isEmpty() && carried.before().isEmpty()) {
      return w;
    }
    Map<Expr, Expr> locals = new LinkedHashMap<>();
    List<Stmt> guarded = new ArrayList<>();
    for (Expr.ArrayRead read : invariant) {
      Variable local = Variable.generated(Captures.name(read), read.type());
      guarded.add(new Stmt.Declare(local, read, null));
      locals.put(read, new Expr.Ref(local));
    }
    guarded.addAll(carried.before());
    guarded.add(new Stmt.While(loop.condition(), Substitution.statements(loop.body(), locals),
        loop.origin(), loop.label()));
    return new Stmt.If(w.condition(), guarded, List.of(), null);
  }

  /** Whether no trip of the loop can change the value of {@code e}. */
  private boolean invariant(Expr e, LoopFacts facts) {
    if (e instanceof Expr.Literal) {
      return true;
    }
    if (e instanceof Expr.Ref ref) {
      return !facts.assigned().contains(ref.variable());
    }
    if (e instanceof Expr.ArrayRead read) {
      return invariant(read.array(), facts) && invariant(read.index(), facts)
          && facts.writes().stream().noneMatch(write -> own.mayWrite(write, read));
    }
    if (e instanceof Expr.Length || e instanceof Expr.Binary || e instanceof Expr.Unary
        || e instanceof Expr.Cast) {
      return Subexpressions.of(e).stream().allMatch(part -> invariant(part, facts));
    }
    return false;
  }
}
