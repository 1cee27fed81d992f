package dev.cotangent.processor.ir;

/**
 * A local variable, parameter or generated temporary. Compared by identity: two declarations with
 * the same name in sibling blocks are two variables; the emitter gives each a unique name.
 */
public final class Variable {
  /** Where a variable comes from. */
  public enum Role {
    PARAMETER,
    LOCAL,
    GENERATED
  }

  private final String name;
  private final Type type;
  private final Role role;
  private final boolean noDerivative;
  private final com.palantir.javapoet.ClassName objectType;

  public Variable(String name, Type type, Role role, boolean noDerivative) {
    this(name, type, role, noDerivative, null);
  }

  private Variable(String name, Type type, Role role, boolean noDerivative,
      com.palantir.javapoet.ClassName objectType) {
    this.name = name;
    this.type = type;
    this.role = role;
    this.noDerivative = noDerivative;
    this.objectType = objectType;
  }

  /**
   * A variable of a type that needs its class named ({@link Type#ENUM}); {@code objectType} may
   * be null for the other types.
   */
  public static Variable of(String name, Type type, Role role, boolean noDerivative,
      com.palantir.javapoet.ClassName objectType) {
    return new Variable(name, type, role, noDerivative, objectType);
  }

  /** A generated variable of the type and class of {@code like} (an enum's class too). */
  public static Variable generatedLike(String name, Expr like) {
    return new Variable(name, like.type(), Role.GENERATED, false, Exprs.objectType(like));
  }

  public static Variable generated(String name, Type type) {
    return new Variable(name, type, Role.GENERATED, false);
  }

  /** The receiver of an instance method, the first parameter of its companions. */
  public static Variable receiver(String name, com.palantir.javapoet.ClassName type) {
    return new Variable(name, Type.OBJECT, Role.PARAMETER, true, type);
  }

  public boolean isReceiver() {
    return role == Role.PARAMETER && type == Type.OBJECT;
  }

  /** A generated local holding an object of the given class (a holder, a Dual). */
  public static Variable object(String name, com.palantir.javapoet.ClassName objectType) {
    return new Variable(name, Type.OBJECT, Role.GENERATED, false, objectType);
  }

  /** The class of an {@link Type#OBJECT} or {@link Type#ENUM} variable. */
  public com.palantir.javapoet.ClassName objectType() {
    return objectType;
  }

  /** The name the user wrote (or the preferred name of a generated variable). */
  public String name() {
    return name;
  }

  public Type type() {
    return type;
  }

  public Role role() {
    return role;
  }

  public boolean isParameter() {
    return role == Role.PARAMETER;
  }

  /** A parameter the user marked {@code @NoDerivative}. */
  public boolean isNoDerivative() {
    return noDerivative;
  }

  /** A parameter whose derivative the companions report. */
  public boolean isDifferentiableParameter() {
    return role == Role.PARAMETER && type.isDifferentiable() && !noDerivative;
  }

  @Override
  public String toString() {
    return name;
  }
}
