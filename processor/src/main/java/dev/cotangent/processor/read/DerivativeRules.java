package dev.cotangent.processor.read;

import dev.cotangent.processor.Message;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;

/**
 * The user's {@code @DerivativeOf} rules: for a function, the method that gives its partial
 * derivative with respect to each parameter. Each rule is checked against the function it
 * names; one that matches none is reported.
 */
public final class DerivativeRules {
  public static final String ANNOTATION = "dev.cotangent.DerivativeOf";

  private final Map<ExecutableElement, ExecutableElement[]> rules = new HashMap<>();

  /** The rules for each parameter of {@code function} (nulls where none), or an empty list. */
  public List<ExecutableElement> of(ExecutableElement function) {
    ExecutableElement[] found = rules.get(function);
    return found == null ? List.of() : Arrays.asList(found);
  }

  public static DerivativeRules collect(Iterable<? extends Element> annotated, Types types,
      Diagnostics diagnostics) {
    DerivativeRules registry = new DerivativeRules();
    for (Element element : annotated) {
      if (element instanceof ExecutableElement rule) {
        registry.add(rule, types, diagnostics);
      }
    }
    return registry;
  }

  private void add(ExecutableElement rule, Types types, Diagnostics diagnostics) {
    AnnotationMirror annotation = annotation(rule);
    TypeElement owner = owner(annotation);
    String method = value(annotation, "method", "");
    String wrt = value(annotation, "wrt", "");
    String problem = shapeProblem(rule);
    if (problem != null) {
      error(diagnostics, rule, annotation, "method " + rule.getSimpleName() + " " + problem,
          "rules are static, not private, and return the partial derivative as a double");
      return;
    }
    ExecutableElement function = owner == null ? null : target(owner, method, rule, types);
    if (function == null) {
      error(diagnostics, rule, annotation, "matches no function " + (owner == null ? "?"
          : owner.getQualifiedName()) + "." + method + " with the parameters of "
          + rule.getSimpleName(), "give the rule exactly the function's parameter types");
      return;
    }
    int index = parameter(rule, wrt);
    if (index < 0) {
      error(diagnostics, rule, annotation, "names no double parameter \"" + wrt + "\" of " + method,
          "set wrt to the name (or position from 0) of the double parameter it differentiates by");
      return;
    }
    ExecutableElement[] byParameter = rules.computeIfAbsent(function,
        f -> new ExecutableElement[f.getParameters().size()]);
    if (byParameter[index] != null) {
      error(diagnostics, rule, annotation, "repeats the rule " + byParameter[index].getSimpleName()
          + " for the same parameter", "keep one");
      return;
    }
    byParameter[index] = rule;
  }

  private static String shapeProblem(ExecutableElement rule) {
    if (!rule.getModifiers().contains(Modifier.STATIC)) {
      return "is not static";
    }
    if (rule.getModifiers().contains(Modifier.PRIVATE)) {
      return "is private";
    }
    if (rule.getReturnType().getKind() != TypeKind.DOUBLE) {
      return "returns " + rule.getReturnType();
    }
    return null;
  }

  private static ExecutableElement target(TypeElement owner, String name, ExecutableElement rule,
      Types types) {
    for (ExecutableElement candidate : ElementFilter.methodsIn(owner.getEnclosedElements())) {
      if (candidate.getSimpleName().contentEquals(name)
          && candidate.getModifiers().contains(Modifier.STATIC)
          && sameParameters(candidate, rule, types)
          && candidate.getReturnType().getKind() == TypeKind.DOUBLE) {
        return candidate;
      }
    }
    return null;
  }

  private static boolean sameParameters(ExecutableElement a, ExecutableElement b, Types types) {
    if (a.getParameters().size() != b.getParameters().size()) {
      return false;
    }
    for (int i = 0; i < a.getParameters().size(); i++) {
      if (!types.isSameType(a.getParameters().get(i).asType(),
          b.getParameters().get(i).asType())) {
        return false;
      }
    }
    return true;
  }

  /** The index of the parameter {@code wrt} names: by the rule's own parameter names. */
  private static int parameter(ExecutableElement rule, String wrt) {
    List<Integer> doubles = new ArrayList<>();
    for (int i = 0; i < rule.getParameters().size(); i++) {
      if (rule.getParameters().get(i).asType().getKind() == TypeKind.DOUBLE) {
        doubles.add(i);
      }
    }
    if (wrt.isEmpty()) {
      return doubles.size() == 1 ? doubles.get(0) : -1;
    }
    for (int i : doubles) {
      if (rule.getParameters().get(i).getSimpleName().contentEquals(wrt)
          || Integer.toString(i).equals(wrt)) {
        return i;
      }
    }
    return -1;
  }

  private static AnnotationMirror annotation(ExecutableElement rule) {
    for (AnnotationMirror mirror : rule.getAnnotationMirrors()) {
      if (((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName()
          .contentEquals(ANNOTATION)) {
        return mirror;
      }
    }
    throw new IllegalStateException("no @DerivativeOf on " + rule);
  }

  private static TypeElement owner(AnnotationMirror annotation) {
    for (var entry : annotation.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals("owner")
          && entry.getValue().getValue() instanceof TypeMirror type
          && type instanceof DeclaredType declared) {
        return (TypeElement) declared.asElement();
      }
    }
    return null;
  }

  private static String value(AnnotationMirror annotation, String name, String fallback) {
    for (var entry : annotation.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(name)) {
        AnnotationValue value = entry.getValue();
        return String.valueOf(value.getValue());
      }
    }
    return fallback;
  }

  private static void error(Diagnostics diagnostics, Element rule, AnnotationMirror annotation,
      String what, String advice) {
    diagnostics.on(Diagnostic.Kind.ERROR, Message.RULE.format(what, advice), rule, annotation);
  }
}
