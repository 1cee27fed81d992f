package dev.cotangent.processor.read;

import java.util.Map;
import java.util.Set;
import javax.lang.model.element.TypeElement;

/**
 * The library calls a guard's message may make ({@code String.format("%.3f", x)},
 * {@code Arrays.toString(w)}): they format values and change nothing, so the companions make
 * them as the original does, only when the guard throws.
 */
final class MessageCalls {
  private static final Map<String, Set<String>> ALLOWED = Map.of(
      "java.lang.String", Set.of("format", "valueOf", "join"),
      "java.util.Arrays", Set.of("toString", "deepToString"),
      "java.lang.Double", Set.of("toString"),
      "java.lang.Float", Set.of("toString"),
      "java.lang.Integer", Set.of("toString"),
      "java.lang.Long", Set.of("toString"));

  private MessageCalls() {}

  static boolean allowed(TypeElement owner, String method) {
    Set<String> methods = ALLOWED.get(owner.getQualifiedName().toString());
    return methods != null && methods.contains(method);
  }
}
