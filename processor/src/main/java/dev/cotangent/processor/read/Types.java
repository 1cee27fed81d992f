package dev.cotangent.processor.read;

import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import dev.cotangent.processor.ir.Type;
import java.util.Optional;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** Maps javac's types to the IR's. */
final class Types {
  private Types() {}

  static Optional<Type> of(TypeKind kind) {
    return switch (kind) {
      case DOUBLE -> Optional.of(Type.DOUBLE);
      case INT -> Optional.of(Type.INT);
      case LONG -> Optional.of(Type.LONG);
      case BOOLEAN -> Optional.of(Type.BOOLEAN);
      case FLOAT -> Optional.of(Type.FLOAT);
      default -> Optional.empty();
    };
  }

  static Optional<Type> of(TypeMirror mirror) {
    if (mirror instanceof ArrayType array) {
      return of(array.getComponentType()).map(Type::arrayOf);
    }
    return of(mirror.getKind());
  }

  /** The type a declaration names, if it is one the IR knows. */
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
