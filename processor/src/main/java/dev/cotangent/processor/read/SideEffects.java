package dev.cotangent.processor.read;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreeScanner;
import dev.cotangent.processor.Message;
import dev.cotangent.processor.analyse.Variables;
import dev.cotangent.processor.analyse.Writes;
import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Exprs;
import dev.cotangent.processor.ir.Origin;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Assignments, compound assignments, {@code ++} and {@code --} inside expressions, read into
 * statements in the order Java evaluates them (JLS 15.7): the IR's expressions have no side
 * effects, so each effect becomes a statement of the enclosing statement's <em>prelude</em>
 * (a sink opened by {@link StatementReader}), and the expression reads its result.
 *
 * <p>Operands are evaluated left to right: an operand already read is copied into a temporary
 * before a later operand's effects only if those effects could change it (they assign a
 * variable it reads, or write into an array while it reads an array). A compound assignment
 * reads its target before its right operand; {@code a[i] op= e} evaluates {@code a}, {@code i}
 * and {@code a[i]} once, before {@code e}. The right operand of {@code &&} and {@code ||} and the
 * branches of {@code ?:} with effects become {@code if}s, so only the taken side runs.
 */
final class SideEffects {
  /** An operand still to be read (after the ones before it). */
  interface Operand {
    Expr read() throws ReadException;
  }

  private final ExpressionReader expressions;
  private final Scope scope;
  private final SourceText source;
  private final Deque<List<Stmt>> sinks = new ArrayDeque<>();

  SideEffects(ExpressionReader expressions, Scope scope, SourceText source) {
    this.expressions = expressions;
    this.scope = scope;
    this.source = source;
  }

  /** Opens a prelude: the effects read from now on go into it. */
  void open() {
    sinks.push(new ArrayList<>());
  }

  /** Closes the innermost prelude and returns its statements, in evaluation order. */
  List<Stmt> close() {
    return sinks.pop();
  }

  private boolean active() {
    return !sinks.isEmpty();
  }

  private void emit(Stmt statement) {
    sinks.peek().add(statement);
  }

  /** Adds a statement to the open prelude (a record method's inlined statements). */
  void emitStatement(Stmt statement) {
    emit(statement);
  }

  /** Whether the tree has an assignment, {@code ++} or {@code --} anywhere (not in a switch). */
  static boolean contains(Tree tree) {
    Boolean found = new TreeScanner<Boolean, Void>() {
      @Override
      public Boolean scan(Tree node, Void unused) {
        if (node == null) {
          return false;
        }
        if (isEffect(node)) {
          return true;
        }
        if (node.getKind() == Tree.Kind.SWITCH_EXPRESSION
            || node.getKind() == Tree.Kind.LAMBDA_EXPRESSION
            || node.getKind() == Tree.Kind.NEW_CLASS) {
          return false;
        }
        return super.scan(node, unused);
      }

      @Override
      public Boolean reduce(Boolean a, Boolean b) {
        return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
      }
    }.scan(tree, null);
    return Boolean.TRUE.equals(found);
  }

  /** Whether an effect sits strictly inside the tree (an expression statement's operands). */
  static boolean nested(ExpressionTree tree) {
    if (tree instanceof AssignmentTree a) {
      return contains(a.getVariable()) || contains(a.getExpression());
    }
    if (tree instanceof CompoundAssignmentTree c) {
      return contains(c.getVariable()) || contains(c.getExpression());
    }
    if (tree instanceof UnaryTree u && isEffect(tree)) {
      return contains(u.getExpression());
    }
    return false;
  }

  static boolean isEffect(Tree node) {
    return switch (node.getKind()) {
      case ASSIGNMENT, PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT
          -> true;
      default -> node instanceof CompoundAssignmentTree;
    };
  }

  /** An expression statement with effects inside it: its effects, its value unused. */
  void discard(ExpressionTree tree) throws ReadException {
    effect(tree);
  }

  /** An assignment, compound assignment, {@code ++} or {@code --} used as a value. */
  Expr effect(ExpressionTree tree) throws ReadException {
    if (!active()) {
      throw new ReadException(tree, Message.SIDE_EFFECT,
          tree instanceof UnaryTree ? "an increment or decrement" : "an assignment");
    }
    Origin origin = source.origin(tree);
    if (tree instanceof AssignmentTree a) {
      return assignment(a, origin);
    }
    if (tree instanceof CompoundAssignmentTree c) {
      BinaryOp op = Operators.binary(c.getKind());
      return update(tree, c.getVariable(), op, () -> expressions.read(c.getExpression()), origin,
          false);
    }
    UnaryTree unary = (UnaryTree) tree;
    boolean up = tree.getKind() == Tree.Kind.PREFIX_INCREMENT
        || tree.getKind() == Tree.Kind.POSTFIX_INCREMENT;
    boolean postfix = tree.getKind() == Tree.Kind.POSTFIX_INCREMENT
        || tree.getKind() == Tree.Kind.POSTFIX_DECREMENT;
    return update(tree, unary.getExpression(), up ? BinaryOp.ADD : BinaryOp.SUBTRACT,
        () -> Expr.Literal.ofInt(1), origin, postfix);
  }

  private Expr assignment(AssignmentTree tree, Origin origin) throws ReadException {
    if (tree.getVariable() instanceof ArrayAccessTree element) {
      Expr.ArrayRead place = place(element);
      List<Expr> earlier = indices(place);
      Expr value = next(tree, earlier,
          () -> expressions.read(tree.getExpression(), place.type()));
      ExpressionStatements.checkAssignable(tree.getExpression(), place.type(), value);
      Expr.ArrayRead target = rebuild(place, earlier);
      emit(new Stmt.ArrayWrite(target.array(), target.index(), value, origin));
      return target;
    }
    Variable target = variable(tree.getVariable());
    if (SwitchReader.expression(tree.getExpression()) != null) {
      throw new ReadException(tree.getExpression(), Message.UNSUPPORTED,
          "a switch expression assigned inside a larger expression",
          "assign it in a statement of its own");
    }
    Expr value = expressions.read(tree.getExpression(), target.type());
    ExpressionStatements.checkAssignable(tree.getExpression(), target.type(), value);
    if (target.type().isArray()) {
      expressions.arrays().assigned(target, value);
      expressions.arrays().reassigned(tree, target);
    }
    emit(new Stmt.Assign(target, value, origin));
    return new Expr.Ref(target);
  }

  /**
   * {@code target op= operand}, {@code ++target} or {@code target++}: the target is read
   * before the operand; a postfix form's value is the target's old value.
   */
  private Expr update(ExpressionTree tree, ExpressionTree targetTree, BinaryOp op,
      Operand operand, Origin origin, boolean postfix) throws ReadException {
    boolean step = tree instanceof UnaryTree;
    if (targetTree instanceof ArrayAccessTree element) {
      Expr.ArrayRead place = place(element);
      List<Expr> earlier = indices(place);
      earlier.add(place);
      Expr value = next(tree, earlier, operand);
      Expr old = earlier.remove(earlier.size() - 1);
      Expr.ArrayRead target = rebuild(place, earlier);
      if (step) {
        requireNumeric(tree, place.type());
        if (postfix && !(old instanceof Expr.Ref)) {
          old = spill(old, "old");
        }
      }
      emit(new Stmt.ArrayWrite(target.array(), target.index(),
          combine(tree, op, old, value, place.type()), origin));
      return postfix ? old : target;
    }
    Variable target = variable(targetTree);
    if (step) {
      requireNumeric(tree, target.type());
    }
    List<Expr> earlier = new ArrayList<>(List.of(new Expr.Ref(target)));
    Expr value = next(tree, earlier, operand);
    Expr old = earlier.get(0);
    if (postfix) {
      old = spill(old, target.name() + "Before");
    }
    emit(new Stmt.Assign(target, combine(tree, op, old, value, target.type()), origin));
    return postfix ? old : new Expr.Ref(target);
  }

  /** {@code (T) (old op value)}, the cast only where Java's implicit one changes the type. */
  private static Expr combine(Tree tree, BinaryOp op, Expr old, Expr value, Type type)
      throws ReadException {
    Expr combined = Operators.typed(tree, op, old, value);
    return combined.type() == type ? combined : new Expr.Cast(type, combined);
  }

  private static void requireNumeric(Tree tree, Type type) throws ReadException {
    if (!type.isNumeric()) {
      throw new ReadException(tree, Message.TYPE, type.javaName(), "in ++ or --");
    }
  }

  /** The element an assignment inside an expression writes (never a row). */
  private Expr.ArrayRead place(ArrayAccessTree tree) throws ReadException {
    Expr.ArrayRead element = (Expr.ArrayRead) expressions.arrays().element(tree);
    expressions.arrays().checkWritable(tree, element.array());
    if (element.type().isArray()) {
      throw new ReadException(tree, Message.UNSUPPORTED, "replacing a row of a "
          + element.array().type().javaName() + " inside an expression",
          "replace the row in a statement of its own");
    }
    return element;
  }

  /** The index expressions of {@code a[i]} or {@code m[i][j]}, outermost array first. */
  private static List<Expr> indices(Expr.ArrayRead element) {
    List<Expr> out = new ArrayList<>();
    Expr at = element;
    while (at instanceof Expr.ArrayRead read) {
      out.add(0, read.index());
      at = read.array();
    }
    return out;
  }

  /** The element with its indices replaced (by the temporaries they were copied into). */
  private static Expr.ArrayRead rebuild(Expr.ArrayRead element, List<Expr> indices) {
    Expr root = element;
    while (root instanceof Expr.ArrayRead read) {
      root = read.array();
    }
    Expr at = root;
    for (Expr index : indices) {
      at = new Expr.ArrayRead(at, index, at.type().element());
    }
    return (Expr.ArrayRead) at;
  }

  private Variable variable(ExpressionTree tree) throws ReadException {
    ExpressionTree inner = tree;
    while (inner instanceof com.sun.source.tree.ParenthesizedTree p) {
      inner = p.getExpression();
    }
    if (inner instanceof IdentifierTree identifier) {
      Variable variable = scope.lookup(identifier.getName().toString());
      if (variable != null) {
        return variable;
      }
    }
    throw new ReadException(tree, Message.FIELD_WRITE, source.text(tree));
  }

  /**
   * Reads the next operand after {@code earlier} (the values of the operands before it, in
   * order): if its effects could change one of them, that value is copied into a temporary
   * first (replaced in {@code earlier}); then its effects run, and its value is returned.
   */
  Expr next(Tree at, List<Expr> earlier, Operand operand) throws ReadException {
    if (!active()) {
      return operand.read();
    }
    sinks.push(new ArrayList<>());
    Expr value;
    List<Stmt> effects;
    try {
      value = operand.read();
    } finally {
      effects = sinks.pop();
    }
    if (!effects.isEmpty()) {
      Set<Variable> assigned = Writes.variables(effects);
      boolean elements = !Writes.arrays(effects).isEmpty();
      for (int k = 0; k < earlier.size(); k++) {
        earlier.set(k, keep(at, earlier.get(k), assigned, elements));
      }
      sinks.peek().addAll(effects);
    }
    return value;
  }

  /** The value, or a temporary holding it if the coming effects could change it. */
  private Expr keep(Tree at, Expr value, Set<Variable> assigned, boolean elements)
      throws ReadException {
    Set<Variable> read = Variables.in(value);
    boolean changes = read.stream().anyMatch(assigned::contains);
    if (value.type().isArray()) {
      // the reference itself: only reassigning it changes it, element writes do not
      if (value instanceof Expr.ArrayRead row) {
        return new Expr.ArrayRead(keep(at, row.array(), assigned, elements),
            keep(at, row.index(), assigned, elements), row.type());
      }
      if (changes) {
        throw new ReadException(at, Message.UNSUPPORTED,
            "reassigning an array inside an expression that also uses it",
            "assign the array in a statement of its own");
      }
      return value;
    }
    boolean readsElements = read.stream().anyMatch(v -> v.type().isArray())
        || containsField(value);
    if (changes || elements && readsElements) {
      String name = value instanceof Expr.Ref ref ? ref.variable().name() + "Before" : "operand";
      return spill(value, name);
    }
    return value;
  }

  private static boolean containsField(Expr value) {
    if (value instanceof Expr.Field || value instanceof Expr.StaticField) {
      return value.type().isArray();
    }
    return dev.cotangent.processor.ir.Subexpressions.of(value).stream()
        .anyMatch(SideEffects::containsField);
  }

  /** {@code T name = value;} in the prelude; a read of it. */
  private Expr spill(Expr value, String name) {
    Variable temporary = Variable.generatedLike(name, value);
    emit(new Stmt.Declare(temporary, value, null));
    return new Expr.Ref(temporary);
  }

  /**
   * {@code left && right} or {@code left || right} whose right operand has effects: {@code
   * boolean t = left; if (t) { effects; t = right; }} ({@code if (!t)} for {@code ||}).
   */
  Expr shortCircuit(Tree tree, BinaryOp op, Expr left, Operand right) throws ReadException {
    sinks.push(new ArrayList<>());
    Expr value;
    List<Stmt> effects;
    try {
      value = right.read();
    } finally {
      effects = sinks.pop();
    }
    Operators.typed(tree, op, left, value);
    Variable result = Variable.generated(op == BinaryOp.CONDITIONAL_AND ? "both" : "either",
        Type.BOOLEAN);
    emit(new Stmt.Declare(result, left, null));
    List<Stmt> then = new ArrayList<>(effects);
    then.add(new Stmt.Assign(result, value, null));
    Expr taken = op == BinaryOp.CONDITIONAL_AND ? new Expr.Ref(result)
        : Exprs.not(new Expr.Ref(result));
    emit(new Stmt.If(taken, then, List.of(), null));
    return new Expr.Ref(result);
  }

  /** Whether effects can be read here (a statement's prelude is open). */
  boolean canLower() {
    return active();
  }

  /** The branches of {@code c ? a : b} read each into its own prelude. */
  record Branches(Expr ifTrue, List<Stmt> trueEffects, Expr ifFalse, List<Stmt> falseEffects) {}

  Branches branches(Operand ifTrue, Operand ifFalse) throws ReadException {
    sinks.push(new ArrayList<>());
    Expr a;
    List<Stmt> aEffects;
    try {
      a = ifTrue.read();
    } finally {
      aEffects = sinks.pop();
    }
    sinks.push(new ArrayList<>());
    Expr b;
    List<Stmt> bEffects;
    try {
      b = ifFalse.read();
    } finally {
      bEffects = sinks.pop();
    }
    return new Branches(a, aEffects, b, bEffects);
  }

  /** {@code T t; if (c) { effects; t = a; } else { effects; t = b; }}; a read of t. */
  Expr choose(Expr condition, Branches branches, Type type) {
    Variable result = Variable.of("choice", type, Variable.Role.GENERATED, false,
        Exprs.objectType(new Expr.Conditional(condition, branches.ifTrue(), branches.ifFalse(),
            type)));
    emit(new Stmt.Declare(result, null, null));
    List<Stmt> then = new ArrayList<>(branches.trueEffects());
    then.add(new Stmt.Assign(result, branches.ifTrue(), null));
    List<Stmt> otherwise = new ArrayList<>(branches.falseEffects());
    otherwise.add(new Stmt.Assign(result, branches.ifFalse(), null));
    emit(new Stmt.If(condition, then, otherwise, null));
    return new Expr.Ref(result);
  }
}
