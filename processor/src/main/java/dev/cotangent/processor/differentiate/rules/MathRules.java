package dev.cotangent.processor.differentiate.rules;

import static dev.cotangent.processor.differentiate.rules.Algebra.add;
import static dev.cotangent.processor.differentiate.rules.Algebra.call;
import static dev.cotangent.processor.differentiate.rules.Algebra.compare;
import static dev.cotangent.processor.differentiate.rules.Algebra.cond;
import static dev.cotangent.processor.differentiate.rules.Algebra.div;
import static dev.cotangent.processor.differentiate.rules.Algebra.mul;
import static dev.cotangent.processor.differentiate.rules.Algebra.neg;
import static dev.cotangent.processor.differentiate.rules.Algebra.number;
import static dev.cotangent.processor.differentiate.rules.Algebra.sub;

import com.palantir.javapoet.ClassName;
import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.MathFunction;
import java.util.List;

/**
 * The derivative of every supported {@code Math} function, written once: the partial derivative
 * with respect to each argument, in terms of the arguments' values {@code a} and the result's
 * value {@code r}. The tangent multiplies it by the argument's tangent; the adjoint multiplies it
 * by the result's adjoint.
 *
 * <p>Conventions at non-smooth points: {@code abs'(0) = 0} (signum); {@code min} and
 * {@code max} pass the derivative to the argument Java returns, the first one on a tie;
 * {@code hypot'(0, 0) = 0};
 * {@code sqrt'(0)} and {@code cbrt'(0)} are {@code +Infinity}; {@code signum}, {@code floor},
 * {@code ceil}, {@code rint} and {@code round} have derivative 0. {@code fma(a, b, c)} has the
 * partials {@code b}, {@code a} and 1. {@code IEEEremainder(x, y)} and {@code x % y} on doubles
 * and floats are {@code x - n * y} with {@code n} the quotient rounded to even (IEEEremainder)
 * or towards zero ({@code %}): ∂/∂x = 1 and ∂/∂y = -n, taken from the value as {@code n =
 * rint((x - r) / y)}; like {@code floor}, they jump where {@code n} changes, and the derivative
 * there is the one-sided one of the {@code n} Java computed.
 */
public final class MathRules {
  private MathRules() {}

  /** Whether the partials read the arguments' values. */
  static boolean usesArguments(MathFunction function) {
    return switch (function) {
      case TAN, TANH, EXP, EXPM1, SQRT, CBRT, TO_RADIANS, TO_DEGREES -> false;
      default -> true;
    };
  }

  /** Whether the partials read the result's value, given which arguments are active. */
  public static boolean usesResult(MathFunction function, List<Boolean> active) {
    return switch (function) {
      case TAN, TANH, EXP, EXPM1, SQRT, CBRT, HYPOT -> true;
      case IEEE_REMAINDER -> active.get(1);
      case POW -> active.get(1);
      default -> false;
    };
  }

  /** ∂f/∂a_i, or {@code null} where it is zero. */
  public static Expr partial(MathFunction f, ClassName m, int i, List<Expr> a, Expr r) {
    Expr x = a.get(0);
    switch (f) {
      case SIN: return call(MathFunction.COS, m, x);
      case COS: return neg(call(MathFunction.SIN, m, x));
      case TAN: return add(number(1.0), mul(r, r));
      case ASIN: return div(number(1.0), call(MathFunction.SQRT, m, sub(number(1.0), mul(x, x))));
      case ACOS:
        return neg(div(number(1.0), call(MathFunction.SQRT, m, sub(number(1.0), mul(x, x)))));
      case ATAN: return div(number(1.0), add(number(1.0), mul(x, x)));
      case ATAN2: {
        Expr y = a.get(0);
        Expr z = a.get(1);
        Expr norm = add(mul(z, z), mul(y, y));
        return i == 0 ? div(z, norm) : neg(div(y, norm));
      }
      case SINH: return call(MathFunction.COSH, m, x);
      case COSH: return call(MathFunction.SINH, m, x);
      case TANH: return sub(number(1.0), mul(r, r));
      case EXP: return r;
      case EXPM1: return add(r, number(1.0));
      case LOG: return div(number(1.0), x);
      case LOG10: return div(number(1.0), mul(x, number(Math.log(10.0))));
      case LOG1P: return div(number(1.0), add(number(1.0), x));
      case SQRT: return div(number(0.5), call(MathFunction.ABS, m, r)); // +Infinity at -0.0 too
      case CBRT: return div(number(1.0), mul(number(3.0), mul(r, r)));
      case POW: return i == 0 ? powerRule(m, x, a.get(1)) : mul(r, call(MathFunction.LOG, m, x));
      case HYPOT: // 0 at the origin, where a/r would be 0/0
        return cond(compare(BinaryOp.EQUAL, r, number(0.0)), null, div(a.get(i), r));
      case ABS: return call(MathFunction.SIGNUM, m, x);
      case MIN: return select(compare(BinaryOp.LESS_EQUAL, a.get(0), a.get(1)), i);
      case MAX: return select(compare(BinaryOp.GREATER_EQUAL, a.get(0), a.get(1)), i);
      case TO_RADIANS: return number(Math.PI / 180.0);
      case TO_DEGREES: return number(180.0 / Math.PI);
      case FMA: return i == 0 ? a.get(1) : i == 1 ? a.get(0) : number(1.0);
      case IEEE_REMAINDER: return i == 0 ? number(1.0) : neg(quotient(m, x, a.get(1), r));
      default: return null;
    }
  }

  /**
   * The integer {@code n} of a remainder {@code r = x - n * y}: {@code rint((x - r) / y)}, exact
   * where {@code |n|} is below 2^52 (the division's error is far below one half).
   */
  static Expr quotient(ClassName m, Expr x, Expr y, Expr r) {
    return call(MathFunction.RINT, m, div(sub(x, r), y));
  }

  /**
   * Whether the term of argument {@code i} is exactly zero where its direction (tangent or
   * adjoint) is zero, even if the partial is NaN: {@code pow}'s exponent, whose partial
   * {@code pow(a, b)·log(a)} is NaN for {@code a <= 0}, so that the tangent along the base alone
   * agrees with the adjoint's ∂/∂a (as in Clad and Enzyme).
   */
  public static boolean zeroDirectionIsZero(MathFunction f, int i) {
    return f == MathFunction.POW && i == 1;
  }

  /** d/dx x^b = b * x^(b - 1), folded when b is a literal. */
  private static Expr powerRule(ClassName m, Expr x, Expr b) {
    if (b instanceof Expr.Literal literal) {
      double lower = literal.value() - 1.0;
      Expr exponent = number(literal.value());
      if (lower == 0.0) {
        return exponent;
      }
      if (lower == 1.0) {
        return mul(exponent, x);
      }
      return mul(exponent, call(MathFunction.POW, m, x, number(lower)));
    }
    return mul(b, call(MathFunction.POW, m, x, sub(b, number(1.0))));
  }

  /** 1 for the argument a comparison selects (first when it holds), 0 for the other. */
  private static Expr select(Expr firstSelected, int i) {
    return i == 0 ? cond(firstSelected, number(1.0), null) : cond(firstSelected, null, number(1.0));
  }
}
