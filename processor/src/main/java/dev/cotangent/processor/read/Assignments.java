package dev.cotangent.processor.read;

import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Variable;
import java.util.List;

/** Whether a method body assigns a variable (used by later stages). */
public final class Assignments {
  private Assignments() {}

  public static boolean writesArrays(List<Stmt> body) {
    return !ArrayWritesIn.of(body).isEmpty();
  }

  public static boolean assigns(List<Stmt> body, Variable variable) {
    return Assigned.in(body, variable);
  }
}
