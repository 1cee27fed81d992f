package dev.cotangent.processor.differentiate.rules;

import com.palantir.javapoet.ClassName;
import dev.cotangent.processor.ir.Type;

/** Runtime classes the tangent transform refers to. */
public final class TangentClasses {
  public static final ClassName DUAL = ClassName.get("dev.cotangent.runtime", "Dual");

  private TangentClasses() {}

  /**
   * What the tangent companion of a method with this result returns when it is given no array
   * for the result's tangent: {@code Dual} for a number, {@code VectorDual}, {@code MatrixDual}
   * or {@code FloatVectorDual} (the result and its tangent) for arrays.
   */
  public static ClassName dualOf(Type result) {
    return switch (result) {
      case DOUBLE_ARRAY -> ClassName.get("dev.cotangent.runtime", "VectorDual");
      case DOUBLE_MATRIX -> ClassName.get("dev.cotangent.runtime", "MatrixDual");
      case FLOAT_ARRAY -> ClassName.get("dev.cotangent.runtime", "FloatVectorDual");
      default -> DUAL;
    };
  }
}
