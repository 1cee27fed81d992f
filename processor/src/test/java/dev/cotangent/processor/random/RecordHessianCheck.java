package dev.cotangent.processor.random;

import static dev.cotangent.processor.random.RecordArrayCheck.array;
import static dev.cotangent.processor.random.RecordArrayCheck.flat;
import static dev.cotangent.processor.random.RecordProgramsCheck.build;
import static dev.cotangent.processor.random.RecordProgramsCheck.field;
import static dev.cotangent.processor.random.RecordProgramsCheck.invoke;
import static dev.cotangent.processor.random.RecordProgramsCheck.leafCount;
import static dev.cotangent.processor.random.RecordProgramsCheck.leaves;
import static dev.cotangent.processor.random.RecordProgramsCheck.method;

import dev.cotangent.processor.random.ProgramGenerator.Program;
import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.runtime.GradientCheck;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * The second order of a random program's record parameters ({@code rq(Rv p, double s)} and
 * {@code ra(Rv[] ps, double s)}, {@code @Differentiable(order = 2)} when {@code f} is): the
 * dense Hessians {@code rqHessian(p, s)} and {@code raHessian(ps, s)} against central
 * differences (Richardson) of the first-order gradient read from the record-shaped holders,
 * their symmetry, and the Hessian-vector products with record directions ({@code rq(p, pDot,
 * s, sDot)}, {@code ra(ps, psDot, s, sDot)}, read from the holders' {@code ...Hv} fields)
 * against the dense Hessian times the direction, with the dot test ⟨w, H·v⟩ = ⟨H·w, v⟩. Points
 * where the differences of the gradient are unstable (a branch under the stencil) are skipped.
 */
final class RecordHessianCheck {
  private static final int POINTS = 2;

  private RecordHessianCheck() {}

  /** Checks both methods; throws AssertionError on a mismatch. */
  static void check(CompiledSources sources, Program p, Class<?> rv) {
    Class<?> adjoint = sources.load(p.qualifiedName() + "Adjoint");
    Class<?> hessian = sources.load(p.qualifiedName() + "Hessian");
    int leaves = leafCount(rv);
    List<String> names = names(rv, "");
    Random random = new Random(p.seed() ^ 0x2D18L);
    int k = random.nextInt(4);

    // rq(Rv p, double s): the variables are p's leaves, then s
    var rqGradient = method(adjoint, "rq", rv, double.class);
    var rqHessian = method(hessian, "rqHessian", rv, double.class);
    var rqProduct = method(hessian, "rq", rv, rv, double.class, double.class);
    Function<double[], double[]> gq = y -> {
      Object holder = invoke(rqGradient, null, build(rv, y, 0, k), y[leaves]);
      double[] out = Arrays.copyOf(leaves(invoke(method(holder.getClass(), "p"), holder)),
          leaves + 1);
      out[leaves] = (double) field(holder, "s");
      return out;
    };
    Function<double[], double[][]> hq = y -> (double[][]) invoke(rqHessian, null,
        build(rv, y, 0, k), y[leaves]);
    Function<double[][], double[]> pq = yv -> {
      Object holder = invoke(rqProduct, null, build(rv, yv[0], 0, k), build(rv, yv[1], 0, 0),
          yv[0][leaves], yv[1][leaves]);
      double[] out = new double[leaves + 1];
      for (int i = 0; i < leaves; i++) {
        out[i] = (double) field(holder, "p" + names.get(i) + "Hv");
      }
      out[leaves] = (double) field(holder, "sHv");
      return out;
    };
    checkPoints(p, "rq", leaves + 1, random, gq, hq, pq);

    if (!p.source().contains("(order = 2)\n  public static double ra")) {
      return;
    }
    // ra(Rv[] ps, double s): psX[0..n), psY[0..n), ..., then s (the Hessian's leaf-major order)
    int n = 2 + random.nextInt(2);
    Class<?> rvs = rv.arrayType();
    var raGradient = method(adjoint, "ra", rvs, double.class);
    var raHessian = method(hessian, "raHessian", rvs, double.class);
    var raProduct = method(hessian, "ra", rvs, rvs, double.class, double.class);
    Function<double[], double[]> ga = y -> {
      Object holder = invoke(raGradient, null, array(rv, elementMajor(y, n, leaves), n, k),
          y[n * leaves]);
      double[] g = leafMajor(flat(invoke(method(holder.getClass(), "ps"), holder), leaves), n,
          leaves);
      double[] out = Arrays.copyOf(g, n * leaves + 1);
      out[n * leaves] = (double) field(holder, "s");
      return out;
    };
    Function<double[], double[][]> ha = y -> (double[][]) invoke(raHessian, null,
        array(rv, elementMajor(y, n, leaves), n, k), y[n * leaves]);
    Function<double[][], double[]> pa = yv -> {
      Object holder = invoke(raProduct, null, array(rv, elementMajor(yv[0], n, leaves), n, k),
          array(rv, elementMajor(yv[1], n, leaves), n, 0), yv[0][n * leaves],
          yv[1][n * leaves]);
      double[] out = new double[n * leaves + 1];
      for (int l = 0; l < leaves; l++) {
        double[] hv = (double[]) field(holder, "ps" + names.get(l) + "Hv");
        System.arraycopy(hv, 0, out, l * n, n);
      }
      out[n * leaves] = (double) field(holder, "sHv");
      return out;
    };
    checkPoints(p, "ra", n * leaves + 1, random, ga, ha, pa);
  }

  private static void checkPoints(Program p, String name, int size, Random random,
      Function<double[], double[]> gradient, Function<double[], double[][]> hessian,
      Function<double[][], double[]> product) {
    int checked = 0;
    for (int draw = 0; draw < 4 * POINTS && checked < POINTS; draw++) {
      double[] y = gaussian(random, size, 0.7);
      double[] v = gaussian(random, size, 1);
      double[] w = gaussian(random, size, 1);
      double[][] h = hessian.apply(y);
      GradientCheck.Difference[][] numeric = new GradientCheck.Difference[size][size];
      double scale = 1;
      boolean stable = true;
      for (int j = 0; j < size && stable; j++) {
        int column = j;
        for (int i = 0; i < size; i++) {
          int row = i;
          numeric[i][j] = GradientCheck.difference(t -> {
            double[] z = y.clone();
            z[column] += t;
            return gradient.apply(z)[row];
          }, 0);
          stable &= Double.isFinite(numeric[i][j].value()) && Double.isFinite(numeric[i][j].error());
          scale = Math.max(scale, Math.abs(numeric[i][j].value()));
        }
      }
      for (int i = 0; i < size && stable; i++) {
        for (int j = 0; j < size; j++) {
          stable &= numeric[i][j].error() <= 1e-5 * scale; // a branch under the stencil
        }
      }
      if (!stable) {
        continue;
      }
      for (int i = 0; i < size; i++) {
        for (int j = 0; j < size; j++) {
          double e = numeric[i][j].value();
          if (!(Math.abs(e - h[i][j]) <= 1e-6 * scale + 10 * numeric[i][j].error())) {
            throw new AssertionError(p.className() + ": " + name + "Hessian[" + i + "][" + j
                + "] = " + h[i][j] + " but central differences of the gradient give " + e
                + " at " + Arrays.toString(y));
          }
          if (!(Math.abs(h[i][j] - h[j][i]) <= 1e-9 * scale)) {
            throw new AssertionError(p.className() + ": " + name + "Hessian is not symmetric at ["
                + i + "][" + j + "]: " + h[i][j] + " vs " + h[j][i]);
          }
        }
      }
      double[] hv = product.apply(new double[][] {y, v});
      double[] hw = product.apply(new double[][] {y, w});
      double whv = 0;
      double vhw = 0;
      for (int i = 0; i < size; i++) {
        double row = 0;
        for (int j = 0; j < size; j++) {
          row += h[i][j] * v[j];
        }
        if (!(Math.abs(row - hv[i]) <= 1e-9 * scale * (1 + Math.abs(row)))) {
          throw new AssertionError(p.className() + ": " + name + "'s H·v entry " + i + " is "
              + hv[i] + " but the dense Hessian times v gives " + row + " at "
              + Arrays.toString(y) + " along " + Arrays.toString(v));
        }
        whv += w[i] * hv[i];
        vhw += v[i] * hw[i];
      }
      if (!(Math.abs(whv - vhw) <= 1e-9 * scale * (1 + Math.abs(whv)))) {
        throw new AssertionError(p.className() + ": " + name + "'s dot test: ⟨w, H·v⟩ = " + whv
            + " but ⟨H·w, v⟩ = " + vhw);
      }
      checked++;
    }
  }

  /** The names of {@code type}'s double leaves as the holders spell them ({@code X}, {@code WU}). */
  static List<String> names(Class<?> type, String prefix) {
    List<String> out = new ArrayList<>();
    for (RecordComponent c : type.getRecordComponents()) {
      String name = prefix + Character.toUpperCase(c.getName().charAt(0)) + c.getName().substring(1);
      if (c.getType() == double.class) {
        out.add(name);
      } else if (c.getType().isRecord()) {
        out.addAll(names(c.getType(), name));
      }
    }
    return out;
  }

  private static double[] elementMajor(double[] leafMajor, int n, int leaves) {
    double[] out = new double[n * leaves];
    for (int i = 0; i < n; i++) {
      for (int l = 0; l < leaves; l++) {
        out[i * leaves + l] = leafMajor[l * n + i];
      }
    }
    return out;
  }

  private static double[] leafMajor(double[] elementMajor, int n, int leaves) {
    double[] out = new double[n * leaves];
    for (int i = 0; i < n; i++) {
      for (int l = 0; l < leaves; l++) {
        out[l * n + i] = elementMajor[i * leaves + l];
      }
    }
    return out;
  }

  private static double[] gaussian(Random random, int n, double scale) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = scale * random.nextGaussian();
    }
    return out;
  }
}
