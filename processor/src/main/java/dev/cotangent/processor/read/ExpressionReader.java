package dev.cotangent.processor.read;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import dev.cotangent.processor.Message;
import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.MathFunction;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.UnaryOp;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/** Reads javac expression trees into typed IR expressions, or explains why it cannot. */
final class ExpressionReader {
  private static final String MATH_FUNCTIONS =
      Arrays.stream(MathFunction.values())
          .map(MathFunction::javaName)
          .collect(Collectors.joining(" "));

  private final Scope scope;
  private final NameResolver names;
  private final SourceText source;
  private final ArrayExpressions arrays;
  private final CallResolver calls;
  /** {@code this} of an instance method, or null. */
  private final Variable receiver;
  /** How many ?: branches or right operands of && and || enclose the current expression. */
  private int branchDepth;
  /** Whether the expression is a guard's message, where some library calls are allowed. */
  private boolean inMessage;

  ExpressionReader(Scope scope, NameResolver names, SourceText source, CallResolver calls,
      Variable receiver) {
    this(scope, names, source, calls, receiver, null, null);
  }

  /**
   * A reader that scalar-replaces records ({@link Records}); {@code frame}: the record code being
   * inlined, or null.
   */
  ExpressionReader(Scope scope, NameResolver names, SourceText source, CallResolver calls,
      Variable receiver, RecordInliner.Context context, RecordInliner.Frame frame) {
    this.records = new Records(this, scope, names, context, frame);
    this.receiver = receiver;
    this.scope = scope;
    this.names = names;
    this.source = source;
    this.arrays = new ArrayExpressions(this, source);
    this.calls = calls;
    this.effects = new SideEffects(this, scope, source);
  }

  private final SideEffects effects;
  private final Records records;

  /** Records of numbers, scalar-replaced. */
  Records records() {
    return records;
  }

  /** Whether the expression being read is inside ?: or right of && or ||. */
  boolean inBranch() {
    return branchDepth > 0;
  }

  ArrayExpressions arrays() {
    return arrays;
  }

  CallResolver calls() {
    return calls;
  }

  /** Assignments, increments and decrements inside expressions, and their order. */
  SideEffects effects() {
    return effects;
  }

  /** Reads an expression whose type the context gives, such as an initialiser {@code {1, 2}}. */
  Expr read(ExpressionTree tree, Type expected) throws ReadException {
    if (tree instanceof NewArrayTree array) {
      return arrays.create(array, expected);
    }
    return read(tree);
  }

  Expr read(ExpressionTree tree) throws ReadException {
    switch (tree.getKind()) {
      case PARENTHESIZED:
        return read(((ParenthesizedTree) tree).getExpression());
      case INT_LITERAL:
      case LONG_LITERAL:
      case DOUBLE_LITERAL:
      case FLOAT_LITERAL:
      case BOOLEAN_LITERAL:
      case CHAR_LITERAL:
      case STRING_LITERAL:
        return literal((LiteralTree) tree);
      case IDENTIFIER:
        return identifier((IdentifierTree) tree);
      case MEMBER_SELECT:
        return memberSelect((MemberSelectTree) tree);
      case UNARY_MINUS:
      case UNARY_PLUS:
      case LOGICAL_COMPLEMENT:
      case BITWISE_COMPLEMENT:
        return unary((UnaryTree) tree);
      case PREFIX_INCREMENT:
      case PREFIX_DECREMENT:
      case POSTFIX_INCREMENT:
      case POSTFIX_DECREMENT:
        return effects.effect(tree);
      case ASSIGNMENT:
      case PLUS_ASSIGNMENT:
      case MINUS_ASSIGNMENT:
      case MULTIPLY_ASSIGNMENT:
      case DIVIDE_ASSIGNMENT:
      case REMAINDER_ASSIGNMENT:
      case AND_ASSIGNMENT:
      case OR_ASSIGNMENT:
      case XOR_ASSIGNMENT:
      case LEFT_SHIFT_ASSIGNMENT:
      case RIGHT_SHIFT_ASSIGNMENT:
      case UNSIGNED_RIGHT_SHIFT_ASSIGNMENT:
        return effects.effect(tree);
      case CONDITIONAL_EXPRESSION:
        return conditional((ConditionalExpressionTree) tree);
      case TYPE_CAST:
        return cast((TypeCastTree) tree);
      case METHOD_INVOCATION:
        return call((MethodInvocationTree) tree);
      case ARRAY_ACCESS:
        if (inMessage && records.isRecord(tree)) { // ps[i] printed or concatenated
          return RecordObjectMethods.string(records.value(tree), tree);
        }
        return arrays.element((ArrayAccessTree) tree);
      case NEW_ARRAY:
        return arrays.create((NewArrayTree) tree, null);
      case NEW_CLASS:
        throw RecordUses.asNumber(this, (com.sun.source.tree.NewClassTree) tree);
      default:
        if (tree instanceof BinaryTree binary) {
          return binary(binary);
        }
        throw Unsupported.expression(tree);
    }
  }

  /**
   * Reads an argument of a guard ({@code throw new E(message)}, {@code assert c : message}):
   * any value, with string concatenation and the library calls of {@link MessageCalls}.
   */
  Expr message(ExpressionTree tree) throws ReadException {
    boolean outer = inMessage;
    inMessage = true;
    try {
      Expr message = read(tree);
      CallPlaces.check(message, false, "a guard's message");
      return message;
    } finally {
      inMessage = outer;
    }
  }

  /** Reads an expression that must be a boolean, such as a condition. */
  Expr condition(ExpressionTree tree) throws ReadException {
    Expr condition = read(tree);
    CallPlaces.check(condition, false, "a condition");
    if (condition.type() != Type.BOOLEAN) {
      throw new ReadException(tree, Message.TYPE, condition.type().javaName(), "as a condition");
    }
    return condition;
  }

  private Expr literal(LiteralTree tree) {
    Type type = switch (tree.getKind()) {
      case INT_LITERAL -> Type.INT;
      case LONG_LITERAL -> Type.LONG;
      case DOUBLE_LITERAL -> Type.DOUBLE;
      case FLOAT_LITERAL -> Type.FLOAT;
      case CHAR_LITERAL -> Type.CHAR;
      case STRING_LITERAL -> Type.STRING;
      default -> Type.BOOLEAN;
    };
    return new Expr.Literal(type, source.text(tree));
  }

  private Expr identifier(IdentifierTree tree) throws ReadException {
    String name = tree.getName().toString();
    Variable variable = scope.lookup(name);
    if (variable != null) {
      return new Expr.Ref(variable);
    }
    Object bound = scope.bound(name);
    if (bound instanceof Expr value) {
      return value;
    }
    if (bound instanceof RecordValue record) {
      if (inMessage) {
        return RecordObjectMethods.string(record, tree); // printed or concatenated: its toString()
      }
      throw RecordUses.recordAsNumber(tree, record.shape());
    }
    if (bound instanceof RecordArray array) {
      throw new ReadException(tree, Message.RECORD, "the array of " + array.shape() + " " + name
          + " here", "read its elements' components (" + name + "[i].x()) and its length");
    }
    if (scope.isUnsupported(name)) {
      throw ReadException.alreadyReported(tree);
    }
    if (name.equals("this") || name.equals("super")) {
      throw Unsupported.expression(tree);
    }
    Optional<VariableElement> field = names.field(name);
    if (field.isEmpty()) {
      throw new ReadException(tree, Message.UNKNOWN_NAME, name);
    }
    if (!field.get().getModifiers().contains(Modifier.STATIC)) {
      return instanceField(tree, field.get());
    }
    return staticField(tree, field.get());
  }

  /** An instance field of this object, read as a constant: {@code receiver.name}. */
  private Expr instanceField(Tree tree, VariableElement field) throws ReadException {
    String name = field.getSimpleName().toString();
    boolean own = receiver != null && names.field(names.enclosing(), name)
        .filter(found -> found.equals(field)).isPresent();
    if (!own) {
      throw new ReadException(tree, Message.INSTANCE_FIELD, name);
    }
    if (field.getModifiers().contains(Modifier.PRIVATE)) {
      throw new ReadException(tree, Message.PRIVATE_INSTANCE_FIELD, name);
    }
    Optional<Type> type = Types.of(field.asType());
    if (type.isEmpty()) {
      throw new ReadException(tree, Message.TYPE, field.asType().toString(), "for the field " + name);
    }
    return new Expr.Field(new Expr.Ref(receiver), name, type.get());
  }

  private boolean isThis(ExpressionTree tree) {
    return tree instanceof IdentifierTree id && id.getName().contentEquals("this");
  }

  private Expr memberSelect(MemberSelectTree tree) throws ReadException {
    Object component = records.component(tree);
    if (component instanceof RecordValue record) {
      throw RecordUses.recordAsNumber(tree, record.shape());
    }
    if (component != null) {
      return (Expr) component;
    }
    String name = tree.getIdentifier().toString();
    if (tree.getExpression() instanceof IdentifierTree target
        && scope.isUnsupported(target.getName().toString())) {
      throw ReadException.alreadyReported(tree);
    }
    if (isThis(tree.getExpression())) {
      Optional<VariableElement> field = names.field(names.enclosing(), name);
      if (field.isEmpty() || field.get().getModifiers().contains(Modifier.STATIC)) {
        throw new ReadException(tree, Message.UNKNOWN_NAME, source.text(tree));
      }
      return instanceField(tree, field.get());
    }
    Optional<TypeElement> owner = names.type(tree.getExpression());
    if (name.equals("length") && (owner.isEmpty() || !isTypeName(tree.getExpression()))) {
      return arrays.length(tree);
    }
    if (owner.isEmpty()) {
      if (tree.getExpression() instanceof IdentifierTree target
          && scope.lookup(target.getName().toString()) != null) {
        throw Unsupported.expression(tree);
      }
      if (tree.getExpression() instanceof IdentifierTree qualifier
          && names.field(qualifier.getName().toString()).isPresent()) {
        throw new ReadException(tree, Message.INSTANCE_FIELD, name);
      }
      throw new ReadException(tree, Message.UNKNOWN_NAME, source.text(tree));
    }
    Optional<VariableElement> field = names.field(owner.get(), name);
    if (field.isEmpty()) {
      throw new ReadException(tree, Message.UNKNOWN_NAME, source.text(tree));
    }
    return staticField(tree, field.get());
  }

  /** A static field: a named constant for differentiation, inlined when it is not accessible. */
  private Expr staticField(Tree tree, VariableElement field) throws ReadException {
    String name = field.getSimpleName().toString();
    if (!field.getModifiers().contains(Modifier.STATIC)) {
      throw new ReadException(tree, Message.INSTANCE_FIELD, name);
    }
    Optional<Type> type = Types.of(field.asType());
    if (type.isEmpty()) {
      throw new ReadException(tree, Message.TYPE, field.asType().toString(), "for the field " + name);
    }
    TypeElement owner = (TypeElement) field.getEnclosingElement();
    if (isAccessibleFromGeneratedCode(field, owner)) {
      return new Expr.StaticField(ClassName.get(owner), name, type.get());
    }
    Object constant = field.getConstantValue();
    if (constant == null) {
      throw new ReadException(tree, Message.PRIVATE_FIELD, name);
    }
    return Constants.literal(constant, type.get());
  }

  private boolean isAccessibleFromGeneratedCode(VariableElement field, TypeElement owner) {
    if (field.getModifiers().contains(Modifier.PRIVATE)) {
      return false;
    }
    boolean samePackage = names.packageName().equals(ClassName.get(owner).packageName());
    for (var type = owner; type != null; type = enclosingType(type)) {
      if (type.getModifiers().contains(Modifier.PRIVATE)) {
        return false;
      }
      if (!type.getModifiers().contains(Modifier.PUBLIC) && !samePackage) {
        return false;
      }
    }
    return field.getModifiers().contains(Modifier.PUBLIC) || samePackage;
  }

  private static TypeElement enclosingType(TypeElement type) {
    return type.getEnclosingElement() instanceof TypeElement outer ? outer : null;
  }

  private Expr unary(UnaryTree tree) throws ReadException {
    Expr operand = read(tree.getExpression());
    UnaryOp op = switch (tree.getKind()) {
      case UNARY_MINUS -> UnaryOp.NEGATE;
      case UNARY_PLUS -> UnaryOp.PLUS;
      case LOGICAL_COMPLEMENT -> UnaryOp.NOT;
      default -> UnaryOp.COMPLEMENT;
    };
    boolean fits = switch (op) {
      case NOT -> operand.type() == Type.BOOLEAN;
      case COMPLEMENT -> operand.type().isIntegral();
      default -> operand.type().isNumeric();
    };
    if (!fits) {
      throw new ReadException(tree, Message.TYPE, operand.type().javaName(),
          "as the operand of " + op.symbol());
    }
    return new Expr.Unary(op, operand, operand.type());
  }

  private Expr binary(BinaryTree tree) throws ReadException {
    BinaryOp op = Operators.binary(tree.getKind());
    if (op == null) {
      throw Unsupported.expression(tree);
    }
    RecordUses.refuseIdentity(this, tree);
    Expr left = read(tree.getLeftOperand());
    branchDepth += op.isConditional() ? 1 : 0;
    try {
      if (op.isConditional() && effects.canLower()
          && SideEffects.contains(tree.getRightOperand())) {
        return effects.shortCircuit(tree, op, left, () -> read(tree.getRightOperand()));
      }
      List<Expr> earlier = new ArrayList<>(List.of(left));
      Expr right = effects.next(tree, earlier, () -> read(tree.getRightOperand()));
      return Operators.typed(tree, op, earlier.get(0), right);
    } finally {
      branchDepth -= op.isConditional() ? 1 : 0;
    }
  }

  private Expr conditional(ConditionalExpressionTree tree) throws ReadException {
    Expr condition = condition(tree.getCondition());
    Expr ifTrue;
    Expr ifFalse;
    SideEffects.Branches lowered = null;
    branchDepth++;
    try {
      if (effects.canLower() && (SideEffects.contains(tree.getTrueExpression())
          || SideEffects.contains(tree.getFalseExpression()))) {
        lowered = effects.branches(() -> read(tree.getTrueExpression()),
            () -> read(tree.getFalseExpression()));
        ifTrue = lowered.ifTrue();
        ifFalse = lowered.ifFalse();
      } else {
        ifTrue = read(tree.getTrueExpression());
        ifFalse = read(tree.getFalseExpression());
      }
    } finally {
      branchDepth--;
    }
    Type type;
    if (ifTrue.type() == Type.BOOLEAN && ifFalse.type() == Type.BOOLEAN) {
      type = Type.BOOLEAN;
    } else if (ifTrue.type().isNumeric() && ifFalse.type().isNumeric()) {
      type = Type.promote(ifTrue.type(), ifFalse.type());
    } else if (ifTrue.type().isData() && ifTrue.type() == ifFalse.type()) {
      type = ifTrue.type();
    } else if (ifTrue.type().isArray() || ifFalse.type().isArray()) {
      String array = (ifTrue.type().isArray() ? ifTrue : ifFalse).type().javaName();
      throw new ReadException(tree, Message.TYPE, array, "in ?: (choose the array with if/else)");
    } else {
      throw new ReadException(tree, Message.TYPE, "mixing boolean and numbers", "in ?:");
    }
    if (lowered != null) {
      return effects.choose(condition, lowered, type);
    }
    return new Expr.Conditional(condition, ifTrue, ifFalse, type);
  }

  private Expr cast(TypeCastTree tree) throws ReadException {
    Optional<Type> target = Types.of(tree.getType());
    if (target.isEmpty()) {
      throw new ReadException(tree, Message.TYPE, source.text(tree.getType()), "in a cast");
    }
    Expr operand = read(tree.getExpression());
    if ((target.get() == Type.BOOLEAN) != (operand.type() == Type.BOOLEAN)) {
      throw new ReadException(tree, Message.TYPE, operand.type().javaName(), "in this cast");
    }
    return new Expr.Cast(target.get(), operand);
  }

  private Expr call(MethodInvocationTree tree) throws ReadException {
    if (records.target(tree) != null) {
      Records.refuseEffects(tree);
      Object value = records.call(tree);
      if (value instanceof RecordValue record) {
        throw RecordUses.recordAsNumber(tree, record.shape());
      }
      return (Expr) value;
    }
    RecordUses.refuseRecordArguments(this, tree);
    ExpressionTree select = tree.getMethodSelect();
    String name;
    Optional<TypeElement> owner;
    if (select instanceof MemberSelectTree member) {
      name = member.getIdentifier().toString();
      if (name.equals("clone") && tree.getArguments().isEmpty()
          && !isTypeName(member.getExpression())) {
        return arrays.cloned(tree, member.getExpression());
      }
      owner = isThis(member.getExpression()) && receiver != null
          ? Optional.of(names.enclosing()) : names.type(member.getExpression());
      if (owner.isEmpty()) {
        if (member.getExpression() instanceof IdentifierTree target
            && scope.isUnsupported(target.getName().toString())) {
          throw ReadException.alreadyReported(tree);
        }
        throw new ReadException(tree, Message.CALL_ON_OBJECT, source.text(tree),
            source.text(member.getExpression()));
      }
    } else {
      name = ((IdentifierTree) select).getName().toString();
      owner = Optional.empty();
    }
    Optional<TypeElement> math = owner.isPresent()
        ? owner.filter(ExpressionReader::isMath)
        : names.enclosingClassesHaveMethod(name) ? Optional.empty()
            : names.staticImportOwners(name).stream().filter(ExpressionReader::isMath).findFirst();
    if (math.isPresent()) {
      return mathCall(tree, math.get(), name, select);
    }
    if (inMessage && owner.isPresent() && MessageCalls.allowed(owner.get(), name)) {
      List<Expr> args = arguments(tree);
      return new Expr.Runtime(ClassName.get(owner.get()), name, args, Type.STRING);
    }
    List<Expr> args = arguments(tree);
    List<javax.lang.model.element.ExecutableElement> candidates =
        calls.candidates(owner, name, names.staticImportOwners(name));
    Expr self = receiver == null ? null : new Expr.Ref(receiver);
    return calls.resolve(tree, candidates, args, source.text(select), self);
  }

  private Expr mathCall(MethodInvocationTree tree, TypeElement owner, String name,
      ExpressionTree select) throws ReadException {
    Optional<MathFunction> function = MathFunction.named(name);
    if (function.isEmpty() || tree.getArguments().size() != function.get().arity()) {
      throw new ReadException(tree, Message.CALL, source.text(select) + "(...)", MATH_FUNCTIONS);
    }
    List<Expr> args = arguments(tree);
    for (int k = 0; k < args.size(); k++) {
      Expr arg = args.get(k);
      if (!arg.type().isNumeric()) {
        throw new ReadException(tree.getArguments().get(k), Message.TYPE, arg.type().javaName(),
            "as an argument of " + name);
      }
    }
    return new Expr.MathCall(function.get(), ClassName.get(owner), args,
        resultType(function.get(), args));
  }

  /** A call's arguments, left to right ({@link SideEffects#next}). */
  private List<Expr> arguments(MethodInvocationTree tree) throws ReadException {
    List<Expr> args = new ArrayList<>();
    for (ExpressionTree argument : tree.getArguments()) {
      args.add(effects.next(argument, args, () -> read(argument)));
    }
    return args;
  }

  private static Type resultType(MathFunction function, List<Expr> args) {
    boolean integral = args.stream().allMatch(arg -> arg.type().isIntegral());
    if (function.acceptsIntegers() && integral) {
      return args.stream().map(Expr::type).reduce(Type.INT, Type::promote);
    }
    Type promoted = args.stream().map(Expr::type).reduce(Type.INT, Type::promote);
    boolean sameType = function.acceptsIntegers() || function == MathFunction.SIGNUM;
    if (sameType && promoted == Type.FLOAT) {
      return Type.FLOAT; // abs, min, max and signum of floats are floats
    }
    if (function == MathFunction.FMA) {
      return promoted == Type.DOUBLE ? Type.DOUBLE : Type.FLOAT; // fma(float, float, float)
    }
    if (function == MathFunction.ROUND) {
      return integral || promoted == Type.FLOAT ? Type.INT : Type.LONG; // round(float) is int
    }
    return Type.DOUBLE;
  }

  /** Whether an expression names a type (and not a variable, field or other value). */
  private boolean isTypeName(ExpressionTree tree) {
    if (tree instanceof IdentifierTree id) {
      String name = id.getName().toString();
      return scope.lookup(name) == null && !scope.isUnsupported(name)
          && names.field(name).isEmpty() && names.type(tree).isPresent();
    }
    return tree instanceof MemberSelectTree && names.type(tree).isPresent();
  }

  private static boolean isMath(TypeElement type) {
    String name = type.getQualifiedName().toString();
    return name.equals("java.lang.Math") || name.equals("java.lang.StrictMath");
  }
}
