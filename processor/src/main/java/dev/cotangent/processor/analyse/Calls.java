package dev.cotangent.processor.analyse;

import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Subexpressions;
import java.util.ArrayList;
import java.util.List;

/** Every call of user code in a piece of IR: in values, conditions, indices, messages. */
public final class Calls {
  private Calls() {}

  public static List<Expr.Call> in(List<Stmt> statements) {
    List<Expr.Call> out = new ArrayList<>();
    for (Stmt s : Children.flatten(statements)) {
      for (Expr e : Subexpressions.ofStatement(s)) {
        collect(e, out);
      }
    }
    return out;
  }

  private static void collect(Expr e, List<Expr.Call> out) {
    if (e instanceof Expr.Call call) {
      out.add(call);
    }
    Subexpressions.of(e).forEach(part -> collect(part, out));
  }
}
