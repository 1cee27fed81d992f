package dev.cotangent.processor.ir;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Locale;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * The names of generated classes. {@code p.C} gets {@code p.CAdjoint} and {@code p.CTangent};
 * a nested {@code p.Outer.Inner} gets {@code p.Outer_InnerAdjoint}. A method {@code f} gets the
 * holder {@code FGradient}; when {@code f} is overloaded in its class, the holder's name also
 * spells the parameter types, e.g. {@code FDoubleIntGradient}. At second order {@code p.C} also
 * gets {@code p.CHessian}, with the holder {@code FHvp} (the gradient holder's name with
 * {@code Hvp} for {@code Gradient}).
 */
public final class CompanionNames {
  private CompanionNames() {}

  public static ClassName adjoint(TypeElement type) {
    return companion(type, "Adjoint");
  }

  public static ClassName tangent(TypeElement type) {
    return companion(type, "Tangent");
  }

  private static ClassName companion(TypeElement type, String suffix) {
    return companion(ClassName.get(type), suffix);
  }

  /** {@code p.CHessian}, the second-order companion of {@code p.C}. */
  public static ClassName hessian(ClassName original) {
    return companion(original, "Hessian");
  }

  private static ClassName companion(ClassName original, String suffix) {
    return ClassName.get(original.packageName(),
        String.join("_", original.simpleNames()) + suffix);
  }

  public static String holder(ExecutableElement method) {
    String original = method.getSimpleName().toString();
    String capitalised = capitalise(original);
    String name = capitalised;
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    List<ExecutableElement> methods = ElementFilter.methodsIn(owner.getEnclosedElements());
    boolean caseClash = methods.stream().map(m -> m.getSimpleName().toString())
        .anyMatch(other -> !other.equals(original) && capitalise(other).equals(capitalised));
    if (caseClash) {
      name = original; // f and F in one class: fGradient and FGradient
    }
    long sameName = methods.stream()
        .filter(m -> m.getSimpleName().contentEquals(method.getSimpleName()))
        .count();
    if (sameName > 1) {
      StringBuilder types = new StringBuilder();
      for (VariableElement parameter : method.getParameters()) {
        types.append(typeWord(parameter.asType()));
      }
      name += types;
    }
    return name + "Gradient";
  }

  private static String typeWord(TypeMirror type) {
    if (type.getKind() == TypeKind.ARRAY) {
      return typeWord(((javax.lang.model.type.ArrayType) type).getComponentType()) + "Array";
    }
    String text = type.toString();
    return capitalise(text.substring(text.lastIndexOf('.') + 1));
  }

  public static String capitalise(String name) {
    return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
  }

  /** The Javadoc link to the original method, e.g. {@code C#f(double, int)}. */
  public static String link(ExecutableElement method) {
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    List<String> types = method.getParameters().stream()
        .map(p -> p.asType().toString()).toList();
    return ClassName.get(owner).canonicalName() + "#" + method.getSimpleName()
        + "(" + String.join(", ", types) + ")";
  }
}
