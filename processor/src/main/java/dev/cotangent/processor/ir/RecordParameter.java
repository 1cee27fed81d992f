package dev.cotangent.processor.ir;

import com.palantir.javapoet.ClassName;
import java.util.ArrayList;
import java.util.List;

/**
 * A record parameter (or a record result) of a {@code @Differentiable} method, which the IR
 * has as one parameter per leaf (scalar replacement, {@code read/Records}): what the companions'
 * record-taking overloads and the holder's record accessors need to take a record apart and
 * build one from the leaves.
 *
 * @param name the parameter's name ({@code p}), or the accessor's for a result
 * @param type the record class
 * @param position the parameter's index among the method's parameters (receiver not counted)
 * @param parts per component, in order: its accessor's name and either the leaf
 *     {@link Variable} (a parameter of the IR) or a nested {@link RecordParameter}
 * @param array whether the parameter is an array of records ({@code Vec3[] ps}): then each leaf
 *     is an array parameter ({@code double[] psX}) holding that component of every element
 */
public record RecordParameter(String name, ClassName type, int position, List<Part> parts,
    boolean array) {
  /** A record parameter (or result) that is not an array. */
  public RecordParameter(String name, ClassName type, int position, List<Part> parts) {
    this(name, type, position, parts, false);
  }

  /** One component: a leaf variable, or a nested record; {@code type} is the component's. */
  public record Part(String component, Variable leaf, RecordParameter nested, Type type) {}

  /** The leaves, depth first, with the accessor chains that read them ({@code p.pos().x()}). */
  public List<Leaf> leaves(String receiver) {
    List<Leaf> out = new ArrayList<>();
    for (Part part : parts) {
      String read = receiver + "." + part.component() + "()";
      if (part.nested() != null) {
        out.addAll(part.nested().leaves(read));
      } else {
        out.add(new Leaf(part.leaf(), read, part.type()));
      }
    }
    return out;
  }

  /** A leaf, and the expression that reads it from the record. */
  public record Leaf(Variable variable, String read, Type type) {}
}
