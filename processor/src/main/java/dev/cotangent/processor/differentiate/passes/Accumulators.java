package dev.cotangent.processor.differentiate.passes;

import dev.cotangent.processor.analyse.Aliases;
import dev.cotangent.processor.analyse.Variables;
import dev.cotangent.processor.analyse.Writes;
import dev.cotangent.processor.differentiate.Pass;
import dev.cotangent.processor.differentiate.PassContext;
import dev.cotangent.processor.differentiate.rules.Algebra;
import dev.cotangent.processor.differentiate.rules.Derivatives;
import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.CompanionNames;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.StatementRewriter;
import dev.cotangent.processor.ir.Subexpressions;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Adjoint elements accumulated in a local across a replayed loop: in
 * <pre>
 *   for (...) { xBar[col] += q * rBar[row]; ... }
 * </pre>
 * where {@code col} does not change in the loop and nothing else in it touches {@code xBar} or a
 * shadow that may be the same array, the sum is built in {@code double xBarCol} and added to
 * {@code xBar[col]} once after the loop (only if it is not zero, so that a loop that did not run
 * never touches an index it never used). The element is then not read and written back through
 * memory on every trip, which the JIT cannot do by itself while two {@code double[]} may alias.
 */
public final class Accumulators extends StatementRewriter implements Pass {
  private final Derivatives bars;
  private final Aliases aliases;

  /** The pass, as {@code Passes} lists it (each run makes its own worker). */
  public Accumulators() {
    this(null, null);
  }

  @Override
  public List<Stmt> apply(List<Stmt> statements, PassContext context) {
    return promote(statements, context.derivatives(), context.aliases());
  }

  private Accumulators(Derivatives bars, Aliases aliases) {
    this.bars = bars;
    this.aliases = aliases;
  }

  public static List<Stmt> promote(List<Stmt> reverse, Derivatives bars, Aliases aliases) {
    return new Accumulators(bars, aliases).list(reverse);
  }

  @Override
  protected void statement(Stmt s, List<Stmt> out) {
    if (s instanceof Stmt.Repeat r) {
      loop(r.body(), body -> new Stmt.Repeat(r.counter(), r.times(), body), out);
    } else if (s instanceof Stmt.While w) {
      loop(w.body(), body -> new Stmt.While(w.condition(), body, w.origin(), w.label()), out);
    } else {
      super.statement(s, out);
    }
  }

  /** A replayed loop ({@code Repeat} or {@code while}) with body {@code original}. */
  private void loop(List<Stmt> original, Function<List<Stmt>, Stmt> make, List<Stmt> out) {
    List<Stmt> body = new ArrayList<>(list(original));
    if (callsAnything(body)) {
      out.add(make.apply(body));
      return;
    }
    Set<Variable> changed = Writes.variables(body);
    List<Stmt> before = new ArrayList<>();
    List<Stmt> after = new ArrayList<>();
    for (int k = 0; k < body.size(); k++) {
      if (body.get(k) instanceof Stmt.ArrayWrite w && promotable(w, body, changed)) {
        Expr.Binary sum = (Expr.Binary) w.value();
        Variable acc = Variable.generated(name(w), sum.type());
        before.add(new Stmt.Declare(acc, zero(sum.type()), null));
        body.set(k, new Stmt.Assign(acc,
            new Expr.Binary(sum.op(), new Expr.Ref(acc), sum.right(), sum.type()), null));
        Expr element = sum.left();
        Expr total = new Expr.Binary(BinaryOp.ADD, element, new Expr.Ref(acc), sum.type());
        after.add(new Stmt.If(
            new Expr.Binary(BinaryOp.NOT_EQUAL, new Expr.Ref(acc), zero(sum.type()), Type.BOOLEAN),
            List.of(new Stmt.ArrayWrite(w.array(), w.index(), total, null)), List.of(), null));
      }
    }
    out.addAll(before);
    out.add(make.apply(body));
    out.addAll(after);
  }

  /**
   * {@code s[i] = s[i] ± e} on a shadow, with {@code s} and {@code i} fixed in the loop and no
   * other access in the loop to {@code s} or to a shadow that may be the same array.
   */
  private boolean promotable(Stmt.ArrayWrite w, List<Stmt> body, Set<Variable> changed) {
    if (!(w.value() instanceof Expr.Binary sum)
        || sum.op() != BinaryOp.ADD && sum.op() != BinaryOp.SUBTRACT
        || !sum.left().equals(new Expr.ArrayRead(w.array(), w.index(), sum.left().type()))
        || sum.left().type().isArray()) {
      return false;
    }
    Variable shadow = Aliases.root(w.array());
    Variable primal = shadow == null ? null : primalOf(shadow);
    Set<Variable> written = Collections.newSetFromMap(new IdentityHashMap<>());
    written.addAll(changed);
    written.addAll(Writes.arrays(body)); // x[at[0]] with at[0] written in the loop is not fixed
    if (primal == null || reads(w.array(), changed) || reads(w.index(), written)) {
      return false;
    }
    List<Expr.ArrayRead> accesses = new ArrayList<>();
    List<Stmt> others = new ArrayList<>(body);
    others.remove(w);
    others.add(new Stmt.Evaluate(sum.right()));
    collect(others, accesses);
    for (Expr.ArrayRead access : accesses) {
      Variable root = Aliases.root(access);
      Variable other = root == null ? null : primalOf(root);
      if (root == shadow || other != null && aliases.mayAlias(other, primal)
          || root == null && access.type() == sum.type()) {
        return false;
      }
    }
    return true;
  }

  private Variable primalOf(Variable shadow) {
    return bars.primalOf(shadow);
  }

  private static boolean reads(Expr e, Set<Variable> changed) {
    return Variables.read(List.of(new Stmt.Evaluate(e))).stream().anyMatch(changed::contains);
  }

  /** Every element access of these statements (writes as reads of the same element). */
  private static void collect(List<Stmt> statements, List<Expr.ArrayRead> out) {
    for (Stmt s : statements) {
      for (Expr e : Subexpressions.ofStatement(s)) {
        collect(e, out);
      }
      if (s instanceof Stmt.ArrayWrite w) {
        out.add(new Expr.ArrayRead(w.array(), w.index(), w.value().type()));
      }
      for (List<Stmt> child : Children.of(s)) {
        collect(child, out);
      }
    }
  }

  private static void collect(Expr e, List<Expr.ArrayRead> out) {
    if (e instanceof Expr.ArrayRead read) {
      out.add(read);
    }
    if (e != null) {
      Subexpressions.of(e).forEach(part -> collect(part, out));
    }
  }

  private static boolean callsAnything(List<Stmt> statements) {
    for (Stmt s : statements) {
      if (s instanceof Stmt.Evaluate) {
        return true;
      }
      for (Expr e : Subexpressions.ofStatement(s)) {
        if (calls(e)) {
          return true;
        }
      }
      for (List<Stmt> child : Children.of(s)) {
        if (callsAnything(child)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean calls(Expr e) {
    if (e instanceof Expr.Call || e instanceof Expr.Runtime || e instanceof Expr.InstanceCall) {
      return true;
    }
    return e != null && Subexpressions.of(e).stream().anyMatch(Accumulators::calls);
  }

  private static String name(Stmt.ArrayWrite w) {
    Variable root = Aliases.root(w.array());
    if (w.index() instanceof Expr.Ref ref) {
      return root.name() + CompanionNames.capitalise(ref.variable().name());
    }
    return root.name() + "Sum";
  }

  private static Expr zero(Type type) {
    return type == Type.FLOAT ? new Expr.Literal(Type.FLOAT, "0.0f") : Algebra.number(0.0);
  }
}
