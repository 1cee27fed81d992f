package dev.cotangent.processor.differentiate.passes;

import dev.cotangent.processor.analyse.Aliases;
import dev.cotangent.processor.differentiate.Pass;
import dev.cotangent.processor.differentiate.PassContext;
import dev.cotangent.processor.differentiate.rules.Algebra;
import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Subexpressions;
import dev.cotangent.processor.ir.UnaryOp;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Merges the increments of one adjoint in the code of one statement: {@code uBar += a; ...;
 * uBar += b} becomes {@code ...; uBar += a + b}, and likewise {@code xBar[i] += a; ...;
 * xBar[i] += b} with the same shadow and index expressions.
 *
 * <p>The earlier increment is moved down into the later one, or else the later one up into the
 * earlier one, so they are merged only when the statements between neither read nor write the
 * target (nor, for an element, any element that may be the same one), write nothing the moved
 * increment reads, and the later increment does not read the target. Anything but a declaration,
 * an assignment, an element write or a comment in between stops the search; so do nested
 * statements, whose own lists are merged on their own.
 *
 * <p>{@link #merge} works on the code of one statement; {@link #mergeSweep} on a whole reverse
 * sweep, across the statements of each list ({@code xBar[i] -= bBar; bBar = 0.0; xBar[i + 1] +=
 * aBar; xBar[i] -= 2 * x[i] * aBar} becomes one read-modify-write of {@code xBar[i]}: fewer
 * memory round trips in loops that update neighbouring elements).
 */
public final class Increments implements Pass {
  private final Predicate<Variable> isShadow;

  /** The pass, as {@code Passes} lists it (each run makes its own worker). */
  public Increments() {
    this(null);
  }

  @Override
  public List<Stmt> apply(List<Stmt> statements, PassContext context) {
    return mergeSweep(statements, context::isDerivative);
  }

  /** @param isShadow whether a variable is a derivative (shadow) array, never a primal one */
  private Increments(Predicate<Variable> isShadow) {
    this.isShadow = isShadow;
  }

  public static List<Stmt> merge(List<Stmt> code, Predicate<Variable> isShadow) {
    return new Increments(isShadow).merge(code);
  }

  /** Merges across the statements of every list of a reverse sweep, loops' bodies included. */
  public static List<Stmt> mergeSweep(List<Stmt> code, Predicate<Variable> isShadow) {
    Increments increments = new Increments(isShadow);
    increments.intoLoops = true;
    return increments.merge(code);
  }

  private boolean intoLoops;

  /** {@code target = target ± ...}: what is added ({@code delta}) to which {@code target}. */
  private record Increment(Expr target, Expr delta) {}

  private List<Stmt> merge(List<Stmt> code) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : code) {
      out.add(nested(s));
    }
    for (int i = 0; i < out.size(); i++) {
      Increment first = increment(out.get(i));
      if (first == null) {
        continue;
      }
      int j = next(out, i, first);
      int up = j < 0 ? nextMovingUp(out, i, first) : -1;
      if (j < 0 && up < 0) {
        continue;
      }
      int later = j >= 0 ? j : up;
      Increment second = increment(out.get(later));
      Expr total = sum(first.delta(), second.delta());
      if (j >= 0) {
        Stmt merged = write(out.get(j), first.target(), total);
        if (merged == null) {
          out.remove(j); // the two cancel out
        } else {
          out.set(j, merged);
        }
        out.remove(i);
        i--; // the merged increment is looked at again when the loop reaches it
      } else {
        Stmt merged = write(out.get(i), first.target(), total);
        out.remove(up);
        if (merged == null) {
          out.remove(i);
        } else {
          out.set(i, merged);
        }
        i--; // and this one may take a third
      }
    }
    return out;
  }

  /** Merges inside the branches of an {@code if} (and, for a sweep, inside loops and blocks). */
  private Stmt nested(Stmt s) {
    if (s instanceof Stmt.If i) {
      return new Stmt.If(i.condition(), merge(i.then()), merge(i.otherwise()), i.origin());
    }
    if (intoLoops && s instanceof Stmt.While w) {
      return new Stmt.While(w.condition(), merge(w.body()), w.origin(), w.label());
    }
    if (intoLoops && s instanceof Stmt.Repeat r) {
      return new Stmt.Repeat(r.counter(), r.times(), merge(r.body()));
    }
    if (intoLoops && s instanceof Stmt.Block b) {
      return new Stmt.Block(merge(b.body()));
    }
    return s;
  }

  /**
   * The index of the next increment of the same target, if it can be moved up into the one at
   * {@code from}; -1 otherwise.
   */
  private int nextMovingUp(List<Stmt> code, int from, Increment first) {
    for (int j = from + 1; j < last(code, from); j++) {
      Stmt s = code.get(j);
      Increment candidate = increment(s);
      if (candidate != null && candidate.target().equals(first.target())) {
        if (readsTarget(candidate.delta(), first.target())) {
          return -1;
        }
        for (int k = from + 1; k < j; k++) {
          if (changes(code.get(k), candidate.delta())) {
            return -1;
          }
        }
        return j;
      }
      if (s instanceof Stmt.Comment) {
        continue;
      }
      if (!(s instanceof Stmt.Declare || s instanceof Stmt.Assign
          || s instanceof Stmt.ArrayWrite) || touches(s, first.target())) {
        return -1;
      }
    }
    return -1;
  }

  /**
   * The index of the next increment of the same target, if the earlier one can be moved down
   * into it; -1 otherwise.
   */
  private int next(List<Stmt> code, int from, Increment first) {
    for (int j = from + 1; j < last(code, from); j++) {
      Stmt s = code.get(j);
      Increment candidate = increment(s);
      if (candidate != null && candidate.target().equals(first.target())) {
        return readsTarget(candidate.delta(), first.target()) ? -1 : j;
      }
      if (s instanceof Stmt.Comment) {
        continue;
      }
      if (!(s instanceof Stmt.Declare || s instanceof Stmt.Assign
          || s instanceof Stmt.ArrayWrite)) {
        return -1;
      }
      // The earlier delta is evaluated after s once moved: s must not change what it reads.
      if (touches(s, first.target()) || changes(s, first.delta())) {
        return -1;
      }
    }
    return -1;
  }

  /**
   * Where the search for a partner from {@code from} ends: the list's end, or {@link
   * RepeatedReads#LONGEST_RUN} statements on (linear time on long straight-line methods).
   */
  private static int last(List<Stmt> code, int from) {
    return Math.min(code.size(), from + 1 + RepeatedReads.LONGEST_RUN);
  }

  /** Whether s writes a variable or an element (possibly) that evaluating delta reads. */
  private boolean changes(Stmt s, Expr delta) {
    Variable written = written(s);
    if (written != null && variables(delta).contains(written)) {
      return true;
    }
    if (s instanceof Stmt.ArrayWrite w) {
      List<Expr.ArrayRead> elements = elements(delta);
      if (w.value().type().isArray() && !elements.isEmpty()) {
        return true; // a row replaced under a read of one of its elements
      }
      for (Expr.ArrayRead read : elements) {
        if (maySame(w.array(), w.index(), read.array(), read.index())) {
          return true;
        }
      }
    }
    return !(s instanceof Stmt.Declare || s instanceof Stmt.Assign
        || s instanceof Stmt.ArrayWrite || s instanceof Stmt.Comment);
  }

  /** Whether s reads or writes the target, or changes what the target's expression names. */
  private boolean touches(Stmt s, Expr target) {
    Variable written = written(s);
    List<Expr> read = reads(s);
    if (target instanceof Expr.Ref ref) {
      return written == ref.variable()
          || read.stream().anyMatch(e -> variables(e).contains(ref.variable()));
    }
    Expr.ArrayRead element = (Expr.ArrayRead) target;
    if (written != null && variables(element).contains(written)) {
      return true;
    }
    if (s instanceof Stmt.ArrayWrite w) {
      if (w.value().type().isArray()
          || maySame(w.array(), w.index(), element.array(), element.index())) {
        return true;
      }
    }
    for (Expr e : read) {
      if (readsTarget(e, target)) {
        return true;
      }
    }
    return false;
  }

  /** Whether evaluating e reads the target's value. */
  private boolean readsTarget(Expr e, Expr target) {
    if (target instanceof Expr.Ref ref) {
      return variables(e).contains(ref.variable());
    }
    Expr.ArrayRead element = (Expr.ArrayRead) target;
    for (Expr.ArrayRead read : elements(e)) {
      if (maySame(read.array(), read.index(), element.array(), element.index())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code a[i]} and {@code b[j]} may be the same element. Arrays of different types, or a
   * shadow and a primal array, never are; the same array expression is told apart only by
   * indices that differ by a constant ({@code i} and {@code i + 1}, {@code 0} and {@code 2}).
   */
  private boolean maySame(Expr a, Expr i, Expr b, Expr j) {
    if (a.type() != b.type()) {
      return false;
    }
    Variable ra = Aliases.root(a);
    Variable rb = Aliases.root(b);
    if (ra != null && rb != null && isShadow.test(ra) != isShadow.test(rb)) {
      return false;
    }
    return !(a.equals(b) && differ(i, j));
  }

  /** Indices that are certainly different: the same base plus different integer constants. */
  private static boolean differ(Expr i, Expr j) {
    Offset x = Offset.of(i);
    Offset y = Offset.of(j);
    return x != null && y != null && x.base().equals(y.base()) && x.offset() != y.offset();
  }

  /** {@code base + offset} with an integer constant offset; a bare constant has base {@code 0}. */
  private record Offset(Expr base, long offset) {
    static Offset of(Expr e) {
      if (e instanceof Expr.Literal literal && literal.type().isIntegral()) {
        return new Offset(Expr.Literal.ofInt(0), (long) literal.value());
      }
      if (e instanceof Expr.Binary b && b.type().isIntegral()
          && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUBTRACT)
          && b.right() instanceof Expr.Literal literal && literal.type().isIntegral()) {
        long c = (long) literal.value();
        Offset inner = of(b.left());
        if (inner == null) {
          return null;
        }
        return new Offset(inner.base(), inner.offset() + (b.op() == BinaryOp.ADD ? c : -c));
      }
      return e == null ? null : new Offset(e, 0);
    }
  }

  /** The increment a statement makes, or null if it is not one. */
  private static Increment increment(Stmt s) {
    Expr target;
    Expr value;
    if (s instanceof Stmt.Assign a && a.variable().type().isFloatingPoint()) {
      target = new Expr.Ref(a.variable());
      value = a.value();
    } else if (s instanceof Stmt.ArrayWrite w && w.array().type().element().isFloatingPoint()) {
      value = w.value();
      if (!(value instanceof Expr.Binary b && b.left() instanceof Expr.ArrayRead read
          && read.array().equals(w.array()) && read.index().equals(w.index()))) {
        return null;
      }
      target = b.left();
    } else {
      return null;
    }
    if (value instanceof Expr.Binary b && b.left().equals(target)) {
      if (b.op() == BinaryOp.ADD) {
        return new Increment(target, b.right());
      }
      if (b.op() == BinaryOp.SUBTRACT) {
        return new Increment(target, Algebra.neg(b.right()));
      }
    }
    return null;
  }

  /** {@code a + b}: {@code 2 * a} when they are equal, {@code -(a + b)} when both are negated. */
  private static Expr sum(Expr a, Expr b) {
    if (a.equals(b)) {
      return Algebra.mul(Expr.Literal.ofInt(2), a);
    }
    if (isNegated(a) && isNegated(b)) {
      return Algebra.neg(sum(Algebra.neg(a), Algebra.neg(b)));
    }
    return Algebra.add(a, b);
  }

  private static boolean isNegated(Expr e) {
    return e instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE;
  }

  /** The statement s (an increment of target) rewritten to add delta; null if delta is zero. */
  private static Stmt write(Stmt s, Expr target, Expr delta) {
    Expr value = Algebra.add(target, delta);
    if (value == null || value.equals(target)) {
      return null;
    }
    if (s instanceof Stmt.Assign a) {
      return a.withValue(value);
    }
    Stmt.ArrayWrite w = (Stmt.ArrayWrite) s;
    return new Stmt.ArrayWrite(w.array(), w.index(), value, w.origin());
  }

  /** The variable a declaration or assignment writes; null for other statements. */
  private static Variable written(Stmt s) {
    if (s instanceof Stmt.Declare d) {
      return d.variable();
    }
    if (s instanceof Stmt.Assign a) {
      return a.variable();
    }
    return null;
  }

  /** The expressions a simple statement evaluates. */
  private static List<Expr> reads(Stmt s) {
    if (s instanceof Stmt.Declare d) {
      return d.init() == null ? List.of() : List.of(d.init());
    }
    if (s instanceof Stmt.Assign a) {
      return List.of(a.value());
    }
    Stmt.ArrayWrite w = (Stmt.ArrayWrite) s;
    return List.of(w.array(), w.index(), w.value());
  }

  private static Set<Variable> variables(Expr e) {
    Set<Variable> out = Collections.newSetFromMap(new IdentityHashMap<>());
    collectVariables(e, out);
    return out;
  }

  private static void collectVariables(Expr e, Set<Variable> out) {
    if (e instanceof Expr.Ref ref) {
      out.add(ref.variable());
    }
    Subexpressions.of(e).forEach(part -> collectVariables(part, out));
  }

  /** The element reads in e, rows {@code m[i]} of a matrix included. */
  private static List<Expr.ArrayRead> elements(Expr e) {
    List<Expr.ArrayRead> out = new ArrayList<>();
    collectElements(e, out);
    return out;
  }

  private static void collectElements(Expr e, List<Expr.ArrayRead> out) {
    if (e instanceof Expr.ArrayRead read) {
      out.add(read);
    }
    Subexpressions.of(e).forEach(part -> collectElements(part, out));
  }
}
