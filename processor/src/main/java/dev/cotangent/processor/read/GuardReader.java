package dev.cotangent.processor.read;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.AssertTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ThrowTree;
import dev.cotangent.processor.Message;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Origin;
import dev.cotangent.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Reads guard clauses: {@code throw new SomeException(message)} and {@code assert condition :
 * message}. The companions throw exactly what the original throws, at the same point: the
 * exception must be unchecked (the companions declare no {@code throws}) and constructible from
 * the companion classes, which are other classes of the same package.
 */
final class GuardReader {
  private final ExpressionReader expressions;
  private final NameResolver names;

  GuardReader(ExpressionReader expressions, NameResolver names) {
    this.expressions = expressions;
    this.names = names;
  }

  Stmt throwStatement(ThrowTree tree, Origin origin) throws ReadException {
    if (!(tree.getExpression() instanceof NewClassTree creation)) {
      throw new ReadException(tree, Message.UNSUPPORTED, "throwing an exception that is not"
          + " created here (throw e)", "write throw new SomeException(message)");
    }
    if (creation.getClassBody() != null || creation.getEnclosingExpression() != null
        || !creation.getTypeArguments().isEmpty()) {
      throw new ReadException(creation, Message.UNSUPPORTED, "an anonymous or inner exception"
          + " class", "throw an exception of a top-level or static nested class");
    }
    Optional<TypeElement> type = names.type(creation.getIdentifier());
    if (type.isEmpty()) {
      throw new ReadException(creation.getIdentifier(), Message.UNKNOWN_NAME,
          creation.getIdentifier().toString());
    }
    String problem = problem(type.get());
    if (problem != null) {
      throw new ReadException(creation, Message.UNSUPPORTED, "throwing "
          + type.get().getSimpleName() + ", which " + problem, "throw an unchecked exception"
          + " (IllegalArgumentException, IllegalStateException, or your own public or"
          + " package-private RuntimeException)");
    }
    List<Expr> args = new ArrayList<>();
    for (ExpressionTree argument : creation.getArguments()) {
      args.add(expressions.message(argument));
    }
    return new Stmt.Throw(ClassName.get(type.get()), args, origin);
  }

  Stmt assertStatement(AssertTree tree, Origin origin) throws ReadException {
    Expr condition = expressions.condition(tree.getCondition());
    Expr detail = tree.getDetail() == null ? null : expressions.message(tree.getDetail());
    return new Stmt.Assert(condition, detail, origin);
  }

  /** Why the companions could not throw {@code type} as the original does, or null. */
  private String problem(TypeElement type) {
    if (!unchecked(type)) {
      return "is a checked exception (the companions declare no throws clause)";
    }
    for (TypeElement t = type; t != null;
        t = t.getEnclosingElement() instanceof TypeElement outer ? outer : null) {
      if (t.getModifiers().contains(Modifier.PRIVATE)) {
        return "is private, so the companions (other classes) cannot create it";
      }
      if (!t.getModifiers().contains(Modifier.PUBLIC)
          && !ClassName.get(t).packageName().equals(names.packageName())) {
        return "is not public and in another package";
      }
    }
    if (type.getEnclosingElement() instanceof TypeElement
        && !type.getModifiers().contains(Modifier.STATIC)) {
      return "is an inner class";
    }
    List<ExecutableElement> constructors =
        ElementFilter.constructorsIn(type.getEnclosedElements());
    if (!constructors.isEmpty()
        && constructors.stream().allMatch(c -> c.getModifiers().contains(Modifier.PRIVATE))) {
      return "has only private constructors";
    }
    return null;
  }

  /** A subclass of {@code RuntimeException} or {@code Error}. */
  private static boolean unchecked(TypeElement type) {
    for (TypeElement t = type; t != null; t = superclass(t)) {
      String name = t.getQualifiedName().toString();
      if (name.equals("java.lang.RuntimeException") || name.equals("java.lang.Error")) {
        return true;
      }
      if (name.equals("java.lang.Exception") || name.equals("java.lang.Throwable")) {
        return false;
      }
    }
    return false;
  }

  private static TypeElement superclass(TypeElement type) {
    TypeMirror parent = type.getSuperclass();
    return parent instanceof DeclaredType declared
        && declared.asElement() instanceof TypeElement element ? element : null;
  }
}
