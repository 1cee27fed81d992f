package dev.cotangent.processor.differentiate.checkpoint;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * How many snapshots a method's loops may keep: {@code @Differentiable(checkpoints = N)}, read
 * from the element (0 when the attribute is absent, or the method is only called).
 */
public final class CheckpointRequest {
  static final String DIFFERENTIABLE = "dev.cotangent.Differentiable";
  static final String ATTRIBUTE = "checkpoints";

  private CheckpointRequest() {}

  /** The attribute's value on {@code method}, 0 if it has none. */
  public static int of(ExecutableElement method) {
    if (method == null) {
      return 0;
    }
    for (AnnotationMirror annotation : method.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) annotation.getAnnotationType().asElement();
      if (!type.getQualifiedName().contentEquals(DIFFERENTIABLE)) {
        continue;
      }
      for (var entry : annotation.getElementValues().entrySet()) {
        if (entry.getKey().getSimpleName().contentEquals(ATTRIBUTE)) {
          AnnotationValue value = entry.getValue();
          return value.getValue() instanceof Integer n ? n : 0;
        }
      }
    }
    return 0;
  }
}
