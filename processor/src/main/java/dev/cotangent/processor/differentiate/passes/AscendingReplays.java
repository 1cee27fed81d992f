package dev.cotangent.processor.differentiate.passes;

import dev.cotangent.processor.analyse.Aliases;
import dev.cotangent.processor.analyse.CountedLoop;
import dev.cotangent.processor.analyse.LoopFacts;
import dev.cotangent.processor.analyse.Variables;
import dev.cotangent.processor.analyse.Writes;
import dev.cotangent.processor.differentiate.Pass;
import dev.cotangent.processor.differentiate.PassContext;
import dev.cotangent.processor.differentiate.rules.Derivatives;
import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Subexpressions;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A replayed counted loop whose trips commute runs them in ascending order, as one would write it
 * by hand. GMM's triangular product reverses to
 *
 * <pre>{@code
 * while (row > col + 1) {
 *   row--;
 *   li--;
 *   double qBarRow = qBar[row];
 *   icfBar[c][li] += xCol * qBarRow;
 *   xBarCol += icf[c][li] * qBarRow;
 * }}</pre>
 *
 * and every trip only adds into elements and sums, so the trips may run in any order. It becomes
 *
 * <pre>{@code
 * if (row > col + 1) {
 *   // the trips commute: replayed in ascending order
 *   double xBarCol = 0.0;
 *   int rowEnd = row;
 *   row = col + 1;
 *   li -= rowEnd - row;      // li as the forward loop's first trip saw it
 *   while (row < rowEnd) {
 *     ...
 *     li++;
 *     row++;
 *   }
 *   xBar[col] += xBarCol;
 *   row = col + 1;           // the values the descending replay leaves
 *   li -= rowEnd - row;
 * }}</pre>
 *
 * which the JIT runs about 7% faster on GMM's whole gradient (memory is walked upwards, the
 * way the primal walked it). The sums are then added up in the primal's order instead of the
 * reverse one: the same terms, rounded in another order. A sum that {@link Accumulators} made
 * for an element ({@code xBarCol}) moves under the guard with its flush, which then needs no
 * {@code if (xBarCol != 0.0)}: the loop ran, so the element is one it touched.
 *
 * <p>Trips commute when the body (after its counter steps {@code v--}) only declares locals,
 * adds into scalars ({@code s = s ± e}) and elements ({@code a[i] = a[i] ± e}) that nothing else
 * in it reads, and writes elements at the trip's own index ({@code a[j]}) of arrays it touches
 * nowhere else. It pops nothing, calls nothing and holds no loop or branch. Arrays count as the
 * same when they may be one object: shadows whose primals may alias, or primals that may alias.
 */
public final class AscendingReplays implements Pass {
  private final Derivatives bars;
  private final Aliases aliases;

  /** The pass, as {@code Passes} lists it (each run makes its own worker). */
  public AscendingReplays() {
    this(null, null);
  }

  @Override
  public List<Stmt> apply(List<Stmt> statements, PassContext context) {
    return rewrite(statements, context.derivatives(), context.aliases());
  }

  private AscendingReplays(Derivatives bars, Aliases aliases) {
    this.bars = bars;
    this.aliases = aliases;
  }

  public static List<Stmt> rewrite(List<Stmt> reverse, Derivatives bars, Aliases aliases) {
    return new AscendingReplays(bars, aliases).list(reverse);
  }

  private List<Stmt> list(List<Stmt> statements) {
    List<Stmt> out = new ArrayList<>();
    for (int k = 0; k < statements.size(); k++) {
      Stmt s = statements.get(k);
      Stmt rewritten = Children.map(s, this::list);
      if (rewritten instanceof Stmt.While inner) {
        Replay replay = replay(inner);
        if (replay == null) {
          out.add(inner);
        } else {
          k += ascend(replay, statements.subList(k + 1, statements.size()), out);
        }
      } else {
        out.add(rewritten);
      }
    }
    return out;
  }

  /**
   * Adds the upward replay to {@code out}, taking with it the zero sums declared just before it
   * (the end of {@code out}) whose flushes come right after it ({@code after}); returns how many
   * statements of {@code after} it took. A sum read later, or a flush that reads a counter (under
   * the guard it would run before the counters are rewound), keeps them all where they were.
   */
  private static int ascend(Replay replay, List<Stmt> after, List<Stmt> out) {
    List<Stmt.Declare> sums = new ArrayList<>();
    for (int d = out.size() - 1; d >= 0 && out.get(d) instanceof Stmt.Declare declare
        && replay.sums().contains(declare.variable()) && isZero(declare.init()); d--) {
      sums.add(0, declare);
    }
    List<Stmt.ArrayWrite> flushes = new ArrayList<>();
    while (flushes.size() < after.size() && flush(after.get(flushes.size()), sums) != null) {
      flushes.add(flush(after.get(flushes.size()), sums));
    }
    Set<Variable> readLater = Variables.read(after.subList(flushes.size(), after.size()));
    sums.removeIf(d -> flushes.stream().noneMatch(f -> Variables.occurs(d.variable(),
        f.value())));
    boolean readsCounters = flushes.stream().anyMatch(f -> replay.counters().stream()
        .anyMatch(c -> Variables.occurs(c, f.array()) || Variables.occurs(c, f.index())));
    if (readsCounters || sums.stream().anyMatch(d -> readLater.contains(d.variable()))) {
      sums.clear();
      flushes.clear();
    }
    out.removeAll(sums);
    out.add(replay.ascending(sums, flushes));
    return flushes.size();
  }

  /**
   * The write of {@code if (sum != 0) { a[i] = a[i] + sum; }}, which {@link Accumulators} puts
   * after a loop for a sum declared just before it, or null. Inside the guard of the upward
   * replay the loop ran at least once and touched {@code a[i]} on every trip, so the write needs
   * no test of its own.
   */
  private static Stmt.ArrayWrite flush(Stmt s, List<Stmt.Declare> sums) {
    if (s instanceof Stmt.If i && i.otherwise().isEmpty() && i.then().size() == 1
        && i.then().get(0) instanceof Stmt.ArrayWrite w
        && i.condition() instanceof Expr.Binary test && test.op() == BinaryOp.NOT_EQUAL
        && test.left() instanceof Expr.Ref ref && isZero(test.right())
        && sums.stream().anyMatch(d -> d.variable() == ref.variable())) {
      return w;
    }
    return null;
  }

  private static boolean isZero(Expr e) {
    return e instanceof Expr.Literal literal && literal.isZero();
  }

  /**
   * A replay whose trips commute: its counter, where it stops, the counters stepped with it,
   * the steps (with their comments) and the rest of the body, and the sums the trips add into.
   */
  private record Replay(Variable j, Expr init, List<Variable> counters, List<Stmt> steps,
      List<Stmt> rest, Set<Variable> sums) {

    /**
     * The upward loop under {@code if (j > init)}, with the sums declared just before the
     * replay declared inside and their flushes after the loop.
     */
    Stmt ascending(List<Stmt.Declare> declared, List<Stmt.ArrayWrite> flushes) {
      Variable end = Variable.generated(j.name() + "End", Type.INT);
      List<Stmt> rewind = new ArrayList<>();
      rewind.add(new Stmt.Assign(j, init, null));
      Expr trips =
          new Expr.Binary(BinaryOp.SUBTRACT, new Expr.Ref(end), new Expr.Ref(j), Type.INT);
      for (Variable v : counters) {
        if (v != j) {
          rewind.add(new Stmt.Assign(v,
              new Expr.Binary(BinaryOp.SUBTRACT, new Expr.Ref(v), trips, Type.INT), null));
        }
      }
      List<Stmt> then = new ArrayList<>();
      then.add(new Stmt.Comment("the trips commute: replayed in ascending order"));
      then.addAll(declared);
      then.add(new Stmt.Declare(end, new Expr.Ref(j), null));
      then.addAll(rewind);
      then.add(new Stmt.While(
          new Expr.Binary(BinaryOp.LESS, new Expr.Ref(j), new Expr.Ref(end), Type.BOOLEAN),
          upwards(), null, null));
      then.addAll(flushes);
      then.addAll(rewind);
      return new Stmt.If(new Expr.Binary(BinaryOp.GREATER, new Expr.Ref(j), init, Type.BOOLEAN),
          then, List.of(), null);
    }

    /** The rest of the body, then the steps as increments in the primal's order. */
    private List<Stmt> upwards() {
      List<Stmt> body = new ArrayList<>(rest);
      for (int i = steps.size() - 1; i >= 0; i--) {
        if (steps.get(i) instanceof Stmt.Assign a) {
          if (i > 0 && steps.get(i - 1) instanceof Stmt.Comment comment) {
            body.add(comment);
          }
          body.add(new Stmt.Assign(a.variable(), new Expr.Binary(BinaryOp.ADD,
              new Expr.Ref(a.variable()), Expr.Literal.ofInt(1), Type.INT), null));
        }
      }
      return body;
    }
  }

  /** The loop as a replay whose trips commute, or null. */
  private Replay replay(Stmt.While w) {
    if (w.label() != null || !(w.condition() instanceof Expr.Binary test)
        || test.op() != BinaryOp.GREATER || !(test.left() instanceof Expr.Ref ref)
        || ref.variable().type() != Type.INT) {
      return null;
    }
    Variable j = ref.variable();
    Expr init = test.right();
    List<Stmt> steps = new ArrayList<>(); // comments and decrements, in the replay's order
    List<Variable> counters = new ArrayList<>();
    int k = 0;
    for (; k < w.body().size(); k++) {
      Stmt s = w.body().get(k);
      Variable v = decrement(s);
      if (s instanceof Stmt.Comment || v != null && !counters.contains(v)) {
        steps.add(s);
        if (v != null) {
          counters.add(v);
        }
      } else {
        break;
      }
    }
    while (!steps.isEmpty() && steps.get(steps.size() - 1) instanceof Stmt.Comment) {
      steps.remove(steps.size() - 1); // the rest's own comment
      k--;
    }
    List<Stmt> rest = w.body().subList(k, w.body().size());
    Set<Variable> written = Writes.variables(rest);
    written.addAll(counters);
    if (!counters.contains(j) || !CountedLoop.invariant(init, written)) {
      return null;
    }
    Trips trips = new Trips(rest, counters);
    return trips.commute() ? new Replay(j, init, counters, steps, rest, trips.sums) : null;
  }

  /** {@code v = v - 1} on an int: the variable, or null. */
  private static Variable decrement(Stmt s) {
    return s instanceof Stmt.Assign a && a.variable().type() == Type.INT
        && a.value() instanceof Expr.Binary step && step.op() == BinaryOp.SUBTRACT
        && step.left() instanceof Expr.Ref r && r.variable() == a.variable()
        && step.right() instanceof Expr.Literal one && one.type() == Type.INT && one.isOne()
        ? a.variable() : null;
  }

  /** Whether the trips of a loop body (without its counter steps) may run in any order. */
  private final class Trips {
    private final List<Stmt> body;
    private final List<Variable> counters;
    private final Set<Variable> declared = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Variable> sums = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Stmt.ArrayWrite> writes = new ArrayList<>();
    /** The element reads that are an increment's own left operand. */
    private final Set<Expr> ownReads = Collections.newSetFromMap(new IdentityHashMap<>());

    Trips(List<Stmt> body, List<Variable> counters) {
      this.body = body;
      this.counters = counters;
    }

    boolean commute() {
      Set<Variable> changed = Writes.variables(body);
      changed.addAll(counters);
      for (Stmt s : body) {
        if (!statement(s, changed)) {
          return false;
        }
      }
      return scalarsOnlyIncremented() && elementsApart();
    }

    private boolean statement(Stmt s, Set<Variable> changed) {
      for (Expr e : Subexpressions.ofStatement(s)) {
        if (!LoopFacts.pure(e)) {
          return false;
        }
      }
      if (s instanceof Stmt.Comment) {
        return true;
      }
      if (s instanceof Stmt.Declare d) {
        declared.add(d.variable());
        return !d.variable().type().isArray();
      }
      if (s instanceof Stmt.Assign a) {
        if (declared.contains(a.variable())) {
          return true;
        }
        if (counters.contains(a.variable()) || !(increment(a.value()) instanceof Expr.Ref self)
            || self.variable() != a.variable()) {
          return false;
        }
        sums.add(a.variable());
        return true;
      }
      if (s instanceof Stmt.ArrayWrite w) {
        if (Aliases.root(w.array()) == null
            || Variables.in(w.array()).stream().anyMatch(changed::contains)) {
          return false;
        }
        Expr own = increment(w.value());
        if (own != null && own.equals(new Expr.ArrayRead(w.array(), w.index(), own.type()))) {
          ownReads.add(own);
        } else if (!(w.index() instanceof Expr.Ref index && counters.contains(index.variable()))) {
          return false;
        }
        writes.add(w);
        return true;
      }
      return false;
    }

    /** The left operand of {@code x + e} or {@code x - e}, or null. */
    private static Expr increment(Expr value) {
      return value instanceof Expr.Binary sum
          && (sum.op() == BinaryOp.ADD || sum.op() == BinaryOp.SUBTRACT)
          && !sum.type().isArray() ? sum.left() : null;
    }

    /** No scalar that a trip adds into is read by a trip, except by its own increments. */
    private boolean scalarsOnlyIncremented() {
      for (Stmt s : body) {
        List<Expr> read = new ArrayList<>(Subexpressions.ofStatement(s));
        if (s instanceof Stmt.Assign a && sums.contains(a.variable())) {
          read = List.of(((Expr.Binary) a.value()).right());
        }
        for (Expr e : read) {
          if (Variables.in(e).stream().anyMatch(sums::contains)) {
            return false;
          }
        }
      }
      return true;
    }

    /**
     * Every access to an array written by an increment is that increment (or another one); every
     * access to an array written at the trip's own index is that very element.
     */
    private boolean elementsApart() {
      List<Expr.ArrayRead> accesses = new ArrayList<>();
      for (Stmt s : body) {
        for (Expr e : Subexpressions.ofStatement(s)) {
          collect(e, accesses);
        }
      }
      for (Stmt.ArrayWrite w : writes) {
        Variable root = Aliases.root(w.array());
        boolean increment = ownReads.contains(increment(w.value()));
        for (Stmt.ArrayWrite other : writes) {
          if (other != w && sameStorage(root, Aliases.root(other.array()))
              && !(increment && ownReads.contains(increment(other.value())))
              && !(!increment && other.array().equals(w.array())
                  && other.index().equals(w.index()))) {
            return false;
          }
        }
        for (Expr.ArrayRead read : accesses) {
          Variable reading = Aliases.root(read);
          if (reading == null && read.type() == w.value().type()) {
            return false;
          }
          if (reading == null || !sameStorage(root, reading)) {
            continue;
          }
          boolean allowed = increment
              ? ownReads.contains(read)
              : read.array().equals(w.array()) && read.index().equals(w.index());
          if (!allowed) {
            return false;
          }
        }
      }
      return true;
    }

    private void collect(Expr e, List<Expr.ArrayRead> out) {
      if (e instanceof Expr.ArrayRead read && !read.type().isArray()) {
        out.add(read);
      }
      if (e != null) {
        Subexpressions.of(e).forEach(part -> collect(part, out));
      }
    }
  }

  /** Whether two array variables may be one object. */
  private boolean sameStorage(Variable a, Variable b) {
    if (a == b) {
      return true;
    }
    Variable primalA = bars.primalOf(a);
    Variable primalB = bars.primalOf(b);
    if (primalA != null && primalB != null) {
      return aliases.mayAlias(primalA, primalB);
    }
    if (primalA == null && primalB == null) {
      return aliases.mayAlias(a, b);
    }
    return false;
  }
}
