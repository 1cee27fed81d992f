package dev.cotangent.processor.analyse;

import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which array variables may refer to the same array (or to rows of one matrix): those joined by
 * reference assignments such as {@code double[] b = a} or {@code double[] row = m[i]}. A write
 * through one of them is a write to all, for activity and for taping.
 */
public final class Aliases {
  private final Map<Variable, Variable> parent = new IdentityHashMap<>();

  private Aliases() {}

  public static Aliases of(List<Stmt> body) {
    Aliases aliases = new Aliases();
    aliases.scan(body);
    return aliases;
  }

  private void scan(List<Stmt> statements) {
    for (Stmt s : statements) {
      if (s instanceof Stmt.Declare d && d.variable().type().isArray() && d.init() != null) {
        join(d.variable(), d.init());
      } else if (s instanceof Stmt.Assign a && a.variable().type().isArray()) {
        join(a.variable(), a.value());
      } else if (s instanceof Stmt.ArrayWrite w && w.value().type().isArray()
          && root(w.array()) != null) {
        join(root(w.array()), w.value()); // m[i] = r: a row of m is r
      }
      for (List<Stmt> child : Children.of(s)) {
        scan(child);
      }
    }
  }

  private void join(Variable v, Expr value) {
    Variable other = root(value);
    if (other != null && find(v) != find(other)) {
      parent.put(find(v), find(other));
    }
    if (value instanceof Expr.CloneArray clone && clone.type().element().isArray()) {
      join(v, clone.array()); // m.clone() of a matrix shares m's rows
    }
    if (value instanceof Expr.ArrayLiteral literal && literal.type().element().isArray()) {
      for (Expr row : literal.elements()) { // double[][] m = {p, q}: m's rows are p and q
        join(v, row);
      }
    }
    if (value instanceof Expr.Call call && (call.companion() == null
        || call.companion().effects() == null || !call.companion().effects().freshResult())) {
      for (Expr arg : call.args()) { // the result may be one of the arrays it was given
        if (arg.type().isArray()) {
          join(v, arg);
        }
      }
    }
  }

  /** The variable an array expression refers into, if it names one: {@code a}, {@code m[i]}. */
  public static Variable root(Expr array) {
    Expr e = array;
    while (e instanceof Expr.ArrayRead read) {
      e = read.array();
    }
    return e instanceof Expr.Ref ref ? ref.variable() : null;
  }

  private Variable find(Variable v) {
    Variable p = parent.get(v);
    if (p == null) {
      return v;
    }
    Variable r = find(p);
    parent.put(v, r);
    return r;
  }

  /** The representative of {@code v}'s class; {@code v} itself for scalars and lone arrays. */
  public Variable classOf(Variable v) {
    return find(v);
  }

  public boolean mayAlias(Variable a, Variable b) {
    return find(a) == find(b);
  }

  /**
   * All members of the classes of the given variables, in the order of {@code universe}: one
   * pass over it (a method of thousands of statements has thousands of variables).
   */
  public List<Variable> members(Iterable<Variable> variables, Iterable<Variable> universe) {
    java.util.Set<Variable> classes =
        java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    for (Variable v : variables) {
      classes.add(find(v));
    }
    List<Variable> out = new ArrayList<>();
    for (Variable candidate : universe) {
      if (classes.contains(find(candidate))) {
        out.add(candidate);
      }
    }
    return out;
  }
}
