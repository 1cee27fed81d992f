package dev.cotangent.processor.lower;

import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Subexpressions;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.List;

/**
 * An index that reads an array, as in {@code w[(int) w[0]] = e}, is computed once into a local
 * before the write: the write may change what it reads, and the reverse sweep must find the
 * element the forward sweep wrote.
 */
final class IndexOnce {
  private IndexOnce() {}

  static Expr index(Expr index, List<Stmt> before) {
    if (!readsArray(index)) {
      return index;
    }
    Variable at = Variable.generated("index", Type.INT);
    before.add(new Stmt.Declare(at, index, null));
    return new Expr.Ref(at);
  }

  /** The rows of {@code m[i][j]}: their indices too. */
  static Expr array(Expr array, List<Stmt> before) {
    if (array instanceof Expr.ArrayRead row) {
      return new Expr.ArrayRead(array(row.array(), before), index(row.index(), before),
          row.type());
    }
    return array;
  }

  private static boolean readsArray(Expr e) {
    if (e instanceof Expr.ArrayRead || e instanceof Expr.Length || e instanceof Expr.Call) {
      return true;
    }
    return Subexpressions.of(e).stream().anyMatch(IndexOnce::readsArray);
  }

}
