package dev.cotangent.processor.differentiate.passes;

import dev.cotangent.processor.analyse.Variables;
import dev.cotangent.processor.differentiate.Pass;
import dev.cotangent.processor.differentiate.PassContext;
import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.CompanionNames;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Subexpressions;
import dev.cotangent.processor.ir.Substitution;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code Math} call repeated in consecutive statements is evaluated once, into a local. The
 * tangent of {@code costheta = Math.cos(theta); sintheta = Math.sin(theta);} needs each function
 * twice, once as a value and once in the other's derivative:
 *
 * <pre>{@code
 * double sinTheta = Math.sin(theta);
 * double costhetaDot = -(sinTheta * thetaDot);
 * double cosTheta = Math.cos(theta);
 * double costheta = cosTheta;
 * double sinthetaDot = cosTheta * thetaDot;
 * double sintheta = sinTheta;
 * }</pre>
 *
 * Only calls whose arguments are variables, literals and {@code + - * /} of them (no element
 * reads, so no array write can change them). The local is declared before the statement that
 * first evaluates the call certainly (not in a branch of {@code ?:}, not right of {@code &&} or
 * {@code ||}) and replaces the call up to and including the first statement that assigns one of
 * its variables; a statement with a body ends the run. The value is the same: a {@code Math}
 * function gives the same result for the same argument within one run.
 */
public final class RepeatedCalls implements Pass {
  /** The pass, as {@code Passes} lists it. */
  public RepeatedCalls() {}

  @Override
  public List<Stmt> apply(List<Stmt> statements, PassContext context) {
    return share(statements);
  }

  public static List<Stmt> share(List<Stmt> statements) {
    List<Stmt> current = new ArrayList<>();
    for (Stmt s : statements) {
      current.add(Children.map(s, RepeatedCalls::share));
    }
    for (int k = 0; k < current.size(); k++) {
      if (!RepeatedReads.simple(current.get(k))) {
        continue;
      }
      for (Expr.MathCall call : certainCalls(current.get(k))) {
        int end = window(current, k, call);
        if (RepeatedReads.occurrences(current.subList(k, end), call) >= 2) {
          Variable local = Variable.generated(name(call), call.type());
          List<Stmt> replaced = Substitution.statements(current.subList(k, end),
              Map.of(call, new Expr.Ref(local)));
          for (int m = k; m < end; m++) {
            current.set(m, replaced.get(m - k));
          }
          current.add(k, new Stmt.Declare(local, call, null));
          k++;
        }
      }
    }
    return current;
  }

  /** {@code sinTheta} for {@code Math.sin(theta)}; {@code sinValue} when the argument is no variable. */
  private static String name(Expr.MathCall call) {
    String function = call.function().javaName();
    if (call.args().size() == 1 && call.args().get(0) instanceof Expr.Ref ref) {
      return function + CompanionNames.capitalise(ref.variable().name());
    }
    return function + "Value";
  }

  /** The outermost calls with plain arguments that {@code s} evaluates whenever it runs. */
  private static List<Expr.MathCall> certainCalls(Stmt s) {
    List<Expr.MathCall> out = new ArrayList<>();
    for (Expr e : Subexpressions.ofStatement(s)) {
      collect(e, out);
    }
    return out;
  }

  private static void collect(Expr e, List<Expr.MathCall> out) {
    if (e instanceof Expr.MathCall call && call.args().stream().allMatch(RepeatedCalls::plain)) {
      if (!out.contains(call)) {
        out.add(call);
      }
      return;
    }
    if (e instanceof Expr.Conditional c) {
      collect(c.condition(), out);
      return;
    }
    if (e instanceof Expr.Binary b && (b.op() == BinaryOp.CONDITIONAL_AND
        || b.op() == BinaryOp.CONDITIONAL_OR)) {
      collect(b.left(), out);
      return;
    }
    Subexpressions.of(e).forEach(part -> collect(part, out));
  }

  private static boolean plain(Expr e) {
    if (e instanceof Expr.Ref || e instanceof Expr.Literal) {
      return true;
    }
    return e instanceof Expr.Binary b && (b.op() == BinaryOp.ADD
        || b.op() == BinaryOp.SUBTRACT || b.op() == BinaryOp.MULTIPLY
        || b.op() == BinaryOp.DIVIDE) && plain(b.left()) && plain(b.right());
  }

  /**
   * The end (exclusive) of the run from {@code k} in which {@code call} keeps its value: up to
   * and including the first statement that assigns one of its variables, before the first one
   * with a body, and at most {@link RepeatedReads#LONGEST_RUN} statements.
   */
  private static int window(List<Stmt> statements, int k, Expr.MathCall call) {
    Set<Variable> uses = Variables.in(call);
    int last = Math.min(statements.size(), k + RepeatedReads.LONGEST_RUN);
    for (int m = k; m < last; m++) {
      Stmt s = statements.get(m);
      if (!RepeatedReads.simple(s)) {
        return m;
      }
      if (s instanceof Stmt.Declare d && uses.contains(d.variable())
          || s instanceof Stmt.Assign a && uses.contains(a.variable())) {
        return m + 1;
      }
    }
    return last;
  }
}
