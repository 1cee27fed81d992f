package dev.cotangent.processor.read;

import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.Stmt;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Whether a loop's body can leave the loop: a {@code return}, a {@code throw}, or a break that
 * ends it (an unlabelled break inside a switch leaves only the switch).
 */
final class Exits {
  private Exits() {}

  static boolean any(List<Stmt> body) {
    return leaves(body, new ArrayDeque<>());
  }

  /** {@code inner}: the labels ("" for none) of loops nested inside the loop in question. */
  private static boolean leaves(List<Stmt> statements, Deque<String> inner) {
    for (Stmt s : statements) {
      if (s instanceof Stmt.Return || s instanceof Stmt.Throw) {
        return true;
      }
      if (s instanceof Stmt.Break jump
          && (jump.label() == null ? inner.isEmpty() : !inner.contains(jump.label()))) {
        return true;
      }
      String label = loopLabel(s);
      if (label != null) {
        inner.push(label);
      }
      try {
        for (List<Stmt> child : Children.of(s)) {
          if (leaves(child, inner)) {
            return true;
          }
        }
      } finally {
        if (label != null) {
          inner.pop();
        }
      }
    }
    return false;
  }

  private static String loopLabel(Stmt s) {
    if (s instanceof Stmt.Switch w) {
      return w.label() == null ? "" : w.label();
    }
    String label = s instanceof Stmt.While w ? w.label()
        : s instanceof Stmt.DoWhile d ? d.label()
        : s instanceof Stmt.For f ? f.label()
        : null;
    boolean loop = s instanceof Stmt.While || s instanceof Stmt.DoWhile || s instanceof Stmt.For;
    return loop ? (label == null ? "" : label) : null;
  }
}
