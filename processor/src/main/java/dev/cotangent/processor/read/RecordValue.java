package dev.cotangent.processor.read;

import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.List;

/**
 * A record value, scalar-replaced: one IR expression per leaf of its shape ({@link RecordShape}).
 * A record local's leaves are reads of its leaf variables; a record built in an expression
 * ({@code new Vec3(a, b, c)}, {@code p.plus(q)}) has the expressions that compute them.
 */
record RecordValue(RecordShape shape, List<Expr> leaves) {
  RecordValue {
    leaves = List.copyOf(leaves);
    if (leaves.size() != shape.leaves()) {
      throw new IllegalArgumentException(shape + " has " + shape.leaves() + " leaves, not "
          + leaves.size());
    }
  }

  /** A record local: reads of its leaf variables. */
  static RecordValue of(RecordShape shape, List<Variable> variables) {
    List<Expr> reads = new ArrayList<>();
    for (Variable v : variables) {
      reads.add(new Expr.Ref(v));
    }
    return new RecordValue(shape, reads);
  }

  /**
   * A component: an {@link Expr} for a leaf, a {@link RecordValue} for a nested record; null if
   * the record has no such component.
   */
  Object component(String name) {
    int at = shape.offset(name);
    if (at < 0) {
      return null;
    }
    RecordShape.Component c = shape.component(name).orElseThrow();
    if (c.record() == null) {
      return leaves.get(at);
    }
    return new RecordValue(c.record(), leaves.subList(at, at + c.leaves()));
  }

  /** The components in declaration order (each an {@link Expr} or a {@link RecordValue}). */
  List<Object> components() {
    List<Object> out = new ArrayList<>();
    for (RecordShape.Component c : shape.components()) {
      out.add(component(c.name()));
    }
    return out;
  }

  /** The leaf variables of a record local, or null if a leaf is not a variable's read. */
  List<Variable> variables() {
    List<Variable> out = new ArrayList<>();
    for (Expr leaf : leaves) {
      if (!(leaf instanceof Expr.Ref ref)) {
        return null;
      }
      out.add(ref.variable());
    }
    return out;
  }

  /** A record from its components (each an {@link Expr} or a {@link RecordValue}). */
  static RecordValue ofComponents(RecordShape shape, List<Object> components) {
    List<Expr> leaves = new ArrayList<>();
    for (Object c : components) {
      if (c instanceof RecordValue nested) {
        leaves.addAll(nested.leaves());
      } else {
        leaves.add((Expr) c);
      }
    }
    return new RecordValue(shape, leaves);
  }
}
