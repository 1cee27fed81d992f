package dev.cotangent.processor.read;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import dev.cotangent.processor.ir.Type;
import java.util.Optional;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Maps javac's types to the IR's: the primitives Cotangent reads, arrays of them, and the data
 * types it carries unchanged ({@code char}, {@code String}, enums).
 */
final class Types {
  private Types() {}

  static Optional<Type> of(TypeKind kind) {
    return switch (kind) {
      case DOUBLE -> Optional.of(Type.DOUBLE);
      case INT -> Optional.of(Type.INT);
      case LONG -> Optional.of(Type.LONG);
      case BOOLEAN -> Optional.of(Type.BOOLEAN);
      case FLOAT -> Optional.of(Type.FLOAT);
      case CHAR -> Optional.of(Type.CHAR);
      case BYTE -> Optional.of(Type.BYTE);
      case SHORT -> Optional.of(Type.SHORT);
      case VOID -> Optional.of(Type.VOID);
      default -> Optional.empty();
    };
  }

  static Optional<Type> of(TypeMirror mirror) {
    if (mirror instanceof ArrayType array) {
      return of(array.getComponentType()).map(Type::arrayOf);
    }
    if (mirror instanceof DeclaredType declared
        && declared.asElement() instanceof TypeElement type) {
      return of(type);
    }
    return of(mirror.getKind());
  }

  /** {@code String} or an enum class; empty for other classes. */
  static Optional<Type> of(TypeElement type) {
    if (type.getQualifiedName().contentEquals("java.lang.String")) {
      return Optional.of(Type.STRING);
    }
    return type.getKind() == ElementKind.ENUM ? Optional.of(Type.ENUM) : Optional.empty();
  }

  /** The class of an enum type, which the IR's {@link Type#ENUM} does not name; else null. */
  static ClassName objectType(TypeMirror mirror) {
    return mirror instanceof DeclaredType declared
        && declared.asElement() instanceof TypeElement type
        && type.getKind() == ElementKind.ENUM ? ClassName.get(type) : null;
  }

  /** The simple name of the private class (or enclosing class) an enum type is, else null. */
  static String privateClass(TypeMirror mirror) {
    if (objectType(mirror) == null) {
      return null;
    }
    for (javax.lang.model.element.Element e = ((DeclaredType) mirror).asElement();
        e instanceof TypeElement type; e = e.getEnclosingElement()) {
      if (type.getModifiers().contains(javax.lang.model.element.Modifier.PRIVATE)) {
        return type.getSimpleName().toString();
      }
    }
    return null;
  }

  /** The primitive or array type a declaration names, if it is one the IR knows. */
  static Optional<Type> of(Tree typeTree) {
    if (typeTree instanceof PrimitiveTypeTree primitive) {
      return of(primitive.getPrimitiveTypeKind());
    }
    if (typeTree instanceof ArrayTypeTree array) {
      return of(array.getType()).map(Type::arrayOf);
    }
    return Optional.empty();
  }
}
