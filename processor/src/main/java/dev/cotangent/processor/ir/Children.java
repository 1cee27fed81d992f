package dev.cotangent.processor.ir;

import java.util.ArrayList;
import java.util.List;

/** The statement lists nested in a statement. */
public final class Children {
  private Children() {}

  public static List<List<Stmt>> of(Stmt statement) {
    if (statement instanceof Stmt.If s) {
      return List.of(s.then(), s.otherwise());
    }
    if (statement instanceof Stmt.While s) {
      return List.of(s.body());
    }
    if (statement instanceof Stmt.DoWhile s) {
      return List.of(s.body());
    }
    if (statement instanceof Stmt.For s) {
      return List.of(s.init(), s.update(), s.body());
    }
    if (statement instanceof Stmt.Block s) {
      return List.of(s.body());
    }
    if (statement instanceof Stmt.Repeat s) {
      return List.of(s.body());
    }
    return List.of();
  }

  /** Every statement of {@code statements}, nested ones included, in program order. */
  public static List<Stmt> flatten(List<Stmt> statements) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : statements) {
      out.add(s);
      for (List<Stmt> child : of(s)) {
        out.addAll(flatten(child));
      }
    }
    return out;
  }
}
