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
    if (type == Type.STRING) {
      return new Expr.Literal(type, "\"" + escaped(value.toString(), '"') + "\"");
    }
    if (type == Type.CHAR) {
      return new Expr.Literal(type, "'" + escaped(value.toString(), '\'') + "'");
    }
    return new Expr.Literal(type, value.toString());
  }

  /** Java source text for the characters of a literal delimited by {@code quote}. */
  private static String escaped(String text, char quote) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c == quote || c == '\\') {
        out.append('\\').append(c);
      } else if (c >= ' ' && c < 0x7f) {
        out.append(c);
      } else if (c < ' ') {
        // three octal digits (a unicode escape of a line break would break the generated line)
        out.append(String.format(java.util.Locale.ROOT, "\\%03o", (int) c));
      } else {
        out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      }
    }
    return out.toString();
  }
}
