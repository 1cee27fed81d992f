package dev.cotangent.processor.differentiate.passes;

import dev.cotangent.processor.analyse.Aliases;
import dev.cotangent.processor.analyse.LoopFacts;
import dev.cotangent.processor.analyse.Variables;
import dev.cotangent.processor.analyse.Writes;
import dev.cotangent.processor.differentiate.AdjointCode;
import dev.cotangent.processor.differentiate.PassContext;
import dev.cotangent.processor.differentiate.TwoSweepPass;
import dev.cotangent.processor.differentiate.reverse.Steps;
import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Subexpressions;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A reduction loop's reverse trips run with its forward ones. Rosenbrock's
 * {@code for (i...) { a = ...; b = ...; sum += 100 * a * a + b * b; }} needs, in its reverse
 * trip, only the trip's own values and {@code sumBar}, which no trip changes and which is known
 * before the loop ({@code sumBar = resultBar}): so each reverse trip can follow its forward trip
 * at once, in one pass, with nothing recomputed and nothing taped, as one would write it by hand.
 * The trips then run first to last instead of last to first; that only changes the order in
 * which their contributions are added into each gradient element.
 *
 * <p>A top-level counted loop fuses when (checked on the finished sweeps):
 * <ul>
 *   <li>its reverse trip pops nothing and writes no primal value (it restores nothing), and holds
 *       no loop of its own;
 *   <li>each scalar adjoint it reads is either unchanged by it (the same on every trip), only
 *       incremented ({@code wBar += ...}, read nowhere else in the trip), or assigned before it is
 *       read (the trip's own, and not read after the loop's reverse);
 *   <li>the adjoint arrays it reads are read only to be incremented ({@code xBar[i] += ...});
 *   <li>the reverse code of what follows the loop (moved before it) pops nothing, writes only
 *       adjoints, and reads nothing the loop or what follows it writes; neither does the reverse
 *       trip read anything what follows the loop writes, nor the reverse code of what precedes
 *       the loop anything the loop or what follows it writes.
 * </ul>
 * The reverse code of what follows the loop then runs before it, and the pullback declares its
 * adjoints before the forward sweep.
 */
public final class FusedLoops implements TwoSweepPass {
  /** The sweeps with one loop fused. */
  public record Fused(List<Stmt> forward, List<Stmt> reverse) {}

  private final Predicate<Variable> derivative;
  private final Aliases aliases;
  private final Collection<Variable> outputs;

  /** The pass, as {@code Passes} lists it (each run makes its own worker). */
  public FusedLoops() {
    this(null, null, null);
  }

  @Override
  public AdjointCode apply(AdjointCode code, PassContext context) {
    if (context.vectorValued()) {
      return code; // the seed is an array the caller gives: not a sum's adjoint known up front
    }
    Fused fused = fuse(code.forward(), code.reverse(), context::isDerivative, context.aliases(),
        context.outputs());
    return fused == null ? code : new AdjointCode(fused.forward(), fused.reverse(), true);
  }

  private FusedLoops(Predicate<Variable> derivative, Aliases aliases,
      Collection<Variable> outputs) {
    this.derivative = derivative;
    this.aliases = aliases;
    this.outputs = outputs;
  }

  /**
   * The sweeps with the last top-level loop that can fuse fused, or null if none can.
   *
   * @param outputs the scalar adjoints the pullback reports
   */
  public static Fused fuse(List<Stmt> forward, List<Stmt> reverse, Predicate<Variable> derivative,
      Aliases aliases, Collection<Variable> outputs) {
    FusedLoops fusion = new FusedLoops(derivative, aliases, outputs);
    for (int p = forward.size() - 1; p >= 0; p--) {
      if (forward.get(p) instanceof Stmt.While loop) {
        Fused fused = fusion.tryLoop(forward, reverse, p, loop);
        if (fused != null) {
          return fused;
        }
      }
    }
    return null;
  }

  private Fused tryLoop(List<Stmt> forward, List<Stmt> reverse, int p, Stmt.While loop) {
    List<Stmt> body = loop.body();
    int tail = body.size();
    while (tail > 0 && body.get(tail - 1) instanceof Stmt.Assign a
        && Steps.inverse(a.variable(), a.value()) != null) {
      tail--;
    }
    if (tail == body.size()) {
      return null;
    }
    List<Stmt> head = body.subList(0, tail);
    List<Stmt> steps = body.subList(tail, body.size());
    for (int q = 0; q < reverse.size(); q++) {
      if (reverse.get(q) instanceof Stmt.While replay) {
        List<Stmt> trip = reverseTrip(replay.body(), head, steps);
        if (trip != null) {
          return fused(forward, reverse, p, loop, head, steps, q, trip);
        }
      }
    }
    return null;
  }

  /**
   * The reverse trip without its leading undoing of {@code steps} and without recomputing what
   * {@code head} just computed; null unless {@code replayed} starts by undoing exactly
   * {@code steps} and every value it recomputes is one {@code head} leaves in place.
   */
  private List<Stmt> reverseTrip(List<Stmt> replayed, List<Stmt> head, List<Stmt> steps) {
    int at = 0;
    for (int k = steps.size() - 1; k >= 0; k--) {
      while (at < replayed.size() && replayed.get(at) instanceof Stmt.Comment) {
        at++;
      }
      Stmt.Assign step = (Stmt.Assign) steps.get(k);
      Stmt undo = new Stmt.Assign(step.variable(),
          Steps.inverse(step.variable(), step.value()), null);
      if (at >= replayed.size() || !sameAssignment(replayed.get(at), undo)) {
        return null;
      }
      at++;
    }
    if (at < replayed.size() && replayed.get(at) instanceof Stmt.Assign first
        && first.recomputed()) {
      while (at < replayed.size() && replayed.get(at) instanceof Stmt.Assign a
          && !derivative.test(a.variable())) {
        if (!isLastValueOf(a, head)) {
          return null;
        }
        at++;
      }
    }
    return new ArrayList<>(replayed.subList(at, replayed.size()));
  }

  private static boolean sameAssignment(Stmt s, Stmt expected) {
    return s instanceof Stmt.Assign a && expected instanceof Stmt.Assign e
        && a.variable() == e.variable() && a.value().equals(e.value());
  }

  /**
   * Whether {@code again} is the only write of its variable in {@code head} and nothing after it
   * in {@code head} changes what it reads: then the variable still holds that value.
   */
  private static boolean isLastValueOf(Stmt.Assign again, List<Stmt> head) {
    int index = -1;
    for (int k = 0; k < head.size(); k++) {
      if (Writes.variables(List.of(head.get(k))).contains(again.variable())) {
        if (index >= 0 || !sameAssignment(head.get(k), again)) {
          return false;
        }
        index = k;
      }
    }
    if (index < 0) {
      return false;
    }
    List<Stmt> after = head.subList(index + 1, head.size());
    Set<Variable> read = Variables.read(List.of(new Stmt.Evaluate(again.value())));
    return Writes.arrays(after).isEmpty()
        && read.stream().noneMatch(Writes.variables(after)::contains);
  }

  private Fused fused(List<Stmt> forward, List<Stmt> reverse, int p, Stmt.While loop,
      List<Stmt> tapedHead, List<Stmt> steps, int q, List<Stmt> tapedTrip) {
    List<Stmt> head = new ArrayList<>();
    List<Variable> pushed = new ArrayList<>();
    for (Stmt s : tapedHead) {
      if (s instanceof Stmt.Push push && push.value() instanceof Expr.Ref ref) {
        pushed.add(ref.variable());
      } else {
        head.add(s);
      }
    }
    List<Stmt> trip = withoutRestores(tapedTrip, pushed);
    if (trip == null) {
      return null;
    }
    int loopComment = q > 0 && reverse.get(q - 1) instanceof Stmt.Comment ? q - 1 : q;
    List<Stmt> after = reverse.subList(0, loopComment);
    List<Stmt> before = reverse.subList(q + 1, reverse.size());
    List<Stmt> loopAndRest = forward.subList(p, forward.size());
    List<Stmt> rest = forward.subList(p + 1, forward.size());
    if (!restoresNothing(trip) || !restoresNothing(after)
        || readsWritten(after, loopAndRest) || readsWritten(trip, rest)
        || readsWritten(before, loopAndRest) || !adjointsCommute(trip, before)) {
      return null;
    }
    List<Stmt> fusedBody = new ArrayList<>(head);
    fusedBody.add(new Stmt.Comment("the reverse trip, at once"));
    fusedBody.addAll(trip);
    fusedBody.addAll(steps);
    List<Stmt> newForward = new ArrayList<>(forward.subList(0, p));
    newForward.addAll(after);
    newForward.addAll(reverse.subList(loopComment, q));
    newForward.add(new Stmt.While(loop.condition(), fusedBody, loop.origin(), loop.label()));
    newForward.addAll(rest);
    return new Fused(newForward, new ArrayList<>(before));
  }

  /**
   * The trip without the pops that restore, to the previous trip's values, the variables its
   * forward trip taped ({@code exp = doubles[--doubleTop]}): run at once, the trip finds them
   * holding its own values already. Null unless the pops match the pushes, last pushed first
   * popped, and nothing in the trip reads a variable after its restore.
   */
  private static List<Stmt> withoutRestores(List<Stmt> trip, List<Variable> pushed) {
    List<Stmt> out = new ArrayList<>();
    int next = pushed.size() - 1;
    for (int k = 0; k < trip.size(); k++) {
      Stmt s = trip.get(k);
      if (s instanceof Stmt.Assign a && a.value() instanceof Expr.Pop) {
        if (next < 0 || a.variable() != pushed.get(next)
            || Variables.read(trip.subList(k + 1, trip.size())).contains(a.variable())) {
          return null;
        }
        next--;
      } else {
        out.add(s);
      }
    }
    return next == -1 ? out : null;
  }

  /**
   * No tape, no loops, no calls, and writes only into adjoints and into locals declared here:
   * nothing of the primal state is restored.
   */
  private boolean restoresNothing(List<Stmt> statements) {
    Set<Variable> locals = declared(statements);
    return restoresNothing(statements, locals);
  }

  private boolean restoresNothing(List<Stmt> statements, Set<Variable> locals) {
    for (Stmt s : statements) {
      if (s instanceof Stmt.Push || s instanceof Stmt.While || s instanceof Stmt.Repeat
          || s instanceof Stmt.Evaluate || s instanceof Stmt.Require
          || s instanceof Stmt.Assign a && !derivative.test(a.variable())
              && !locals.contains(a.variable())
          || s instanceof Stmt.ArrayWrite w && (Aliases.root(w.array()) == null
              || !derivative.test(Aliases.root(w.array())))) {
        return false;
      }
      if (Subexpressions.ofStatement(s).stream().anyMatch(e -> !LoopFacts.pure(e))) {
        return false;
      }
      for (List<Stmt> child : Children.of(s)) {
        if (!restoresNothing(child, locals)) {
          return false;
        }
      }
    }
    return true;
  }

  private static Set<Variable> declared(List<Stmt> statements) {
    Set<Variable> out = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (Stmt s : Children.flatten(statements)) {
      if (s instanceof Stmt.Declare d) {
        out.add(d.variable());
      }
    }
    return out;
  }

  /** Whether {@code readers} read a variable or an array element that {@code writers} write. */
  private boolean readsWritten(List<Stmt> readers, List<Stmt> writers) {
    Set<Variable> read = Variables.read(readers);
    Set<Variable> written = Writes.variables(writers);
    Set<Variable> arrays = Writes.arrays(writers);
    for (Variable v : read) {
      if (written.contains(v)) {
        return true;
      }
      for (Variable array : arrays) {
        if (aliases.mayAlias(v, array)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether the trips' adjoints do not depend on the order of the trips: see the class comment.
   */
  private boolean adjointsCommute(List<Stmt> trip, List<Stmt> before) {
    Set<Variable> readAfter = Variables.read(before);
    Set<Variable> mentioned = new java.util.LinkedHashSet<>(Variables.read(trip));
    mentioned.addAll(Writes.variables(trip));
    mentioned.addAll(Writes.arrays(trip));
    for (Variable v : mentioned) {
      if (!derivative.test(v)) {
        continue;
      }
      if (v.type().isArray()) {
        if (readOtherThanIncremented(trip, v)) {
          return false;
        }
        continue;
      }
      boolean written = Writes.variables(trip).contains(v);
      boolean accumulated = written && onlyIncremented(trip, v);
      boolean ownToTheTrip = written && assignedFirst(trip, v) && !readAfter.contains(v)
          && !outputs.contains(v);
      if (written && !accumulated && !ownToTheTrip) {
        return false;
      }
    }
    return true;
  }

  /** Every write of {@code v} is {@code v = v ± e} with e not reading v, and v is read nowhere else. */
  private static boolean onlyIncremented(List<Stmt> statements, Variable v) {
    for (Stmt s : statements) {
      if (s instanceof Stmt.Assign a && a.variable() == v) {
        Expr delta = increment(a.value(), new Expr.Ref(v));
        if (delta == null || Variables.occurs(v, delta)) {
          return false;
        }
      } else if (Subexpressions.ofStatement(s).stream().anyMatch(e -> Variables.occurs(v, e))) {
        return false;
      }
      for (List<Stmt> child : Children.of(s)) {
        if (!onlyIncremented(child, v)) {
          return false;
        }
      }
    }
    return true;
  }

  /** The first top-level statement that mentions {@code v} assigns it without reading it. */
  private static boolean assignedFirst(List<Stmt> trip, Variable v) {
    for (Stmt s : trip) {
      boolean reads = Variables.read(List.of(s)).contains(v);
      if (s instanceof Stmt.Assign a && a.variable() == v) {
        return !reads;
      }
      if (reads || Writes.variables(List.of(s)).contains(v)) {
        return false;
      }
    }
    return false;
  }

  /** Whether the adjoint array {@code v} is read other than by {@code v[i] = v[i] ± e}. */
  private boolean readOtherThanIncremented(List<Stmt> statements, Variable v) {
    for (Stmt s : statements) {
      if (s instanceof Stmt.ArrayWrite w && Aliases.root(w.array()) == v) {
        Expr self = new Expr.ArrayRead(w.array(), w.index(), w.value().type());
        Expr delta = increment(w.value(), self);
        if (delta == null || readsShadow(delta) || readsShadow(w.index())
            || readsShadow(w.array() instanceof Expr.ArrayRead row ? row.index() : null)) {
          return true;
        }
      } else if (Subexpressions.ofStatement(s).stream().anyMatch(e -> readsArray(e, v))) {
        return true;
      }
      for (List<Stmt> child : Children.of(s)) {
        if (readOtherThanIncremented(child, v)) {
          return true;
        }
      }
    }
    return false;
  }

  /** {@code e} when {@code value} is {@code self + e} or {@code self - e}; otherwise null. */
  private static Expr increment(Expr value, Expr self) {
    if (value instanceof Expr.Binary b && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUBTRACT)
        && b.left().equals(self)) {
      return b.right();
    }
    return null;
  }

  private boolean readsShadow(Expr e) {
    if (e == null) {
      return false;
    }
    if (e instanceof Expr.ArrayRead read && Aliases.root(read) != null
        && derivative.test(Aliases.root(read))) {
      return true;
    }
    return Subexpressions.of(e).stream().anyMatch(this::readsShadow);
  }

  private static boolean readsArray(Expr e, Variable array) {
    if (e instanceof Expr.Ref ref) {
      return ref.variable() == array;
    }
    return Subexpressions.of(e).stream().anyMatch(part -> readsArray(part, array));
  }
}
