package dev.cotangent.processor.testing;

import java.util.Arrays;

/** Arguments of one call, addressable by parameter name. */
public final class Point {
  private final String[] names;
  private final Object[] values;

  Point(String[] names, Object[] values) {
    this.names = names;
    this.values = values;
  }

  private int index(String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no parameter " + name + " in " + Arrays.toString(names));
  }

  /** A double parameter's value. */
  public double d(String name) {
    return ((Number) values[index(name)]).doubleValue();
  }

  /** An int parameter's value. */
  public int i(String name) {
    return ((Number) values[index(name)]).intValue();
  }

  /** A long parameter's value. */
  public long l(String name) {
    return ((Number) values[index(name)]).longValue();
  }

  /** A boolean parameter's value. */
  public boolean b(String name) {
    return (Boolean) values[index(name)];
  }

  /** A {@code double[]} parameter's value (a copy). */
  public double[] a(String name) {
    return (double[]) Values.copy(values[index(name)]);
  }

  /** A {@code double[][]} parameter's value (a copy). */
  public double[][] m(String name) {
    return (double[][]) Values.copy(values[index(name)]);
  }

  /** An {@code int[]} parameter's value (a copy). */
  public int[] ints(String name) {
    return (int[]) Values.copy(values[index(name)]);
  }

  /** A deep copy of the arguments (arrays copied), boxed as the method's parameter types. */
  public Object[] args() {
    return Values.copyAll(values);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("(");
    for (int i = 0; i < names.length; i++) {
      if (i > 0) {
        out.append(", ");
      }
      out.append(names[i]).append('=').append(Values.show(values[i]));
    }
    return out.append(')').toString();
  }
}
