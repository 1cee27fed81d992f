package dev.cotangent.processor.differentiate.tape;

import dev.cotangent.processor.analyse.Variables;
import dev.cotangent.processor.analyse.Writes;
import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Variable;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Scalar assignments in a loop whose old value the reverse sweep would restore on every trip and
 * never read before the restore that follows: logistic regression's {@code z += w[j] * x[k][j]},
 * a softmax's {@code sumExp += exp}, each after {@code z = 0} / {@code sumExp = 0}. They need no
 * tape (switched off with {@code -Acotangent.passes=-DeadRestores}).
 *
 * <p><b>Soundness.</b> An assignment {@code S: v = value} of a scalar {@code v}, directly in the
 * body of a loop {@code W}, qualifies when
 * <ol>
 *   <li>its own reverse code does not read {@code v}: {@code value} is {@code v + e},
 *       {@code v - e} or {@code e + v} with {@code e} free of {@code v} (the partial with respect
 *       to the old {@code v} is the constant 1), or does not mention {@code v};</li>
 *   <li>no other statement of {@code W}'s body (nested ones included) and not {@code W}'s
 *       condition mentions {@code v};</li>
 *   <li>in the statement list holding {@code W}, the last statement before {@code W} that
 *       mentions {@code v} is {@code v = e} (an assignment or declaration) with {@code e} free of
 *       {@code v}, and no statement between it and {@code W} mentions {@code v}.</li>
 * </ol>
 * The reverse code of a statement reads only the variables the statement mentions. In reverse
 * order, everything that runs between two restores of {@code v} by {@code S} is the reverse code
 * of the rest of {@code W}'s body and of {@code S} itself (1, 2): none reads {@code v}. After
 * the first trip's reverse, the reverse code of the statements between {@code W} and the
 * definition {@code v = e} does not read {@code v} (3), and then that definition's reverse code
 * either restores {@code v} (so it holds again what it held before {@code e} was assigned, as
 * with the restores) or, where the sweep does not tape it, nothing in reverse reads the value it
 * overwrote before {@code v} is written again (the reason it is not taped). So without the
 * restores in {@code W} every read of {@code v} in the reverse sweep sees the value it saw with
 * them. What follows {@code W} in program order reads {@code v}'s final value, which its reverse
 * code sees before {@code W}'s reverse runs.
 *
 * <p><b>Gain</b>: one taped double per trip of the innermost loop of logistic regression (50 per
 * point at d=50) and of a softmax's normaliser (the LSTM, 14 per step); see
 * {@code benchmarks/README.md}.
 */
public final class DeadRestores {
  private final Set<Stmt> dead = Collections.newSetFromMap(new IdentityHashMap<>());

  private DeadRestores() {}

  /** The assignments of {@code body} (by identity) whose old values need no tape. */
  public static Set<Stmt> in(List<Stmt> body) {
    DeadRestores found = new DeadRestores();
    found.walk(body);
    return found.dead;
  }

  private void walk(List<Stmt> statements) {
    for (int i = 0; i < statements.size(); i++) {
      Stmt s = statements.get(i);
      if (s instanceof Stmt.While w) {
        for (Stmt inner : w.body()) {
          if (inner instanceof Stmt.Assign a && qualifies(a, w, statements.subList(0, i))) {
            dead.add(a);
          }
        }
      }
      for (List<Stmt> child : Children.of(s)) {
        walk(child);
      }
    }
  }

  private static boolean qualifies(Stmt.Assign s, Stmt.While w, List<Stmt> before) {
    Variable v = s.variable();
    if (v.type().isArray() || !ownReverseSkips(v, s.value()) || Variables.occurs(v, w.condition())) {
      return false;
    }
    for (Stmt other : w.body()) {
      if (other != s && mentions(other, v)) {
        return false;
      }
    }
    for (int j = before.size() - 1; j >= 0; j--) {
      Stmt p = before.get(j);
      if (!mentions(p, v)) {
        continue;
      }
      if (p instanceof Stmt.Assign a && a.variable() == v) {
        return !Variables.occurs(v, a.value());
      }
      if (p instanceof Stmt.Declare d && d.variable() == v) {
        return d.init() != null && !Variables.occurs(v, d.init());
      }
      return false;
    }
    return false;
  }

  /** Whether the reverse code of {@code v = value} reads no value of {@code v}. */
  private static boolean ownReverseSkips(Variable v, Expr value) {
    if (!Variables.occurs(v, value)) {
      return true;
    }
    if (value instanceof Expr.Binary b
        && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUBTRACT)) {
      if (isRef(b.left(), v) && !Variables.occurs(v, b.right())) {
        return true;
      }
      return b.op() == BinaryOp.ADD && isRef(b.right(), v) && !Variables.occurs(v, b.left());
    }
    return false;
  }

  private static boolean isRef(Expr e, Variable v) {
    return e instanceof Expr.Ref r && r.variable() == v;
  }

  private static boolean mentions(Stmt s, Variable v) {
    List<Stmt> one = List.of(s);
    return Variables.read(one).contains(v) || Writes.variables(one).contains(v);
  }
}
