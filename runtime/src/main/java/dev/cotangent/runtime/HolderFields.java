package dev.cotangent.runtime;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A gradient holder's derivative fields, flattened in the order of a {@link GradientCheck.Point}
 * that names the same arguments: what {@link GradientCheck#holder} compares.
 */
final class HolderFields {
  private final double[] gradient;
  private final List<String> names;

  private HolderFields(double[] gradient, List<String> names) {
    this.gradient = gradient;
    this.names = names;
  }

  /** The holder's gradient, checked against the point's names and shapes. */
  static HolderFields of(Object holder, GradientCheck.Point at) {
    Map<String, Object> fields = fields(holder);
    if (!fields.keySet().equals(at.values().keySet())) {
      throw new IllegalArgumentException("the point names " + at.values().keySet()
          + ", but the holder " + holder.getClass().getSimpleName() + " has the derivatives "
          + fields.keySet() + "; give the point one value per field");
    }
    List<Double> flat = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, Object> e : at.values().entrySet()) {
      String name = e.getKey();
      Object derivative = fields.get(name);
      Object value = e.getValue();
      if (value instanceof Double && derivative instanceof Double d) {
        flat.add(d);
        names.add(name);
      } else if (value instanceof double[] a && derivative instanceof double[] d
          && a.length == d.length) {
        for (int i = 0; i < d.length; i++) {
          flat.add(d[i]);
          names.add(name + "[" + i + "]");
        }
      } else if (value instanceof double[][] a && derivative instanceof double[][] d
          && sameShape(a, d)) {
        for (int i = 0; i < d.length; i++) {
          for (int j = 0; j < d[i].length; j++) {
            flat.add(d[i][j]);
            names.add(name + "[" + i + "][" + j + "]");
          }
        }
      } else {
        throw new IllegalArgumentException("the point's " + name + " and the holder's field "
            + name + " differ in type or shape");
      }
    }
    return new HolderFields(flat.stream().mapToDouble(Double::doubleValue).toArray(), names);
  }

  double[] gradient() {
    return gradient;
  }

  List<String> names() {
    return names;
  }

  /** Public instance fields except {@code value}: doubles (floats widened) and double arrays. */
  private static Map<String, Object> fields(Object holder) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (Field field : holder.getClass().getDeclaredFields()) {
      int modifiers = field.getModifiers();
      if (!Modifier.isPublic(modifiers) || Modifier.isStatic(modifiers)
          || field.getName().equals("value")) {
        continue;
      }
      Class<?> type = field.getType();
      if (type != double.class && type != float.class && type != double[].class
          && type != double[][].class) {
        throw new IllegalArgumentException("the holder's field " + field.getName() + " is a "
            + type.getSimpleName() + "; GradientCheck.holder checks double, float, double[] and"
            + " double[][] fields (check other fields with GradientCheck.gradient)");
      }
      fields.put(field.getName(), read(holder, field));
    }
    return fields;
  }

  private static Object read(Object holder, Field field) {
    try {
      field.setAccessible(true); // a holder of a package-private method is package-private
      Object value = field.get(holder);
      return value instanceof Float f ? Double.valueOf(f) : value;
    } catch (IllegalAccessException | RuntimeException e) {
      throw new IllegalArgumentException("cannot read the holder's field " + field.getName()
          + " (" + e + "); in a named module, open the holder's package to dev.cotangent.runtime",
          e);
    }
  }

  private static boolean sameShape(double[][] a, double[][] b) {
    if (a.length != b.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (a[i].length != b[i].length) {
        return false;
      }
    }
    return true;
  }
}
