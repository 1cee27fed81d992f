package dev.cotangent.processor.differentiate;

import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Variable;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Which variables a piece of IR reads. */
final class Variables {
  private Variables() {}

  /** The variables read by these statements and not declared in them, in order of first use. */
  static Set<Variable> read(List<Stmt> statements) {
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
      } else if (s instanceof Stmt.ArrayWrite w) {
        collect(w.array(), read);
        collect(w.index(), read);
        collect(w.value(), read);
      } else if (s instanceof Stmt.Evaluate e) {
        collect(e.call(), read);
      } else if (s instanceof Stmt.Repeat r) {
        declared.add(r.counter());
      }
      for (List<Stmt> child : Children.of(s)) {
        collect(child, read, declared);
      }
    }
  }

  /** Whether {@code v} occurs in {@code e}. */
  static boolean occurs(Variable v, Expr e) {
    Set<Variable> found = new LinkedHashSet<>();
    collect(e, found);
    return found.contains(v);
  }

  private static void collect(Expr e, Set<Variable> read) {
    if (e == null) {
      return;
    }
    if (e instanceof Expr.Ref ref) {
      read.add(ref.variable());
    } else if (e instanceof Expr.Unary u) {
      collect(u.operand(), read);
    } else if (e instanceof Expr.Binary b) {
      collect(b.left(), read);
      collect(b.right(), read);
    } else if (e instanceof Expr.Conditional c) {
      collect(c.condition(), read);
      collect(c.ifTrue(), read);
      collect(c.ifFalse(), read);
    } else if (e instanceof Expr.Cast c) {
      collect(c.operand(), read);
    } else if (e instanceof Expr.MathCall call) {
      call.args().forEach(arg -> collect(arg, read));
    } else if (e instanceof Expr.ArrayRead r) {
      collect(r.array(), read);
      collect(r.index(), read);
    } else if (e instanceof Expr.Length l) {
      collect(l.array(), read);
    } else if (e instanceof Expr.NewArray n) {
      n.dimensions().forEach(d -> collect(d, read));
    } else if (e instanceof Expr.ArrayLiteral l) {
      l.elements().forEach(element -> collect(element, read));
    } else if (e instanceof Expr.CloneArray c) {
      collect(c.array(), read);
    } else if (e instanceof Expr.Runtime r) {
      r.args().forEach(arg -> collect(arg, read));
    } else if (e instanceof Expr.Call c) {
      collect(c.receiver(), read);
      c.args().forEach(arg -> collect(arg, read));
    } else if (e instanceof Expr.Detach d) {
      collect(d.operand(), read);
    } else if (e instanceof Expr.Field f) {
      collect(f.target(), read);
    } else if (e instanceof Expr.InstanceCall c) {
      collect(c.target(), read);
      c.args().forEach(arg -> collect(arg, read));
    } else if (e instanceof Expr.New n) {
      n.args().forEach(arg -> collect(arg, read));
    }
  }
}
