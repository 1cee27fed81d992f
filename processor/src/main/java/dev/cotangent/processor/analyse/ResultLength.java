package dev.cotangent.processor.analyse;

import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Variable;
import java.util.List;
import java.util.OptionalInt;

/**
 * The length of the array a vector-valued method returns, when its source fixes it: every
 * {@code return} gives {@code new double[] {a, b}}, {@code new double[2]}, or a local declared so
 * and never assigned again ({@code double[] err = new double[2]; ... return err;}), all of one
 * length. The Jacobian then needs no call of the method to learn its number of rows.
 */
public final class ResultLength {
  private ResultLength() {}

  public static OptionalInt of(List<Stmt> body) {
    List<Stmt> all = Children.flatten(body);
    Integer length = null;
    for (Stmt s : all) {
      if (s instanceof Stmt.Return r) {
        Integer one = length(r.value(), all);
        if (one == null || (length != null && !length.equals(one))) {
          return OptionalInt.empty();
        }
        length = one;
      }
    }
    return length == null ? OptionalInt.empty() : OptionalInt.of(length);
  }

  /** {@code all}: every statement of the body, for following a returned local to its array. */
  private static Integer length(Expr value, List<Stmt> all) {
    if (value instanceof Expr.ArrayLiteral literal) {
      return literal.elements().size();
    }
    if (value instanceof Expr.NewArray array && array.dimensions().size() == 1
        && array.dimensions().get(0) instanceof Expr.Literal size) {
      return (int) size.value();
    }
    if (value instanceof Expr.Ref ref) {
      Variable v = ref.variable();
      List<Stmt.Declare> declarations = all.stream()
          .filter(s -> s instanceof Stmt.Declare d && d.variable() == v)
          .map(s -> (Stmt.Declare) s).toList();
      boolean assigned = all.stream()
          .anyMatch(s -> s instanceof Stmt.Assign a && a.variable() == v);
      if (assigned || declarations.size() != 1) {
        return null;
      }
      Expr init = declarations.get(0).init();
      return init instanceof Expr.Ref ? null : length(init, all);
    }
    return null;
  }
}
