package dev.cotangent.processor.read;

import com.sun.source.tree.Tree;
import dev.cotangent.processor.Message;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Subexpressions;

/**
 * Where a call that writes into its array arguments may stand: as a statement of its own, or as
 * the whole value of a declaration, an assignment, an element write or a {@code return}. Java
 * evaluates the rest of a larger expression around it in order, some of it before the call
 * changes the arrays; Cotangent gives every such call a statement of its own, so it refuses the
 * call where that would change what the rest reads (and in conditions and messages).
 */
final class CallPlaces {
  private CallPlaces() {}

  /** Refuses a writing call in {@code value} other than {@code value} itself when allowed. */
  static void check(Expr value, boolean wholeAllowed, String place) throws ReadException {
    if (value == null) {
      return;
    }
    if (!(wholeAllowed && value instanceof Expr.Call)) {
      Expr.Call nested = find(value);
      if (nested != null) {
        throw new ReadException((Tree) nested.site(), Message.CALL_PLACE, nested.name(), place);
      }
    } else {
      for (Expr arg : ((Expr.Call) value).args()) {
        check(arg, false, "the arguments of a call");
      }
    }
  }

  private static Expr.Call find(Expr e) {
    if (e instanceof Expr.Call call && writes(call)) {
      return call;
    }
    for (Expr part : Subexpressions.of(e)) {
      Expr.Call found = find(part);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** A call that writes into one of the arrays it is given (as its callee's effects say). */
  static boolean writes(Expr.Call call) {
    if (call.companion() == null || call.companion().effects() == null) {
      return false;
    }
    for (int i = 0; i < call.args().size(); i++) {
      if (call.args().get(i).type().isArray() && call.companion().writes(i)) {
        return true;
      }
    }
    return false;
  }
}
