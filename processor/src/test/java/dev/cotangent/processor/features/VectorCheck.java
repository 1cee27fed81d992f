package dev.cotangent.processor.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.FunctionGroup;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Checks every companion of one vector-valued {@code @Differentiable static double[] f(...)} at
 * one point: the dense {@code fJacobian} column by column against central differences, the
 * pullback (Jᵀ·ȳ added into a pre-filled holder, value bit for bit, {@code into.value}), the
 * tangent (J·ẋ written into {@code resultDot}, tangent arrays of the inputs ending as the tangent
 * of their final contents), the dot-product test, the caller's arrays after every companion, and
 * wrong-length cotangent/tangent arrays.
 */
final class VectorCheck {
  /** Agreement demanded against finite differences, relative to max(1, |reference|). */
  static final double NUMERIC = 1e-6;

  /** Agreement demanded between two AD results. */
  static final double CONSISTENT = 1e-9;

  private final FunctionGroup group;
  private final String name;
  private final Class<?>[] types;
  private final String[] differentiable;

  VectorCheck(FunctionGroup group, String name, Class<?>[] types, String... differentiable) {
    this.group = group;
    this.name = name;
    this.types = types;
    this.differentiable = differentiable;
  }

  private static String capitalise(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** The result of a check at one point: the companion's Jacobian and the result's length. */
  record Outcome(double[][] jacobian, double[] value) {}

  Outcome at(Object... args) {
    CompiledSources sources = group.sourcesFor(name);
    String cls = group.className();
    Class<?> owner = sources.load(cls);
    Class<?> adjoint = sources.load(cls + "Adjoint");
    Class<?> tangent = sources.load(cls + "Tangent");
    Class<?> holderClass = sources.load(cls + "Adjoint$" + capitalise(name) + "Gradient");

    Method original = Support.method(owner, name, types);
    String[] names = Arrays.stream(original.getParameters()).map(p -> p.getName())
        .toArray(String[]::new);
    int[] diff = new int[differentiable.length];
    for (int k = 0; k < diff.length; k++) {
      diff[k] = Arrays.asList(names).indexOf(differentiable[k]);
      if (diff[k] < 0) {
        throw new IllegalArgumentException(name + " has no parameter " + differentiable[k]);
      }
    }
    String what = cls + "." + name + " at " + Support.show(args);
    Function<Object[], double[]> f = a -> (double[]) Support.call(original, null, Support.copyAll(a));

    Object[] afterOriginal = Support.copyAll(args);
    double[] value = (double[]) Support.call(original, null, afterOriginal);
    Object[] afterTwice = Support.copyAll(args);
    Support.assertSameBits(value, Support.call(original, null, afterTwice), what + ": original is deterministic");
    int m = value.length;
    List<Support.Coord> coords = Support.coords(names, diff, args);
    int n = coords.size();
    double[][] numeric = Support.jacobian(f, args, coords, 1e-3);
    Random random = new Random(what.hashCode());

    // ---- fJacobian, column by column
    Method jacobianMethod = Support.method(adjoint, name + "Jacobian", types);
    Object[] aj = Support.copyAll(args);
    double[][] jac = (double[][]) Support.call(jacobianMethod, null, aj);
    Support.assertSameArgs(afterOriginal, aj, names, what + ", " + name + "Jacobian");
    assertEquals(m, jac.length, what + ": " + name + "Jacobian rows (results)");
    for (int i = 0; i < m; i++) {
      assertEquals(n, jac[i].length, what + ": " + name + "Jacobian row " + i + " columns (inputs)");
    }
    List<String> failures = new ArrayList<>();
    soft(failures, () -> {
    for (int c = 0; c < n; c++) {
      for (int i = 0; i < m; i++) {
        Support.near(numeric[i][c], jac[i][c], NUMERIC,
            what + ": " + name + "Jacobian column " + c + " (∂/∂" + coords.get(c).label()
                + "), row " + i + " [" + (m <= n ? "reverse sweeps, m ≤ n" : "forward sweeps, m > n")
                + "]; companion column " + Arrays.toString(column(jac, c)) + ", numerical "
                + Arrays.toString(column(numeric, c)));
      }
    }
    });

    // ---- pullback into a pre-filled holder
    Class<?>[] pullTypes = Arrays.copyOf(types, types.length + 2);
    pullTypes[types.length] = double[].class;
    pullTypes[types.length + 1] = holderClass;
    Method pullback = Support.method(adjoint, name, pullTypes);
    double[] ybar = new double[m];
    for (int i = 0; i < m; i++) {
      ybar[i] = -1.5 + 3 * random.nextDouble();
    }
    double[] direction = new double[n];
    for (int c = 0; c < n; c++) {
      direction[c] = -1 + 2 * random.nextDouble();
    }
    soft(failures, () -> {
    Object holder = newHolder(holderClass, diff, args);
    List<Object> prefill = new ArrayList<>();
    int k = 0;
    for (int p : diff) {
      Object field = Support.field(holder, names[p]);
      if (field instanceof Double) {
        double v = 0.5 + 0.25 * k++;
        Support.setField(holder, names[p], v);
        prefill.add(v);
      } else if (field instanceof double[] a) {
        for (int e = 0; e < a.length; e++) {
          a[e] = -1.0 + 0.125 * k++;
        }
        prefill.add(a.clone());
      } else if (field instanceof double[][] mm) {
        for (double[] row : mm) {
          for (int e = 0; e < row.length; e++) {
            row[e] = 0.75 - 0.0625 * k++;
          }
        }
        prefill.add(Support.copy(mm));
      } else {
        fail(what + ": holder field " + names[p] + " = " + Support.show(field)
            + " is not shaped like the parameter");
      }
    }
    double[] prefilled = Support.flatten(prefill);
    double[] ybarKept = ybar.clone();
    Object[] ap = Support.copyAll(args);
    Object returned = Support.call(pullback, null, concat(ap, ybar, holder));
    Support.assertSameBits(value, returned, what + ": pullback's return value vs the original's");
    Support.assertSameBits(value, Support.field(holder, "value"), what + ": pullback's into.value");
    Support.assertSameArgs(afterOriginal, ap, names, what + ", pullback");
    Support.assertSameBits(ybarKept, ybar, what + ": the caller's resultBar after the pullback");
    double[] got = Support.flatten(fields(holder, names, diff));
    assertEquals(n, got.length, what + ": holder coordinates");
    for (int c = 0; c < n; c++) {
      double numericSum = prefilled[c];
      double companionSum = prefilled[c];
      double scale = Math.abs(prefilled[c]);
      for (int i = 0; i < m; i++) {
        numericSum += ybar[i] * numeric[i][c];
        companionSum += ybar[i] * jac[i][c];
        scale += Math.abs(ybar[i] * numeric[i][c]);
      }
      Support.near(numericSum, got[c], NUMERIC * Math.max(1, scale),
          what + ": pullback into " + coords.get(c).label() + " pre-filled with " + prefilled[c]
              + ", ȳ=" + Arrays.toString(ybar) + ": expected prefill + (Jᵀȳ) by central differences");
      Support.near(companionSum, got[c], CONSISTENT * Math.max(1, scale),
          what + ": pullback into " + coords.get(c).label() + " vs prefill + (Jᵀȳ) of " + name
              + "Jacobian");
    }
    });

    // ---- tangent: J·ẋ into resultDot
    List<Class<?>> tanTypes = new ArrayList<>();
    for (int i = 0; i < types.length; i++) {
      tanTypes.add(types[i]);
      if (contains(diff, i)) {
        tanTypes.add(types[i]);
      }
    }
    tanTypes.add(double[].class);
    Method tangentMethod = Support.method(tangent, name, tanTypes.toArray(new Class<?>[0]));
    double[] resultDot = new double[m];
    soft(failures, () -> {
    Object[] at = Support.copyAll(args);
    Object[] dots = dots(args, diff, coords, direction);
    Arrays.fill(resultDot, 12345.0);
    Object tret = Support.call(tangentMethod, null, tangentArgs(at, diff, dots, resultDot));
    Support.assertSameBits(value, tret, what + ": tangent's return value vs the original's");
    Support.assertSameArgs(afterOriginal, at, names, what + ", tangent");
    double[] jxNumeric = Support.directional(f, args, coords, direction, 1e-3);
    for (int i = 0; i < m; i++) {
      double companion = 0;
      double scale = 0;
      for (int c = 0; c < n; c++) {
        companion += jac[i][c] * direction[c];
        scale += Math.abs(jac[i][c] * direction[c]);
      }
      Support.near(jxNumeric[i], resultDot[i], NUMERIC,
          what + ": tangent resultDot[" + i + "] along " + Arrays.toString(direction)
              + " vs the numerical J·ẋ (resultDot was pre-filled with 12345: written, not added)");
      Support.near(companion, resultDot[i], CONSISTENT * Math.max(1, scale),
          what + ": tangent resultDot[" + i + "] vs " + name + "Jacobian·ẋ");
    }
    // tangent arrays of array inputs end as the tangent of the arrays' final contents
    for (int kk = 0; kk < diff.length; kk++) {
      int p = diff[kk];
      if (!args[p].getClass().isArray()) {
        continue;
      }
      Function<Object[], double[]> finalContents = a -> {
        Object[] c = Support.copyAll(a);
        Support.call(original, null, c);
        return Support.flatten(List.of(c[p]));
      };
      double[] expected = Support.directional(finalContents, args, coords, direction, 1e-3);
      double[] actual = Support.flatten(List.of(dots[kk]));
      for (int e = 0; e < expected.length; e++) {
        Support.near(expected[e], actual[e], NUMERIC,
            what + ": after the tangent, " + names[p] + "Dot element " + e
                + " vs the tangent of " + names[p] + "'s final contents");
      }
    }

    });

    // ---- dot-product test ⟨ȳ, J·ẋ⟩ = ⟨Jᵀ·ȳ, ẋ⟩ with a fresh holder
    soft(failures, () -> {
    Object fresh = newHolder(holderClass, diff, args);
    Support.call(pullback, null, concat(Support.copyAll(args), ybar.clone(), fresh));
    double[] g = Support.flatten(fields(fresh, names, diff));
    double lhs = 0;
    double rhs = 0;
    double scale = 0;
    for (int i = 0; i < m; i++) {
      lhs += ybar[i] * resultDot[i];
      scale += Math.abs(ybar[i] * resultDot[i]);
    }
    for (int c = 0; c < n; c++) {
      rhs += g[c] * direction[c];
      scale += Math.abs(g[c] * direction[c]);
    }
    assertEquals(lhs, rhs, CONSISTENT * Math.max(1, scale) + 1e-12,
        what + ": dot-product test ⟨ȳ, J·ẋ⟩ = " + lhs + " vs ⟨Jᵀ·ȳ, ẋ⟩ = " + rhs);

    });

    // ---- fJacobian into a caller's matrix and holder, both holding other numbers
    soft(failures, () -> intoCallers(adjoint, holderClass, pullback, args, ybar, jac, afterOriginal,
        names, diff, what));

    // ---- wrong lengths
    soft(failures, () -> {
    for (int len : new int[] {m + 1, Math.max(0, m - 1)}) {
      if (len == m) {
        continue;
      }
      Object[] bad = concat(Support.copyAll(args), new double[len], newHolder(holderClass, diff, args));
      assertThrows(IllegalArgumentException.class, () -> Support.call(pullback, null, bad),
          what + ": pullback with a resultBar of length " + len + " (result has " + m + ")");
      Object[] tbad = Support.copyAll(args);
      Object[] tdots = dots(args, diff, coords, direction);
      assertThrows(IllegalArgumentException.class,
          () -> Support.call(tangentMethod, null, tangentArgs(tbad, diff, tdots, new double[len])),
          what + ": tangent with a resultDot of length " + len + " (result has " + m + ")");
    }
    });
    if (!failures.isEmpty()) {
      fail(failures.size() + " failed check(s):\n  " + String.join("\n  ", failures));
    }
    return new Outcome(jac, value);
  }

  private void intoCallers(Class<?> adjoint, Class<?> holderClass, Method pullback, Object[] args,
      double[] ybar, double[][] jac, Object[] afterOriginal, String[] names, int[] diff,
      String what) {
    Class<?>[] intoTypes = Arrays.copyOf(types, types.length + 2);
    intoTypes[types.length] = double[][].class;
    intoTypes[types.length + 1] = holderClass;
    Method into = Support.method(adjoint, name + "Jacobian", intoTypes);
    int m = jac.length;
    int n = m == 0 ? 0 : jac[0].length;
    double[][] matrix = new double[m][n];
    for (double[] row : matrix) {
      Arrays.fill(row, 12345.0);
    }
    Object work = newHolder(holderClass, diff, args);
    Support.call(pullback, null, concat(Support.copyAll(args), ybar.clone(), work));
    Object[] ai = Support.copyAll(args);
    Object returned = Support.call(into, null, concat(ai, matrix, work));
    assertSame(matrix, returned, what + ": " + name + "Jacobian(..., into, work) returns into");
    Support.assertSameArgs(afterOriginal, ai, names, what + ", " + name + "Jacobian into");
    for (int i = 0; i < m; i++) {
      Support.assertSameBits(jac[i], matrix[i], what + ": " + name + "Jacobian row " + i
          + " into a matrix pre-filled with 12345 and a holder holding a pullback's gradient");
    }
    Object[] wide = concat(Support.copyAll(args), new double[m][n + 1], work);
    assertThrows(IllegalArgumentException.class, () -> Support.call(into, null, wide),
        what + ": " + name + "Jacobian into a matrix with " + (n + 1) + " columns (" + n
            + " inputs)");
    Object[] tall = concat(Support.copyAll(args), new double[m + 1][n], work);
    assertThrows(IllegalArgumentException.class, () -> Support.call(into, null, tall),
        what + ": " + name + "Jacobian into a matrix with " + (m + 1) + " rows (" + m
            + " results)");
  }

  private static void soft(List<String> failures, Runnable section) {
    try {
      section.run();
    } catch (AssertionError e) {
      failures.add(e.getMessage());
    }
  }

  private static double[] column(double[][] j, int c) {
    double[] out = new double[j.length];
    for (int i = 0; i < j.length; i++) {
      out[i] = j[i][c];
    }
    return out;
  }

  private static boolean contains(int[] a, int v) {
    for (int x : a) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }

  private static Object[] concat(Object[] args, Object... more) {
    Object[] all = Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return all;
  }

  private static List<Object> fields(Object holder, String[] names, int[] diff) {
    List<Object> out = new ArrayList<>();
    for (int p : diff) {
      out.add(Support.field(holder, names[p]));
    }
    return out;
  }

  private static Object newHolder(Class<?> holderClass, int[] diff, Object[] args) {
    List<Class<?>> types = new ArrayList<>();
    List<Object> templates = new ArrayList<>();
    for (int p : diff) {
      if (args[p].getClass().isArray()) {
        types.add(args[p].getClass());
        templates.add(Support.copy(args[p]));
      }
    }
    try {
      Constructor<?> ctor = holderClass.getDeclaredConstructor(types.toArray(new Class<?>[0]));
      ctor.setAccessible(true); // package-private holders of package-private companions
      return ctor.newInstance(templates.toArray());
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(holderClass.getName() + ": no constructor " + types, e);
    }
  }

  /** Tangent arguments shaped like the differentiable arguments, from a flat direction. */
  private static Object[] dots(Object[] args, int[] diff, List<Support.Coord> coords,
      double[] direction) {
    Object[] dots = new Object[diff.length];
    Object[] shaped = Support.copyAll(args);
    for (int k = 0; k < diff.length; k++) {
      Object v = shaped[diff[k]];
      if (v instanceof double[] a) {
        Arrays.fill(a, 0);
      } else if (v instanceof double[][] mm) {
        for (double[] row : mm) {
          Arrays.fill(row, 0);
        }
      } else {
        shaped[diff[k]] = 0.0;
      }
    }
    for (int c = 0; c < coords.size(); c++) {
      Support.add(shaped, coords.get(c), direction[c]);
    }
    for (int k = 0; k < diff.length; k++) {
      dots[k] = shaped[diff[k]];
    }
    return dots;
  }

  private static Object[] tangentArgs(Object[] args, int[] diff, Object[] dots, double[] resultDot) {
    List<Object> all = new ArrayList<>();
    int k = 0;
    for (int i = 0; i < args.length; i++) {
      all.add(args[i]);
      if (k < diff.length && diff[k] == i) {
        all.add(dots[k++]);
      }
    }
    all.add(resultDot);
    return all.toArray();
  }
}
