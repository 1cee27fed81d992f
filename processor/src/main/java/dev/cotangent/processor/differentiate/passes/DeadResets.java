package dev.cotangent.processor.differentiate.passes;

import dev.cotangent.processor.analyse.Variables;
import dev.cotangent.processor.differentiate.Pass;
import dev.cotangent.processor.differentiate.PassContext;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Subexpressions;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Removes the resets {@code aBar = 0.0} of scalar adjoints that nothing reads again: the reverse
 * sweep resets a local's adjoint after the statement that assigned the local (the adjoint of the
 * value before it starts at zero), but where the next thing every path does with {@code aBar}
 * is an assignment that does not read it (a later trip's {@code aBar = 0.01 * vBar}, which
 * {@link ZeroAdjoints} made of the first increment), or where no path reads it again before the
 * sweep ends, the reset stores a value no one loads. A record's leaves are many such locals
 * ({@code aXBar}, {@code aYBar}, {@code aZBar} of a {@code Vec3 a} computed in every trip), so a
 * stepped record paid one dead store per leaf per trip.
 *
 * <p>Soundness condition: {@code v = 0.0} is removed only when {@code v} is dead after it, by a
 * backward liveness analysis over the reverse sweep: an assignment {@code v = e} kills {@code v}
 * (after its own reads of {@code e}, so {@code v = v + e} keeps it live), every expression a
 * statement evaluates makes the variables it reads live, an {@code if} joins its branches, a
 * loop iterates its body to a fixpoint (the back edge carries what its next trip and its exit
 * read). At the end of the sweep the adjoints the pullback reports in its holder ({@link
 * PassContext#outputs()}) are live. Only derivative locals of scalar type are candidates; code
 * with a statement this pass does not model (lowering leaves no {@code break}, {@code return} or
 * {@code switch} in a sweep, but if one were there) is left as it is. Removing a dead store
 * changes no value: bit for bit the same derivatives. It must run after every pass that reads
 * resets as facts ({@code ZeroAdjoints}, {@code FusedLoops}, {@code AscendingReplays}), hence
 * last.
 */
public final class DeadResets implements Pass {
  /** A statement the analysis does not model: leave the sweep as it is. */
  private static final class Unmodelled extends RuntimeException {
    Unmodelled() {
      super(null, null, false, false);
    }
  }

  private final Predicate<Variable> candidate;

  /** The pass, as {@code Passes} lists it (each run makes its own worker). */
  public DeadResets() {
    this(v -> false);
  }

  private DeadResets(Predicate<Variable> candidate) {
    this.candidate = candidate;
  }

  @Override
  public List<Stmt> apply(List<Stmt> statements, PassContext context) {
    return removeDeadResets(statements, v -> context.isDerivative(v) && !v.type().isArray()
        && !context.outputs().contains(v), Set.copyOf(context.outputs()));
  }

  /**
   * The sweep without the resets {@code v = 0.0} of {@code candidate} variables that are dead
   * after them, with {@code liveAtEnd} read after the sweep; the sweep itself when it has a
   * statement this pass does not model or no dead reset.
   */
  public static List<Stmt> removeDeadResets(List<Stmt> sweep, Predicate<Variable> candidate,
      Set<Variable> liveAtEnd) {
    try {
      List<Stmt> out = new DeadResets(candidate).rewrite(sweep, new HashSet<>(liveAtEnd));
      return out.equals(sweep) ? sweep : out;
    } catch (Unmodelled e) {
      return sweep;
    }
  }

  /** {@code code} without its dead resets; {@code live} goes from after the code to before it. */
  private List<Stmt> rewrite(List<Stmt> code, Set<Variable> live) {
    List<Stmt> out = new ArrayList<>();
    for (int k = code.size() - 1; k >= 0; k--) {
      Stmt s = rewrite(code.get(k), live);
      if (s != null) {
        out.add(s);
      }
    }
    Collections.reverse(out);
    return out;
  }

  /** The statement, or null when it is a dead reset; updates {@code live} to before it. */
  private Stmt rewrite(Stmt s, Set<Variable> live) {
    if (s instanceof Stmt.Assign a) {
      if (ZeroAdjoints.isZero(a.value()) && candidate.test(a.variable()) && !live.contains(a.variable())) {
        return null;
      }
      live.remove(a.variable());
      live.addAll(Variables.in(a.value()));
      return s;
    }
    if (s instanceof Stmt.Declare d) {
      live.remove(d.variable());
      live.addAll(Variables.in(d.init()));
      return s;
    }
    if (s instanceof Stmt.If i) {
      Set<Variable> otherwise = new HashSet<>(live);
      List<Stmt> then = rewrite(i.then(), live);
      List<Stmt> orElse = rewrite(i.otherwise(), otherwise);
      live.addAll(otherwise);
      live.addAll(Variables.in(i.condition()));
      return new Stmt.If(i.condition(), then, orElse, i.origin());
    }
    if (s instanceof Stmt.While w) {
      Set<Variable> head = loopHead(w.body(), live, Variables.in(w.condition()));
      List<Stmt> body = rewrite(w.body(), new HashSet<>(head));
      live.addAll(head);
      return new Stmt.While(w.condition(), body, w.origin(), w.label());
    }
    if (s instanceof Stmt.Repeat r) {
      Set<Variable> head = loopHead(r.body(), live, Set.of());
      List<Stmt> body = rewrite(r.body(), new HashSet<>(head));
      live.addAll(head);
      live.addAll(Variables.in(r.times()));
      return new Stmt.Repeat(r.counter(), r.times(), body);
    }
    if (s instanceof Stmt.Block b) {
      return new Stmt.Block(rewrite(b.body(), live));
    }
    if (s instanceof Stmt.ArrayWrite || s instanceof Stmt.Push || s instanceof Stmt.Evaluate
        || s instanceof Stmt.Invoke || s instanceof Stmt.Throw || s instanceof Stmt.Assert
        || s instanceof Stmt.Require || s instanceof Stmt.Reserve || s instanceof Stmt.Comment) {
      for (Expr e : Subexpressions.ofStatement(s)) {
        live.addAll(Variables.in(e));
      }
      return s;
    }
    throw new Unmodelled();
  }

  /**
   * What is live at the top of every trip of a loop whose exit has {@code after} live and whose
   * test reads {@code condition}: the fixpoint of (after ∪ condition ∪ live before the body).
   */
  private Set<Variable> loopHead(List<Stmt> body, Set<Variable> after, Set<Variable> condition) {
    Set<Variable> head = new HashSet<>(after);
    head.addAll(condition);
    while (true) {
      Set<Variable> next = new HashSet<>(head);
      Set<Variable> before = new HashSet<>(head);
      rewrite(body, before);
      next.addAll(before);
      if (next.equals(head)) {
        return head;
      }
      head = next;
    }
  }
}
