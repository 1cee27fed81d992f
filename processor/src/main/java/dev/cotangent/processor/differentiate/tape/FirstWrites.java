package dev.cotangent.processor.differentiate.tape;

import dev.cotangent.processor.analyse.Aliases;
import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Subexpressions;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Element writes whose old value no reverse code reads, so that it needs no tape. The reverse
 * sweep restores an overwritten element for the reverse code of what ran before the write; when
 * nothing before it (in program order), nothing in a loop around it and not the write itself reads
 * the array or one that may be the same, no such code reads the element: GMM's
 * {@code qdiags[c][j] = Math.exp(icf[c][j])}, filling a new array, is then not taped at all.
 * Reads of lengths do not count (element writes never change them); an array passed anywhere,
 * aliased or read whole counts as read. Only writes of primitive elements qualify.
 */
public final class FirstWrites {
  private final Aliases aliases;
  private final Set<Stmt> untaped = Collections.newSetFromMap(new IdentityHashMap<>());

  private FirstWrites(Aliases aliases) {
    this.aliases = aliases;
  }

  /** The element writes of {@code body} (by identity) that need no tape. */
  public static Set<Stmt> in(List<Stmt> body, Aliases aliases) {
    FirstWrites writes = new FirstWrites(aliases);
    writes.walk(body, new ArrayList<>(), List.of());
    return writes.untaped;
  }

  private void walk(List<Stmt> statements, List<Variable> readBefore, List<Stmt> loops) {
    for (Stmt s : statements) {
      if (s instanceof Stmt.ArrayWrite w && !w.value().type().isArray()
          && Aliases.root(w.array()) != null && unread(Aliases.root(w.array()), w, readBefore, loops)) {
        untaped.add(w);
      }
      List<List<Stmt>> children = Children.of(s);
      if (!children.isEmpty()) {
        for (Expr e : Subexpressions.ofStatement(s)) {
          collect(e, readBefore); // a condition runs before its branches or body
        }
        List<Stmt> around = loops;
        if (s instanceof Stmt.While || s instanceof Stmt.Repeat || s instanceof Stmt.DoWhile
            || s instanceof Stmt.For) {
          around = new ArrayList<>(loops);
          around.add(s);
        }
        for (List<Stmt> child : children) {
          walk(child, readBefore, around);
        }
      }
      readBefore.addAll(arraysRead(List.of(s)));
    }
  }

  private boolean unread(Variable array, Stmt.ArrayWrite write, List<Variable> readBefore,
      List<Stmt> loops) {
    List<Variable> read = new ArrayList<>(readBefore);
    read.addAll(arraysRead(List.of(write)));
    read.addAll(arraysRead(loops));
    return read.stream().noneMatch(v -> aliases.mayAlias(v, array));
  }

  /** The arrays whose elements these statements (nested ones included) may read. */
  private static List<Variable> arraysRead(List<Stmt> statements) {
    List<Variable> out = new ArrayList<>();
    for (Stmt s : Children.flatten(statements)) {
      if (s instanceof Stmt.ArrayWrite w) {
        indexesOf(w.array(), out);
        collect(w.index(), out);
        collect(w.value(), out);
      } else {
        for (Expr e : Subexpressions.ofStatement(s)) {
          collect(e, out);
        }
      }
    }
    return out;
  }

  /** Arrays read by {@code e}: elements read, arrays referred to whole (passed, aliased). */
  private static void collect(Expr e, List<Variable> out) {
    if (e == null) {
      return;
    }
    if (e instanceof Expr.Ref ref) {
      if (ref.variable().type().isArray()) {
        out.add(ref.variable());
      }
    } else if (e instanceof Expr.Length length) {
      indexesOf(length.array(), out);
    } else if (e instanceof Expr.ArrayRead read) {
      Variable root = Aliases.root(read);
      if (root == null) {
        Subexpressions.of(e).forEach(part -> collect(part, out));
        return;
      }
      out.add(root);
      indexesOf(read.array(), out);
      collect(read.index(), out);
    } else {
      Subexpressions.of(e).forEach(part -> collect(part, out));
    }
  }

  /** What the indices of an array expression {@code m[i]...} read, not the array itself. */
  private static void indexesOf(Expr array, List<Variable> out) {
    if (array instanceof Expr.ArrayRead row) {
      collect(row.index(), out);
      indexesOf(row.array(), out);
    } else if (!(array instanceof Expr.Ref)) {
      collect(array, out);
    }
  }
}
