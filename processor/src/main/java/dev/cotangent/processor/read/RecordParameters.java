package dev.cotangent.processor.read;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import dev.cotangent.processor.Message;
import dev.cotangent.processor.ir.RecordParameter;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * Record parameters and results of a {@code @Differentiable} method. A record parameter
 * {@code Vec3 p} is one IR parameter per leaf ({@code pX}, {@code pY}, {@code pZ}; the record's
 * {@code @NoDerivative} holds them all constant), and {@code p} names their record in the body;
 * a record result is returned as a {@code double[]} of its leaves, so the method is
 * vector-valued (pullback with a seed per leaf, Jacobian over the leaves). The companions also
 * get overloads that take and build records ({@code emit/RecordFacades}).
 */
final class RecordParameters {
  private RecordParameters() {}

  /** The leaves of a record parameter, and the parameter's description. */
  record Flattened(List<Variable> leaves, RecordParameter parameter) {}

  /** Flattens {@code name} of record type {@code type}; leaf names avoid {@code taken}. */
  static Flattened flatten(String name, TypeMirror type, boolean noDerivative, int position,
      Tree at, Trees trees, Set<String> taken) throws ReadException {
    RecordShape shape = shape(type, at, trees);
    List<Variable> leaves = new ArrayList<>();
    RecordParameter parameter = describe(name, shape, position, noDerivative, leaves, taken, name,
        false);
    return new Flattened(leaves, parameter);
  }

  /**
   * Flattens the array of records {@code name} ({@code Vec3[] ps}) into one array parameter per
   * leaf ({@code double[] psX}, ...): the element's leaves must be {@code double}, {@code float}
   * or {@code int} ({@link RecordArrays#arrayTypes}).
   */
  static Flattened flattenArray(String name, javax.lang.model.type.ArrayType type,
      boolean noDerivative, int position, Tree at, Trees trees, Set<String> taken)
      throws ReadException {
    RecordShape shape = shape(type.getComponentType(), at, trees);
    RecordArrays.arrayTypes(shape, at);
    List<Variable> leaves = new ArrayList<>();
    RecordParameter element = describe(name, shape, position, noDerivative, leaves, taken, name,
        true);
    return new Flattened(leaves, new RecordParameter(element.name(), element.type(), position,
        element.parts(), true));
  }

  private static RecordParameter describe(String name, RecordShape shape, int position,
      boolean noDerivative, List<Variable> leaves, Set<String> taken, String prefix,
      boolean arrays) {
    List<RecordParameter.Part> parts = new ArrayList<>();
    for (RecordShape.Component c : shape.components()) {
      String leafName = prefix + Character.toUpperCase(c.name().charAt(0)) + c.name().substring(1);
      if (c.record() != null) {
        parts.add(new RecordParameter.Part(c.name(), null, describe(c.name(), c.record(), -1,
            noDerivative, leaves, taken, leafName, arrays), null));
        continue;
      }
      while (taken.contains(leafName) || leafName.equals("value")) {
        leafName += "_";
      }
      taken.add(leafName);
      Variable leaf = new Variable(leafName, arrays ? c.type().arrayOf() : c.type(),
          Variable.Role.PARAMETER, noDerivative);
      leaves.add(leaf);
      parts.add(new RecordParameter.Part(c.name(), leaf, null, c.type()));
    }
    return new RecordParameter(name, ClassName.get(shape.type()), position, List.copyOf(parts));
  }

  /** The shape of a record the companions name: it must be accessible from its package. */
  static RecordShape shape(TypeMirror type, Tree at, Trees trees) throws ReadException {
    TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
    RecordShape shape = RecordShape.of(element, at, trees);
    for (TypeElement t = element; t != null; t = t.getEnclosingElement() instanceof TypeElement o
        ? o : null) {
      if (t.getModifiers().contains(Modifier.PRIVATE)) {
        throw new ReadException(at, Message.RECORD, "the private record " + shape + " in a"
            + " signature", "make it package-private: the companions, other classes, name it");
      }
    }
    return shape;
  }

  private static final Set<Type> RESULT_LEAVES = java.util.EnumSet.of(Type.DOUBLE, Type.FLOAT,
      Type.INT);

  /** The description of a record result; its leaves must fit a {@code double[]}. */
  static RecordParameter result(TypeMirror type, Tree at, Trees trees) throws ReadException {
    RecordShape shape = shape(type, at, trees);
    for (Type leaf : shape.leafTypes()) {
      if (!RESULT_LEAVES.contains(leaf)) {
        throw new ReadException(at, Message.RECORD, "returning the record " + shape + ", which"
            + " has a " + leaf.javaName() + " component", "a record result is returned as a"
            + " double[] of its components: give it double, float or int components only");
      }
    }
    return describe("result", shape, -1, true, new ArrayList<>(), new java.util.HashSet<>(),
        "result", false);
  }

  /**
   * The parameter slots of the leaf-wise tangent {@code f(x, xDot, ...)} (the receiver, each IR
   * parameter, a differentiable one's tangent, a vector result's tangent): records count by
   * their leaves, so a few records with many components can need a packed tangent.
   */
  static int tangentSlots(List<Variable> parameters, boolean vector) {
    int slots = vector ? 1 : 0;
    for (Variable p : parameters) {
      int size = p.type() == Type.DOUBLE || p.type() == Type.LONG ? 2 : 1;
      slots += p.isDifferentiableParameter() ? 2 * size : size;
    }
    return slots;
  }
}
