package dev.cotangent.processor.ir;

/** Small constructors for generated boolean and integer code. */
public final class Exprs {
  private Exprs() {}

  public static Expr ref(Variable variable) {
    return new Expr.Ref(variable);
  }

  public static Expr not(Expr operand) {
    if (operand instanceof Expr.Unary unary && unary.op() == UnaryOp.NOT) {
      return unary.operand();
    }
    return new Expr.Unary(UnaryOp.NOT, operand, Type.BOOLEAN);
  }

  /** {@code a && b}, dropping a literal {@code true} on either side. */
  public static Expr and(Expr a, Expr b) {
    if (a == null || isTrue(a)) {
      return b;
    }
    if (b == null || isTrue(b)) {
      return a;
    }
    return new Expr.Binary(BinaryOp.CONDITIONAL_AND, a, b, Type.BOOLEAN);
  }

  public static Expr or(Expr a, Expr b) {
    if (a == null) {
      return b;
    }
    return new Expr.Binary(BinaryOp.CONDITIONAL_OR, a, b, Type.BOOLEAN);
  }

  public static boolean isTrue(Expr expr) {
    return expr instanceof Expr.Literal literal && literal.text().equals("true");
  }

  /** The class of an enum-valued expression (a variable or a constant), else null. */
  public static com.palantir.javapoet.ClassName objectType(Expr e) {
    if (e instanceof Expr.Ref ref) {
      return ref.variable().objectType();
    }
    if (e instanceof Expr.StaticField field && field.type() == Type.ENUM) {
      return field.owner();
    }
    if (e instanceof Expr.Conditional c) {
      com.palantir.javapoet.ClassName a = objectType(c.ifTrue());
      return a != null ? a : objectType(c.ifFalse());
    }
    return null;
  }

  /** The value a declaration without initialiser starts from. */
  public static Expr defaultValue(Type type) {
    return switch (type) {
      case DOUBLE -> new Expr.Literal(Type.DOUBLE, "0.0");
      case INT -> Expr.Literal.ofInt(0);
      case LONG -> new Expr.Literal(Type.LONG, "0L");
      case BOOLEAN -> Expr.Literal.ofBoolean(false);
      case FLOAT -> new Expr.Literal(Type.FLOAT, "0.0f");
      case CHAR -> new Expr.Literal(Type.CHAR, "'\\0'");
      case BYTE, SHORT -> new Expr.Cast(type, Expr.Literal.ofInt(0));
      default -> new Expr.Literal(type, "null");
    };
  }
}
