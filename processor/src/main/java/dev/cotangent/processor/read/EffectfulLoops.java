package dev.cotangent.processor.read;

import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Exprs;
import dev.cotangent.processor.ir.Origin;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.List;

/**
 * Loops whose condition has side effects ({@code while (n-- > 0)}, {@code do ... while (--k !=
 * 0)}, {@code for (; (b = next(b)) > eps; )}): the condition's prelude ({@link SideEffects})
 * must run each time Java evaluates the condition. Each becomes a {@code for} loop that runs the
 * prelude in its initialisation and in its update, which runs after every trip, a {@code
 * continue} included, and not after a {@code break} — exactly when Java evaluates the condition
 * again. The prelude's temporaries are declared once, before the loop, and assigned there.
 */
final class EffectfulLoops {
  private EffectfulLoops() {}

  /** {@code while (prelude; condition) body}. */
  static Stmt whileLoop(List<Stmt> prelude, Expr condition, List<Stmt> body, Origin origin,
      String label) {
    List<Stmt> init = declarations(prelude);
    init.addAll(assignments(prelude));
    return new Stmt.For(init, condition, assignments(prelude), body, origin, label);
  }

  /**
   * {@code do body while (prelude; condition)}: {@code boolean first = true; for (; first ||
   * condition; prelude) { first = false; body }}.
   */
  static Stmt doWhile(List<Stmt> body, List<Stmt> prelude, Expr condition, Origin origin,
      String label) {
    Variable first = Variable.generated("firstPass", Type.BOOLEAN);
    List<Stmt> init = new ArrayList<>();
    init.add(new Stmt.Declare(first, Expr.Literal.ofBoolean(true), null));
    init.addAll(declarations(prelude));
    List<Stmt> trip = new ArrayList<>();
    trip.add(new Stmt.Assign(first, Expr.Literal.ofBoolean(false), null));
    trip.addAll(body);
    return new Stmt.For(init, Exprs.or(Exprs.ref(first), condition), assignments(prelude), trip,
        origin, label);
  }

  /** {@code for (init; prelude; condition; update) body}. */
  static Stmt forLoop(List<Stmt> init, List<Stmt> prelude, Expr condition, List<Stmt> update,
      List<Stmt> body, Origin origin, String label) {
    List<Stmt> before = new ArrayList<>(init);
    before.addAll(declarations(prelude));
    before.addAll(assignments(prelude));
    List<Stmt> after = new ArrayList<>(update);
    after.addAll(assignments(prelude));
    return new Stmt.For(before, condition, after, body, origin, label);
  }

  /** {@code T v;} for every variable the prelude declares, nested ones included. */
  private static List<Stmt> declarations(List<Stmt> prelude) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : Children.flatten(prelude)) {
      if (s instanceof Stmt.Declare d) {
        out.add(new Stmt.Declare(d.variable(), null, d.origin()));
      }
    }
    return out;
  }

  /** The prelude with each declaration an assignment (none for one without a value). */
  private static List<Stmt> assignments(List<Stmt> prelude) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : prelude) {
      if (s instanceof Stmt.Declare d) {
        if (d.init() != null) {
          out.add(new Stmt.Assign(d.variable(), d.init(), d.origin()));
        }
      } else {
        out.add(Children.map(s, EffectfulLoops::assignments));
      }
    }
    return out;
  }
}
