package dev.cotangent.processor.emit;

import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Subexpressions;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.UnaryOp;
import java.util.List;

/**
 * An upper bound on the bytecode javac writes for IR, in bytes, so that emit can tell a generated
 * method that might exceed the JVM's 65,535 bytes per method before javac does ({@link
 * Splitting}).
 *
 * <p>Every node is charged the longest form javac can give it: a variable access costs 4 bytes
 * (a {@code wide} load or store, or {@code aload_0; getfield} of a field in a split method, see
 * {@link FramedBody}), a literal 3 ({@code ldc2_w}), every numeric operator 3 (the operation and
 * a widening on each side), every branch 14 (the inverted test and {@code goto_w} javac writes
 * in methods over 32 KB), a call 3 plus one conversion per argument. The tests compare the bound
 * with the code javac writes for every companion the test suite generates
 * ({@code BytecodeSizeTest}): it is never below it, and typically 1.5 to 3 times above.
 */
final class BytecodeSize {
  /** The JVM's limit on the code of one method. */
  static final int METHOD_LIMIT = 65_535;

  private static final int VARIABLE = 4;
  private static final int CONSTANT = 3;
  private static final int OPERATOR = 3;
  private static final int BRANCH = 14;
  private static final int INVOKE = 3;

  private BytecodeSize() {}

  static int of(List<Stmt> statements) {
    int size = 0;
    for (Stmt s : statements) {
      size += of(s);
    }
    return size;
  }

  static int of(Stmt s) {
    int own = own(s);
    for (List<Stmt> child : Children.of(s)) {
      own += of(child);
    }
    return own;
  }

  private static int own(Stmt s) {
    if (s instanceof Stmt.Comment || s instanceof Stmt.Block) {
      return 0;
    }
    if (s instanceof Stmt.Declare || s instanceof Stmt.Assign) {
      return expressions(s) + 2 * VARIABLE + 2; // a store, a narrowing, a compound's load
    }
    if (s instanceof Stmt.ArrayWrite) {
      return expressions(s) + 5;
    }
    if (s instanceof Stmt.Require) {
      return expressions(s) + BRANCH + 11;
    }
    if (s instanceof Stmt.If || s instanceof Stmt.While) {
      return expressions(s) + 2 * BRANCH;
    }
    if (s instanceof Stmt.Repeat) {
      return expressions(s) + 4 * VARIABLE + 2 * BRANCH;
    }
    if (s instanceof Stmt.Evaluate || s instanceof Stmt.Invoke) {
      return expressions(s) + 2;
    }
    if (s instanceof Stmt.Throw) {
      return expressions(s) + 2 * INVOKE + 4; // new, dup, the constructor, athrow
    }
    if (s instanceof Stmt.Assert) {
      // the class's $assertionsDisabled, two tests, new AssertionError, dup, constructor, athrow
      return expressions(s) + CONSTANT + 2 * BRANCH + 2 * INVOKE + 4;
    }
    if (s instanceof Stmt.For || s instanceof Stmt.DoWhile) {
      return expressions(s) + 2 * BRANCH;
    }
    if (s instanceof Stmt.Switch sw) { // (lowering turns switches into ifs)
      return expressions(s) + BRANCH * (2 + 2 * sw.cases().size());
    }
    if (s instanceof Stmt.Push p) {
      // stack, top and tape loaded, the top incremented (of a field: 11 bytes), call and store
      return expressions(s) + 30 + (p.value().type() == Type.BOOLEAN ? BRANCH : 1);
    }
    if (s instanceof Stmt.Reserve) {
      return expressions(s) + 30;
    }
    throw new IllegalStateException("not in the structured core: " + s);
  }

  private static int expressions(Stmt s) {
    int size = 0;
    for (Expr e : Subexpressions.ofStatement(s)) {
      size += of(e);
    }
    return size;
  }

  static int of(Expr e) {
    int parts = 0;
    for (Expr part : Subexpressions.of(e)) {
      parts += of(part);
    }
    return parts + own(e);
  }

  /** The bytes of the node itself, its operands' excluded. */
  private static int own(Expr e) {
    if (e instanceof Expr.Literal || e instanceof Expr.StaticField || e instanceof Expr.Field) {
      return CONSTANT;
    }
    if (e instanceof Expr.Ref) {
      return VARIABLE;
    }
    if (e instanceof Expr.Unary u) {
      return u.op() == UnaryOp.NOT ? BRANCH : OPERATOR;
    }
    if (e instanceof Expr.Binary b) {
      if (b.type() == Type.STRING) { // concatenation: invokedynamic and conversions
        return 2 * INVOKE + 4;
      }
      if (b.op().isArithmetic() || b.op().isShift() || b.op().isBitwise()) {
        return OPERATOR;
      }
      boolean shortCircuit = b.op() == BinaryOp.CONDITIONAL_AND
          || b.op() == BinaryOp.CONDITIONAL_OR;
      return BRANCH + (shortCircuit ? BRANCH : 2); // a comparison, and its value as 0 or 1
    }
    if (e instanceof Expr.Conditional) {
      return 2 * BRANCH;
    }
    if (e instanceof Expr.Cast || e instanceof Expr.ArrayRead || e instanceof Expr.Length) {
      return 2;
    }
    if (e instanceof Expr.MathCall || e instanceof Expr.Call) {
      return INVOKE + Subexpressions.of(e).size(); // and a conversion of each argument
    }
    if (e instanceof Expr.NewArray) {
      return 4;
    }
    if (e instanceof Expr.ArrayLiteral l) {
      // the length, the array, and per element: dup, index, conversion, store
      return 2 * CONSTANT + l.elements().size() * (CONSTANT + 3);
    }
    if (e instanceof Expr.CloneArray || e instanceof Expr.Detach || e instanceof Expr.Runtime
        || e instanceof Expr.InstanceCall || e instanceof Expr.New) {
      return 2 * INVOKE + 2 + Subexpressions.of(e).size(); // with a cast or a dup, conversions
    }
    if (e instanceof Expr.Pop) {
      // stack and top loaded, the top decremented (of a field: 11 bytes), the element, a test
      return 16 + BRANCH;
    }
    throw new IllegalStateException("cannot size " + e);
  }
}
