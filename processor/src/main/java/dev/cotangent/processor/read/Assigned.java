package dev.cotangent.processor.read;

import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Variable;
import java.util.List;

/** Whether statements assign a variable. */
final class Assigned {
  private Assigned() {}

  static boolean in(List<Stmt> statements, Variable variable) {
    for (Stmt s : statements) {
      if (s instanceof Stmt.Assign a && a.variable() == variable) {
        return true;
      }
      for (List<Stmt> child : Children.of(s)) {
        if (in(child, variable)) {
          return true;
        }
      }
    }
    return false;
  }
}
