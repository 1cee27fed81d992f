package dev.cotangent.processor.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * The scalar coordinates of some parameters at one set of arguments: a {@code double} parameter is
 * one coordinate ({@code "x"}), a {@code double[]} one per element ({@code "w[3]"}), a {@code
 * double[][]} one per element, row by row ({@code "m[1][2]"}). Gradients, directions and tangents
 * are flattened in this order: parameter order, then element order.
 */
public final class Coordinates {
  private final String[] names;
  private final int[] parameters;
  private final int[] param;
  private final int[] row;
  private final int[] col;

  private Coordinates(String[] names, int[] parameters, int[] param, int[] row, int[] col) {
    this.names = names;
    this.parameters = parameters;
    this.param = param;
    this.row = row;
    this.col = col;
  }

  /**
   * The coordinates of the parameters {@code parameters} (indices into {@code args}, in order) in
   * the shapes of {@code args}.
   */
  public static Coordinates of(String[] names, int[] parameters, Object[] args) {
    List<int[]> entries = new ArrayList<>();
    for (int p : parameters) {
      Object v = args[p];
      if (v instanceof Double) {
        entries.add(new int[] {p, -1, -1});
      } else if (v instanceof double[] a) {
        for (int i = 0; i < a.length; i++) {
          entries.add(new int[] {p, i, -1});
        }
      } else if (v instanceof double[][] m) {
        for (int i = 0; i < m.length; i++) {
          for (int j = 0; j < m[i].length; j++) {
            entries.add(new int[] {p, i, j});
          }
        }
      } else {
        throw new IllegalArgumentException(
            "parameter " + names[p] + " = " + Values.show(v) + " is not differentiable");
      }
    }
    int n = entries.size();
    int[] param = new int[n];
    int[] row = new int[n];
    int[] col = new int[n];
    for (int c = 0; c < n; c++) {
      param[c] = entries.get(c)[0];
      row[c] = entries.get(c)[1];
      col[c] = entries.get(c)[2];
    }
    return new Coordinates(names, parameters.clone(), param, row, col);
  }

  public int size() {
    return param.length;
  }

  /** E.g. {@code "x"}, {@code "w[3]"}, {@code "m[1][2]"}. */
  public String label(int c) {
    String out = names[param[c]];
    if (row[c] >= 0) {
      out += "[" + row[c] + "]";
    }
    if (col[c] >= 0) {
      out += "[" + col[c] + "]";
    }
    return out;
  }

  /** The parameter (index into the arguments) coordinate c belongs to. */
  public int parameter(int c) {
    return param[c];
  }

  /** Coordinate c of {@code args}. */
  public double get(Object[] args, int c) {
    Object v = args[param[c]];
    if (row[c] < 0) {
      return (Double) v;
    }
    if (col[c] < 0) {
      return ((double[]) v)[row[c]];
    }
    return ((double[][]) v)[row[c]][col[c]];
  }

  /** Sets coordinate c of {@code args} (in place for arrays). */
  public void set(Object[] args, int c, double value) {
    if (row[c] < 0) {
      args[param[c]] = value;
    } else if (col[c] < 0) {
      ((double[]) args[param[c]])[row[c]] = value;
    } else {
      ((double[][]) args[param[c]])[row[c]][col[c]] = value;
    }
  }

  /** All coordinates of {@code args}. */
  public double[] flatten(Object[] args) {
    double[] out = new double[size()];
    for (int c = 0; c < out.length; c++) {
      out[c] = get(args, c);
    }
    return out;
  }

  /**
   * One value per parameter of these coordinates, in order: a Double for a scalar, a fresh array
   * of the shape in {@code shapes} for an array, filled from {@code flat}.
   */
  public Object[] unflatten(double[] flat, Object[] shapes) {
    if (flat.length != size()) {
      throw new IllegalArgumentException("need " + size() + " coordinates, got " + flat.length);
    }
    Object[] full = new Object[shapes.length];
    for (int p : parameters) {
      Object s = shapes[p];
      if (s instanceof double[] a) {
        full[p] = new double[a.length];
      } else if (s instanceof double[][] m) {
        double[][] z = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
          z[i] = new double[m[i].length];
        }
        full[p] = z;
      } else {
        full[p] = 0.0;
      }
    }
    for (int c = 0; c < flat.length; c++) {
      set(full, c, flat[c]);
    }
    Object[] out = new Object[parameters.length];
    for (int k = 0; k < parameters.length; k++) {
      out[k] = full[parameters[k]];
    }
    return out;
  }

  /** The inverse of {@link #unflatten}: per-parameter values (in order) to coordinates. */
  public double[] flattenPerParameter(Object[] perParameter, int argumentCount) {
    Object[] full = new Object[argumentCount];
    for (int k = 0; k < parameters.length; k++) {
      full[parameters[k]] = perParameter[k];
    }
    return flatten(full);
  }
}
