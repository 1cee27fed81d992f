package dev.cotangent.processor.read;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import dev.cotangent.processor.Message;
import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Origin;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.List;
import java.util.Optional;

/**
 * A statement that is an expression: an assignment to a local or an element, {@code ++}/{@code
 * --}, a compound assignment, or a call used as a statement (array calls, calls with effects,
 * out-parameter callees). {@link StatementReader} hands them here; side effects inside the
 * expression are taken out before, by {@link SideEffects}.
 */
final class ExpressionStatements {
  private final Scope scope;
  private final ExpressionReader expressions;
  private final NameResolver names;
  private final ArrayStatements arrayCalls;
  private final SwitchReader switches;
  private final SourceText source;

  ExpressionStatements(Scope scope, ExpressionReader expressions, NameResolver names,
      ArrayStatements arrayCalls, SwitchReader switches, SourceText source) {
    this.scope = scope;
    this.expressions = expressions;
    this.names = names;
    this.arrayCalls = arrayCalls;
    this.switches = switches;
    this.source = source;
  }

  Stmt statement(ExpressionTree tree, Origin origin) throws ReadException {
    if (SideEffects.nested(tree)) {
      expressions.effects().discard(tree);
      return new Stmt.Block(List.of());
    }
    switch (tree.getKind()) {
      case ASSIGNMENT -> {
        AssignmentTree assignment = (AssignmentTree) tree;
        if (expressions.records().assigns(assignment)) {
          return expressions.records().assign(assignment, origin);
        }
        if (assignment.getVariable() instanceof ArrayAccessTree element) {
          Expr.ArrayRead target = (Expr.ArrayRead) expressions.arrays().element(element);
          if (RowWrites.replacesRow(target)) {
            return RowWrites.of(expressions, element, target, assignment.getExpression(), origin);
          }
          target = checked(element, target);
          Expr value = expressions.read(assignment.getExpression(), target.type());
        CallPlaces.check(value, true, "an assigned value");
          CallPlaces.check(value, true, "an assigned value");
          checkAssignable(assignment.getExpression(), target.type(), value);
          return new Stmt.ArrayWrite(target.array(), target.index(), value, origin);
        }
        Variable target = target(assignment.getVariable());
        com.sun.source.tree.SwitchExpressionTree selected =
            SwitchReader.expression(assignment.getExpression());
        if (selected != null) {
          return switches.expression(selected, new SwitchReader.Target(target, tree), origin);
        }
        Expr value = expressions.read(assignment.getExpression(), target.type());
        checkAssignable(assignment.getExpression(), target.type(), value);
        if (target.type().isArray()) {
          expressions.arrays().assigned(target, value);
          expressions.arrays().reassigned(tree, target);
        }
        return new Stmt.Assign(target, value, origin);
      }
      case PREFIX_INCREMENT, POSTFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_DECREMENT -> {
        UnaryTree unary = (UnaryTree) tree;
        boolean up = tree.getKind() == Tree.Kind.PREFIX_INCREMENT
            || tree.getKind() == Tree.Kind.POSTFIX_INCREMENT;
        BinaryOp op = up ? BinaryOp.ADD : BinaryOp.SUBTRACT;
        if (unary.getExpression() instanceof ArrayAccessTree element) {
          Expr.ArrayRead target = elementTarget(element);
          requireNumeric(tree, target.type());
          return new Stmt.ArrayWrite(target.array(), target.index(), new Expr.Binary(op, target,
              Expr.Literal.ofInt(1), target.type()), origin);
        }
        Variable target = target(unary.getExpression());
        requireNumeric(tree, target.type());
        return new Stmt.Assign(target, new Expr.Binary(op, new Expr.Ref(target),
            Expr.Literal.ofInt(1), target.type()), origin);
      }
      case METHOD_INVOCATION -> {
        Optional<List<Stmt>> call = arrayCalls.call((MethodInvocationTree) tree, origin);
        if (call.isPresent()) {
          return new Stmt.Block(call.get());
        }
        Optional<Stmt> effect = new EffectCalls(expressions, names, expressions.calls())
            .call((MethodInvocationTree) tree, origin);
        if (effect.isPresent()) {
          return effect.get();
        }
        Expr value = expressions.read(tree);
        if (value instanceof Expr.Call c) {
          CallPlaces.check(c, true, "");
          return new Stmt.Invoke(c, origin); // for what it does to its array arguments
        }
        throw new ReadException(tree, Message.UNSUPPORTED, "a call used as a statement",
            "use its result in an assignment");
      }
      default -> {
        if (tree instanceof CompoundAssignmentTree compound) {
          return compoundAssignment(compound, origin);
        }
        throw Unsupported.statement(tree);
      }
    }
  }

  /** {@code x op= e} is {@code x = (T) (x op e)}. */
  private Stmt compoundAssignment(CompoundAssignmentTree tree, Origin origin)
      throws ReadException {
    BinaryOp op = Operators.binary(tree.getKind());
    if (tree.getVariable() instanceof ArrayAccessTree element) {
      Expr.ArrayRead target = elementTarget(element);
      Expr value = expressions.read(tree.getExpression());
    CallPlaces.check(value, false, "a compound assignment");
      CallPlaces.check(value, false, "a compound assignment");
      Expr combined = Operators.typed(tree, op, target, value);
      if (combined.type() != target.type()) {
        combined = new Expr.Cast(target.type(), combined);
      }
      return new Stmt.ArrayWrite(target.array(), target.index(), combined, origin);
    }
    Variable target = target(tree.getVariable());
    Expr value = expressions.read(tree.getExpression());
    Expr combined = Operators.typed(tree, op, new Expr.Ref(target), value);
    if (combined.type() != target.type()) {
      combined = new Expr.Cast(target.type(), combined);
    }
    return new Stmt.Assign(target, combined, origin);
  }

  /** The element an assignment writes: {@code a[i]} or {@code m[i][j]}, never a row. */
  private Expr.ArrayRead elementTarget(ArrayAccessTree tree) throws ReadException {
    return checked(tree, (Expr.ArrayRead) expressions.arrays().element(tree));
  }

  private Expr.ArrayRead checked(ArrayAccessTree tree, Expr.ArrayRead element)
      throws ReadException {
    expressions.arrays().checkWritable(tree, element.array());
    if (element.type().isArray()) {
      String matrix = element.array().type().javaName();
      throw new ReadException(tree, Message.UNSUPPORTED, "replacing a row of a " + matrix,
          "allocate it with new " + element.type().scalar().javaName()
              + "[n][m] and write the row's elements one by one");
    }
    return element;
  }

  private static void requireNumeric(Tree tree, Type type) throws ReadException {
    if (!type.isNumeric()) {
      throw new ReadException(tree, Message.TYPE, type.javaName(), "in ++ or --");
    }
  }

  private Variable target(ExpressionTree tree) throws ReadException {
    if (tree instanceof IdentifierTree identifier) {
      Variable variable = scope.lookup(identifier.getName().toString());
      if (variable != null) {
        return variable;
      }
    }
    throw new ReadException(tree, Message.FIELD_WRITE, source.text(tree));
  }

  static void checkAssignable(Tree tree, Type target, Expr value) throws ReadException {
    if (target.isArray() && value instanceof Expr.Literal literal && literal.text().equals("null")) {
      throw Unsupported.expression(tree);
    }
    boolean fits = target == value.type()
        || target.isNumeric() && value.type().isIntegral()
            && (target.isFloatingPoint() || target == Type.LONG || value.type() == Type.INT)
        || target == Type.DOUBLE && value.type() == Type.FLOAT;
    if (!fits) {
      if (target.isNumeric() && value.type().isNumeric()) {
        throw new ReadException(tree, Message.NARROWING, value.type().javaName(),
            (target == Type.INT ? "an " : "a ") + target.javaName() + " variable",
            target.javaName());
      }
      throw new ReadException(tree, Message.TYPE, value.type().javaName(),
          "where a " + target.javaName() + " is expected");
    }
  }
}
