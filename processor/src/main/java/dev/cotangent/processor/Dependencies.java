package dev.cotangent.processor;

import com.palantir.javapoet.JavaFile;

/**
 * Whether the processor's one dependency, JavaPoet, can be loaded: a processor path that holds
 * {@code cotangent-processor.jar} without it gets one clear error instead of a
 * {@code NoClassDefFoundError} in the middle of a round.
 */
final class Dependencies {
  private Dependencies() {}

  /** Null when everything loads, otherwise what is missing, for the message. */
  static String missing() {
    try {
      JavaFile.class.getName(); // loads the class, or throws NoClassDefFoundError
      return null;
    } catch (LinkageError e) {
      return "JavaPoet (com.palantir.javapoet:javapoet, " + e.getMessage() + ")";
    }
  }
}
