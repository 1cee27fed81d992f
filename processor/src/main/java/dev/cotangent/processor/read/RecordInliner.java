package dev.cotangent.processor.read;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import dev.cotangent.processor.Message;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Inlines a record's constructor or method at a use: its parameters (and the receiver's
 * components) are bound to the arguments' values, its statements become statements before the
 * use (in the enclosing statement's prelude, {@link SideEffects}), and its {@code return}
 * value is the use's value. An argument is substituted where the body reads it, unless it is
 * more than a variable or a literal and read more than once, or assigned: then it is computed
 * into a temporary first. The body must end in its only {@code return}.
 */
final class RecordInliner {
  /** What the readers of one method share: javac's utilities, and the methods being inlined. */
  record Context(Trees trees, Elements elements, DerivativeRules rules, CalleeEffects effects,
      Deque<ExecutableElement> inlining) {
    Context(Trees trees, Elements elements, DerivativeRules rules, CalleeEffects effects) {
      this(trees, elements, rules, effects, new ArrayDeque<>());
    }
  }

  /** A record's code being read: the record, and {@code this} (null in a static method). */
  record Frame(TypeElement record, RecordValue self) {}

  private final Records records;
  private final ExpressionReader outer;

  RecordInliner(Records records, ExpressionReader outer) {
    this.records = records;
    this.outer = outer;
  }

  static boolean hasBody(Context context, ExecutableElement method) {
    Tree tree = context.trees().getTree(method);
    return tree instanceof MethodTree m && m.getBody() != null;
  }

  static boolean containsReturn(Tree tree) {
    Boolean found = new TreeScanner<Boolean, Void>() {
      @Override
      public Boolean visitReturn(ReturnTree node, Void unused) {
        return true;
      }

      @Override
      public Boolean visitClass(com.sun.source.tree.ClassTree node, Void unused) {
        return false;
      }

      @Override
      public Boolean visitLambdaExpression(com.sun.source.tree.LambdaExpressionTree node,
          Void unused) {
        return false;
      }

      @Override
      public Boolean reduce(Boolean a, Boolean b) {
        return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
      }
    }.scan(tree, null);
    return Boolean.TRUE.equals(found);
  }

  /** {@code new R(args)}: the components, after a compact constructor's statements. */
  RecordValue construct(RecordShape shape, List<Object> args, Tree at) throws ReadException {
    Context context = records.context();
    ExecutableElement canonical = canonical(shape);
    for (int i = 0; i < args.size(); i++) {
      args.set(i, converted(args.get(i), shape.components().get(i), at));
    }
    if (canonical == null || !hasBody(context, canonical)
        || context.elements().getOrigin(canonical) == Elements.Origin.MANDATED) {
      return RecordValue.ofComponents(shape, args);
    }
    if (!isCompact(context, canonical)) {
      throw new ReadException(at, Message.RECORD, "the explicit canonical constructor of "
          + shape, "write it as a compact constructor (" + shape + " { if (...) throw ...; })"
          + " whose statements only validate or normalise the parameters");
    }
    MethodTree tree = Records.tree(context, canonical);
    for (StatementTree statement : tree.getBody().getStatements()) {
      if (statement instanceof ExpressionStatementTree e
          && e.getExpression() instanceof MethodInvocationTree) {
        throw new ReadException(at, Message.RECORD, "the constructor of " + shape + " calls "
            + e.getExpression() + " (a side effect)", "keep record constructors to validation"
            + " (throw) and assignments of their parameters");
      }
    }
    Body body = body(canonical, shape.type(), null, args, at, tree.getBody().getStatements(),
        false);
    List<Object> components = new ArrayList<>();
    for (VariableElement p : canonical.getParameters()) {
      components.add(body.current(p.getSimpleName().toString()));
    }
    return RecordValue.ofComponents(shape, components);
  }

  /** Whether a constructor is written compact ({@code R { ... }}, no parameter list). */
  private static boolean isCompact(Context context, ExecutableElement constructor) {
    MethodTree tree = Records.tree(context, constructor);
    CompilationUnitTree unit = Records.unit(context, constructor);
    var positions = context.trees().getSourcePositions();
    long start = positions.getStartPosition(unit, tree);
    long body = positions.getStartPosition(unit, tree.getBody());
    try {
      String text = unit.getSourceFile().getCharContent(true).subSequence((int) start,
          (int) body).toString();
      return !text.contains("(");
    } catch (java.io.IOException | RuntimeException e) {
      return false;
    }
  }

  /** A call of a record method (static when {@code self} is null): its inlined value. */
  Object call(ExecutableElement method, RecordShape owner, RecordValue self, List<Object> args,
      Tree at) throws ReadException {
    Context context = records.context();
    MethodTree tree = Records.tree(context, method);
    String name = owner + "." + method.getSimpleName();
    if (tree == null || tree.getBody() == null) {
      throw new ReadException(at, Message.RECORD, "calling " + name + ", which has no source",
          "compile the record together with this method");
    }
    List<? extends StatementTree> statements = tree.getBody().getStatements();
    if (!Records.endsInOnlyReturn(statements)) {
      throw new ReadException(at, Message.RECORD, "the record method " + name + " (it is"
          + " inlined, so its body must end in its only return statement)", "compute the result"
          + " into a local and return it at the end");
    }
    for (int i = 0; i < args.size(); i++) {
      args.set(i, converted(args.get(i), method.getParameters().get(i), at));
    }
    Body body = body(method, owner.type(), self, args, at, statements, true);
    return body.result();
  }

  /** An argument converted to the parameter's type: numeric promotion, or the same record. */
  private Object converted(Object arg, Object parameter, Tree at) throws ReadException {
    Type type;
    RecordShape record;
    if (parameter instanceof RecordShape.Component c) {
      type = c.type();
      record = c.record();
    } else {
      VariableElement p = (VariableElement) parameter;
      record = RecordShape.isRecord(p.asType()) ? RecordShape.of((TypeElement)
          ((javax.lang.model.type.DeclaredType) p.asType()).asElement(), at,
          records.context().trees()) : null;
      type = record != null ? null : Types.of(p.asType()).orElse(null);
      if (record == null && type == null) {
        throw new ReadException(at, Message.TYPE, p.asType().toString(), "for the parameter "
            + p.getSimpleName() + " of a record's method");
      }
    }
    if (record != null) {
      if (!(arg instanceof RecordValue value) || !value.shape().sameRecord(record)) {
        throw new ReadException(at, Message.TYPE, describe(arg), "where a " + record
            + " is expected");
      }
      return arg;
    }
    if (!(arg instanceof Expr e)) {
      throw new ReadException(at, Message.TYPE, describe(arg), "where a " + type.javaName()
          + " is expected");
    }
    return convert(e, type, at);
  }

  private static String describe(Object value) {
    return value instanceof RecordValue r ? r.shape().toString() : ((Expr) value).type()
        .javaName();
  }

  /** {@code e} as a value of {@code type} (a widening conversion), as Java converts it. */
  static Expr convert(Expr e, Type type, Tree at) throws ReadException {
    if (e.type() == type) {
      return e;
    }
    ExpressionStatements.checkAssignable(at, type, e);
    if (e instanceof Expr.Literal literal && literal.type().isIntegral()
        && type.isFloatingPoint() && literal.type() != Type.CHAR) {
      String text = Double.toString(literal.value());
      return new Expr.Literal(type, type == Type.FLOAT ? text + "f" : text);
    }
    return new Expr.Cast(type, e);
  }

  private ExecutableElement canonical(RecordShape shape) {
    for (ExecutableElement c : ElementFilter.constructorsIn(shape.type().getEnclosedElements())) {
      if (c.getParameters().size() != shape.components().size()) {
        continue;
      }
      boolean same = true;
      var components = shape.type().getRecordComponents();
      for (int i = 0; i < components.size(); i++) {
        same &= records.context().trees() != null && c.getParameters().get(i).asType().toString()
            .equals(components.get(i).asType().toString());
      }
      if (same) {
        return c;
      }
    }
    return null;
  }

  /** A body read with its parameters bound: what its names hold at the end, and its result. */
  private record Body(Scope scope, Object result) {
    Object current(String name) {
      Variable v = scope.lookup(name);
      return v != null ? new Expr.Ref(v) : scope.bound(name);
    }
  }

  private Body body(ExecutableElement method, TypeElement record, RecordValue self,
      List<Object> args, Tree at, List<? extends StatementTree> statements, boolean returns)
      throws ReadException {
    Context context = records.context();
    if (context.inlining().contains(method)) {
      throw new ReadException(at, Message.RECORD, "the recursive record method "
          + record.getSimpleName() + "." + method.getSimpleName(), "write the recursion as a"
          + " loop");
    }
    if (!outer.effects().canLower()) {
      throw new ReadException(at, Message.RECORD, "a record's code here", "use the record in a"
          + " statement");
    }
    Map<String, Integer> uses = uses(statements);
    Map<String, Boolean> assigned = assigned(statements);
    List<Stmt> prelude = new ArrayList<>();
    Scope scope = new Scope();
    for (int i = 0; i < args.size(); i++) {
      String name = method.getParameters().get(i).getSimpleName().toString();
      bind(scope, name, args.get(i), uses, assigned.getOrDefault(name, false), prelude, at);
    }
    RecordValue boundSelf = null;
    if (self != null) {
      List<Object> components = new ArrayList<>();
      for (RecordShape.Component c : self.shape().components()) {
        String name = c.name();
        int n = uses.getOrDefault(name, 0) + componentUses(uses, "this", self.shape(), name);
        Object value = shared(self.component(name), name, n, prelude);
        components.add(value);
        scope.bind(name, value);
      }
      boundSelf = RecordValue.ofComponents(self.shape(), components);
    }
    CompilationUnitTree unit = Records.unit(context, method);
    SourceText source = new SourceText(unit, context.trees().getSourcePositions());
    NameResolver names = new NameResolver(context.elements(), record, unit);
    ExpressionReader inner = new ExpressionReader(scope, names, source,
        new CallResolver(context.elements(), record, context.rules(), context.effects()), null,
        context, new Frame(record, boundSelf));
    List<Problem> problems = new ArrayList<>();
    Type returnType = Types.of(method.getReturnType()).orElse(Type.DOUBLE);
    StatementReader reader = new StatementReader(scope, inner, names, source, problems,
        returnType);
    String where = record.getSimpleName() + "." + (returns ? method.getSimpleName() : "<init>")
        + " (line " + source.line(Records.tree(context, method)) + ")";
    context.inlining().push(method);
    Object result = null;
    inner.effects().open();
    List<Stmt> effects;
    try {
      int n = returns ? statements.size() - 1 : statements.size();
      prelude.addAll(reader.statements(statements.subList(0, n)));
      if (returns) {
        var value = ((ReturnTree) statements.get(n)).getExpression();
        if (RecordShape.isRecord(method.getReturnType())) {
          Records.refuseEffects(value);
          result = inner.records().value(value);
        } else {
          result = convert(inner.read(value), returnType, value);
        }
      }
    } catch (ReadException e) {
      throw new ReadException(at, Message.RECORD, "inlining " + where + ": "
          + e.getMessage(), "fix the record's code");
    } finally {
      effects = inner.effects().close();
      context.inlining().pop();
    }
    for (Problem problem : problems) {
      if (problem.kind() == javax.tools.Diagnostic.Kind.ERROR) {
        throw new ReadException(at, Message.RECORD, "inlining " + where + ": "
            + problem.message(), "fix the record's code");
      }
    }
    prelude.addAll(effects);
    if (!prelude.isEmpty() && outer.inBranch()) {
      throw new ReadException(at, Message.RECORD, "inlining " + where + ", which has statements,"
          + " inside ?: or right of && or ||", "use the record in an if/else instead");
    }
    for (Stmt s : prelude) {
      outer.effects().emitStatement(s);
    }
    return new Body(scope, result);
  }

  /** Binds a parameter to its argument, through a temporary where substitution would not do. */
  private void bind(Scope scope, String name, Object arg, Map<String, Integer> counts,
      boolean assigned,
      List<Stmt> prelude, Tree at) throws ReadException {
    if (assigned) {
      if (arg instanceof RecordValue) {
        throw new ReadException(at, Message.RECORD, "assigning the record parameter " + name
            + " in a record's code", "declare a local record and assign that");
      }
      Expr e = (Expr) arg;
      Variable copy = new Variable(name, e.type(), Variable.Role.LOCAL, false);
      prelude.add(new Stmt.Declare(copy, e, null));
      scope.declareAs(name, copy);
      return;
    }
    if (arg instanceof RecordValue record) {
      List<Object> components = new ArrayList<>();
      for (RecordShape.Component c : record.shape().components()) {
        components.add(shared(record.component(c.name()), name + capitalised(c.name()),
            componentUses(counts, name, record.shape(), c.name()), prelude));
      }
      scope.bind(name, RecordValue.ofComponents(record.shape(), components));
      return;
    }
    scope.bind(name, shared(arg, name, counts.getOrDefault(name, 0), prelude));
  }

  private static String capitalised(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  /**
   * How often a body reads the component {@code c} of the record named {@code name}: its
   * selects {@code name.c}, and twice for any use of the record as a whole.
   */
  private static int componentUses(Map<String, Integer> counts, String name, RecordShape shape,
      String c) {
    int selects = 0;
    for (RecordShape.Component other : shape.components()) {
      selects += counts.getOrDefault(name + "." + other.name(), 0);
    }
    int whole = counts.getOrDefault(name, 0) - selects;
    return counts.getOrDefault(name + "." + c, 0) + (whole > 0 ? 2 : 0);
  }

  /** A value read {@code uses} times: itself if cheap, else read from temporaries. */
  private static Object shared(Object value, String name, int uses, List<Stmt> prelude) {
    if (value instanceof Expr e) {
      if (uses <= 1 || cheap(e)) {
        return e;
      }
      Variable copy = new Variable(name, e.type(), Variable.Role.LOCAL, false);
      prelude.add(new Stmt.Declare(copy, e, null));
      return new Expr.Ref(copy);
    }
    RecordValue record = (RecordValue) value;
    List<Expr> leaves = new ArrayList<>();
    List<String> suffixes = record.shape().leafSuffixes();
    for (int i = 0; i < record.leaves().size(); i++) {
      leaves.add((Expr) shared(record.leaves().get(i), name + suffixes.get(i), uses, prelude));
    }
    return new RecordValue(record.shape(), leaves);
  }

  private static boolean cheap(Expr e) {
    return e instanceof Expr.Ref || e instanceof Expr.Literal || e instanceof Expr.StaticField;
  }

  /** How often each simple name is read, and each {@code name.member} select. */
  private static Map<String, Integer> uses(List<? extends StatementTree> statements) {
    Map<String, Integer> counts = new HashMap<>();
    TreeScanner<Void, Void> scanner = new TreeScanner<>() {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        counts.merge(node.getName().toString(), 1, Integer::sum);
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree node, Void unused) {
        if (node.getExpression() instanceof IdentifierTree id) {
          counts.merge(id.getName() + "." + node.getIdentifier(), 1, Integer::sum);
        }
        return super.visitMemberSelect(node, unused);
      }
    };
    for (StatementTree s : statements) {
      scanner.scan(s, null);
    }
    return counts;
  }

  /** The simple names assigned, compound-assigned, incremented or decremented. */
  private static Map<String, Boolean> assigned(List<? extends StatementTree> statements) {
    Map<String, Boolean> out = new HashMap<>();
    TreeScanner<Void, Void> scanner = new TreeScanner<>() {
      private void target(Tree t) {
        if (t instanceof IdentifierTree id) {
          out.put(id.getName().toString(), true);
        }
      }

      @Override
      public Void visitAssignment(AssignmentTree node, Void unused) {
        target(node.getVariable());
        return super.visitAssignment(node, unused);
      }

      @Override
      public Void visitCompoundAssignment(CompoundAssignmentTree node, Void unused) {
        target(node.getVariable());
        return super.visitCompoundAssignment(node, unused);
      }

      @Override
      public Void visitUnary(UnaryTree node, Void unused) {
        switch (node.getKind()) {
          case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT ->
              target(node.getExpression());
          default -> { }
        }
        return super.visitUnary(node, unused);
      }
    };
    for (StatementTree s : statements) {
      scanner.scan(s, null);
    }
    return out;
  }
}
