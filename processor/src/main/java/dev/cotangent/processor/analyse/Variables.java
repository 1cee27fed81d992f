package dev.cotangent.processor.analyse;

import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Subexpressions;
import dev.cotangent.processor.ir.Variable;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Which variables a piece of IR reads. */
public final class Variables {
  private Variables() {}

  /** The variables read by these statements and not declared in them, in order of first use. */
  public static Set<Variable> read(List<Stmt> statements) {
    Set<Variable> read = new LinkedHashSet<>();
    Set<Variable> declared = Collections.newSetFromMap(new IdentityHashMap<>());
    collect(statements, read, declared);
    read.removeAll(declared);
    return read;
  }

  private static void collect(List<Stmt> statements, Set<Variable> read, Set<Variable> declared) {
    for (Stmt s : statements) {
      if (s instanceof Stmt.Declare d) {
        declared.add(d.variable());
        collect(d.init(), read);
      } else if (s instanceof Stmt.Assign a) {
        collect(a.value(), read);
      } else if (s instanceof Stmt.If i) {
        collect(i.condition(), read);
      } else if (s instanceof Stmt.While w) {
        collect(w.condition(), read);
      } else if (s instanceof Stmt.Push p) {
        collect(p.value(), read);
      } else if (s instanceof Stmt.Reserve r) {
        collect(r.from(), read);
        collect(r.to(), read);
      } else if (s instanceof Stmt.ArrayWrite w) {
        collect(w.array(), read);
        collect(w.index(), read);
        collect(w.value(), read);
      } else if (s instanceof Stmt.Evaluate e) {
        collect(e.call(), read);
      } else if (s instanceof Stmt.Throw || s instanceof Stmt.Assert
          || s instanceof Stmt.Invoke) {
        Subexpressions.ofStatement(s).forEach(e -> collect(e, read));
      } else if (s instanceof Stmt.Repeat r) {
        collect(r.times(), read);
        declared.add(r.counter());
      }
      for (List<Stmt> child : Children.of(s)) {
        collect(child, read, declared);
      }
    }
  }

  /** Whether {@code v} occurs in {@code e}. */
  public static boolean occurs(Variable v, Expr e) {
    return in(e).contains(v);
  }

  /** The variables that occur in {@code e}. */
  public static Set<Variable> in(Expr e) {
    Set<Variable> found = new LinkedHashSet<>();
    collect(e, found);
    return found;
  }

  private static void collect(Expr e, Set<Variable> read) {
    if (e instanceof Expr.Ref ref) {
      read.add(ref.variable());
    } else if (e != null) {
      Subexpressions.of(e).forEach(part -> collect(part, read));
    }
  }
}
