package dev.cotangent.processor.differentiate;

import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.MathFunction;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.UnaryOp;
import java.util.List;

/**
 * Java's arithmetic on boxed values, for {@link SweepInterpreter}: a value is a {@code Double},
 * {@code Float}, {@code Integer}, {@code Long}, {@code Boolean}, {@code Character}, {@code Byte}
 * or {@code Short} whose class is the static type
 * the generated Java code gives the expression, so that numeric promotion, integer division,
 * {@code %}, shifts, narrowing casts and the {@code Math} overloads behave exactly as in the
 * compiled companion. Literals are read from their text, as javac reads them ({@code 2} is an
 * {@code int} even where the IR calls it a double).
 */
final class JavaArithmetic {
  private JavaArithmetic() {}

  /** The value of a literal's text, typed as javac types it. */
  static Object literal(Expr.Literal literal) {
    if (literal.text().startsWith("'")) {
      return character(literal.text().substring(1, literal.text().length() - 1));
    }
    String text = literal.text().replace("_", "");
    switch (text) {
      case "true":
        return Boolean.TRUE;
      case "false":
        return Boolean.FALSE;
      case "null":
        return null;
      default:
        break;
    }
    String lower = text.toLowerCase(java.util.Locale.ROOT);
    boolean hex = lower.startsWith("0x") || lower.startsWith("-0x");
    char last = lower.charAt(lower.length() - 1);
    if (last == 'l') {
      return integral(text.substring(0, text.length() - 1));
    }
    if (!hex && last == 'f') {
      return Float.parseFloat(text);
    }
    if ((!hex && (last == 'd' || lower.contains(".") || lower.contains("e")))
        || (hex && lower.contains("p"))) {
      return Double.parseDouble(text);
    }
    return (int) integral(text); // hex, octal and binary literals may fill all 32 bits
  }

  /** A char literal's body (between the quotes): a character or one of Java's escapes. */
  private static Character character(String body) {
    if (!body.startsWith("\\")) {
      return body.charAt(0);
    }
    char c = body.charAt(1);
    return switch (c) {
      case 'n' -> '\n';
      case 't' -> '\t';
      case 'r' -> '\r';
      case 'b' -> '\b';
      case 'f' -> '\f';
      case 's' -> ' ';
      case 'u' -> (char) Integer.parseInt(body.substring(body.lastIndexOf('u') + 1), 16);
      default -> Character.isDigit(c) ? (char) Integer.parseInt(body.substring(1), 8) : c;
    };
  }

  /** An integer literal's digits: decimal, or hex, octal and binary as two's complement bits. */
  private static long integral(String text) {
    boolean negative = text.startsWith("-");
    String digits = negative ? text.substring(1) : text;
    String lower = digits.toLowerCase(java.util.Locale.ROOT);
    long magnitude;
    if (lower.startsWith("0x")) {
      magnitude = Long.parseUnsignedLong(digits.substring(2), 16);
    } else if (lower.startsWith("0b")) {
      magnitude = Long.parseUnsignedLong(digits.substring(2), 2);
    } else if (digits.length() > 1 && digits.startsWith("0")) {
      magnitude = Long.parseUnsignedLong(digits.substring(1), 8);
    } else {
      return Long.parseLong(text);
    }
    return negative ? -magnitude : magnitude;
  }

  /** The value stored into a variable or element of {@code type}: Java's assignment conversion. */
  static Object convert(Object value, Type type) {
    return switch (type) {
      case DOUBLE -> value instanceof Double ? value : (Object) number(value).doubleValue();
      case FLOAT -> value instanceof Float ? value : (Object) number(value).floatValue();
      case INT -> value instanceof Integer ? value : (Object) narrowToInt(number(value));
      case LONG -> value instanceof Long ? value : (Object) narrowToLong(number(value));
      case BOOLEAN -> (Boolean) value;
      case CHAR -> value instanceof Character ? value : (Object) (char) narrowToInt(number(value));
      case BYTE -> value instanceof Byte ? value : (Object) (byte) narrowToInt(number(value));
      case SHORT -> value instanceof Short ? value : (Object) (short) narrowToInt(number(value));
      default -> value;
    };
  }

  /** A numeric value as a Number: a {@code Character} as its code (unary numeric promotion). */
  static Number number(Object value) {
    return value instanceof Character c ? (Number) (int) c : (Number) value;
  }

  /** A value used as an index or size: an int, or a narrow value promoted to int. */
  static int index(Object value) {
    return value instanceof Integer i ? i : (Integer) promoted(value);
  }

  /** Unary numeric promotion: {@code char}, {@code byte} and {@code short} become {@code int}. */
  static Object promoted(Object value) {
    if (value instanceof Character c) {
      return (int) c;
    }
    if (value instanceof Byte || value instanceof Short) {
      return ((Number) value).intValue();
    }
    return value;
  }

  private static int narrowToInt(Number value) {
    if (value instanceof Double || value instanceof Float) {
      return (int) value.doubleValue(); // Java's saturating (int) cast
    }
    return (int) value.longValue();
  }

  private static long narrowToLong(Number value) {
    if (value instanceof Double || value instanceof Float) {
      return (long) value.doubleValue();
    }
    return value.longValue();
  }

  /** {@code (type) value}. */
  static Object cast(Type type, Object value) {
    if (!type.isNumeric()) {
      return value; // (double[]) tape.popObject(), or a boolean: a checked reference cast
    }
    return convert(value, type);
  }

  /** The IR type of a value's class (its static Java type). */
  static Type typeOf(Object value) {
    if (value instanceof Double) {
      return Type.DOUBLE;
    } else if (value instanceof Float) {
      return Type.FLOAT;
    } else if (value instanceof Integer) {
      return Type.INT;
    } else if (value instanceof Long) {
      return Type.LONG;
    } else if (value instanceof Boolean) {
      return Type.BOOLEAN;
    } else if (value instanceof Character) {
      return Type.CHAR;
    } else if (value instanceof Byte) {
      return Type.BYTE;
    } else if (value instanceof Short) {
      return Type.SHORT;
    }
    throw new IllegalStateException("not a primitive value: " + value);
  }

  static Object unary(UnaryOp op, Object raw) {
    Object operand = promoted(raw);
    return switch (op) {
      case NOT -> !(Boolean) operand;
      case PLUS -> operand;
      case NEGATE -> switch (typeOf(operand)) {
        case DOUBLE -> -(Double) operand;
        case FLOAT -> -(Float) operand;
        case INT -> -(Integer) operand;
        case LONG -> -(Long) operand;
        default -> throw new IllegalStateException("-" + operand);
      };
      case COMPLEMENT -> operand instanceof Long l ? (Object) ~l : (Object) ~(Integer) operand;
    };
  }

  /** {@code l op r} for every operator but {@code &&} and {@code ||} (which short-circuit). */
  static Object binary(BinaryOp op, Object rawLeft, Object rawRight) {
    Object l = promoted(rawLeft);
    Object r = promoted(rawRight);
    if (op.isShift()) {
      int distance = (int) ((Number) r).longValue();
      if (l instanceof Long a) {
        return switch (op) {
          case SHIFT_LEFT -> a << distance;
          case SHIFT_RIGHT -> a >> distance;
          default -> a >>> distance;
        };
      }
      int a = (Integer) l;
      return switch (op) {
        case SHIFT_LEFT -> a << distance;
        case SHIFT_RIGHT -> a >> distance;
        default -> a >>> distance;
      };
    }
    if (l instanceof Boolean a) {
      boolean b = (Boolean) r;
      return switch (op) {
        case EQUAL -> a == b;
        case NOT_EQUAL -> a != b;
        case AND -> a & b;
        case OR -> a | b;
        case XOR -> a ^ b;
        default -> throw new IllegalStateException(a + " " + op.symbol() + " " + b);
      };
    }
    if (!(l instanceof Number) || !(r instanceof Number)) { // == on arrays and objects
      return switch (op) {
        case EQUAL -> l == r;
        case NOT_EQUAL -> l != r;
        default -> throw new IllegalStateException(l + " " + op.symbol() + " " + r);
      };
    }
    return switch (Type.promote(typeOf(l), typeOf(r))) {
      case DOUBLE -> real(op, ((Number) l).doubleValue(), ((Number) r).doubleValue());
      case FLOAT -> single(op, ((Number) l).floatValue(), ((Number) r).floatValue());
      case LONG -> integral(op, ((Number) l).longValue(), ((Number) r).longValue());
      default -> integer(op, (Integer) l, (Integer) r);
    };
  }

  private static Object real(BinaryOp op, double a, double b) {
    return switch (op) {
      case ADD -> a + b;
      case SUBTRACT -> a - b;
      case MULTIPLY -> a * b;
      case DIVIDE -> a / b;
      case REMAINDER -> a % b;
      case LESS -> a < b;
      case LESS_EQUAL -> a <= b;
      case GREATER -> a > b;
      case GREATER_EQUAL -> a >= b;
      case EQUAL -> a == b;
      case NOT_EQUAL -> a != b;
      default -> throw new IllegalStateException(a + " " + op.symbol() + " " + b);
    };
  }

  private static Object single(BinaryOp op, float a, float b) {
    return switch (op) {
      case ADD -> a + b;
      case SUBTRACT -> a - b;
      case MULTIPLY -> a * b;
      case DIVIDE -> a / b;
      case REMAINDER -> a % b;
      case LESS -> a < b;
      case LESS_EQUAL -> a <= b;
      case GREATER -> a > b;
      case GREATER_EQUAL -> a >= b;
      case EQUAL -> a == b;
      case NOT_EQUAL -> a != b;
      default -> throw new IllegalStateException(a + " " + op.symbol() + " " + b);
    };
  }

  private static Object integral(BinaryOp op, long a, long b) {
    return switch (op) {
      case ADD -> a + b;
      case SUBTRACT -> a - b;
      case MULTIPLY -> a * b;
      case DIVIDE -> a / b;
      case REMAINDER -> a % b;
      case AND -> a & b;
      case OR -> a | b;
      case XOR -> a ^ b;
      case LESS -> a < b;
      case LESS_EQUAL -> a <= b;
      case GREATER -> a > b;
      case GREATER_EQUAL -> a >= b;
      case EQUAL -> a == b;
      case NOT_EQUAL -> a != b;
      default -> throw new IllegalStateException(a + " " + op.symbol() + " " + b);
    };
  }

  private static Object integer(BinaryOp op, int a, int b) {
    return switch (op) {
      case ADD -> a + b;
      case SUBTRACT -> a - b;
      case MULTIPLY -> a * b;
      case DIVIDE -> a / b;
      case REMAINDER -> a % b;
      case AND -> a & b;
      case OR -> a | b;
      case XOR -> a ^ b;
      case LESS -> a < b;
      case LESS_EQUAL -> a <= b;
      case GREATER -> a > b;
      case GREATER_EQUAL -> a >= b;
      case EQUAL -> a == b;
      case NOT_EQUAL -> a != b;
      default -> throw new IllegalStateException(a + " " + op.symbol() + " " + b);
    };
  }

  /**
   * {@code Math.f(args)} or {@code StrictMath.f(args)} with Java's overload: {@code abs},
   * {@code min} and {@code max} of ints, longs and floats stay so, {@code signum} of a float is a
   * float, {@code round} of a float an int and of a double a long; all else is of doubles.
   */
  static Object math(MathFunction f, boolean strict, List<Object> raw) {
    List<Object> args = raw.stream().map(JavaArithmetic::promoted).toList();
    Object a = args.get(0);
    Object b = args.size() > 1 ? args.get(1) : null;
    Type type = b == null ? typeOf(a) : Type.promote(typeOf(a), typeOf(b));
    switch (f) {
      case FMA:
        if (type == Type.DOUBLE || typeOf(args.get(2)) == Type.DOUBLE) {
          return Math.fma(((Number) a).doubleValue(), ((Number) b).doubleValue(),
              ((Number) args.get(2)).doubleValue());
        }
        return Math.fma(((Number) a).floatValue(), ((Number) b).floatValue(),
            ((Number) args.get(2)).floatValue());
      case ABS, MIN, MAX:
        if (type == Type.INT) {
          int x = (Integer) a;
          return f == MathFunction.ABS ? Math.abs(x)
              : f == MathFunction.MIN ? Math.min(x, (Integer) b) : Math.max(x, (Integer) b);
        }
        if (type == Type.LONG) {
          long x = ((Number) a).longValue();
          return f == MathFunction.ABS ? Math.abs(x) : f == MathFunction.MIN
              ? Math.min(x, ((Number) b).longValue()) : Math.max(x, ((Number) b).longValue());
        }
        if (type == Type.FLOAT) {
          float x = ((Number) a).floatValue();
          return f == MathFunction.ABS ? Math.abs(x) : f == MathFunction.MIN
              ? Math.min(x, ((Number) b).floatValue()) : Math.max(x, ((Number) b).floatValue());
        }
        break;
      case SIGNUM:
        if (type == Type.FLOAT) {
          return strict ? StrictMath.signum((Float) a) : Math.signum((Float) a);
        }
        break;
      case ROUND:
        if (type == Type.FLOAT) {
          return strict ? StrictMath.round((Float) a) : Math.round((Float) a);
        }
        double r = ((Number) a).doubleValue();
        return strict ? StrictMath.round(r) : Math.round(r);
      default:
        break;
    }
    double x = ((Number) a).doubleValue();
    double y = b == null ? Double.NaN : ((Number) b).doubleValue();
    return strict ? strictMath(f, x, y) : math(f, x, y);
  }

  private static double math(MathFunction f, double x, double y) {
    return switch (f) {
      case SIN -> Math.sin(x);
      case COS -> Math.cos(x);
      case TAN -> Math.tan(x);
      case ASIN -> Math.asin(x);
      case ACOS -> Math.acos(x);
      case ATAN -> Math.atan(x);
      case ATAN2 -> Math.atan2(x, y);
      case SINH -> Math.sinh(x);
      case COSH -> Math.cosh(x);
      case TANH -> Math.tanh(x);
      case EXP -> Math.exp(x);
      case EXPM1 -> Math.expm1(x);
      case LOG -> Math.log(x);
      case LOG10 -> Math.log10(x);
      case LOG1P -> Math.log1p(x);
      case SQRT -> Math.sqrt(x);
      case CBRT -> Math.cbrt(x);
      case POW -> Math.pow(x, y);
      case HYPOT -> Math.hypot(x, y);
      case ABS -> Math.abs(x);
      case MIN -> Math.min(x, y);
      case MAX -> Math.max(x, y);
      case SIGNUM -> Math.signum(x);
      case FLOOR -> Math.floor(x);
      case CEIL -> Math.ceil(x);
      case RINT -> Math.rint(x);
      case TO_RADIANS -> Math.toRadians(x);
      case TO_DEGREES -> Math.toDegrees(x);
      case IEEE_REMAINDER -> Math.IEEEremainder(x, y);
      case ROUND -> throw new IllegalStateException("round is a long");
      case FMA -> throw new IllegalStateException("fma has three arguments");
    };
  }

  private static double strictMath(MathFunction f, double x, double y) {
    return switch (f) {
      case SIN -> StrictMath.sin(x);
      case COS -> StrictMath.cos(x);
      case TAN -> StrictMath.tan(x);
      case ASIN -> StrictMath.asin(x);
      case ACOS -> StrictMath.acos(x);
      case ATAN -> StrictMath.atan(x);
      case ATAN2 -> StrictMath.atan2(x, y);
      case SINH -> StrictMath.sinh(x);
      case COSH -> StrictMath.cosh(x);
      case TANH -> StrictMath.tanh(x);
      case EXP -> StrictMath.exp(x);
      case EXPM1 -> StrictMath.expm1(x);
      case LOG -> StrictMath.log(x);
      case LOG10 -> StrictMath.log10(x);
      case LOG1P -> StrictMath.log1p(x);
      case SQRT -> StrictMath.sqrt(x);
      case CBRT -> StrictMath.cbrt(x);
      case POW -> StrictMath.pow(x, y);
      case HYPOT -> StrictMath.hypot(x, y);
      case ABS -> StrictMath.abs(x);
      case MIN -> StrictMath.min(x, y);
      case MAX -> StrictMath.max(x, y);
      case SIGNUM -> StrictMath.signum(x);
      case FLOOR -> StrictMath.floor(x);
      case CEIL -> StrictMath.ceil(x);
      case RINT -> StrictMath.rint(x);
      case TO_RADIANS -> StrictMath.toRadians(x);
      case TO_DEGREES -> StrictMath.toDegrees(x);
      case IEEE_REMAINDER -> StrictMath.IEEEremainder(x, y);
      case ROUND -> throw new IllegalStateException("round is a long");
      case FMA -> throw new IllegalStateException("fma has three arguments");
    };
  }
}
