package dev.cotangent.processor.read;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import dev.cotangent.processor.Message;
import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Origin;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Modifier;
import javax.tools.Diagnostic;

/**
 * Reads statements into the full IR. A statement that cannot be read is reported and skipped,
 * so that one method's problems are all reported at once.
 */
final class StatementReader {
  private final Scope scope;
  private final ExpressionReader expressions;
  private final SourceText source;
  private final List<Problem> problems;
  private final ArrayStatements arrayCalls;
  private final java.util.Deque<String> loops = new java.util.ArrayDeque<>();
  private final Type returnType;
  private final NameResolver names;

  StatementReader(Scope scope, ExpressionReader expressions, NameResolver names,
      SourceText source, List<Problem> problems, Type returnType) {
    this.returnType = returnType;
    this.names = names;
    this.scope = scope;
    this.expressions = expressions;
    this.source = source;
    this.problems = problems;
    this.arrayCalls = new ArrayStatements(expressions, names);
    this.switches = new SwitchReader(this, expressions, names, source);
    this.guards = new GuardReader(expressions, names);
    this.assignments = new ExpressionStatements(scope, expressions, names, arrayCalls,
        switches, source);
  }

  private final SwitchReader switches;
  private final GuardReader guards;
  private final ExpressionStatements assignments;
  /** Marks a switch on the stack of {@link #loops}: an unlabelled break may leave it. */
  private static final String SWITCH = "\0switch";

  List<Stmt> block(List<? extends StatementTree> trees) {
    scope.enter();
    try {
      return statements(trees);
    } finally {
      scope.exit();
    }
  }

  /** The statements, in the current scope; each one that cannot be read is reported. */
  List<Stmt> statements(List<? extends StatementTree> trees) {
    List<Stmt> out = new ArrayList<>();
    for (StatementTree tree : trees) {
      try {
        read(tree, null, out);
      } catch (ReadException e) {
        if (!e.isAlreadyReported()) {
          problems.add(new Problem(Diagnostic.Kind.ERROR, e.tree(), e.getMessage()));
        }
      }
    }
    return out;
  }

  Scope scope() {
    return scope;
  }

  /** While a switch's cases are read, an unlabelled {@code break} leaves the switch. */
  void enterSwitch() {
    loops.push(SWITCH);
  }

  void exitSwitch() {
    loops.pop();
  }

  /** The body of a loop with this label (or "" for none): breaks and continues may name it. */
  private List<Stmt> loopBody(StatementTree tree, String label) {
    loops.push(label == null ? "" : label);
    try {
      return body(tree);
    } finally {
      loops.pop();
    }
  }

  /** A loop whose condition is the literal true must contain a way out. */
  private static void requireExit(Tree tree, Expr condition, List<Stmt> body)
      throws ReadException {
    boolean endless = condition == null
        || condition instanceof Expr.Literal literal && literal.text().equals("true");
    if (endless && !Exits.any(body)) {
      throw new ReadException(tree, Message.ENDLESS_LOOP);
    }
  }

  private void checkJump(Tree tree, String keyword, String label) throws ReadException {
    boolean continues = keyword.equals("continue");
    boolean target = label != null ? loops.contains(label)
        : continues ? loops.stream().anyMatch(l -> !l.equals(SWITCH)) : !loops.isEmpty();
    if (!target) {
      String what = label == null ? keyword + " outside a loop"
          : "no enclosing loop is labelled " + label;
      throw new ReadException(tree, Message.LOOP_LABEL, what);
    }
  }

  /** A statement used as a loop body or branch: a block, or a single statement. */
  private List<Stmt> body(StatementTree tree) {
    if (tree instanceof BlockTree block) {
      return block(block.getStatements());
    }
    return block(List.of(tree));
  }

  /** Reads a statement; the effects inside its expressions ({@link SideEffects}) go before it. */
  private void read(StatementTree tree, String label, List<Stmt> out) throws ReadException {
    int at = out.size();
    List<Stmt> prelude;
    expressions.effects().open();
    try {
      readStatement(tree, label, out);
    } finally {
      prelude = expressions.effects().close();
    }
    out.addAll(at, prelude);
  }

  private void readStatement(StatementTree tree, String label, List<Stmt> out)
      throws ReadException {
    Origin origin = source.origin(tree);
    switch (tree.getKind()) {
      case EMPTY_STATEMENT -> { }
      case BLOCK -> out.add(new Stmt.Block(block(((BlockTree) tree).getStatements())));
      case VARIABLE -> {
        VariableTree variable = (VariableTree) tree;
        if (expressions.records().declares(variable)) {
          out.addAll(expressions.records().declare(variable, origin));
        } else {
          out.add(declaration(variable, origin));
        }
      }
      case EXPRESSION_STATEMENT ->
          out.add(assignments.statement(((ExpressionStatementTree) tree).getExpression(), origin));
      case IF -> {
        IfTree ifTree = (IfTree) tree;
        Expr condition = expressions.condition(ifTree.getCondition());
        List<Stmt> otherwise =
            ifTree.getElseStatement() == null ? List.of() : body(ifTree.getElseStatement());
        out.add(new Stmt.If(condition, body(ifTree.getThenStatement()), otherwise, origin));
      }
      case WHILE_LOOP -> {
        WhileLoopTree loop = (WhileLoopTree) tree;
        List<Stmt> prelude = new ArrayList<>();
        Expr condition = condition(loop.getCondition(), prelude);
        List<Stmt> body = loopBody(loop.getStatement(), label);
        requireExit(tree, condition, body);
        out.add(prelude.isEmpty() ? new Stmt.While(condition, body, origin, label)
            : EffectfulLoops.whileLoop(prelude, condition, body, origin, label));
      }
      case DO_WHILE_LOOP -> {
        DoWhileLoopTree loop = (DoWhileLoopTree) tree;
        List<Stmt> body = loopBody(loop.getStatement(), label);
        List<Stmt> prelude = new ArrayList<>();
        Expr condition = condition(loop.getCondition(), prelude);
        requireExit(tree, condition, body);
        out.add(prelude.isEmpty() ? new Stmt.DoWhile(body, condition, origin, label)
            : EffectfulLoops.doWhile(body, prelude, condition, origin, label));
      }
      case FOR_LOOP -> out.add(forLoop((ForLoopTree) tree, label, origin));
      case ENHANCED_FOR_LOOP -> out.add(forEach((EnhancedForLoopTree) tree, label, origin));
      case LABELED_STATEMENT -> labeled((LabeledStatementTree) tree, out);
      case BREAK -> {
        String target = name(((BreakTree) tree).getLabel());
        checkJump(tree, "break", target);
        out.add(new Stmt.Break(target, origin));
      }
      case CONTINUE -> {
        String target = name(((ContinueTree) tree).getLabel());
        checkJump(tree, "continue", target);
        out.add(new Stmt.Continue(target, origin));
      }
      case RETURN -> out.add(returnStatement((ReturnTree) tree, origin));
      case SWITCH -> out.add(switches.statement((com.sun.source.tree.SwitchTree) tree, origin));
      case YIELD -> out.addAll(switches.yield((com.sun.source.tree.YieldTree) tree, origin));
      case THROW -> out.add(guards.throwStatement((com.sun.source.tree.ThrowTree) tree, origin));
      case ASSERT -> out.add(guards.assertStatement((com.sun.source.tree.AssertTree) tree,
          origin));
      default -> throw Unsupported.statement(tree);
    }
  }

  /** A loop's condition; the effects inside it go into {@code prelude}. */
  private Expr condition(ExpressionTree tree, List<Stmt> prelude) throws ReadException {
    expressions.effects().open();
    try {
      return expressions.condition(tree);
    } finally {
      prelude.addAll(expressions.effects().close());
    }
  }

  private static String name(javax.lang.model.element.Name label) {
    return label == null ? null : label.toString();
  }

  private void labeled(LabeledStatementTree tree, List<Stmt> out) throws ReadException {
    StatementTree inner = tree.getStatement();
    switch (inner.getKind()) {
      case WHILE_LOOP, DO_WHILE_LOOP, FOR_LOOP -> read(inner, tree.getLabel().toString(), out);
      case ENHANCED_FOR_LOOP -> read(inner, tree.getLabel().toString(), out);
      default -> throw new ReadException(tree, Message.UNSUPPORTED, "a label on a non-loop statement",
          "put labels on loops only");
    }
  }

  private Stmt forLoop(ForLoopTree tree, String label, Origin origin) throws ReadException {
    scope.enter();
    try {
      List<Stmt> init = new ArrayList<>();
      for (StatementTree statement : tree.getInitializer()) {
        read(statement, null, init);
      }
      List<Stmt> prelude = new ArrayList<>();
      Expr condition =
          tree.getCondition() == null ? null : condition(tree.getCondition(), prelude);
      List<Stmt> update = new ArrayList<>();
      for (ExpressionStatementTree statement : tree.getUpdate()) {
        expressions.effects().open();
        Stmt step;
        try {
          step = assignments.statement(statement.getExpression(), source.origin(statement));
        } finally {
          update.addAll(expressions.effects().close());
        }
        update.add(step);
      }
      List<Stmt> body = loopBody(tree.getStatement(), label);
      requireExit(tree, condition, body);
      return prelude.isEmpty() ? new Stmt.For(init, condition, update, body, origin, label)
          : EffectfulLoops.forLoop(init, prelude, condition, update, body, origin, label);
    } finally {
      scope.exit();
    }
  }

  /**
   * {@code for (double v : a) body} is {@code for (int vIndex = 0; vIndex < a.length; vIndex++)
   * { double v = a[vIndex]; body }}, over a copy of the reference unless {@code a} is a variable
   * the body leaves alone.
   */
  private Stmt forEach(EnhancedForLoopTree tree, String label, Origin origin)
      throws ReadException {
    RecordArray records = expressions.records().context() == null ? null
        : expressions.records().arrays().array(tree.getExpression());
    if (records != null) {
      return expressions.records().arrays().forEach(tree.getVariable(), records, origin, label,
          () -> loopBody(tree.getStatement(), label));
    }
    Expr array = expressions.arrays().array(tree.getExpression());
    List<Stmt> out = new ArrayList<>();
    scope.enter();
    try {
      VariableTree variable = tree.getVariable();
      Type element = array.type().element();
      Optional<Type> declared = Types.of(variable.getType());
      if (declared.isPresent() && declared.get() != element
          && !(declared.get().isFloatingPoint() && element.isNumeric()
              && declared.get() == Type.promote(declared.get(), element))) {
        throw new ReadException(variable, Message.TYPE, declared.get().javaName(),
            "for elements of " + array.type().javaName());
      }
      String name = variable.getName().toString();
      if (!(array instanceof Expr.Ref || array instanceof Expr.StaticField)) {
        Variable copy = new Variable(name + "s", array.type(), Variable.Role.LOCAL, false);
        out.add(new Stmt.Declare(copy, array, origin));
        array = new Expr.Ref(copy);
      }
      Variable index = new Variable(name + "Index", Type.INT, Variable.Role.LOCAL, false);
      Variable value = new Variable(name, declared.orElse(element), Variable.Role.LOCAL, false);
      scope.declare(value);
      List<Stmt> body = new ArrayList<>();
      body.add(new Stmt.Declare(value,
          new Expr.ArrayRead(array, new Expr.Ref(index), element), origin));
      body.addAll(loopBody(tree.getStatement(), label));
      out.add(new Stmt.For(
          List.of(new Stmt.Declare(index, Expr.Literal.ofInt(0), null)),
          new Expr.Binary(BinaryOp.LESS, new Expr.Ref(index), new Expr.Length(array), Type.BOOLEAN),
          List.of(new Stmt.Assign(index, new Expr.Binary(BinaryOp.ADD, new Expr.Ref(index),
              Expr.Literal.ofInt(1), Type.INT), null)),
          body, origin, label));
      if (array instanceof Expr.Ref ref && Assigned.in(out, ref.variable())) {
        throw new ReadException(tree.getExpression(), Message.UNSUPPORTED,
            "reassigning the array an enhanced for loop runs over", "loop with an index");
      }
      return out.size() == 1 ? out.get(0) : new Stmt.Block(out);
    } finally {
      scope.exit();
    }
  }

  private Stmt returnStatement(ReturnTree tree, Origin origin) throws ReadException {
    if (tree.getExpression() == null && returnType == Type.VOID) {
      return new Stmt.Return(null, origin);
    }
    if (tree.getExpression() == null) {
      throw new ReadException(tree, Message.TYPE, "void", "as the result");
    }
    com.sun.source.tree.SwitchExpressionTree selected =
        SwitchReader.expression(tree.getExpression());
    if (selected != null) {
      return switches.expression(selected, new SwitchReader.Target(null, tree), origin);
    }
    return returnValue(tree.getExpression(), tree, origin);
  }

  /** The record the method returns (as a {@code double[]} of its leaves), or null. */
  private RecordShape resultRecord;

  void returnsRecord(RecordShape shape) {
    this.resultRecord = shape;
  }

  /** {@code return value;}, its type checked against the method's (errors at {@code at}). */
  Stmt returnValue(ExpressionTree tree, Tree at, Origin origin) throws ReadException {
    if (resultRecord != null) {
      Records.refuseEffects(tree);
      RecordValue value = expressions.records().value(tree);
      if (!value.shape().sameRecord(resultRecord)) {
        throw new ReadException(at, Message.TYPE, value.shape().toString(), "as the result");
      }
      List<Expr> leaves = new ArrayList<>();
      for (Expr leaf : value.leaves()) {
        leaves.add(RecordInliner.convert(leaf, Type.DOUBLE, tree));
      }
      return new Stmt.Return(new Expr.ArrayLiteral(Type.DOUBLE_ARRAY, leaves), origin);
    }
    Expr value = expressions.read(tree, returnType);
    CallPlaces.check(value, true, "a return value");
    boolean fits = returnType.isNumeric()
        ? value.type().isNumeric() && returnType == Type.promote(returnType, value.type())
        : value.type() == returnType;
    if (!fits) {
      throw new ReadException(at, Message.TYPE, value.type().javaName(), "as the result");
    }
    return new Stmt.Return(value, origin);
  }

  private Stmt declaration(VariableTree tree, Origin origin) throws ReadException {
    if (tree.getModifiers().getFlags().stream().anyMatch(flag -> flag != Modifier.FINAL)) {
      throw new ReadException(tree, Message.UNSUPPORTED, "a modifier other than final", "remove it");
    }
    String name = tree.getName().toString();
    Optional<Type> declared = Types.of(tree.getType());
    com.palantir.javapoet.ClassName objectType = null;
    if (declared.isEmpty() && !isVar(tree.getType())
        && tree.getType() instanceof ExpressionTree typeName) {
      // String s, Mode m: data types named by a class
      Optional<javax.lang.model.element.TypeElement> named = names.type(typeName);
      declared = named.flatMap(Types::of);
      String hidden = named.map(t -> Types.privateClass(t.asType())).orElse(null);
      if (hidden != null) {
        scope.declareUnsupported(name);
        throw new ReadException(tree.getType(), Message.TYPE, source.text(tree.getType()),
            "for the local variable " + name + " (the companions, other classes, cannot name the"
                + " private class " + hidden + "; make it package-private)");
      }
      if (declared.isPresent() && declared.get() == Type.ENUM) {
        objectType = com.palantir.javapoet.ClassName.get(named.get());
      }
    }
    if (declared.isEmpty() && tree.getType() instanceof com.sun.source.tree.ArrayTypeTree
        && tree.getInitializer() instanceof com.sun.source.tree.NewArrayTree initialiser
        && initialiser.getType() == null) {
      // long[] l = {1L}: the initialiser has no type of its own, so name the declared one.
      scope.declareUnsupported(name);
      throw new ReadException(tree.getType(), Message.TYPE, source.text(tree.getType()),
          "as an array type (use double[], double[][], float[], float[][], int[], int[][],"
              + " byte[], short[] or char[])");
    }
    com.sun.source.tree.SwitchExpressionTree selected = tree.getInitializer() == null ? null
        : SwitchReader.expression(tree.getInitializer());
    if (selected != null && declared.isPresent()) {
      // double r = switch (...) { ... }: r is declared, and each case assigns it
      Variable variable = Variable.of(name, declared.get(), Variable.Role.LOCAL, false, objectType);
      scope.declare(variable);
      return new Stmt.Block(List.of(new Stmt.Declare(variable, null, origin),
          switches.expression(selected, new SwitchReader.Target(variable, tree), origin)));
    }
    Expr init;
    try {
      init = tree.getInitializer() == null ? null
          : expressions.read(tree.getInitializer(), declared.orElse(null));
      CallPlaces.check(init, true, "an initialiser");
      if (declared.isEmpty() && !isVar(tree.getType())) {
        throw new ReadException(tree.getType(), Message.TYPE, source.text(tree.getType()),
            "for the local variable " + name);
      }
      if (declared.isPresent() && init != null) {
        ExpressionStatements.checkAssignable(tree.getInitializer(), declared.get(), init);
      }
    } catch (ReadException e) {
      // Declare it anyway, so that its uses do not report "cannot resolve" as well.
      if (declared.isPresent()) {
        scope.declare(Variable.of(name, declared.get(), Variable.Role.LOCAL, false, objectType));
      } else {
        scope.declareUnsupported(name);
      }
      throw e;
    }
    if (declared.isEmpty() && init == null) {
      scope.declareUnsupported(name);
      throw new ReadException(tree, Message.TYPE, "var", "without an initialiser");
    }
    Type type = declared.isPresent() ? declared.get() : init.type();
    Variable variable = Variable.of(name, type, Variable.Role.LOCAL, false,
        objectType != null || declared.isPresent() ? objectType
            : dev.cotangent.processor.ir.Exprs.objectType(init));
    scope.declare(variable);
    if (type.isArray() && init != null) {
      expressions.arrays().assigned(variable, init);
      expressions.arrays().declared(variable, init);
    }
    return new Stmt.Declare(variable, init, origin);
  }

  private static boolean isVar(Tree type) {
    return type == null || type instanceof IdentifierTree id && id.getName().contentEquals("var");
  }

}
