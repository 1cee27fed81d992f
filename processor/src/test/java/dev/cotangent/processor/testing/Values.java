package dev.cotangent.processor.testing;

import java.util.Arrays;

/**
 * Argument values as the harness handles them: {@code double}, {@code int}, {@code long}, {@code
 * boolean}, {@code char}, {@code byte}, {@code short} (boxed), {@code String} and enum values
 * (passed as they are), and {@code double[]}, {@code double[][]}, {@code int[]}, {@code int[][]},
 * {@code byte[]}, {@code short[]}, {@code char[]}, which are deep-copied
 * before every call (a method may write into its arrays) and compared bit for bit.
 */
public final class Values {
  private Values() {}

  /** Whether the harness can pass a parameter of this type. */
  static boolean supported(Class<?> type) {
    return type == double.class || type == int.class || type == long.class || type == boolean.class
        || type == double[].class || type == double[][].class || type == int[].class
        || type == char.class || type == String.class || type.isEnum()
        || type == byte.class || type == short.class || type == int[][].class
        || type == byte[].class || type == short[].class || type == char[].class;
  }

  /** Whether a parameter of this type can be differentiable. */
  static boolean differentiableType(Class<?> type) {
    return type == double.class || type == double[].class || type == double[][].class;
  }

  static boolean isArray(Class<?> type) {
    return type.isArray();
  }

  /** A deep copy of an argument (arrays copied down to their elements; rows stay distinct). */
  public static Object copy(Object v) {
    if (v instanceof double[] a) {
      return a.clone();
    }
    if (v instanceof double[][] m) {
      double[][] out = new double[m.length][];
      for (int i = 0; i < m.length; i++) {
        out[i] = m[i] == null ? null : m[i].clone();
      }
      return out;
    }
    if (v instanceof int[] a) {
      return a.clone();
    }
    if (v instanceof int[][] m) {
      int[][] out = new int[m.length][];
      for (int i = 0; i < m.length; i++) {
        out[i] = m[i] == null ? null : m[i].clone();
      }
      return out;
    }
    if (v instanceof byte[] a) {
      return a.clone();
    }
    if (v instanceof short[] a) {
      return a.clone();
    }
    if (v instanceof char[] a) {
      return a.clone();
    }
    return v;
  }

  /** A deep copy of every argument. */
  public static Object[] copyAll(Object[] args) {
    Object[] out = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      out[i] = copy(args[i]);
    }
    return out;
  }

  /** A readable form of an argument. */
  public static String show(Object v) {
    if (v instanceof double[] a) {
      return Arrays.toString(a);
    }
    if (v instanceof double[][] m) {
      return Arrays.deepToString(m);
    }
    if (v instanceof int[] a) {
      return Arrays.toString(a);
    }
    if (v instanceof int[][] m) {
      return Arrays.deepToString(m);
    }
    if (v instanceof byte[] a) {
      return Arrays.toString(a);
    }
    if (v instanceof short[] a) {
      return Arrays.toString(a);
    }
    if (v instanceof char[] a) {
      return Arrays.toString(a);
    }
    return String.valueOf(v);
  }

  /**
   * Where {@code actual} differs from {@code expected} bit for bit (shape, or the first differing
   * element with both numbers), or null when they are identical. {@code name} prefixes indices.
   */
  public static String firstDifference(String name, Object expected, Object actual) {
    if (expected instanceof double[] e && actual instanceof double[] a) {
      if (e.length != a.length) {
        return name + " has length " + a.length + ", expected " + e.length;
      }
      for (int i = 0; i < e.length; i++) {
        if (Double.doubleToLongBits(e[i]) != Double.doubleToLongBits(a[i])) {
          return name + "[" + i + "] = " + a[i] + ", expected " + e[i];
        }
      }
      return null;
    }
    if (expected instanceof double[][] e && actual instanceof double[][] a) {
      if (e.length != a.length) {
        return name + " has " + a.length + " rows, expected " + e.length;
      }
      for (int i = 0; i < e.length; i++) {
        if ((e[i] == null) != (a[i] == null)) {
          return name + "[" + i + "] is " + (a[i] == null ? "null" : "not null") + ", expected "
              + (e[i] == null ? "null" : "a row");
        }
        if (e[i] != null) {
          String d = firstDifference(name + "[" + i + "]", e[i], a[i]);
          if (d != null) {
            return d;
          }
        }
      }
      return null;
    }
    if (expected instanceof int[] e && actual instanceof int[] a) {
      if (e.length != a.length) {
        return name + " has length " + a.length + ", expected " + e.length;
      }
      for (int i = 0; i < e.length; i++) {
        if (e[i] != a[i]) {
          return name + "[" + i + "] = " + a[i] + ", expected " + e[i];
        }
      }
      return null;
    }
    if (expected instanceof Double e && actual instanceof Double a) {
      return Double.doubleToLongBits(e) == Double.doubleToLongBits(a)
          ? null
          : name + " = " + a + ", expected " + e;
    }
    if (expected instanceof Object[] e && actual instanceof Object[] a) {
      return Arrays.deepEquals(e, a) ? null
          : name + " = " + show(actual) + ", expected " + show(expected);
    }
    if (expected != null && expected.getClass().isArray() && actual != null
        && expected.getClass() == actual.getClass()) {
      return Arrays.deepEquals(new Object[] {expected}, new Object[] {actual}) ? null
          : name + " = " + show(actual) + ", expected " + show(expected);
    }
    if (expected == null ? actual == null : expected.equals(actual)) {
      return null;
    }
    return name + " = " + show(actual) + ", expected " + show(expected);
  }

  /** Whether two arrays have the same shape (row lengths included). */
  static boolean sameShape(Object a, Object b) {
    if (a instanceof double[] x && b instanceof double[] y) {
      return x.length == y.length;
    }
    if (a instanceof double[][] x && b instanceof double[][] y) {
      if (x.length != y.length) {
        return false;
      }
      for (int i = 0; i < x.length; i++) {
        if ((x[i] == null) != (y[i] == null) || (x[i] != null && x[i].length != y[i].length)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  static String shape(Object v) {
    if (v instanceof double[] a) {
      return "double[" + a.length + "]";
    }
    if (v instanceof double[][] m) {
      StringBuilder out = new StringBuilder("double[" + m.length + "][] with row lengths [");
      for (int i = 0; i < m.length; i++) {
        out.append(i == 0 ? "" : ", ").append(m[i] == null ? "null" : String.valueOf(m[i].length));
      }
      return out.append(']').toString();
    }
    return String.valueOf(v);
  }
}
