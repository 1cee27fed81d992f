package dev.cotangent.processor.read;

import com.sun.source.tree.Tree;
import dev.cotangent.processor.Message;
import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Type;

/** Java's binary operators: which tree kind is which operator, and the type of the result. */
final class Operators {
  private Operators() {}

  static BinaryOp binary(Tree.Kind kind) {
    return switch (kind) {
      case MULTIPLY, MULTIPLY_ASSIGNMENT -> BinaryOp.MULTIPLY;
      case DIVIDE, DIVIDE_ASSIGNMENT -> BinaryOp.DIVIDE;
      case REMAINDER, REMAINDER_ASSIGNMENT -> BinaryOp.REMAINDER;
      case PLUS, PLUS_ASSIGNMENT -> BinaryOp.ADD;
      case MINUS, MINUS_ASSIGNMENT -> BinaryOp.SUBTRACT;
      case LEFT_SHIFT, LEFT_SHIFT_ASSIGNMENT -> BinaryOp.SHIFT_LEFT;
      case RIGHT_SHIFT, RIGHT_SHIFT_ASSIGNMENT -> BinaryOp.SHIFT_RIGHT;
      case UNSIGNED_RIGHT_SHIFT, UNSIGNED_RIGHT_SHIFT_ASSIGNMENT -> BinaryOp.UNSIGNED_SHIFT_RIGHT;
      case LESS_THAN -> BinaryOp.LESS;
      case LESS_THAN_EQUAL -> BinaryOp.LESS_EQUAL;
      case GREATER_THAN -> BinaryOp.GREATER;
      case GREATER_THAN_EQUAL -> BinaryOp.GREATER_EQUAL;
      case EQUAL_TO -> BinaryOp.EQUAL;
      case NOT_EQUAL_TO -> BinaryOp.NOT_EQUAL;
      case AND, AND_ASSIGNMENT -> BinaryOp.AND;
      case XOR, XOR_ASSIGNMENT -> BinaryOp.XOR;
      case OR, OR_ASSIGNMENT -> BinaryOp.OR;
      case CONDITIONAL_AND -> BinaryOp.CONDITIONAL_AND;
      case CONDITIONAL_OR -> BinaryOp.CONDITIONAL_OR;
      default -> null;
    };
  }

  /** Checks the operand types of {@code left op right} and builds it with its Java type. */
  static Expr typed(Tree tree, BinaryOp op, Expr left, Expr right) throws ReadException {
    Type l = left.type();
    Type r = right.type();
    boolean bothBoolean = l == Type.BOOLEAN && r == Type.BOOLEAN;
    boolean bothNumeric = l.isNumeric() && r.isNumeric();
    Type type;
    if (op == BinaryOp.ADD && (l == Type.STRING || r == Type.STRING)) {
      // string concatenation (a message): data, never differentiated
      type = Type.STRING;
    } else if (op.isConditional()) {
      type = require(tree, op, bothBoolean, Type.BOOLEAN, l, r);
    } else if (op == BinaryOp.EQUAL || op == BinaryOp.NOT_EQUAL) {
      boolean sameData = l.isData() && l == r;
      type = require(tree, op, bothBoolean || bothNumeric || sameData, Type.BOOLEAN, l, r);
    } else if (op.isComparison()) {
      type = require(tree, op, bothNumeric, Type.BOOLEAN, l, r);
    } else if (op.isBitwise()) {
      boolean integral = l.isIntegral() && r.isIntegral();
      type = require(tree, op, bothBoolean || integral,
          bothBoolean ? Type.BOOLEAN : Type.promote(l, r), l, r);
    } else if (op.isShift()) {
      type = require(tree, op, l.isIntegral() && r.isIntegral(), l, l, r);
    } else {
      type = require(tree, op, bothNumeric, Type.promote(l, r), l, r);
    }
    return new Expr.Binary(op, left, right, type);
  }

  private static Type require(Tree tree, BinaryOp op, boolean fits, Type result, Type l, Type r)
      throws ReadException {
    if (!fits) {
      throw new ReadException(tree, Message.TYPE, l.javaName() + " " + op.symbol() + " "
          + r.javaName(), "here");
    }
    return result;
  }
}
