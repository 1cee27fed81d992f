package dev.cotangent.processor.analyse;

import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.List;

/**
 * The arrays a call statement writes into: after lowering, a call whose callee may write into
 * its array arguments ({@code CompanionModel.Effects}) is a statement of its own, {@code
 * matVec(a, x, y);} ({@link Stmt.Invoke}) or the whole value of a declaration or assignment
 * ({@code double e = step(state, dt);}). Analyses that look at element writes look here too:
 * for activity the call's value flows into these arrays, and for taping their contents change.
 */
public final class CallWrites {
  private CallWrites() {}

  /** The call a statement consists of, or null. */
  public static Expr.Call call(Stmt s) {
    Expr value = s instanceof Stmt.Invoke i ? i.call()
        : s instanceof Stmt.Declare d ? d.init()
        : s instanceof Stmt.Assign a ? a.value() : null;
    return value instanceof Expr.Call call ? call : null;
  }

  /**
   * The array arguments (variables or rows {@code m[i]}) the statement's call may write into;
   * every array argument when its callee's effects are unknown.
   */
  public static List<Expr> of(Stmt s) {
    Expr.Call call = call(s);
    return call == null ? List.of() : written(call);
  }

  public static List<Expr> written(Expr.Call call) {
    List<Expr> out = new ArrayList<>();
    for (int i = 0; i < call.args().size(); i++) {
      Expr arg = call.args().get(i);
      if (arg.type().isArray() && (call.companion() == null || call.companion().writes(i))) {
        out.add(arg);
      }
    }
    return out;
  }

  /** The root variables of the arrays the statement's call may write into. */
  public static List<dev.cotangent.processor.ir.Variable> roots(Stmt s) {
    List<dev.cotangent.processor.ir.Variable> out = new ArrayList<>();
    for (Expr e : of(s)) {
      if (Aliases.root(e) != null) {
        out.add(Aliases.root(e));
      }
    }
    return out;
  }

  /**
   * Whether a statement of generated code may write into arrays other than by an element write:
   * it calls user code or a companion ({@code ArrayState}'s copies only write where their
   * arguments say, and only in {@link Stmt.Evaluate}s). Passes that keep element reads in locals
   * end their runs at such a statement.
   */
  public static boolean mayWrite(Stmt s) {
    if (s instanceof Stmt.Invoke || s instanceof Stmt.Evaluate) {
      return true;
    }
    for (Expr e : dev.cotangent.processor.ir.Subexpressions.ofStatement(s)) {
      if (calls(e)) {
        return true;
      }
    }
    return false;
  }

  private static boolean calls(Expr e) {
    if (e instanceof Expr.Call call && call.companion() != null
        && (call.companion().effects() == null || call.companion().writesArguments())) {
      return true;
    }
    if (e instanceof Expr.Runtime r && !r.owner().simpleName().equals("ArrayState")) {
      return true;
    }
    return dev.cotangent.processor.ir.Subexpressions.of(e).stream().anyMatch(CallWrites::calls);
  }
}
