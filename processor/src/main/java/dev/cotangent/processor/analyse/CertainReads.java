package dev.cotangent.processor.analyse;

import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Subexpressions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The element reads a statement certainly evaluates whenever it runs: not in a branch of
 * {@code ?:} and not on the right of {@code &&} or {@code ||}. Reading such an element earlier,
 * or once for several uses, reads nothing the code would not have read.
 */
public final class CertainReads {
  private CertainReads() {}

  /**
   * The outermost certain reads of scalar elements in {@code s} that {@code wanted} accepts, each
   * once, in the order of evaluation; a read that is not wanted is searched for reads in its
   * array and index.
   */
  public static List<Expr.ArrayRead> of(Stmt s, Predicate<Expr.ArrayRead> wanted) {
    List<Expr.ArrayRead> out = new ArrayList<>();
    for (Expr e : Subexpressions.ofStatement(s)) {
      collect(e, wanted, out);
    }
    return out;
  }

  private static void collect(Expr e, Predicate<Expr.ArrayRead> wanted,
      List<Expr.ArrayRead> out) {
    if (e instanceof Expr.ArrayRead read && !read.type().isArray() && wanted.test(read)) {
      if (!out.contains(read)) {
        out.add(read);
      }
      return;
    }
    if (e instanceof Expr.Conditional c) {
      collect(c.condition(), wanted, out);
      return;
    }
    if (e instanceof Expr.Binary b && (b.op() == BinaryOp.CONDITIONAL_AND
        || b.op() == BinaryOp.CONDITIONAL_OR)) {
      collect(b.left(), wanted, out);
      return;
    }
    Subexpressions.of(e).forEach(part -> collect(part, wanted, out));
  }
}
