package dev.cotangent.processor.differentiate.reverse;

import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Variable;

/**
 * Integer steps such as a loop counter's {@code i++} or {@code k -= 2}: two's-complement
 * addition is a bijection, so the reverse sweep undoes {@code i = i + c} with
 * {@code i = i - c} exactly, overflow included, instead of taping {@code i}.
 */
public final class Steps {
  private Steps() {}

  /** The assignment that undoes {@code v = value}, or null if it is not an integer step. */
  public static Expr inverse(Variable v, Expr value) {
    if (!v.type().isIntegral() || !(value instanceof Expr.Binary step)
        || !(step.left() instanceof Expr.Ref ref) || ref.variable() != v
        || !(step.right() instanceof Expr.Literal literal) || !literal.type().isIntegral()
        || step.type() != v.type()) {
      return null;
    }
    if (step.op() == BinaryOp.ADD) {
      return new Expr.Binary(BinaryOp.SUBTRACT, ref, literal, v.type());
    }
    if (step.op() == BinaryOp.SUBTRACT) {
      return new Expr.Binary(BinaryOp.ADD, ref, literal, v.type());
    }
    return null;
  }
}
