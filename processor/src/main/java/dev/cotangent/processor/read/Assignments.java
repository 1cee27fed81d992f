package dev.cotangent.processor.read;

import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Variable;
import java.util.List;

/** Whether a method body assigns a variable (used by later stages). */
public final class Assignments {
  private Assignments() {}

  /** Whether the method may write into one of its array parameters (or their rows). */
  public static boolean writesParameterArrays(List<Variable> parameters, List<Stmt> body) {
    dev.cotangent.processor.analyse.Aliases aliases =
        dev.cotangent.processor.analyse.Aliases.of(body);
    for (Stmt.ArrayWrite write : ArrayWritesIn.of(body)) {
      Variable root = dev.cotangent.processor.analyse.Aliases.root(write.array());
      for (Variable p : parameters) {
        if (root != null && p.type().isArray() && aliases.mayAlias(root, p)) {
          return true;
        }
      }
    }
    return false;
  }

  public static boolean assigns(List<Stmt> body, Variable variable) {
    return Assigned.in(body, variable);
  }
}
