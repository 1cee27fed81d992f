package dev.cotangent.processor.ir;

/**
 * The types the IR knows: the Java primitives Cotangent reads, arrays of them, and the data types
 * that are carried unchanged and never differentiated ({@code char}, {@code byte}, {@code short},
 * {@code String}, enums: switch selectors, exceptions' messages, index data). The narrow integral
 * types promote to {@code int} in arithmetic and are stored back with Java's narrowing; a further
 * data class belongs next to {@link #STRING}.
 */
public enum Type {
  DOUBLE("double"),
  INT("int"),
  LONG("long"),
  BOOLEAN("boolean"),
  DOUBLE_ARRAY("double[]"),
  DOUBLE_MATRIX("double[][]"),
  INT_ARRAY("int[]"),
  FLOAT("float"),
  FLOAT_ARRAY("float[]"),
  FLOAT_MATRIX("float[][]"),
  /** {@code char}: an integral number (promoted to {@code int} by arithmetic). */
  CHAR("char"),
  /** {@code byte}: an integral number (promoted to {@code int} by arithmetic). */
  BYTE("byte"),
  /** {@code short}: an integral number (promoted to {@code int} by arithmetic). */
  SHORT("short"),
  /** Arrays of the narrow integral types and of {@code int[]}: index data, never differentiated. */
  CHAR_ARRAY("char[]"),
  BYTE_ARRAY("byte[]"),
  SHORT_ARRAY("short[]"),
  INT_MATRIX("int[][]"),
  /** {@code String}: data, compared and concatenated, never differentiated. */
  STRING("String"),
  /** A value of an enum class (the class is on the variable or the constant). */
  ENUM("enum"),
  /** The result of a method that returns nothing (it writes into its array arguments). */
  VOID("void"),
  /** A generated object: a gradient holder or a {@code Dual} (its class is on the variable). */
  OBJECT("Object");

  private final String javaName;

  Type(String javaName) {
    this.javaName = javaName;
  }

  public String javaName() {
    return javaName;
  }

  /** Whether values of this type carry derivatives (doubles and arrays of doubles). */
  public boolean isDifferentiable() {
    return this == DOUBLE || this == DOUBLE_ARRAY || this == DOUBLE_MATRIX
        || this == FLOAT || this == FLOAT_ARRAY || this == FLOAT_MATRIX;
  }

  /** {@code double}, {@code float}, {@code int}, {@code long}, {@code char}, {@code byte} or {@code short}. */
  public boolean isNumeric() {
    return this == DOUBLE || this == FLOAT || isIntegral();
  }

  /** {@code double} or {@code float}. */
  public boolean isFloatingPoint() {
    return this == DOUBLE || this == FLOAT;
  }

  public boolean isIntegral() {
    return this == INT || this == LONG || isNarrow();
  }

  /** {@code char}, {@code byte} or {@code short}: stored back from {@code int} with a narrowing. */
  public boolean isNarrow() {
    return this == CHAR || this == BYTE || this == SHORT;
  }

  /** A data class carried by reference: {@code String} or an enum. */
  public boolean isData() {
    return this == STRING || this == ENUM;
  }

  public boolean isArray() {
    return this == DOUBLE_ARRAY || this == DOUBLE_MATRIX || this == INT_ARRAY
        || this == FLOAT_ARRAY || this == FLOAT_MATRIX || this == CHAR_ARRAY
        || this == BYTE_ARRAY || this == SHORT_ARRAY || this == INT_MATRIX;
  }

  /** The type of an element of this array type. */
  public Type element() {
    return switch (this) {
      case DOUBLE_ARRAY -> DOUBLE;
      case DOUBLE_MATRIX -> DOUBLE_ARRAY;
      case INT_ARRAY -> INT;
      case FLOAT_ARRAY -> FLOAT;
      case FLOAT_MATRIX -> FLOAT_ARRAY;
      case CHAR_ARRAY -> CHAR;
      case BYTE_ARRAY -> BYTE;
      case SHORT_ARRAY -> SHORT;
      case INT_MATRIX -> INT_ARRAY;
      default -> throw new IllegalStateException(this + " is not an array");
    };
  }

  /** The array type whose elements are of this type, or null if the IR has none. */
  public Type arrayOf() {
    return switch (this) {
      case DOUBLE -> DOUBLE_ARRAY;
      case DOUBLE_ARRAY -> DOUBLE_MATRIX;
      case INT -> INT_ARRAY;
      case FLOAT -> FLOAT_ARRAY;
      case FLOAT_ARRAY -> FLOAT_MATRIX;
      case CHAR -> CHAR_ARRAY;
      case BYTE -> BYTE_ARRAY;
      case SHORT -> SHORT_ARRAY;
      case INT_ARRAY -> INT_MATRIX;
      default -> null;
    };
  }

  /** How many array dimensions: 0 for scalars. */
  public int dimensions() {
    return this == DOUBLE_MATRIX || this == FLOAT_MATRIX || this == INT_MATRIX ? 2 : isArray() ? 1 : 0;
  }

  /** The scalar at the bottom of an array type, e.g. {@code double} for {@code double[][]}. */
  public Type scalar() {
    return isArray() ? element().scalar() : this;
  }

  /** Java's binary numeric promotion. */
  public static Type promote(Type a, Type b) {
    if (a == DOUBLE || b == DOUBLE) {
      return DOUBLE;
    }
    if (a == FLOAT || b == FLOAT) {
      return FLOAT;
    }
    if (a == LONG || b == LONG) {
      return LONG;
    }
    return INT;
  }
}
