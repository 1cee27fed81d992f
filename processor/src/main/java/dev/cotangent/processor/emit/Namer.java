package dev.cotangent.processor.emit;

import dev.cotangent.processor.ir.Variable;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Gives every variable of one generated method a unique Java name. Parameters keep their names;
 * the user's locals keep theirs unless two share a name (sibling blocks), then a number is added;
 * temporaries are numbered {@code t0}, {@code t1}, ...
 */
final class Namer {
  private static final Set<String> NUMBERED = Set.of("t", "bar");

  private final Map<Variable, String> names = new IdentityHashMap<>();
  private final Set<String> used = new HashSet<>();
  /** For each base (and way of numbering), where the next search starts: all below are taken. */
  private final Map<String, Integer> next = new java.util.HashMap<>();

  /** Claims names before anything generated is named, so that user names win. */
  void reserve(Iterable<Variable> variables) {
    for (Variable v : variables) {
      if (!names.containsKey(v)) {
        names.put(v, fresh(v.name(), false));
      }
    }
  }

  String name(Variable v) {
    return names.computeIfAbsent(v, variable ->
        fresh(variable.name(), variable.role() == Variable.Role.GENERATED
            && NUMBERED.contains(variable.name())));
  }

  /** A new name not used in this method, for generated locals such as {@code tape}. */
  String fresh(String base, boolean numbered) {
    if (!numbered && used.add(base)) {
      return base;
    }
    String key = numbered ? base + "#" : base;
    for (int i = next.getOrDefault(key, numbered ? 0 : 2); ; i++) {
      String candidate = base + i;
      if (used.add(candidate)) {
        next.put(key, i + 1);
        return candidate;
      }
    }
  }
}
