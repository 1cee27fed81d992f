package dev.cotangent.processor.analyse;

import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.List;

/** The calls whose derivatives a method needs: those with a differentiable argument. */
public final class ActiveCalls {
  private ActiveCalls() {}

  /**
   * After lowering every call with a derivative is a statement of its own or the whole value of
   * one ({@link CallWrites#call}).
   */
  public static List<Expr.Call> in(List<Stmt> body, Activity activity) {
    List<Expr.Call> calls = new ArrayList<>();
    collect(body, activity, calls);
    return calls;
  }

  private static void collect(List<Stmt> statements, Activity activity, List<Expr.Call> out) {
    for (Stmt s : statements) {
      Expr.Call call = CallWrites.call(s);
      if (call != null && activity.needsDerivative(call, s)) {
        out.add(call);
      }
      for (List<Stmt> child : Children.of(s)) {
        collect(child, activity, out);
      }
    }
  }
}
