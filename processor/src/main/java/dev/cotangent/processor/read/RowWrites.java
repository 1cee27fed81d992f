package dev.cotangent.processor.read;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.Tree;
import dev.cotangent.processor.Message;
import dev.cotangent.processor.analyse.Aliases;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Origin;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.List;

/**
 * {@code m[i] = row}: replacing a row of a {@code double[][]} (a row swap {@code a[i] = a[p]},
 * {@code a[i] = m[i].clone()}, {@code a[i] = new double[n]}, {@code a[i] = Arrays.copyOf(r, n)}).
 *
 * <p>The statement stores a reference: {@code Stmt.ArrayWrite} with an array value that names an
 * array (a variable or a row); any other value (a new array, a clone, a copy, a call) is first
 * given a local of its own, so that the sweeps see a named row. Shadow memory then mirrors
 * primal memory at reference level: the sweeps store the row's shadow into the matrix's shadow
 * ({@code mBar[i] = rowBar}), so every alias the primal makes the shadow makes too, and
 * {@code analyse/Aliases} puts {@code m} and the row in one class (activity and taping treat them
 * as one array). The reverse sweep restores the overwritten references, primal and shadow, from
 * the tape's reference stack.
 *
 * <p>Only a matrix local that owns its outer array (declared with {@code new}, an initialiser or
 * {@code clone()}, and never reassigned) may have its rows replaced: the outer array of a
 * parameter is the caller's, whose references the companions could not give back as the
 * original leaves them; a reassigned local could be one.
 */
final class RowWrites {
  private RowWrites() {}

  /** Whether an assignment to {@code target} replaces a row of a {@code double[][]}. */
  static boolean replacesRow(Expr.ArrayRead target) {
    return target.type().isArray() && target.array().type().dimensions() == 2
        && target.array().type().scalar() == Type.DOUBLE;
  }

  static Stmt of(ExpressionReader expressions, ArrayAccessTree tree, Expr.ArrayRead target,
      ExpressionTree valueTree, Origin origin) throws ReadException {
    expressions.arrays().checkWritable(tree, target.array());
    Variable matrix = target.array() instanceof Expr.Ref ref ? ref.variable() : null;
    if (matrix == null || !expressions.arrays().rowsReplaceable(matrix)) {
      throw new ReadException(tree, Message.UNSUPPORTED, "replacing a row of "
          + (matrix == null ? "this matrix" : matrix.name()) + ", whose outer array may be"
          + " a parameter's or another variable's", "replace the rows of a local matrix of its"
          + " own, never reassigned: double[][] a = m.clone(); or new double[n][n]");
    }
    Expr value = expressions.read(valueTree, target.type());
    CallPlaces.check(value, true, "an assigned value");
    ExpressionStatements.checkAssignable(valueTree, target.type(), value);
    if (value instanceof Expr.Ref || value instanceof Expr.ArrayRead) {
      expressions.arrays().checkWritable(valueTree, value); // a field's row would be written
      return new Stmt.ArrayWrite(target.array(), target.index(), value, origin);
    }
    Variable row = Variable.generated(matrix.name() + "Row", target.type());
    return new Stmt.Block(List.of(new Stmt.Declare(row, value, origin),
        new Stmt.ArrayWrite(target.array(), target.index(), new Expr.Ref(row), origin)));
  }

  /** A matrix whose rows are replaced, assigned another matrix. */
  static ReadException reassigned(Tree tree, Variable matrix) {
    return new ReadException(tree, Message.UNSUPPORTED, "reassigning " + matrix.name()
        + ", whose rows are replaced", "keep one matrix per variable: declare another local");
  }
}
