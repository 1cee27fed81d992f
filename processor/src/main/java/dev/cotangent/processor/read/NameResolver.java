package dev.cotangent.processor.read;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.Tree;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Resolves the names a method body uses without attributing it: type names through the
 * enclosing classes, imports, the package and {@code java.lang}; static fields through the
 * enclosing classes and static imports.
 */
final class NameResolver {
  private final Elements elements;
  private final TypeElement enclosingClass;
  private final CompilationUnitTree unit;

  NameResolver(Elements elements, TypeElement enclosingClass, CompilationUnitTree unit) {
    this.elements = elements;
    this.enclosingClass = enclosingClass;
    this.unit = unit;
  }

  /** The class a type name such as {@code Math}, {@code Outer.Inner} or {@code a.b.C} denotes. */
  Optional<TypeElement> type(ExpressionTree tree) {
    if (tree instanceof IdentifierTree identifier) {
      return simpleType(identifier.getName().toString());
    }
    if (tree instanceof MemberSelectTree select) {
      String name = select.getIdentifier().toString();
      Optional<TypeElement> outer = type(select.getExpression());
      if (outer.isPresent()) {
        return memberType(outer.get(), name);
      }
      return Optional.ofNullable(elements.getTypeElement(select.toString()));
    }
    return Optional.empty();
  }

  private Optional<TypeElement> simpleType(String name) {
    for (Element scope = enclosingClass; scope instanceof TypeElement type;
        scope = scope.getEnclosingElement()) {
      if (type.getSimpleName().contentEquals(name)) {
        return Optional.of(type);
      }
      Optional<TypeElement> member = memberType(type, name);
      if (member.isPresent()) {
        return member;
      }
    }
    for (ImportTree imported : unit.getImports()) {
      Tree target = imported.getQualifiedIdentifier();
      if (!imported.isStatic()
          && target instanceof MemberSelectTree select
          && select.getIdentifier().contentEquals(name)) {
        return Optional.ofNullable(elements.getTypeElement(select.toString()));
      }
    }
    Optional<TypeElement> samePackage = Optional.ofNullable(
        elements.getTypeElement(qualified(packageName(), name)));
    if (samePackage.isPresent()) {
      return samePackage;
    }
    for (ImportTree imported : unit.getImports()) {
      if (!imported.isStatic() && imported.getQualifiedIdentifier() instanceof MemberSelectTree s
          && s.getIdentifier().contentEquals("*")) {
        TypeElement found = elements.getTypeElement(s.getExpression() + "." + name);
        if (found != null) {
          return Optional.of(found);
        }
      }
    }
    return Optional.ofNullable(elements.getTypeElement("java.lang." + name));
  }

  private Optional<TypeElement> memberType(TypeElement owner, String name) {
    return ElementFilter.typesIn(elements.getAllMembers(owner)).stream()
        .filter(member -> member.getSimpleName().contentEquals(name))
        .findFirst();
  }

  /** A field named by a simple name: in an enclosing class, or statically imported. */
  Optional<VariableElement> field(String name) {
    for (Element scope = enclosingClass; scope instanceof TypeElement type;
        scope = scope.getEnclosingElement()) {
      Optional<VariableElement> found = field(type, name);
      if (found.isPresent()) {
        return found;
      }
    }
    for (TypeElement owner : staticImportOwners(name)) {
      Optional<VariableElement> found = field(owner, name);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** A field of the given class, declared there or inherited. */
  Optional<VariableElement> field(TypeElement owner, String name) {
    return ElementFilter.fieldsIn(elements.getAllMembers(owner)).stream()
        .filter(field -> field.getSimpleName().contentEquals(name))
        .findFirst();
  }

  /** The classes from which a simple method or field name may be statically imported. */
  java.util.List<TypeElement> staticImportOwners(String name) {
    java.util.List<TypeElement> owners = new java.util.ArrayList<>();
    for (ImportTree imported : unit.getImports()) {
      if (imported.isStatic() && imported.getQualifiedIdentifier() instanceof MemberSelectTree s) {
        String member = s.getIdentifier().toString();
        if (member.equals(name) || member.equals("*")) {
          TypeElement owner = elements.getTypeElement(s.getExpression().toString());
          if (owner != null) {
            owners.add(owner);
          }
        }
      }
    }
    return owners;
  }

  /** Whether the enclosing classes declare or inherit a method of this name. */
  boolean enclosingClassesHaveMethod(String name) {
    for (Element scope = enclosingClass; scope instanceof TypeElement type;
        scope = scope.getEnclosingElement()) {
      boolean found = ElementFilter.methodsIn(elements.getAllMembers(type)).stream()
          .anyMatch(method -> method.getSimpleName().contentEquals(name));
      if (found) {
        return true;
      }
    }
    return false;
  }

  /** The constant {@code name} of the enum class {@code owner}, for a case label. */
  Optional<dev.cotangent.processor.ir.Expr> enumConstant(com.palantir.javapoet.ClassName owner,
      String name) {
    TypeElement type = owner == null ? null : elements.getTypeElement(owner.canonicalName());
    if (type == null) {
      return Optional.empty();
    }
    return type.getEnclosedElements().stream()
        .filter(e -> e.getKind() == ElementKind.ENUM_CONSTANT
            && e.getSimpleName().contentEquals(name))
        .findFirst()
        .map(e -> new dev.cotangent.processor.ir.Expr.StaticField(owner, name,
            dev.cotangent.processor.ir.Type.ENUM));
  }

  /** The class whose method is being read. */
  TypeElement enclosing() {
    return enclosingClass;
  }

  String packageName() {
    PackageElement pkg = elements.getPackageOf(enclosingClass);
    return pkg.isUnnamed() ? "" : pkg.getQualifiedName().toString();
  }

  private static String qualified(String pkg, String name) {
    return pkg.isEmpty() ? name : pkg + "." + name;
  }

  static boolean isField(Element element) {
    return element.getKind() == ElementKind.FIELD || element.getKind() == ElementKind.ENUM_CONSTANT;
  }
}
