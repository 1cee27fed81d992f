package dev.cotangent.processor.read;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import dev.cotangent.processor.Message;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Origin;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.util.ElementFilter;

/**
 * Records of numbers, scalar-replaced while the body is read: a record local is one local per
 * leaf ({@code Vec3 p} is {@code pX}, {@code pY}, {@code pZ}), {@code new Vec3(a, b, c)} is its
 * arguments, an accessor is the leaf, and the record's constructor (a compact constructor's
 * validation) and methods are inlined from their source ({@link RecordInliner}). The sweeps then
 * see only numbers and arrays, and the companions allocate nothing per record operation.
 *
 * <p>Record expressions must be free of assignments and {@code ++}/{@code --} (they are reported
 * with the advice to compute into a local first), so that their leaves, which are read where the
 * record is used, see the values Java would.
 */
final class Records {
  private final ExpressionReader expressions;
  private final Scope scope;
  private final NameResolver names;
  private final RecordInliner.Context context;
  /** The record method being inlined, or null in the {@code @Differentiable} method itself. */
  private final RecordInliner.Frame frame;

  Records(ExpressionReader expressions, Scope scope, NameResolver names,
      RecordInliner.Context context, RecordInliner.Frame frame) {
    this.expressions = expressions;
    this.scope = scope;
    this.names = names;
    this.context = context;
    this.frame = frame;
    this.arrays = new RecordArrays(this, expressions, scope, names);
  }

  private final RecordArrays arrays;

  /** Arrays of records. */
  RecordArrays arrays() {
    return arrays;
  }

  RecordInliner.Context context() {
    return context;
  }

  /** The record an expression has, if it is a record of a kind Cotangent reads; no errors. */
  Optional<RecordShape> shapeOf(ExpressionTree tree) {
    try {
      return Optional.ofNullable(shape(tree));
    } catch (ReadException e) {
      return Optional.empty();
    }
  }

  /** Whether the expression's type is a record class (of numbers or not). */
  boolean isRecord(ExpressionTree tree) {
    if (context != null && arrays.array(tree) != null) {
      return true;
    }
    try {
      return shape(tree) != null;
    } catch (ReadException e) {
      return true;
    }
  }

  /** The shape of a record-valued expression, null for others; errors for unreadable records. */
  private RecordShape shape(ExpressionTree tree) throws ReadException {
    if (context == null) {
      return null;
    }
    switch (tree.getKind()) {
      case PARENTHESIZED:
        return shape(((ParenthesizedTree) tree).getExpression());
      case IDENTIFIER: {
        String name = ((IdentifierTree) tree).getName().toString();
        if (name.equals("this")) {
          return frame != null && frame.self() != null ? frame.self().shape() : null;
        }
        if (scope.lookup(name) != null) {
          return null;
        }
        return scope.bound(name) instanceof RecordValue value ? value.shape() : null;
      }
      case NEW_CLASS: {
        TypeElement type = newType((NewClassTree) tree);
        return RecordShape.isRecord(type) ? RecordShape.of(type, tree, context.trees()) : null;
      }
      case METHOD_INVOCATION: {
        Target target = target((MethodInvocationTree) tree);
        if (target == null || target.method() == null) {
          return null;
        }
        return recordOf(target.method().getReturnType(), tree);
      }
      case MEMBER_SELECT: {
        MemberSelectTree select = (MemberSelectTree) tree;
        RecordShape outer = shape(select.getExpression());
        if (outer == null) {
          return null;
        }
        return outer.component(select.getIdentifier().toString())
            .map(RecordShape.Component::record).orElse(null);
      }
      case ARRAY_ACCESS: {
        RecordArray array = arrays.array(((com.sun.source.tree.ArrayAccessTree) tree)
            .getExpression());
        return array == null ? null : array.shape();
      }
      case CONDITIONAL_EXPRESSION: {
        ConditionalExpressionTree c = (ConditionalExpressionTree) tree;
        RecordShape t = shape(c.getTrueExpression());
        return t != null ? t : shape(c.getFalseExpression());
      }
      default:
        return null;
    }
  }

  private RecordShape recordOf(javax.lang.model.type.TypeMirror type, Tree at)
      throws ReadException {
    if (!RecordShape.isRecord(type)) {
      return null;
    }
    return RecordShape.of((TypeElement) ((DeclaredType) type).asElement(), at, context.trees());
  }

  /** The class {@code new C(...)} creates (or null). */
  TypeElement newType(NewClassTree tree) {
    Tree type = tree.getIdentifier();
    if (type instanceof ParameterizedTypeTree parameterized) {
      type = parameterized.getType();
    }
    return type instanceof ExpressionTree name ? names.type(name).orElse(null) : null;
  }

  /** A method of a record called here: its element (null: none) and receiver. */
  record Target(ExecutableElement method, RecordShape owner, ExpressionTree receiver,
      boolean implicitThis) {}

  /** The record method a call calls, or null if it calls no record's method. */
  Target target(MethodInvocationTree tree) throws ReadException {
    ExpressionTree select = tree.getMethodSelect();
    int arity = tree.getArguments().size();
    if (select instanceof MemberSelectTree member) {
      String name = member.getIdentifier().toString();
      RecordShape receiver = shape(member.getExpression());
      if (receiver != null) {
        return new Target(method(receiver.type(), name, arity), receiver, member.getExpression(),
            false);
      }
      if (isTypeName(member.getExpression())) {
        TypeElement type = names.type(member.getExpression()).orElse(null);
        if (RecordShape.isRecord(type)) {
          RecordShape owner = RecordShape.of(type, member.getExpression(), context.trees());
          ExecutableElement found = method(type, name, arity);
          return found == null || !found.getModifiers().contains(Modifier.STATIC) ? null
              : new Target(found, owner, null, false);
        }
      }
      return null;
    }
    if (frame != null && select instanceof IdentifierTree id) {
      ExecutableElement found = method(frame.record(), id.getName().toString(), arity);
      if (found == null) {
        return null;
      }
      RecordShape owner = RecordShape.of(frame.record(), tree, context.trees());
      return new Target(found, owner, null, !found.getModifiers().contains(Modifier.STATIC));
    }
    return null;
  }

  private static ExecutableElement method(TypeElement type, String name, int arity) {
    for (ExecutableElement m : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (m.getSimpleName().contentEquals(name) && m.getParameters().size() == arity) {
        return m;
      }
    }
    return null;
  }

  private boolean isTypeName(ExpressionTree tree) {
    if (tree instanceof IdentifierTree id) {
      String name = id.getName().toString();
      return scope.lookup(name) == null && scope.bound(name) == null
          && names.field(name).isEmpty() && names.type(tree).isPresent();
    }
    return tree instanceof MemberSelectTree && names.type(tree).isPresent();
  }

  /** Reads a record-valued expression into its leaves (inlining what it calls). */
  RecordValue value(ExpressionTree tree) throws ReadException {
    switch (tree.getKind()) {
      case PARENTHESIZED:
        return value(((ParenthesizedTree) tree).getExpression());
      case IDENTIFIER: {
        String name = ((IdentifierTree) tree).getName().toString();
        if (name.equals("this") && frame != null && frame.self() != null) {
          return frame.self();
        }
        if (scope.bound(name) instanceof RecordValue value) {
          return value;
        }
        break;
      }
      case NEW_CLASS:
        return construct((NewClassTree) tree);
      case METHOD_INVOCATION: {
        Object result = call((MethodInvocationTree) tree);
        if (result instanceof RecordValue value) {
          return value;
        }
        break;
      }
      case MEMBER_SELECT: {
        MemberSelectTree select = (MemberSelectTree) tree;
        Object component = value(select.getExpression())
            .component(select.getIdentifier().toString());
        if (component instanceof RecordValue value) {
          return value;
        }
        break;
      }
      case CONDITIONAL_EXPRESSION:
        return conditional((ConditionalExpressionTree) tree);
      case ARRAY_ACCESS: {
        RecordValue element = arrays.element((com.sun.source.tree.ArrayAccessTree) tree);
        if (element != null) {
          return element;
        }
        break;
      }
      default:
        break;
    }
    throw new ReadException(tree, Message.RECORD, "this record expression",
        "build records with new, a static factory or a record method, read them from locals,"
            + " and choose between them with ?: or if/else");
  }

  private RecordValue conditional(ConditionalExpressionTree tree) throws ReadException {
    Expr condition = expressions.condition(tree.getCondition());
    RecordValue t = value(tree.getTrueExpression());
    RecordValue f = value(tree.getFalseExpression());
    if (!t.shape().sameRecord(f.shape())) {
      throw new ReadException(tree, Message.RECORD, "?: between a " + t.shape() + " and a "
          + f.shape(), "choose between records of the same class");
    }
    List<Expr> leaves = new ArrayList<>();
    for (int i = 0; i < t.leaves().size(); i++) {
      Expr a = t.leaves().get(i);
      Expr b = f.leaves().get(i);
      if (a.type().isArray()) {
        throw new ReadException(tree, Message.RECORD, "?: between records with array"
            + " components", "choose with if/else");
      }
      leaves.add(new Expr.Conditional(condition, a, b, a.type()));
    }
    return new RecordValue(t.shape(), leaves);
  }

  /** {@code new R(args)}: the canonical constructor, inlined. */
  private RecordValue construct(NewClassTree tree) throws ReadException {
    TypeElement type = newType(tree);
    RecordShape shape = RecordShape.of(type, tree, context.trees());
    if (tree.getArguments().size() != shape.components().size()) {
      throw new ReadException(tree, Message.RECORD, "a constructor of " + shape + " other than"
          + " the canonical one", "write a static factory method in " + shape + " that calls new "
          + shape + "(...) with every component");
    }
    List<Object> args = arguments(tree.getArguments());
    return new RecordInliner(this, expressions).construct(shape, args, tree);
  }

  /** A call of a record's method, inlined: an {@link Expr} or a {@link RecordValue}. */
  Object call(MethodInvocationTree tree) throws ReadException {
    Target target = target(tree);
    String name = tree.getMethodSelect() instanceof MemberSelectTree m
        ? m.getIdentifier().toString() : tree.getMethodSelect().toString();
    if (target == null) {
      throw new ReadException(tree, Message.RECORD, "a record from " + tree.getMethodSelect()
          + " (only a record's own constructor, static factories and methods are inlined)",
          "make it a static method of the record, or return the components");
    }
    boolean accessor = target.owner().component(name).isPresent()
        && tree.getArguments().isEmpty();
    if ((target.method() == null || !RecordInliner.hasBody(context, target.method()))
        && target.receiver() != null
        && RecordObjectMethods.applies(name, tree.getArguments().size())) {
      refuseEffects(tree);
      return RecordObjectMethods.call(this, value(target.receiver()), name, tree);
    }
    if (target.method() == null
        || !accessor && !RecordInliner.hasBody(context, target.method())) {
      throw new ReadException(tree, Message.RECORD, "calling " + name + " on the record "
          + target.owner(), "records are scalar-replaced, so only their components and the"
          + " methods declared in " + target.owner() + " can be used in differentiated code"
          + " (and Java's equals, hashCode and toString)");
    }
    RecordValue self = null;
    if (!target.method().getModifiers().contains(Modifier.STATIC)) {
      self = target.implicitThis() ? frame.self() : value(target.receiver());
      if (self == null) {
        throw new ReadException(tree, Message.RECORD, "calling the instance method " + name
            + " without a receiver", "call it on a record");
      }
      Object component = self.component(name);
      if (component != null && tree.getArguments().isEmpty()
          && !RecordInliner.hasBody(context, target.method())) {
        return component; // an implicit accessor
      }
    }
    List<Object> args = arguments(tree.getArguments());
    return new RecordInliner(this, expressions).call(target.method(), target.owner(), self,
        args, tree);
  }

  /** Arguments of a record's constructor or method: a record's leaves or a scalar. */
  private List<Object> arguments(List<? extends ExpressionTree> trees) throws ReadException {
    List<Object> out = new ArrayList<>();
    for (ExpressionTree arg : trees) {
      refuseEffects(arg);
      out.add(isRecord(arg) ? value(arg) : expressions.read(arg));
    }
    return out;
  }

  /** Record expressions must be free of assignments and increments. */
  static void refuseEffects(ExpressionTree tree) throws ReadException {
    if (SideEffects.contains(tree)) {
      throw new ReadException(tree, Message.RECORD, "an assignment, ++ or -- inside an"
          + " expression that builds or uses a record", "compute the value into a local in a"
          + " statement of its own first");
    }
  }

  /** A component read {@code p.x}, or null if the target is no record. */
  Object component(MemberSelectTree tree) throws ReadException {
    RecordArray array = context == null ? null : arrays.array(tree.getExpression());
    if (array != null) {
      if (!tree.getIdentifier().contentEquals("length")) {
        throw new ReadException(tree, Message.UNKNOWN_NAME, tree.toString());
      }
      return new Expr.Length(array.arrays().get(0));
    }
    RecordShape outer = shape(tree.getExpression());
    if (outer == null) {
      return null;
    }
    Object component = value(tree.getExpression()).component(tree.getIdentifier().toString());
    if (component == null) {
      throw new ReadException(tree, Message.UNKNOWN_NAME, tree.toString());
    }
    return component;
  }

  /** Whether the statement declares a record local. */
  boolean declares(VariableTree tree) {
    if (context == null) {
      return false;
    }
    if (arrays.elementRecord(tree.getType()).isPresent()) {
      return true;
    }
    if (tree.getType() instanceof ExpressionTree typeName && !isVar(tree.getType())) {
      Tree t = typeName instanceof ParameterizedTypeTree p ? p.getType() : typeName;
      return t instanceof ExpressionTree e && names.type(e).map(this::isUserClass)
          .orElse(false);
    }
    return isVar(tree.getType()) && tree.getInitializer() != null
        && isRecord(tree.getInitializer());
  }

  /** A record, or another class of this compilation (reported: it is no record of numbers). */
  private boolean isUserClass(TypeElement type) {
    return RecordShape.isRecord(type) || type.getKind() == javax.lang.model.element.ElementKind.CLASS
        && context.trees().getTree(type) != null;
  }

  private static boolean isVar(Tree type) {
    return type == null || type instanceof IdentifierTree id && id.getName().contentEquals("var");
  }

  /** {@code R p = init;}: one local per leaf, each with its leaf of {@code init}. */
  List<Stmt> declare(VariableTree tree, Origin origin) throws ReadException {
    Optional<TypeElement> element = arrays.elementRecord(tree.getType());
    if (element.isPresent()) {
      return arrays.declare(tree, element.get(), origin);
    }
    String name = tree.getName().toString();
    RecordShape shape;
    try {
      if (isVar(tree.getType())) {
        shape = shape(tree.getInitializer());
      } else {
        Tree t = tree.getType() instanceof ParameterizedTypeTree p ? p.getType() : tree.getType();
        shape = RecordShape.of(names.type((ExpressionTree) t).orElseThrow(), tree.getType(),
            context.trees());
      }
      if (tree.getModifiers().getFlags().stream().anyMatch(f -> f != Modifier.FINAL)) {
        throw new ReadException(tree, Message.UNSUPPORTED, "a modifier other than final",
            "remove it");
      }
    } catch (ReadException e) {
      scope.declareUnsupported(name);
      throw e;
    }
    List<Variable> variables = new ArrayList<>();
    List<Type> types = shape.leafTypes();
    List<String> suffixes = shape.leafSuffixes();
    for (int i = 0; i < types.size(); i++) {
      variables.add(new Variable(name + suffixes.get(i), types.get(i), Variable.Role.LOCAL,
          false));
    }
    RecordValue init = null;
    try {
      if (tree.getInitializer() != null) {
        refuseEffects(tree.getInitializer());
        init = checked(value(tree.getInitializer()), shape, tree.getInitializer());
      }
    } finally {
      scope.bind(name, RecordValue.of(shape, variables));
    }
    List<Stmt> out = new ArrayList<>();
    for (int i = 0; i < variables.size(); i++) {
      Expr leaf = init == null ? null : init.leaves().get(i);
      out.add(new Stmt.Declare(variables.get(i), leaf, origin));
      if (leaf != null && leaf.type().isArray()) {
        expressions.arrays().assigned(variables.get(i), leaf);
      }
    }
    return out;
  }

  private static RecordValue checked(RecordValue value, RecordShape shape, Tree at)
      throws ReadException {
    if (!value.shape().sameRecord(shape)) {
      throw new ReadException(at, Message.TYPE, value.shape().toString(),
          "where a " + shape + " is expected");
    }
    return value;
  }

  /** Whether {@code tree} assigns a record local ({@code p = ...;}). */
  boolean assigns(AssignmentTree tree) {
    if (context != null && arrays.assigns(tree)) {
      return true;
    }
    return context != null && tree.getVariable() instanceof IdentifierTree id
        && scope.lookup(id.getName().toString()) == null
        && scope.bound(id.getName().toString()) instanceof RecordValue;
  }

  /**
   * {@code p = value;}: each leaf variable gets its leaf; a leaf that reads a variable assigned
   * before it is computed into a temporary first ({@code w = w.cross(u)}).
   */
  Stmt assign(AssignmentTree tree, Origin origin) throws ReadException {
    if (arrays.assigns(tree)) {
      return arrays.assign(tree, origin);
    }
    String name = ((IdentifierTree) tree.getVariable()).getName().toString();
    RecordValue target = (RecordValue) scope.bound(name);
    List<Variable> variables = target.variables();
    if (variables == null) {
      throw new ReadException(tree, Message.RECORD, "assigning the parameter " + name + " of a"
          + " record method", "declare a local record and assign that");
    }
    refuseEffects(tree.getExpression());
    RecordValue value = checked(value(tree.getExpression()), target.shape(),
        tree.getExpression());
    List<Stmt> out = new ArrayList<>();
    List<Expr> leaves = new ArrayList<>(value.leaves());
    for (int j = 0; j < leaves.size(); j++) {
      java.util.Set<Variable> reads = dev.cotangent.processor.analyse.Variables.in(leaves.get(j));
      boolean stale = false;
      for (int i = 0; i < j; i++) {
        stale |= reads.contains(variables.get(i));
      }
      if (stale) {
        Variable next = new Variable(variables.get(j).name() + "Next", leaves.get(j).type(),
            Variable.Role.LOCAL, false);
        out.add(new Stmt.Declare(next, leaves.get(j), origin));
        leaves.set(j, new Expr.Ref(next));
      }
    }
    for (int i = 0; i < variables.size(); i++) {
      out.add(new Stmt.Assign(variables.get(i), leaves.get(i), origin));
      if (leaves.get(i).type().isArray()) {
        expressions.arrays().assigned(variables.get(i), leaves.get(i));
      }
    }
    return new Stmt.Block(out);
  }

  /** The compilation unit of an element with source, for reading its record's code. */
  static CompilationUnitTree unit(RecordInliner.Context context, javax.lang.model.element.Element e) {
    return context.trees().getPath(e).getCompilationUnit();
  }

  /** Whether a statement list's last statement is its only {@code return}. */
  static boolean endsInOnlyReturn(List<? extends StatementTree> body) {
    if (body.isEmpty() || !(body.get(body.size() - 1) instanceof ReturnTree last)
        || last.getExpression() == null) {
      return false;
    }
    for (int i = 0; i < body.size() - 1; i++) {
      if (RecordInliner.containsReturn(body.get(i))) {
        return false;
      }
    }
    return true;
  }

  static MethodTree tree(RecordInliner.Context context, ExecutableElement method) {
    Tree tree = context.trees().getTree(method);
    return tree instanceof MethodTree m ? m : null;
  }
}
