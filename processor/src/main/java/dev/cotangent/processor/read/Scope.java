package dev.cotangent.processor.read;

import dev.cotangent.processor.ir.Variable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** The local variables visible at a point of a method body. */
final class Scope {
  private final Deque<Map<String, Variable>> blocks = new ArrayDeque<>();

  Scope() {
    blocks.push(new HashMap<>());
  }

  void enter() {
    blocks.push(new HashMap<>());
  }

  void exit() {
    blocks.pop();
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
