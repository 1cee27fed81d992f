package dev.cotangent.processor.ir;

import java.util.Optional;

/**
 * The {@code java.lang.Math} and {@code StrictMath} functions Cotangent differentiates. Their
 * derivative rules live in one table, {@code differentiate.MathRules}.
 */
public enum MathFunction {
  SIN(1), COS(1), TAN(1), ASIN(1), ACOS(1), ATAN(1), ATAN2(2),
  SINH(1), COSH(1), TANH(1),
  EXP(1), EXPM1(1), LOG(1), LOG10(1), LOG1P(1),
  SQRT(1), CBRT(1), POW(2), HYPOT(2),
  ABS(1), MIN(2), MAX(2),
  SIGNUM(1), FLOOR(1), CEIL(1), RINT(1), ROUND(1),
  TO_RADIANS(1), TO_DEGREES(1),
  /** {@code Math.fma(a, b, c)}: {@code a * b + c} rounded once. */
  FMA(3),
  /** {@code Math.IEEEremainder(x, y)}: {@code x - n * y}, n the quotient rounded to even. */
  IEEE_REMAINDER(2);

  private final int arity;

  MathFunction(int arity) {
    this.arity = arity;
  }

  public int arity() {
    return arity;
  }

  /** The Java method name, e.g. {@code toRadians}. */
  public String javaName() {
    if (this == IEEE_REMAINDER) {
      return "IEEEremainder";
    }
    String lower = name().toLowerCase(java.util.Locale.ROOT);
    int underscore = lower.indexOf('_');
    if (underscore < 0) {
      return lower;
    }
    return lower.substring(0, underscore)
        + Character.toUpperCase(lower.charAt(underscore + 1))
        + lower.substring(underscore + 2);
  }

  /** Functions that also accept {@code int} and {@code long} arguments (as Java overloads). */
  public boolean acceptsIntegers() {
    return this == ABS || this == MIN || this == MAX;
  }

  public static Optional<MathFunction> named(String javaName) {
    for (MathFunction function : values()) {
      if (function.javaName().equals(javaName)) {
        return Optional.of(function);
      }
    }
    return Optional.empty();
  }
}
