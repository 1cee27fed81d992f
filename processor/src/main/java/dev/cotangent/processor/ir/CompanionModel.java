package dev.cotangent.processor.ir;

import com.palantir.javapoet.ClassName;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * What the generated companions of one method are: their classes, the gradient holder and its
 * fields, which parameters are differentiable, the visibility and the Javadoc link. Made once
 * from the method's element, when it is read (or when a caller's call to it is read); the
 * differentiation reads it for calls, and emit only renders it. The rules it states (what is
 * differentiable, which names the holder reserves) are decided here and nowhere else.
 *
 * @param original the class that declares the method
 * @param adjoint its {@code <Class>Adjoint} companion ({@link CompanionNames})
 * @param tangent its {@code <Class>Tangent} companion
 * @param holder the method's gradient holder, nested in {@code adjoint}
 * @param visibility the companions' modifiers: the method's, but package-private for private
 * @param link the Javadoc link to the method
 * @param differentiable for each parameter (receiver excluded), whether it carries a derivative
 * @param gradientFields the holder's field for each differentiable parameter, in order
 * @param vectorValued whether the method returns {@code double[]}
 * @param callable whether code in another class may call the method (it is not private)
 * @param primal the name of the copy of a private method in {@code adjoint}, which the companions
 *     call instead of the method ({@code fPrimal})
 * @param effects which array arguments the method writes and whether its result is new; null
 *     when unknown (a method compiled earlier without them in its holder)
 * @param packedTangent whether the tangent takes the tangents of the scalar parameters in one
 *     {@code double[] tangents} after the parameters, instead of one after each: a parameter and
 *     its tangent would need more than the JVM's {@value #PARAMETER_SLOTS} parameter slots
 */
public record CompanionModel(ClassName original, ClassName adjoint, ClassName tangent,
    ClassName holder, List<Modifier> visibility, String link, List<Boolean> differentiable,
    List<String> gradientFields, boolean vectorValued, boolean callable, String primal,
    Effects effects, boolean packedTangent) {

  /** The JVM's limit on a method's parameters, in slots ({@code long} and {@code double}: 2). */
  public static final int PARAMETER_SLOTS = 255;

  /**
   * What a caller must know about a method besides its companions.
   *
   * @param writes for each parameter (the receiver not counted), whether the method may write
   *     into that array argument or its rows: a caller restores such an array to its contents
   *     on entry before it runs the method's pullback, and passes the cotangent of its final
   *     contents to the pullback overload that takes them
   * @param freshResult whether an array result is always a new array (never an argument, a row
   *     of one or a field's array)
   */
  public record Effects(List<Boolean> writes, boolean freshResult) {
    /** The holder's constant naming the written parameters, by position: {@code "0,2"}. */
    public static final String WRITES = "WRITES";
    /** The holder's constant saying whether the result is a new array. */
    public static final String FRESH_RESULT = "FRESH_RESULT";

    /** Whether the method may write into an array argument at all. */
    public boolean writesAny() {
      return writes.contains(true);
    }

    /** The positions of the written parameters, as the holder's constant spells them. */
    public String positions() {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < writes.size(); i++) {
        if (writes.get(i)) {
          out.add(Integer.toString(i));
        }
      }
      return String.join(",", out);
    }

    /** Every array parameter written, the result possibly one of them: the worst case. */
    public static Effects writingAll(ExecutableElement method) {
      List<Boolean> writes = method.getParameters().stream()
          .map(p -> p.asType() instanceof ArrayType).toList();
      return new Effects(writes, false);
    }

    /**
     * The effects a holder compiled earlier states in its constants; with no array parameter
     * there is nothing to state; null when the holder does not say.
     */
    public static Effects fromHolder(ExecutableElement method, Elements elements) {
      boolean arrays = method.getParameters().stream().anyMatch(p -> p.asType() instanceof ArrayType)
          || method.getReturnType() instanceof ArrayType;
      if (!arrays) {
        return new Effects(method.getParameters().stream().map(p -> false).toList(), true);
      }
      TypeElement owner = (TypeElement) method.getEnclosingElement();
      TypeElement holder = elements == null ? null : elements.getTypeElement(
          CompanionNames.adjoint(owner).nestedClass(CompanionNames.holder(method)).canonicalName());
      if (holder == null) {
        return null;
      }
      Object writes = constant(holder, WRITES);
      Object fresh = constant(holder, FRESH_RESULT);
      if (!(writes instanceof String positions)) {
        return null;
      }
      List<Boolean> out = new ArrayList<>();
      for (int i = 0; i < method.getParameters().size(); i++) {
        out.add(List.of(positions.split(",")).contains(Integer.toString(i)));
      }
      return new Effects(List.copyOf(out), !Boolean.FALSE.equals(fresh));
    }

    private static Object constant(TypeElement holder, String prefix) {
      return ElementFilter.fieldsIn(holder.getEnclosedElements()).stream()
          .filter(f -> f.getModifiers().contains(Modifier.STATIC)
              && f.getSimpleName().toString().startsWith(prefix))
          .map(VariableElement::getConstantValue)
          .findFirst().orElse(null);
    }
  }

  /** The holder's field with the method's value; no differentiable parameter may take it. */
  public static final String VALUE = "value";

  static final String NO_DERIVATIVE = "dev.cotangent.NoDerivative";

  /**
   * The model of {@code method}'s companions, generated now or compiled earlier; {@code effects}
   * finds what the method does to its arguments (from its source, or its holder's constants).
   */
  public static CompanionModel of(ExecutableElement method, Elements elements,
      java.util.function.Function<ExecutableElement, Effects> effects) {
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    ClassName adjoint = CompanionNames.adjoint(owner);
    ClassName holder = adjoint.nestedClass(CompanionNames.holder(method));
    List<Boolean> differentiable = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    for (VariableElement p : method.getParameters()) {
      boolean d = isDifferentiable(p);
      differentiable.add(d);
      if (d) {
        fields.add(p.getSimpleName().toString());
      }
    }
    TypeElement existing = elements == null ? null
        : elements.getTypeElement(holder.canonicalName());
    if (existing != null) {
      // compiled earlier: class files need not keep parameter names, the holder's fields do
      fields = ElementFilter.fieldsIn(existing.getEnclosedElements()).stream()
          .filter(f -> f.getModifiers().contains(Modifier.PUBLIC)
              && !f.getModifiers().contains(Modifier.STATIC))
          .map(f -> f.getSimpleName().toString())
          .filter(name -> !name.equals(VALUE))
          .toList();
    }
    boolean vector = isDoubleArray(method.getReturnType());
    return new CompanionModel(ClassName.get(owner), adjoint, CompanionNames.tangent(owner),
        holder, visibility(method), CompanionNames.link(method), List.copyOf(differentiable),
        List.copyOf(fields), vector, !method.getModifiers().contains(Modifier.PRIVATE),
        primalName(method), effects.apply(method),
        tangentSlots(method, differentiable, vector) > PARAMETER_SLOTS);
  }

  /** {@code fPrimal}, or with underscores if the class has a method of that name. */
  private static String primalName(ExecutableElement method) {
    String name = method.getSimpleName() + "Primal";
    List<String> taken = ElementFilter.methodsIn(method.getEnclosingElement()
        .getEnclosedElements()).stream().map(m -> m.getSimpleName().toString()).toList();
    while (taken.contains(name)) {
      name += "_";
    }
    return name;
  }

  /**
   * The parameter slots of the tangent {@code f(x, xDot, ...)}: the receiver, each parameter
   * and each differentiable parameter's tangent, and a vector-valued result's tangent.
   */
  private static int tangentSlots(ExecutableElement method, List<Boolean> differentiable,
      boolean vector) {
    int slots = method.getModifiers().contains(Modifier.STATIC) ? 0 : 1;
    for (int i = 0; i < method.getParameters().size(); i++) {
      int size = slots(method.getParameters().get(i).asType());
      slots += differentiable.get(i) ? 2 * size : size;
    }
    return slots + (vector ? 1 : 0);
  }

  /** A value's parameter slots: 2 for {@code long} and {@code double}, else 1. */
  public static int slots(TypeMirror type) {
    return type.getKind() == TypeKind.LONG || type.getKind() == TypeKind.DOUBLE ? 2 : 1;
  }

  /** Whether a parameter carries a derivative: {@code double} or {@code float} (or arrays of them), not {@code @NoDerivative}. */
  public static boolean isDifferentiable(VariableElement parameter) {
    return isReal(parameter.asType()) && !hasNoDerivative(parameter);
  }

  /** Whether a parameter is marked {@code @NoDerivative} (in source or in a class file). */
  public static boolean hasNoDerivative(VariableElement parameter) {
    for (AnnotationMirror annotation : parameter.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) annotation.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(NO_DERIVATIVE)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a differentiable parameter's name would clash with the holder's own field. */
  public static boolean isReserved(String parameterName) {
    return parameterName.equals(VALUE);
  }

  /**
   * A method returning {@code double[]} gets {@code fJacobian} methods (a private one calls its
   * copy); {@code double[][]} and {@code float[]} results get pullbacks and tangents only.
   */
  public boolean hasJacobian() {
    return vectorValued;
  }

  /** The second-order companion class, {@code <Class>Hessian} ({@link CompanionNames}). */
  public ClassName hessian() {
    return CompanionNames.hessian(original);
  }

  /** The Hessian-vector product's holder, {@code FHvp}, nested in {@link #hessian()}. */
  public ClassName hvpHolder() {
    String gradient = holder.simpleName();
    return hessian().nestedClass(
        gradient.substring(0, gradient.length() - "Gradient".length()) + "Hvp");
  }

  /**
   * The Hessian-vector product holder's field for each gradient field, in order: {@code xHv}
   * for {@code x}, with {@code _} added while it would take the name of another field.
   */
  public List<String> hvFields() {
    List<String> out = new ArrayList<>();
    for (String field : gradientFields) {
      String name = field + "Hv";
      while (name.equals(VALUE) || gradientFields.contains(name) || out.contains(name)) {
        name = name + "_";
      }
      out.add(name);
    }
    return out;
  }

  /** The Hessian-vector product field that holds the tangent of gradient field {@code field}. */
  public String hvField(String field) {
    return hvFields().get(gradientFields.indexOf(field));
  }

  /**
   * A name for one of the holder's private fields ({@code tape}, ...) that neither the value
   * nor a gradient field takes.
   */
  public String holderField(String base) {
    String name = base;
    while (name.equals(VALUE) || gradientFields.contains(name)) {
      name = name + "_";
    }
    return name;
  }

  private static List<Modifier> visibility(ExecutableElement method) {
    Set<Modifier> modifiers = method.getModifiers();
    if (modifiers.contains(Modifier.PUBLIC)) {
      return List.of(Modifier.PUBLIC);
    }
    if (modifiers.contains(Modifier.PROTECTED)) {
      return List.of(Modifier.PROTECTED);
    }
    return List.of();
  }

  private static boolean isReal(TypeMirror type) {
    if (type instanceof ArrayType array) {
      return isReal(array.getComponentType());
    }
    return type.getKind() == TypeKind.DOUBLE || type.getKind() == TypeKind.FLOAT;
  }

  private static boolean isDoubleArray(TypeMirror type) {
    return type instanceof ArrayType array && array.getComponentType().getKind() == TypeKind.DOUBLE;
  }

  /** Whether calls of it pass array arguments it writes into (the pullback taking their cotangents). */
  public boolean writesArguments() {
    return effects != null && effects.writesAny();
  }

  /** Whether the method may write into its {@code i}-th argument; unknown effects count as yes. */
  public boolean writes(int i) {
    return effects == null || effects.writes().get(i);
  }
}
