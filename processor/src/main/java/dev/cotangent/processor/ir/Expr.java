package dev.cotangent.processor.ir;

import com.palantir.javapoet.ClassName;
import java.util.List;

/** An expression of the IR. Expressions have no side effects. */
public sealed interface Expr {
  Type type();

  /** A literal, kept in the text the user wrote (or a canonical text for generated literals). */
  record Literal(Type type, String text) implements Expr {
    public static Literal ofDouble(double value) {
      return new Literal(Type.DOUBLE, Double.toString(value));
    }

    public static Literal ofInt(int value) {
      return new Literal(Type.INT, Integer.toString(value));
    }

    public static Literal ofBoolean(boolean value) {
      return new Literal(Type.BOOLEAN, Boolean.toString(value));
    }

    /** The numeric value; NaN for booleans, strings and null. */
    public double value() {
      if (type == Type.BOOLEAN || !type.isNumeric() || text.equals("null")) {
        return Double.NaN;
      }
      if (type == Type.CHAR) {
        return CharLiterals.value(text);
      }
      String digits = text.replace("_", "");
      if (type == Type.DOUBLE || type == Type.FLOAT) {
        return Double.parseDouble(digits);
      }
      return Long.decode(digits.replaceAll("[lL]$", "")).doubleValue();
    }

    public boolean isZero() {
      return type.isNumeric() && value() == 0.0;
    }

    public boolean isOne() {
      return type.isNumeric() && value() == 1.0;
    }
  }

  /** A read of a local variable or parameter. */
  record Ref(Variable variable) implements Expr {
    @Override
    public Type type() {
      return variable.type();
    }
  }

  /** A read of a static field (a constant for differentiation). */
  record StaticField(ClassName owner, String name, Type type) implements Expr {}

  record Unary(UnaryOp op, Expr operand, Type type) implements Expr {}

  record Binary(BinaryOp op, Expr left, Expr right, Type type) implements Expr {}

  record Conditional(Expr condition, Expr ifTrue, Expr ifFalse, Type type) implements Expr {}

  record Cast(Type type, Expr operand) implements Expr {}

  /** {@code Math.f(args)} or {@code StrictMath.f(args)}. */
  record MathCall(MathFunction function, ClassName owner, List<Expr> args, Type type)
      implements Expr {}

  /** {@code array[index]}; {@code array} is a variable or a row {@code m[i]}. */
  record ArrayRead(Expr array, Expr index, Type type) implements Expr {}

  /** {@code array.length}. */
  record Length(Expr array) implements Expr {
    @Override
    public Type type() {
      return Type.INT;
    }
  }

  /** {@code new double[n]}, {@code new double[n][m]} or {@code new double[n][]}: zeros. */
  record NewArray(Type type, List<Expr> dimensions) implements Expr {}

  /** {@code new double[] {a, b, c}} (nested for {@code double[][]}). */
  record ArrayLiteral(Type type, List<Expr> elements) implements Expr {}

  /** {@code array.clone()} of a one-dimensional array: a copy. */
  record CloneArray(Expr array) implements Expr {
    @Override
    public Type type() {
      return array.type();
    }
  }

  /**
   * A call to a static method of user code: another {@code @Differentiable} method, a helper
   * with source in this compilation, or a method whose result is a constant here.
   *
   * @param receiver the receiver of an instance method call (the caller's own), or null
   * @param companion the callee's companions (null for a call of a user's rule)
   * @param rules the user's {@code @DerivativeOf} rule for each parameter (null where there is
   *     none); empty when the callee has no rules and is differentiated through companions
   * @param site the call's tree, for diagnostics (compared by identity)
   */
  record Call(javax.lang.model.element.ExecutableElement callee, ClassName owner, Expr receiver,
      List<Expr> args, Type type, CompanionModel companion,
      List<javax.lang.model.element.ExecutableElement> rules, Object site) implements Expr {
    public String name() {
      return callee.getSimpleName().toString();
    }

    /** Whether the user supplied this callee's derivatives. */
    public boolean hasRules() {
      return !rules.isEmpty();
    }

    /** The call with other arguments. */
    public Call withArgs(List<Expr> newArgs) {
      return new Call(callee, owner, receiver, newArgs, type, companion, rules, site);
    }
  }

  /** {@code Cotangent.detach(x)}: the value of x, without its derivative. */
  record Detach(ClassName owner, Expr operand) implements Expr {
    @Override
    public Type type() {
      return Type.DOUBLE;
    }
  }

  /** A call to a static method of the runtime, e.g. {@code ArrayState.zerosLike(a)}. */
  record Runtime(ClassName owner, String method, List<Expr> args, Type type) implements Expr {}

  /** {@code target.name} of a generated object, e.g. a holder's field. */
  record Field(Expr target, String name, Type type) implements Expr {}

  /** {@code target.method(args)} on a generated object, e.g. {@code dual.tangent()}. */
  record InstanceCall(Expr target, String method, List<Expr> args, Type type) implements Expr {}

  /** {@code new Type(args)} of a generated class. */
  record New(ClassName owner, List<Expr> args) implements Expr {
    @Override
    public Type type() {
      return Type.OBJECT;
    }
  }

  /** Pops the most recent value of the given type from the call's tape (generated code only). */
  record Pop(Type type) implements Expr {}
}
