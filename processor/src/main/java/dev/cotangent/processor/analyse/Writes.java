package dev.cotangent.processor.analyse;

import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Variable;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** What a piece of IR writes: the variables it assigns or declares, and the arrays it writes into. */
public final class Writes {
  private Writes() {}

  /** The variables assigned or declared anywhere in these statements, nested ones included. */
  public static Set<Variable> variables(List<Stmt> statements) {
    Set<Variable> out = Collections.newSetFromMap(new IdentityHashMap<>());
    collect(statements, out, false);
    return out;
  }

  /**
   * The root variables of the arrays written element by element in these statements, or by the
   * calls in them ({@link CallWrites}).
   */
  public static Set<Variable> arrays(List<Stmt> statements) {
    Set<Variable> out = Collections.newSetFromMap(new IdentityHashMap<>());
    collect(statements, out, true);
    return out;
  }

  private static void collect(List<Stmt> statements, Set<Variable> out, boolean elements) {
    for (Stmt s : statements) {
      if (!elements && s instanceof Stmt.Declare d) {
        out.add(d.variable());
      } else if (!elements && s instanceof Stmt.Assign a) {
        out.add(a.variable());
      } else if (elements && s instanceof Stmt.ArrayWrite w && Aliases.root(w.array()) != null) {
        out.add(Aliases.root(w.array()));
      }
      if (elements) {
        out.addAll(CallWrites.roots(s)); // matVec(a, x, y) writes y
      }
      for (List<Stmt> child : Children.of(s)) {
        collect(child, out, elements);
      }
    }
  }
}
