package dev.cotangent.processor.ir;

/** The types the IR knows: Java primitives Cotangent reads, and arrays of them. */
public enum Type {
  DOUBLE("double"),
  INT("int"),
  LONG("long"),
  BOOLEAN("boolean");

  private final String javaName;

  Type(String javaName) {
    this.javaName = javaName;
  }

  public String javaName() {
    return javaName;
  }

  /** Whether values of this type carry derivatives. */
  public boolean isDifferentiable() {
    return this == DOUBLE;
  }

  public boolean isNumeric() {
    return this != BOOLEAN;
  }

  public boolean isIntegral() {
    return this == INT || this == LONG;
  }

  /** Java's binary numeric promotion. */
  public static Type promote(Type a, Type b) {
    if (a == DOUBLE || b == DOUBLE) {
      return DOUBLE;
    }
    if (a == LONG || b == LONG) {
      return LONG;
    }
    return INT;
  }
}
