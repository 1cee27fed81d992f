package dev.cotangent.processor.differentiate;

import dev.cotangent.processor.differentiate.rules.Algebra;
import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;

/** Hand-built adjoint IR for the transform tests, shaped as {@link StatementAdjoint} builds it. */
final class IrCode {
  private IrCode() {}

  static Expr ref(Variable v) {
    return new Expr.Ref(v);
  }

  /** {@code array[index]} of a {@code double[]}. */
  static Expr at(Variable array, Expr index) {
    return new Expr.ArrayRead(ref(array), index, Type.DOUBLE);
  }

  static Expr plusOne(Variable index) {
    return new Expr.Binary(BinaryOp.ADD, ref(index), Expr.Literal.ofInt(1), Type.INT);
  }

  /** {@code v += delta}. */
  static Stmt inc(Variable v, Expr delta) {
    return new Stmt.Assign(v, Algebra.add(ref(v), delta), null);
  }

  /** {@code array[index] += delta}. */
  static Stmt inc(Variable array, Expr index, Expr delta) {
    return new Stmt.ArrayWrite(ref(array), index, Algebra.add(at(array, index), delta), null);
  }
}
