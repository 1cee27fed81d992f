package dev.cotangent.processor.read;

import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.List;

/** The element writes of a method body. */
final class ArrayWritesIn {
  private ArrayWritesIn() {}

  static List<Stmt.ArrayWrite> of(List<Stmt> statements) {
    List<Stmt.ArrayWrite> out = new ArrayList<>();
    for (Stmt s : Children.flatten(statements)) {
      if (s instanceof Stmt.ArrayWrite w) {
        out.add(w);
      }
    }
    return out;
  }
}
