package dev.cotangent.processor.read;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import dev.cotangent.processor.Message;
import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Exprs;
import dev.cotangent.processor.ir.Origin;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.TypeElement;

/**
 * {@code System.arraycopy} and {@code Arrays.fill} as element loops, so that every later stage
 * only sees element reads and writes.
 */
final class ArrayStatements {
  private final ExpressionReader expressions;
  private final NameResolver names;

  ArrayStatements(ExpressionReader expressions, NameResolver names) {
    this.expressions = expressions;
    this.names = names;
  }

  /** The statements for a library call on arrays, or empty if it is not one. */
  Optional<List<Stmt>> call(MethodInvocationTree tree, Origin origin) throws ReadException {
    if (!(tree.getMethodSelect() instanceof MemberSelectTree select)) {
      return Optional.empty();
    }
    Optional<TypeElement> owner = names.type(select.getExpression());
    if (owner.isEmpty()) {
      return Optional.empty();
    }
    String type = owner.get().getQualifiedName().toString();
    String method = select.getIdentifier().toString();
    List<? extends ExpressionTree> args = tree.getArguments();
    if (type.equals("java.lang.System") && method.equals("arraycopy") && args.size() == 5) {
      return Optional.of(arraycopy(args, origin));
    }
    if (type.equals("java.util.Arrays") && method.equals("fill")
        && (args.size() == 2 || args.size() == 4)) {
      return Optional.of(fill(args, origin));
    }
    return Optional.empty();
  }

  /**
   * {@code System.arraycopy(src, from, dst, to, count)}: copied backwards when
   * {@code from < to}, forwards otherwise, which is exact even when src and dst are one array.
   */
  private List<Stmt> arraycopy(List<? extends ExpressionTree> args, Origin origin)
      throws ReadException {
    List<Stmt> out = new ArrayList<>();
    Expr source = oneDimensional(args.get(0), false);
    Expr from = once(args.get(1), "from", out, origin);
    Expr target = oneDimensional(args.get(2), true);
    Expr to = once(args.get(3), "to", out, origin);
    Expr count = once(args.get(4), "count", out, origin);
    if (source.type() != target.type()) {
      throw new ReadException(args.get(2), Message.TYPE, target.type().javaName(),
          "as the target of a copy from " + source.type().javaName());
    }
    Variable k = new Variable("k", Type.INT, Variable.Role.LOCAL, false);
    Stmt copy = new Stmt.ArrayWrite(target, plus(to, k),
        new Expr.ArrayRead(source, plus(from, k), source.type().element()), origin);
    Stmt forwards = new Stmt.For(
        List.of(new Stmt.Declare(k, Expr.Literal.ofInt(0), null)),
        new Expr.Binary(BinaryOp.LESS, Exprs.ref(k), count, Type.BOOLEAN),
        List.of(step(k, BinaryOp.ADD)), List.of(copy), origin, null);
    Variable j = new Variable("k", Type.INT, Variable.Role.LOCAL, false);
    Stmt copyBack = new Stmt.ArrayWrite(target, plus(to, j),
        new Expr.ArrayRead(source, plus(from, j), source.type().element()), origin);
    Stmt backwards = new Stmt.For(
        List.of(new Stmt.Declare(j, new Expr.Binary(BinaryOp.SUBTRACT, count,
            Expr.Literal.ofInt(1), Type.INT), null)),
        new Expr.Binary(BinaryOp.GREATER_EQUAL, Exprs.ref(j), Expr.Literal.ofInt(0), Type.BOOLEAN),
        List.of(step(j, BinaryOp.SUBTRACT)), List.of(copyBack), origin, null);
    if (from instanceof Expr.Literal f && to instanceof Expr.Literal t && f.value() >= t.value()) {
      out.add(forwards);
    } else {
      out.add(new Stmt.If(new Expr.Binary(BinaryOp.LESS, from, to, Type.BOOLEAN),
          List.of(backwards), List.of(forwards), origin));
    }
    return out;
  }

  /** {@code Arrays.fill(a, v)} or {@code Arrays.fill(a, from, to, v)}. */
  private List<Stmt> fill(List<? extends ExpressionTree> args, Origin origin)
      throws ReadException {
    List<Stmt> out = new ArrayList<>();
    Expr array = oneDimensional(args.get(0), true);
    boolean range = args.size() == 4;
    Expr from = range ? once(args.get(1), "from", out, origin) : Expr.Literal.ofInt(0);
    Expr to = range ? once(args.get(2), "to", out, origin) : new Expr.Length(array);
    ExpressionTree valueTree = args.get(range ? 3 : 1);
    Expr value = expressions.read(valueTree);
    Type element = array.type().element();
    if (!(value.type() == element || element.isFloatingPoint() && value.type().isNumeric()
        && element == Type.promote(element, value.type()))) {
      throw new ReadException(valueTree, Message.TYPE, value.type().javaName(),
          "to fill a " + array.type().javaName());
    }
    if (!isAtomic(value)) {
      Variable v = new Variable("fillValue", array.type().element(), Variable.Role.LOCAL, false);
      out.add(new Stmt.Declare(v, value, origin));
      value = Exprs.ref(v);
    }
    Variable k = new Variable("k", Type.INT, Variable.Role.LOCAL, false);
    out.add(new Stmt.For(
        List.of(new Stmt.Declare(k, from, null)),
        new Expr.Binary(BinaryOp.LESS, Exprs.ref(k), to, Type.BOOLEAN),
        List.of(step(k, BinaryOp.ADD)),
        List.of(new Stmt.ArrayWrite(array, Exprs.ref(k), value, origin)), origin, null));
    return out;
  }

  private Expr oneDimensional(ExpressionTree tree, boolean written) throws ReadException {
    Expr array = expressions.arrays().array(tree);
    if (written) {
      expressions.arrays().checkWritable(tree, array);
    } else {
      array = expressions.arrays().named(tree, array);
    }
    if (array.type().dimensions() == 2) {
      throw new ReadException(tree, Message.UNSUPPORTED, "copying or filling rows of a"
          + " two-dimensional array", "loop over the rows and copy or fill each one");
    }
    return array;
  }

  /** An int argument, evaluated once: into a local unless it is a variable or a literal. */
  private Expr once(ExpressionTree tree, String name, List<Stmt> out, Origin origin)
      throws ReadException {
    Expr value = expressions.read(tree);
    if (value.type() != Type.INT && !value.type().isNarrow()) {
      throw new ReadException(tree, Message.TYPE, value.type().javaName(), "as an index");
    }
    if (isAtomic(value)) {
      return value;
    }
    Variable v = new Variable(name, Type.INT, Variable.Role.LOCAL, false);
    out.add(new Stmt.Declare(v, value, origin));
    return Exprs.ref(v);
  }

  private static boolean isAtomic(Expr e) {
    return e instanceof Expr.Ref || e instanceof Expr.Literal || e instanceof Expr.StaticField;
  }

  private static Expr plus(Expr offset, Variable k) {
    if (offset instanceof Expr.Literal literal && literal.isZero()) {
      return Exprs.ref(k);
    }
    return new Expr.Binary(BinaryOp.ADD, offset, Exprs.ref(k), Type.INT);
  }

  private static Stmt step(Variable k, BinaryOp op) {
    return new Stmt.Assign(k, new Expr.Binary(op, Exprs.ref(k), Expr.Literal.ofInt(1), Type.INT),
        null);
  }
}
