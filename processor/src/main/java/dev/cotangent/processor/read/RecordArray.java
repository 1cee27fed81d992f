package dev.cotangent.processor.read;

import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.List;

/**
 * An array of records, scalar-replaced: one array per leaf of the element's shape ({@code Vec3[]
 * ps} is {@code psX}, {@code psY}, {@code psZ}), so that {@code ps[i].x()} is {@code psX[i]}.
 */
record RecordArray(RecordShape shape, List<Expr> arrays) {
  RecordArray {
    arrays = List.copyOf(arrays);
  }

  static RecordArray of(RecordShape shape, List<Variable> variables) {
    List<Expr> reads = new ArrayList<>();
    for (Variable v : variables) {
      reads.add(new Expr.Ref(v));
    }
    return new RecordArray(shape, reads);
  }

  /** The element at {@code index}: a read of each leaf array. */
  RecordValue element(Expr index) {
    List<Expr> leaves = new ArrayList<>();
    for (Expr array : arrays) {
      leaves.add(new Expr.ArrayRead(array, index, array.type().element()));
    }
    return new RecordValue(shape, leaves);
  }

  /** The leaf arrays' variables, or null if one is not a variable's read. */
  List<Variable> variables() {
    List<Variable> out = new ArrayList<>();
    for (Expr e : arrays) {
      if (!(e instanceof Expr.Ref ref)) {
        return null;
      }
      out.add(ref.variable());
    }
    return out;
  }
}
