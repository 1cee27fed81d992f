package dev.cotangent.processor.differentiate;

import dev.cotangent.processor.ir.MethodIR;
import dev.cotangent.processor.ir.RecordParameter;
import dev.cotangent.processor.ir.Variable;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The original method's view of a point whose IR has records scalar-replaced (issue 18): the IR
 * takes one parameter per leaf ({@code pX, pY}, or {@code double[] psX, psY} for a {@code Vec3[]
 * ps}), the original the records. {@link CompanionRuns#original} calls the original with the
 * records built from the leaves ({@link #arguments}), takes the final contents of an array of
 * records apart into its leaf arrays again ({@link #writeBack}) and a record result into the
 * {@code double[]} of its leaves that the companions return ({@link #result}). {@link
 * #equalLengths} gives an array of records' leaf arrays one length (the companions require it).
 */
final class RecordArguments {
  private RecordArguments() {}

  /** The original's parameter classes. */
  static Class<?>[] classes(Linkage linkage, MethodIR ir, Class<?>[] leafClasses) {
    Object[] slots = slots(ir);
    Class<?>[] out = new Class<?>[slots.length];
    for (int i = 0; i < slots.length; i++) {
      out[i] = slots[i] instanceof RecordParameter r
          ? (r.array() ? linkage.load(r.type()).arrayType() : linkage.load(r.type()))
          : leafClasses[ir.parameters().indexOf((Variable) slots[i])];
    }
    return out;
  }

  /** The original's arguments from the IR's ({@code args}, one per IR parameter). */
  static Object[] arguments(Linkage linkage, MethodIR ir, Object[] args) {
    Object[] slots = slots(ir);
    Object[] out = new Object[slots.length];
    for (int i = 0; i < slots.length; i++) {
      if (slots[i] instanceof RecordParameter r) {
        if (r.array()) {
          int n = Array.getLength(args[ir.parameters().indexOf(r.leaves("").get(0).variable())]);
          Object records = Array.newInstance(linkage.load(r.type()), n);
          for (int k = 0; k < n; k++) {
            Array.set(records, k, build(linkage, ir, r, args, k));
          }
          out[i] = records;
        } else {
          out[i] = build(linkage, ir, r, args, -1);
        }
      } else {
        out[i] = args[ir.parameters().indexOf((Variable) slots[i])];
      }
    }
    return out;
  }

  /** The final contents of each array of records, back into its leaf arrays in {@code args}. */
  static void writeBack(MethodIR ir, Object[] passed, Object[] args) {
    for (RecordParameter r : ir.records()) {
      if (!r.array()) {
        continue;
      }
      Object records = passed[r.position()];
      for (int k = 0; k < Array.getLength(records); k++) {
        List<Object> leaves = new ArrayList<>();
        collect(r, Array.get(records, k), leaves);
        List<RecordParameter.Leaf> variables = r.leaves("");
        for (int l = 0; l < variables.size(); l++) {
          Array.set(args[ir.parameters().indexOf(variables.get(l).variable())], k, leaves.get(l));
        }
      }
    }
  }

  /** A record result as the {@code double[]} of its leaves, depth first; others as they are. */
  static Object result(MethodIR ir, Object result) {
    if (ir.result() == null || result == null) {
      return result;
    }
    List<Object> leaves = new ArrayList<>();
    collect(ir.result(), result, leaves);
    return leaves.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
  }

  /** Gives each array of records' leaf arrays (and their holder's, tangents') the first's length. */
  static void equalLengths(MethodIR ir, Object[] args) {
    for (RecordParameter r : ir.records()) {
      if (!r.array()) {
        continue;
      }
      List<RecordParameter.Leaf> leaves = r.leaves("");
      int first = ir.parameters().indexOf(leaves.get(0).variable());
      int n = Array.getLength(args[first]);
      for (RecordParameter.Leaf leaf : leaves) {
        int i = ir.parameters().indexOf(leaf.variable());
        args[i] = resized(args[i], n);
      }
    }
  }

  private static Object resized(Object array, int n) {
    int length = Array.getLength(array);
    Object out = Array.newInstance(array.getClass().getComponentType(), n);
    for (int k = 0; k < n; k++) {
      Array.set(out, k, Array.get(array, k % length));
    }
    return out;
  }

  /** Per position of the original's parameters: its {@link RecordParameter} or IR parameter. */
  private static Object[] slots(MethodIR ir) {
    List<Object> out = new ArrayList<>();
    for (Variable p : ir.parameters()) {
      int position = ir.position(p);
      if (position < 0) {
        continue;
      }
      while (out.size() <= position) {
        out.add(null);
      }
      RecordParameter owner = null;
      for (RecordParameter r : ir.records()) {
        if (r.position() == position) {
          owner = r;
        }
      }
      out.set(position, owner != null ? owner : p);
    }
    return out.toArray();
  }

  /** The record {@code r} (element {@code k} of its leaf arrays, or its leaves when k < 0). */
  private static Object build(Linkage linkage, MethodIR ir, RecordParameter r, Object[] args,
      int k) {
    Class<?> type = linkage.load(r.type());
    RecordComponent[] components = type.getRecordComponents();
    Object[] values = new Object[components.length];
    for (int c = 0; c < components.length; c++) {
      RecordParameter.Part part = r.parts().get(c);
      if (part.nested() != null) {
        values[c] = build(linkage, ir, part.nested(), args, k);
      } else {
        Object leaf = args[ir.parameters().indexOf(part.leaf())];
        values[c] = JavaArithmetic.convert(k < 0 ? leaf : Array.get(leaf, k),
            part.type());
      }
    }
    try {
      Constructor<?> canonical = type.getDeclaredConstructor(
          Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
      canonical.setAccessible(true);
      return canonical.newInstance(values);
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void collect(RecordParameter r, Object record, List<Object> out) {
    RecordComponent[] components = record.getClass().getRecordComponents();
    for (int c = 0; c < components.length; c++) {
      Object value;
      try {
        var accessor = components[c].getAccessor();
        accessor.setAccessible(true);
        value = accessor.invoke(record);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      if (r.parts().get(c).nested() != null) {
        collect(r.parts().get(c).nested(), value, out);
      } else {
        out.add(value);
      }
    }
  }
}
