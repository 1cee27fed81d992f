package dev.cotangent.processor.read;

import dev.cotangent.processor.ir.Variable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** The local variables visible at a point of a method body. */
final class Scope {
  private final Deque<Map<String, Variable>> blocks = new ArrayDeque<>();
  /** Names bound to values rather than variables: records, and a record method's arguments. */
  private final Deque<Map<String, Object>> values = new ArrayDeque<>();

  Scope() {
    blocks.push(new HashMap<>());
    values.push(new HashMap<>());
  }

  void enter() {
    blocks.push(new HashMap<>());
    values.push(new HashMap<>());
  }

  void exit() {
    blocks.pop();
    values.pop();
  }

  /** {@code variable} under another name (a record method's parameter bound to a temporary). */
  void declareAs(String name, Variable variable) {
    blocks.peek().put(name, variable);
  }

  /**
   * Binds a name to a value: a {@link RecordValue} (a record local, whose components are
   * variables, or a record argument) or an {@link dev.cotangent.processor.ir.Expr} (a record
   * method's argument, substituted where the body reads it).
   */
  void bind(String name, Object value) {
    values.peek().put(name, value);
  }

  /** The value bound to a name, or null. */
  Object bound(String name) {
    for (Map<String, Object> block : values) {
      Object found = block.get(name);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  void declare(Variable variable) {
    blocks.peek().put(variable.name(), variable);
  }

  /** A name whose declaration was reported as unsupported: its uses say nothing more. */
  void declareUnsupported(String name) {
    blocks.peek().put(name, null);
  }

  boolean isUnsupported(String name) {
    for (Map<String, Variable> block : blocks) {
      if (block.containsKey(name)) {
        return block.get(name) == null;
      }
    }
    return false;
  }

  Variable lookup(String name) {
    for (Map<String, Variable> block : blocks) {
      Variable found = block.get(name);
      if (found != null) {
        return found;
      }
    }
    return null;
  }
}
