package dev.cotangent.processor.analyse;

import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Subexpressions;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arrays a generated method makes itself and reaches by no other name (a work array
 * {@code double[] q = new double[d]}, a shadow {@code qDot}), and what that says about aliasing:
 * a write into one of them changes no element of any other array, and a write into any other
 * array changes none of theirs. The JIT cannot know this when both are {@code double[]}.
 */
public final class PrivateArrays {
  private final Set<Variable> arrays;

  public PrivateArrays(Set<Variable> arrays) {
    this.arrays = arrays;
  }

  /**
   * The one-dimensional arrays of these statements that nothing else can refer to: declared once
   * with a new array ({@code new}, a literal, a clone or {@code zerosLike}), never assigned, and
   * used only as {@code a[i]}, {@code a[i] = v} or {@code a.length}.
   */
  public static PrivateArrays of(List<List<Stmt>> parts) {
    Map<Variable, Integer> fresh = new IdentityHashMap<>();
    Set<Variable> excluded = Collections.newSetFromMap(new IdentityHashMap<>());
    for (List<Stmt> part : parts) {
      scan(part, fresh, excluded);
    }
    Set<Variable> out = Collections.newSetFromMap(new IdentityHashMap<>());
    fresh.forEach((v, declarations) -> {
      if (declarations == 1 && !excluded.contains(v)) {
        out.add(v);
      }
    });
    return new PrivateArrays(out);
  }

  private static void scan(List<Stmt> statements, Map<Variable, Integer> fresh,
      Set<Variable> excluded) {
    for (Stmt s : statements) {
      if (s instanceof Stmt.Declare d) {
        Type type = d.variable().type();
        if (type.isArray() && !type.element().isArray() && makesArray(d.init())) {
          fresh.merge(d.variable(), 1, Integer::sum);
        } else {
          excluded.add(d.variable());
        }
        uses(d.init(), excluded);
      } else if (s instanceof Stmt.Assign a) {
        excluded.add(a.variable());
        uses(a.value(), excluded);
      } else if (s instanceof Stmt.ArrayWrite w) {
        if (!(w.array() instanceof Expr.Ref)) {
          uses(w.array(), excluded);
        }
        uses(w.index(), excluded);
        uses(w.value(), excluded);
      } else {
        for (Expr e : Subexpressions.ofStatement(s)) {
          uses(e, excluded);
        }
      }
      for (List<Stmt> child : Children.of(s)) {
        scan(child, fresh, excluded);
      }
    }
  }

  private static boolean makesArray(Expr init) {
    return init instanceof Expr.NewArray || init instanceof Expr.ArrayLiteral
        || init instanceof Expr.CloneArray
        || init instanceof Expr.Runtime r && r.method().equals("zerosLike");
  }

  /** Excludes every variable {@code e} refers to other than as the array of an element read. */
  private static void uses(Expr e, Set<Variable> excluded) {
    if (e instanceof Expr.Ref ref) {
      excluded.add(ref.variable());
    } else if (e instanceof Expr.ArrayRead read && read.array() instanceof Expr.Ref) {
      uses(read.index(), excluded);
    } else if (e instanceof Expr.Length length && length.array() instanceof Expr.Ref) {
      return;
    } else if (makesArray(e) && e instanceof Expr.Runtime r && r.args().size() == 1
        && r.args().get(0) instanceof Expr.Ref) {
      return; // zerosLike(a) reads a's shape and keeps no reference to it
    } else if (e != null) {
      Subexpressions.of(e).forEach(part -> uses(part, excluded));
    }
  }

  /** Whether a write into {@code target} may change the element {@code read} reads. */
  public boolean mayWrite(Expr target, Expr.ArrayRead read) {
    if (target.type().element() != read.type()) {
      return false;
    }
    Variable written = Aliases.root(target);
    Variable readFrom = Aliases.root(read.array());
    if (written == null || readFrom == null) {
      return true;
    }
    if (arrays.contains(written) || arrays.contains(readFrom)) {
      return written == readFrom;
    }
    return true;
  }
}
