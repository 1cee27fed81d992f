package dev.cotangent.processor.analyse;

import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
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
    List<Stmt.Return> returns = new ArrayList<>();
    collect(body, returns);
    Integer length = null;
    for (Stmt.Return r : returns) {
      Integer one = length(r.value(), body);
      if (one == null || (length != null && !length.equals(one))) {
        return OptionalInt.empty();
      }
      length = one;
    }
    return length == null ? OptionalInt.empty() : OptionalInt.of(length);
  }

  private static void collect(List<Stmt> statements, List<Stmt.Return> out) {
    for (Stmt s : statements) {
      if (s instanceof Stmt.Return r) {
        out.add(r);
      }
      for (List<Stmt> child : Children.of(s)) {
        collect(child, out);
      }
    }
  }

  private static Integer length(Expr value, List<Stmt> body) {
    if (value instanceof Expr.ArrayLiteral literal) {
      return literal.elements().size();
    }
    if (value instanceof Expr.NewArray array && array.dimensions().size() == 1
        && array.dimensions().get(0) instanceof Expr.Literal size) {
      return (int) size.value();
    }
    if (value instanceof Expr.Ref ref) {
      List<Stmt.Declare> declarations = new ArrayList<>();
      if (assignedOrDeclared(body, ref.variable(), declarations) || declarations.size() != 1) {
        return null;
      }
      Expr init = declarations.get(0).init();
      return init instanceof Expr.Ref ? null : length(init, body);
    }
    return null;
  }

  /** Whether {@code v} is assigned; collects its declarations. */
  private static boolean assignedOrDeclared(List<Stmt> statements, Variable v,
      List<Stmt.Declare> declarations) {
    for (Stmt s : statements) {
      if (s instanceof Stmt.Assign a && a.variable() == v) {
        return true;
      }
      if (s instanceof Stmt.Declare d && d.variable() == v) {
        declarations.add(d);
      }
      for (List<Stmt> child : Children.of(s)) {
        if (assignedOrDeclared(child, v, declarations)) {
          return true;
        }
      }
    }
    return false;
  }
}
