package dev.cotangent.processor.read;

import com.palantir.javapoet.ClassName;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Type;

/** Turns the value of a compile-time constant field into an IR literal. */
final class Constants {
  private Constants() {}

  static Expr literal(Object value, Type type) {
    if (type == Type.DOUBLE) {
      double number = ((Number) value).doubleValue();
      if (Double.isNaN(number)) {
        return new Expr.StaticField(ClassName.get(Double.class), "NaN", type);
      }
      if (Double.isInfinite(number)) {
        String name = number > 0 ? "POSITIVE_INFINITY" : "NEGATIVE_INFINITY";
        return new Expr.StaticField(ClassName.get(Double.class), name, type);
      }
      return Expr.Literal.ofDouble(number);
    }
    if (type == Type.LONG) {
      return new Expr.Literal(type, ((Number) value).longValue() + "L");
    }
    return new Expr.Literal(type, value.toString());
  }
}
