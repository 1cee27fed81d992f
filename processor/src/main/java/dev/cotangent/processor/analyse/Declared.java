package dev.cotangent.processor.analyse;

import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.List;

/** The variables a body declares, with some already known (parameters, say). */
final class Declared {
  private Declared() {}

  static List<Variable> in(List<Stmt> body, Iterable<Variable> known) {
    List<Variable> out = new ArrayList<>();
    known.forEach(out::add);
    collect(body, out);
    return out;
  }

  private static void collect(List<Stmt> statements, List<Variable> out) {
    for (Stmt s : statements) {
      if (s instanceof Stmt.Declare d) {
        out.add(d.variable());
      }
      for (List<Stmt> child : Children.of(s)) {
        collect(child, out);
      }
    }
  }
}
