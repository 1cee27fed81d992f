package dev.cotangent.processor.differentiate.rules;

import com.palantir.javapoet.ClassName;
import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.MathFunction;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.UnaryOp;
import java.util.List;

/**
 * Builds derivative expressions without noise: {@code null} stands for a structural zero, so
 * {@code 0 * x}, {@code x * 1}, {@code x + 0} and {@code -(-x)} never reach generated code.
 */
public final class Algebra {
  public static final ClassName MATH = ClassName.get(Math.class);

  private Algebra() {}

  public static Expr number(double value) {
    return Expr.Literal.ofDouble(value);
  }

  public static Expr add(Expr a, Expr b) {
    if (isZero(a)) {
      return isZero(b) ? null : b;
    }
    if (isZero(b)) {
      return a;
    }
    if (b instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
      return sub(a, u.operand());
    }
    if (a instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
      return sub(b, u.operand());
    }
    if (a instanceof Expr.Conditional x && b instanceof Expr.Conditional y
        && x.condition().equals(y.condition())) {
      return cond(x.condition(), add(x.ifTrue(), y.ifTrue()), add(x.ifFalse(), y.ifFalse()));
    }
    Expr twice = twice(a, b, BinaryOp.ADD);
    return twice != null ? twice : binary(BinaryOp.ADD, a, b);
  }

  /**
   * {@code 2 * u ± 2 * v} as {@code 2 * (u ± v)}: one multiplication instead of two, and the
   * same value (doubling is exact), e.g. the tangent of {@code 100 * a * a + b * b}.
   */
  private static Expr twice(Expr a, Expr b, BinaryOp op) {
    Expr halfA = half(a);
    Expr halfB = half(b);
    if (halfA == null || halfB == null) {
      return null;
    }
    Expr two = ((Expr.Binary) leftmost(a)).left();
    Expr inner = op == BinaryOp.ADD ? add(halfA, halfB) : sub(halfA, halfB);
    return mul(two, inner);
  }

  /** {@code u} when {@code e} is {@code 2 * u} or {@code (2 * u) * w} (then {@code u * w}). */
  public static Expr half(Expr e) {
    if (!(e instanceof Expr.Binary b) || b.op() != BinaryOp.MULTIPLY
        || e.type() != Type.DOUBLE) {
      return null;
    }
    if (isTwo(b.left())) {
      return b.right();
    }
    Expr left = half(b.left());
    return left == null ? null : binary(BinaryOp.MULTIPLY, left, b.right());
  }

  private static Expr leftmost(Expr e) {
    Expr.Binary b = (Expr.Binary) e;
    return isTwo(b.left()) ? b : leftmost(b.left());
  }

  static boolean isTwo(Expr e) {
    return e instanceof Expr.Literal literal && literal.type().isNumeric()
        && literal.value() == 2.0;
  }

  public static Expr sub(Expr a, Expr b) {
    if (isZero(b)) {
      return isZero(a) ? null : a;
    }
    if (isZero(a)) {
      return neg(b);
    }
    if (b instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
      return add(a, u.operand());
    }
    Expr twice = twice(a, b, BinaryOp.SUBTRACT);
    return twice != null ? twice : binary(BinaryOp.SUBTRACT, a, b);
  }

  public static Expr mul(Expr a, Expr b) {
    if (isZero(a) || isZero(b)) {
      return null;
    }
    if (isOne(a)) {
      return b;
    }
    if (isOne(b)) {
      return a;
    }
    if (isMinusOne(a)) {
      return neg(b);
    }
    if (isMinusOne(b)) {
      return neg(a);
    }
    if (a instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
      return neg(mul(u.operand(), b));
    }
    if (b instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
      return neg(mul(a, u.operand()));
    }
    if (a instanceof Expr.Conditional c && isSelector(c)) {
      return cond(c.condition(), mul(c.ifTrue(), b), mul(c.ifFalse(), b));
    }
    if (b instanceof Expr.Conditional c && isSelector(c)) {
      return cond(c.condition(), mul(a, c.ifTrue()), mul(a, c.ifFalse()));
    }
    return binary(BinaryOp.MULTIPLY, a, b);
  }

  public static Expr div(Expr a, Expr b) {
    if (isZero(a)) {
      return null;
    }
    if (isOne(b)) {
      return a;
    }
    if (a instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
      return neg(div(u.operand(), b));
    }
    return binary(BinaryOp.DIVIDE, a, b);
  }

  public static Expr neg(Expr a) {
    if (isZero(a)) {
      return null;
    }
    if (a instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
      return u.operand();
    }
    if (a instanceof Expr.Literal literal && literal.type() == Type.DOUBLE) {
      return number(-literal.value());
    }
    return new Expr.Unary(UnaryOp.NEGATE, a, a.type());
  }

  /** {@code c ? a : b} where either side may be a structural zero. */
  public static Expr cond(Expr condition, Expr a, Expr b) {
    if (isZero(a) && isZero(b)) {
      return null;
    }
    if (a != null && a.equals(b)) {
      return a;
    }
    return new Expr.Conditional(condition, orZero(a), orZero(b), Type.DOUBLE);
  }

  static Expr call(MathFunction function, ClassName owner, Expr... args) {
    return new Expr.MathCall(function, owner, List.of(args), Type.DOUBLE);
  }

  /** {@code v + 1} for an integer counter. */
  public static Expr increment(dev.cotangent.processor.ir.Variable v) {
    return new Expr.Binary(BinaryOp.ADD, new Expr.Ref(v), Expr.Literal.ofInt(1), v.type());
  }

  public static Expr orZero(Expr e) {
    return e == null ? number(0.0) : e;
  }

  static Expr compare(BinaryOp op, Expr a, Expr b) {
    return new Expr.Binary(op, a, b, Type.BOOLEAN);
  }

  private static Expr binary(BinaryOp op, Expr a, Expr b) {
    if (a instanceof Expr.Literal x && b instanceof Expr.Literal y
        && x.type() == Type.DOUBLE && y.type() == Type.DOUBLE && op != BinaryOp.DIVIDE) {
      double value = switch (op) {
        case ADD -> x.value() + y.value();
        case SUBTRACT -> x.value() - y.value();
        default -> x.value() * y.value();
      };
      return number(value);
    }
    return new Expr.Binary(op, a, b, Type.promote(a.type(), b.type()));
  }

  /** {@code c ? 1 : 0} and the like, from the rules of min and max. */
  private static boolean isSelector(Expr.Conditional c) {
    return c.ifTrue() instanceof Expr.Literal && c.ifFalse() instanceof Expr.Literal;
  }

  public static boolean isZero(Expr e) {
    return e == null || e instanceof Expr.Literal literal && literal.isZero();
  }

  private static boolean isOne(Expr e) {
    return e instanceof Expr.Literal literal && literal.isOne();
  }

  private static boolean isMinusOne(Expr e) {
    return e instanceof Expr.Literal literal && literal.type().isNumeric()
        && literal.value() == -1.0;
  }

  /** Leaves that cost nothing to repeat: variables, literals, constants, and their negations. */
  public static boolean isAtomic(Expr e) {
    if (e instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
      return isAtomic(u.operand());
    }
    if (e instanceof Expr.ArrayRead read) {
      return isAtomic(read.array()) && isAtomic(read.index());
    }
    return e instanceof Expr.Ref || e instanceof Expr.Literal || e instanceof Expr.StaticField;
  }
}
