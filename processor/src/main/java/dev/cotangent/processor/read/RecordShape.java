package dev.cotangent.processor.read;

import com.sun.source.tree.Tree;
import dev.cotangent.processor.Message;
import dev.cotangent.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * A record of numbers as Cotangent scalar-replaces it: its components in declaration order, each
 * a number, a boolean, an array of numbers or another such record. Its <em>leaves</em> are the
 * scalars and arrays at the bottom, depth first: {@code record Body(Vec3 p, double m)} has the
 * leaves {@code p.x, p.y, p.z, m}. A record value is one IR expression per leaf
 * ({@link RecordValue}); a record local is one local variable per leaf.
 */
final class RecordShape {
  /** One component: a leaf ({@code type} set) or a nested record ({@code record} set). */
  record Component(String name, Type type, RecordShape record) {
    int leaves() {
      return record == null ? 1 : record.leaves();
    }
  }

  private static final java.util.Set<Type> LEAVES = java.util.EnumSet.of(Type.DOUBLE,
      Type.FLOAT, Type.INT, Type.LONG, Type.BOOLEAN, Type.DOUBLE_ARRAY, Type.DOUBLE_MATRIX,
      Type.FLOAT_ARRAY, Type.FLOAT_MATRIX, Type.INT_ARRAY);

  private final TypeElement type;
  private final List<Component> components;

  private RecordShape(TypeElement type, List<Component> components) {
    this.type = type;
    this.components = components;
  }

  TypeElement type() {
    return type;
  }

  String simpleName() {
    return type.getSimpleName().toString();
  }

  List<Component> components() {
    return components;
  }

  /** The number of leaves. */
  int leaves() {
    int n = 0;
    for (Component c : components) {
      n += c.leaves();
    }
    return n;
  }

  /** The index of the component's first leaf; -1 if there is no such component. */
  int offset(String component) {
    int at = 0;
    for (Component c : components) {
      if (c.name().equals(component)) {
        return at;
      }
      at += c.leaves();
    }
    return -1;
  }

  Optional<Component> component(String name) {
    return components.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** The leaves' types, depth first. */
  List<Type> leafTypes() {
    List<Type> out = new ArrayList<>();
    for (Component c : components) {
      if (c.record() == null) {
        out.add(c.type());
      } else {
        out.addAll(c.record().leafTypes());
      }
    }
    return out;
  }

  /** The leaves' names as suffixes of a local's name: {@code X}, {@code PX} for {@code p.x}. */
  List<String> leafSuffixes() {
    List<String> out = new ArrayList<>();
    for (Component c : components) {
      String own = Character.toUpperCase(c.name().charAt(0)) + c.name().substring(1);
      if (c.record() == null) {
        out.add(own);
      } else {
        for (String inner : c.record().leafSuffixes()) {
          out.add(own + inner);
        }
      }
    }
    return out;
  }

  /** Whether the mirror is a record class (whether or not Cotangent can read it). */
  static boolean isRecord(TypeMirror mirror) {
    return mirror instanceof DeclaredType declared
        && declared.asElement().getKind() == ElementKind.RECORD;
  }

  static boolean isRecord(TypeElement type) {
    return type != null && type.getKind() == ElementKind.RECORD;
  }

  /** The shapes found so far (a record's shape does not change within a compilation). */
  private static final Map<TypeElement, RecordShape> KNOWN = new java.util.WeakHashMap<>();

  /**
   * The shape of a record of numbers, or a {@code [COTANGENT-RECORD]} error at {@code at} that
   * says what the record (or class) has that Cotangent cannot scalar-replace, and what to write.
   */
  static RecordShape of(TypeElement type, Tree at, com.sun.source.util.Trees trees)
      throws ReadException {
    return of(type, at, trees, new ArrayList<>());
  }

  private static RecordShape of(TypeElement type, Tree at, com.sun.source.util.Trees trees,
      List<TypeElement> enclosing) throws ReadException {
    String name = type.getSimpleName().toString();
    if (type.getKind() != ElementKind.RECORD) {
      throw new ReadException(at, Message.RECORD, name + " is a " + kind(type) + ", not a record",
          "Cotangent differentiates records of numbers (record " + name + "(double x, ...)); a"
              + " mutable object cannot be scalar-replaced, so pass its numbers as double"
              + " parameters or locals");
    }
    synchronized (KNOWN) {
      RecordShape known = KNOWN.get(type);
      if (known != null) {
        return known;
      }
    }
    if (!type.getTypeParameters().isEmpty()) {
      throw new ReadException(at, Message.RECORD, "the generic record " + name,
          "write a record with double (or float, int, long, boolean) components instead of type"
              + " parameters");
    }
    if (trees.getTree(type) == null) {
      throw new ReadException(at, Message.RECORD, "the record " + name + " has no source in"
          + " this compilation", "compile it together with this method (Cotangent inlines a"
          + " record's constructor and methods from their source), or pass its components as"
          + " double parameters");
    }
    if (enclosing.contains(type)) {
      throw new ReadException(at, Message.RECORD, "the record " + name + " contains itself",
          "records of numbers must have a fixed number of components");
    }
    enclosing.add(type);
    List<Component> components = new ArrayList<>();
    for (RecordComponentElement component : type.getRecordComponents()) {
      String cname = component.getSimpleName().toString();
      TypeMirror ctype = component.asType();
      if (isRecord(ctype)) {
        components.add(new Component(cname, null, of(
            (TypeElement) ((DeclaredType) ctype).asElement(), at, trees, enclosing)));
        continue;
      }
      Optional<Type> leaf = Types.of(ctype).filter(LEAVES::contains);
      if (leaf.isEmpty()) {
        throw new ReadException(at, Message.RECORD, "the record " + name + " has the component "
            + ctype + " " + cname, "Cotangent scalar-replaces records whose components are"
            + " double, float, int, long, boolean, arrays of those or other such records; keep"
            + " Strings, lists and other objects out of the record you differentiate through");
      }
      components.add(new Component(cname, leaf.get(), null));
    }
    enclosing.remove(type);
    RecordShape shape = new RecordShape(type, List.copyOf(components));
    synchronized (KNOWN) {
      KNOWN.put(type, shape);
    }
    return shape;
  }

  private static String kind(TypeElement type) {
    return switch (type.getKind()) {
      case INTERFACE -> "interface";
      case ENUM -> "enum";
      default -> "class";
    };
  }

  /** Two shapes of the same record are equal (shapes are cached per record class). */
  boolean sameRecord(RecordShape other) {
    return type.equals(other.type);
  }

  @Override
  public String toString() {
    return simpleName();
  }
}
