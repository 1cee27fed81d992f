package dev.cotangent.processor.differentiate.rules;

import com.palantir.javapoet.ClassName;

/** Runtime classes the tangent transform refers to. */
public final class TangentClasses {
  public static final ClassName DUAL = ClassName.get("dev.cotangent.runtime", "Dual");

  private TangentClasses() {}
}
