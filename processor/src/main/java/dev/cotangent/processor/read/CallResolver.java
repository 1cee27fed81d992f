package dev.cotangent.processor.read;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.MethodInvocationTree;
import dev.cotangent.processor.Message;
import dev.cotangent.processor.ir.CompanionModel;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Resolves a call to a static method of user code from its name, its owner (written or
 * enclosing) and the IR types of its arguments, the way javac's overload resolution would for
 * the types the IR knows: an exact match first, then one by widening.
 */
final class CallResolver {
  private static final String DETACH_OWNER = "dev.cotangent.runtime.Cotangent";

  private final Elements elements;
  private final TypeElement enclosingClass;
  private final DerivativeRules rules;
  private final CalleeEffects effects;

  CallResolver(Elements elements, TypeElement enclosingClass, DerivativeRules rules,
      CalleeEffects effects) {
    this.elements = elements;
    this.enclosingClass = enclosingClass;
    this.rules = rules;
    this.effects = effects;
  }

  /** The candidates named {@code name} in {@code owner}, or in the enclosing classes. */
  List<ExecutableElement> candidates(Optional<TypeElement> owner, String name,
      List<TypeElement> staticImports) {
    List<ExecutableElement> found = new ArrayList<>();
    if (owner.isPresent()) {
      found.addAll(named(owner.get(), name));
      return found;
    }
    for (Element scope = enclosingClass; scope instanceof TypeElement type;
        scope = scope.getEnclosingElement()) {
      found.addAll(named(type, name));
      if (!found.isEmpty()) {
        return found;
      }
    }
    for (TypeElement imported : staticImports) {
      found.addAll(named(imported, name));
    }
    return found;
  }

  private List<ExecutableElement> named(TypeElement type, String name) {
    return ElementFilter.methodsIn(elements.getAllMembers(type)).stream()
        .filter(m -> m.getSimpleName().contentEquals(name))
        .toList();
  }

  Expr resolve(MethodInvocationTree tree, List<ExecutableElement> candidates, List<Expr> args,
      String shown, Expr receiver) throws ReadException {
    ExecutableElement exact = null;
    List<ExecutableElement> widened = new ArrayList<>();
    for (ExecutableElement candidate : candidates) {
      Optional<List<Type>> parameters = parameterTypes(candidate);
      if (parameters.isEmpty() || parameters.get().size() != args.size()
          || !sameEnumClasses(candidate, args)) {
        continue;
      }
      if (matches(parameters.get(), args, false)) {
        exact = candidate;
      } else if (matches(parameters.get(), args, true)) {
        widened.add(candidate);
      }
    }
    ExecutableElement chosen = exact != null ? exact : mostSpecific(widened);
    if (chosen == null) {
      throw new ReadException(tree, Message.CALL_SHAPE, shown, "has no overload for these"
          + " argument types; call it with double, float, int, long, boolean or array values");
    }
    boolean instance = !chosen.getModifiers().contains(Modifier.STATIC);
    if (instance && receiver == null) {
      throw new ReadException(tree, Message.CALL_SHAPE, shown,
          "is an instance method of another object; call static methods, or instance methods"
              + " of this object from an instance @Differentiable method");
    }
    Optional<Type> result = Types.of(chosen.getReturnType());
    if (result.isEmpty()) {
      throw new ReadException(tree, Message.CALL_SHAPE, shown, "returns "
          + chosen.getReturnType() + "; only calls returning double, int, long or boolean are"
          + " supported");
    }
    TypeElement owner = (TypeElement) chosen.getEnclosingElement();
    if (owner.getQualifiedName().contentEquals(DETACH_OWNER)
        && chosen.getSimpleName().contentEquals("detach")) {
      return new Expr.Detach(ClassName.get(owner), args.get(0));
    }
    return new Expr.Call(chosen, ClassName.get(owner), instance ? receiver : null, args,
        result.get(), CompanionModel.of(chosen, elements, effects::of), rules.of(chosen), tree);
  }

  /** Enum arguments of the parameters' enum classes (the IR's type does not name the class). */
  private static boolean sameEnumClasses(ExecutableElement candidate, List<Expr> args) {
    for (int i = 0; i < args.size() && i < candidate.getParameters().size(); i++) {
      ClassName given = dev.cotangent.processor.ir.Exprs.objectType(args.get(i));
      ClassName wanted = Types.objectType(candidate.getParameters().get(i).asType());
      if (args.get(i).type() == Type.ENUM && given != null && !given.equals(wanted)) {
        return false;
      }
    }
    return true;
  }

  /** Java's rule: the candidate whose parameters widen to every other's, if there is one. */
  private static ExecutableElement mostSpecific(List<ExecutableElement> candidates) {
    for (ExecutableElement candidate : candidates) {
      List<Type> mine = parameterTypes(candidate).orElseThrow();
      boolean specific = candidates.stream().allMatch(other -> {
        List<Type> theirs = parameterTypes(other).orElseThrow();
        for (int i = 0; i < mine.size(); i++) {
          Type a = mine.get(i);
          Type b = theirs.get(i);
          if (a != b && !(a.isNumeric() && b.isNumeric() && b == Type.promote(a, b))) {
            return false;
          }
        }
        return true;
      });
      if (specific) {
        return candidate;
      }
    }
    return null;
  }

  private static Optional<List<Type>> parameterTypes(ExecutableElement method) {
    List<Type> types = new ArrayList<>();
    for (var parameter : method.getParameters()) {
      Optional<Type> type = Types.of(parameter.asType());
      if (type.isEmpty()) {
        return Optional.empty();
      }
      types.add(type.get());
    }
    return Optional.of(types);
  }

  private static boolean matches(List<Type> parameters, List<Expr> args, boolean widening) {
    for (int i = 0; i < args.size(); i++) {
      Type p = parameters.get(i);
      Type a = args.get(i).type();
      boolean ok = p == a || widening && p.isNumeric() && a.isNumeric()
          && p == Type.promote(p, a);
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
