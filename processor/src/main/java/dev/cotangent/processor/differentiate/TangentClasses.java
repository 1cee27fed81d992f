package dev.cotangent.processor.differentiate;

import com.palantir.javapoet.ClassName;

/** Runtime classes the tangent transform refers to. */
final class TangentClasses {
  static final ClassName DUAL = ClassName.get("dev.cotangent.runtime", "Dual");

  private TangentClasses() {}
}
