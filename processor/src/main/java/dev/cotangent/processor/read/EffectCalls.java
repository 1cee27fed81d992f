package dev.cotangent.processor.read;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import dev.cotangent.processor.Message;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Origin;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Subexpressions;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;

/**
 * Calls used as statements whose callee carries no derivative: a method of an object held in a
 * static field ({@code System.out.printf(...)}, {@code LOG.info(...)}) and a {@code void} static
 * method without array arguments (a counter, a logging helper). They become
 * {@link Stmt.Evaluate}, which the companions run in their forward sweep only: once per
 * evaluation of the method, never in a reverse sweep. Their arguments are read like a guard's
 * message (values, string concatenation, {@code String.format}). A call of a value-returning
 * method whose result is ignored is computed into an unused local.
 */
final class EffectCalls {
  private final ExpressionReader expressions;
  private final NameResolver names;
  private final CallResolver calls;

  EffectCalls(ExpressionReader expressions, NameResolver names, CallResolver calls) {
    this.expressions = expressions;
    this.names = names;
    this.calls = calls;
  }

  /** The statement for a call used as a statement, or empty if it is none of these. */
  Optional<Stmt> call(MethodInvocationTree tree, Origin origin) throws ReadException {
    ExpressionTree select = tree.getMethodSelect();
    String name;
    Optional<TypeElement> owner = Optional.empty();
    if (select instanceof MemberSelectTree member) {
      name = member.getIdentifier().toString();
      Optional<VariableElement> field = objectField(member.getExpression());
      if (field.isPresent()) {
        TypeElement holder = (TypeElement) field.get().getEnclosingElement();
        Expr target = new Expr.StaticField(ClassName.get(holder),
            field.get().getSimpleName().toString(), Type.OBJECT);
        return Optional.of(new Stmt.Evaluate(
            new Expr.InstanceCall(target, name, arguments(tree), Type.OBJECT)));
      }
      owner = names.type(member.getExpression());
      if (owner.isEmpty()) {
        return Optional.empty();
      }
    } else if (select instanceof IdentifierTree identifier) {
      name = identifier.getName().toString();
    } else {
      return Optional.empty();
    }
    List<ExecutableElement> candidates = calls.candidates(owner, name,
        names.staticImportOwners(name)).stream()
        .filter(m -> m.getParameters().size() == tree.getArguments().size()).toList();
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    boolean allVoid = candidates.stream()
        .allMatch(m -> m.getReturnType().getKind() == TypeKind.VOID);
    if (!allVoid) {
      Expr value = expressions.read(tree);
      if (value.type().isArray()) {
        return Optional.empty();
      }
      return Optional.of(new Stmt.Declare(Variable.generatedLike("ignored", value), value,
          origin));
    }
    ExecutableElement callee = candidates.get(0);
    boolean arrays = callee.getParameters().stream()
        .anyMatch(p -> p.asType().getKind() == TypeKind.ARRAY);
    if (candidates.size() > 1 || arrays || !callee.getModifiers().contains(Modifier.STATIC)) {
      return Optional.empty(); // overloads, out-parameters, this object's methods: not here
    }
    if (callee.getModifiers().contains(Modifier.PRIVATE)) {
      throw new ReadException(tree, Message.CALL_SHAPE, name,
          "is private, and the generated companions are other classes; make it package-private");
    }
    ClassName declaring = ClassName.get((TypeElement) callee.getEnclosingElement());
    return Optional.of(new Stmt.Evaluate(
        new Expr.Runtime(declaring, name, arguments(tree), Type.OBJECT)));
  }

  /** A static field holding an object (not a number, string or array), accessible here. */
  private Optional<VariableElement> objectField(ExpressionTree tree) {
    Optional<VariableElement> field;
    if (tree instanceof IdentifierTree identifier) {
      field = names.field(identifier.getName().toString());
    } else if (tree instanceof MemberSelectTree member) {
      field = names.type(member.getExpression())
          .flatMap(type -> names.field(type, member.getIdentifier().toString()));
    } else {
      return Optional.empty();
    }
    return field.filter(f -> f.getModifiers().contains(Modifier.STATIC)
        && !f.getModifiers().contains(Modifier.PRIVATE)
        && f.asType().getKind() == TypeKind.DECLARED
        && Types.of(f.asType()).isEmpty());
  }

  /** The arguments, read like a guard's message; a call among them is refused. */
  private List<Expr> arguments(MethodInvocationTree tree) throws ReadException {
    List<Expr> args = new ArrayList<>();
    for (ExpressionTree argument : tree.getArguments()) {
      Expr arg = expressions.message(argument);
      if (callsUserCode(arg)) {
        throw new ReadException(argument, Message.CALL_PLACE,
            "the arguments of a call used as a statement");
      }
      args.add(arg);
    }
    return args;
  }

  private static boolean callsUserCode(Expr e) {
    return e instanceof Expr.Call
        || Subexpressions.of(e).stream().anyMatch(EffectCalls::callsUserCode);
  }
}
