package dev.cotangent.processor.differentiate.rules;

import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Expr;

/**
 * A product of an active value with itself, possibly scaled by an inactive factor: {@code u * u},
 * {@code (k * u) * u}, {@code u * (u * k)}, ... Its derivative is {@code 2 * (k * u) * du}: one
 * product instead of the product rule's two (the tangent and the adjoint both use this).
 *
 * @param scaled the factor that holds {@code k * u} (or {@code u} itself): its value, times 2,
 *     is the partial
 * @param operand the other factor, {@code u}: the one whose derivative is propagated
 */
public record ScaledSquare(Expr scaled, Expr operand) {

  /** The scaled square {@code b} is, or null. */
  public static ScaledSquare of(Linearization linear, Expr.Binary b) {
    if (b.op() != BinaryOp.MULTIPLY || !linear.isActive(b.left())
        || !linear.isActive(b.right())) {
      return null;
    }
    if (b.left().equals(b.right()) || scales(linear, b.left(), b.right())) {
      return new ScaledSquare(b.left(), b.right());
    }
    if (scales(linear, b.right(), b.left())) {
      return new ScaledSquare(b.right(), b.left());
    }
    return null;
  }

  /** Whether {@code scaled} is {@code k * u} or {@code u * k} with {@code k} inactive. */
  private static boolean scales(Linearization linear, Expr scaled, Expr u) {
    return scaled instanceof Expr.Binary s && s.op() == BinaryOp.MULTIPLY
        && (s.right().equals(u) && !linear.isActive(s.left())
            || s.left().equals(u) && !linear.isActive(s.right()));
  }
}
