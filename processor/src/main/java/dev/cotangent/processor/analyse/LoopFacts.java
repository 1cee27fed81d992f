package dev.cotangent.processor.analyse;

import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Subexpressions;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a loop body may change: the variables it assigns or declares, the arrays it writes
 * elements of, and whether it calls anything (a call may write into any array it can reach) or
 * may throw (a guard: then nothing after it may be read before it, and {@code calls} is set too,
 * so that passes leave the loop as it is).
 */
public record LoopFacts(Set<Variable> assigned, List<Expr> writes, boolean calls) {

  public static LoopFacts of(List<Stmt> body) {
    Set<Variable> assigned = Writes.variables(body);
    List<Expr> writes = new ArrayList<>();
    boolean[] calls = {false};
    scan(body, assigned, writes, calls);
    return new LoopFacts(assigned, writes, calls[0]);
  }

  private static void scan(List<Stmt> statements, Set<Variable> assigned, List<Expr> writes,
      boolean[] calls) {
    for (Stmt s : statements) {
      if (s instanceof Stmt.ArrayWrite w) {
        writes.add(w.array());
      } else if (s instanceof Stmt.Repeat r) {
        assigned.add(r.counter());
      } else if (s instanceof Stmt.Evaluate || s instanceof Stmt.Throw
          || s instanceof Stmt.Assert) {
        calls[0] = true;
      }
      for (Expr e : Subexpressions.ofStatement(s)) {
        calls[0] |= calls(e);
      }
      for (List<Stmt> child : Children.of(s)) {
        scan(child, assigned, writes, calls);
      }
    }
  }

  private static boolean calls(Expr e) {
    if (e instanceof Expr.Call || e instanceof Expr.Runtime || e instanceof Expr.InstanceCall
        || e instanceof Expr.New) {
      return true;
    }
    return Subexpressions.of(e).stream().anyMatch(LoopFacts::calls);
  }

  /** Whether evaluating {@code e} twice is the same as once: no calls, nothing popped. */
  public static boolean pure(Expr e) {
    if (e instanceof Expr.Pop || calls(e)) {
      return false;
    }
    return Subexpressions.of(e).stream().allMatch(LoopFacts::pure);
  }
}
