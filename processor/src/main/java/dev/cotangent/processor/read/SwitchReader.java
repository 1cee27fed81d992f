package dev.cotangent.processor.read;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.YieldTree;
import dev.cotangent.processor.Message;
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
import java.util.Optional;

/**
 * Reads {@code switch} statements and expressions on {@code int}, {@code char}, {@code String}
 * and enum selectors into {@link Stmt.Switch} (lowering turns them into {@code if}s). A switch
 * expression is read where it is the whole value of a declaration, an assignment or a
 * {@code return}: as a switch statement whose cases assign that variable (each {@code yield v}
 * becomes {@code target = v} and a {@code break} out of the switch) or return.
 */
final class SwitchReader {
  /** Where the value of a switch expression goes: a variable, or the method's result. */
  record Target(Variable variable, Tree at) {
    boolean returns() {
      return variable == null;
    }
  }

  private record Yield(Target target, String label) {}

  private final StatementReader statements;
  private final ExpressionReader expressions;
  private final NameResolver names;
  private final SourceText source;
  private final Deque<Yield> yields = new ArrayDeque<>();
  private int generatedLabels;

  SwitchReader(StatementReader statements, ExpressionReader expressions, NameResolver names,
      SourceText source) {
    this.statements = statements;
    this.expressions = expressions;
    this.names = names;
    this.source = source;
  }

  /** The switch expression {@code tree} is, without parentheses, or null. */
  static SwitchExpressionTree expression(ExpressionTree tree) {
    ExpressionTree e = tree;
    while (e instanceof ParenthesizedTree p) {
      e = p.getExpression();
    }
    return e instanceof SwitchExpressionTree s ? s : null;
  }

  Stmt statement(SwitchTree tree, Origin origin) throws ReadException {
    return read(tree.getExpression(), tree.getCases(), origin, null);
  }

  /** A switch expression whose value goes to {@code target}. */
  Stmt expression(SwitchExpressionTree tree, Target target, Origin origin)
      throws ReadException {
    String label = "$switch" + generatedLabels++;
    yields.push(new Yield(target, label));
    try {
      return read(tree.getExpression(), tree.getCases(), origin, label);
    } finally {
      yields.pop();
    }
  }

  /** {@code yield v;}: the value into the target, and out of the switch expression. */
  List<Stmt> yield(YieldTree tree, Origin origin) throws ReadException {
    if (yields.isEmpty()) {
      throw new ReadException(tree, Message.UNSUPPORTED, "yield outside a switch expression",
          "yield from a switch expression");
    }
    return value(tree.getValue(), yields.peek(), origin);
  }

  private List<Stmt> value(ExpressionTree tree, Yield yield, Origin origin) throws ReadException {
    Target target = yield.target();
    SwitchExpressionTree nested = expression(tree);
    if (nested != null) {
      // yield switch (...) { ... }: the inner switch's value goes to the same target
      List<Stmt> out = new ArrayList<>();
      out.add(expression(nested, target, origin));
      if (!target.returns()) {
        out.add(new Stmt.Break(yield.label(), null));
      }
      return out;
    }
    if (target.returns()) {
      return List.of(statements.returnValue(tree, tree, origin));
    }
    Variable v = target.variable();
    Expr value = expressions.read(tree, v.type());
    CallPlaces.check(value, true, "a yielded value");
    ExpressionStatements.checkAssignable(tree, v.type(), value);
    return List.of(new Stmt.Assign(v, value, origin), new Stmt.Break(yield.label(), null));
  }

  private Stmt read(ExpressionTree selectorTree, List<? extends CaseTree> caseTrees,
      Origin origin, String label) throws ReadException {
    Expr selector = expressions.read(selectorTree);
    CallPlaces.check(selector, false, "a switch selector");
    Type type = selector.type();
    if (type != Type.INT && !type.isNarrow() && type != Type.STRING && type != Type.ENUM) {
      throw new ReadException(selectorTree, Message.TYPE, type.javaName(), "as a switch selector"
          + " (switch on int, char, byte, short, String or an enum)");
    }
    List<Stmt.Switch.Case> cases = new ArrayList<>();
    statements.enterSwitch();
    statements.scope().enter(); // the groups of "case L:" share one scope, as in Java
    try {
      for (CaseTree c : caseTrees) {
        List<Expr> labels = labels(c, selector);
        boolean arrow = c.getCaseKind() == CaseTree.CaseKind.RULE;
        List<Stmt> body = arrow ? rule(c, label) : statements.statements(c.getStatements());
        cases.add(new Stmt.Switch.Case(labels, body, arrow));
      }
    } finally {
      statements.scope().exit();
      statements.exitSwitch();
    }
    return new Stmt.Switch(selector, cases, origin, label);
  }

  /** The body of {@code case L -> ...}: a block, a statement, a throw, or a yielded value. */
  private List<Stmt> rule(CaseTree c, String label) throws ReadException {
    Tree body = c.getBody();
    if (body instanceof BlockTree block) {
      return statements.block(block.getStatements());
    }
    if (body instanceof StatementTree statement) {
      return statements.block(List.of(statement));
    }
    Origin origin = source.origin(body);
    return value((ExpressionTree) body, yields.peek(), origin);
  }

  /** The constants of one case, empty for {@code default}. */
  private List<Expr> labels(CaseTree c, Expr selector) throws ReadException {
    List<? extends ExpressionTree> trees = c.getExpressions();
    if (trees.isEmpty()) {
      if (!source.text(c).startsWith("default")) {
        throw new ReadException(c, Message.UNSUPPORTED, "a pattern in a case label",
            "switch on int, char, String or enum constants");
      }
      return List.of();
    }
    List<Expr> out = new ArrayList<>();
    for (ExpressionTree tree : trees) {
      out.add(label(tree, selector));
    }
    return out;
  }

  private Expr label(ExpressionTree tree, Expr selector) throws ReadException {
    if (selector.type() == Type.ENUM && tree instanceof IdentifierTree id) {
      Optional<Expr> constant =
          names.enumConstant(Exprs.objectType(selector), id.getName().toString());
      if (constant.isEmpty()) {
        throw new ReadException(tree, Message.UNKNOWN_NAME, id.getName().toString());
      }
      return constant.get();
    }
    Expr label = expressions.read(tree);
    boolean fits = label.type() == selector.type()
        || selector.type().isIntegral() && label.type().isIntegral();
    if (!fits || !(label instanceof Expr.Literal || label instanceof Expr.StaticField
        || label instanceof Expr.Binary || label instanceof Expr.Unary
        || label instanceof Expr.Cast)) {
      throw new ReadException(tree, Message.TYPE, label.type().javaName(),
          "as a case label here (a constant of the selector's type)");
    }
    return label;
  }
}
