package dev.cotangent.processor.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The reflective view of one static scalar method's second-order companion ({@code
 * <Class>Hessian}): its Hessian-vector product, read back as flat vectors (the differentiable
 * inputs flattened in order, arrays row by row, as {@code fHessian} flattens them), its dense
 * Hessian, and the first-order gradient ({@code <Class>Adjoint}) whose central differences are
 * the independent reference for H·v.
 *
 * <p>Arguments are given as the original method takes them ({@code Double}, {@code double[]},
 * {@code double[][]}, {@code Integer}, ...); directions as one object per differentiable
 * parameter, of the parameter's shape. Every call gets fresh copies of the arrays.
 */
public final class SecondOrderMethod {
  private final Method original;
  private final Method gradient;
  private final Method product;
  private final Method productWithSeed;
  private final Method hessian;
  private final Method hessianInto;
  private final Class<?> holder;
  private final Class<?>[] types;
  private final boolean[] differentiable;

  /**
   * @param differentiable for each parameter, whether it is differentiable (as the companions
   *     see it: real-valued and not {@code @NoDerivative})
   */
  public SecondOrderMethod(CompiledSources sources, String className, String name,
      Class<?>[] types, boolean... differentiable) {
    this.types = types;
    this.differentiable = differentiable;
    Class<?> owner = sources.load(className);
    Class<?> adjoint = sources.load(className + "Adjoint");
    Class<?> second = sources.load(className + "Hessian");
    try {
      original = owner.getDeclaredMethod(name, types);
      original.setAccessible(true);
      gradient = adjoint.getDeclaredMethod(name, types);
      gradient.setAccessible(true);
      List<Class<?>> withDirections = new ArrayList<>();
      for (int i = 0; i < types.length; i++) {
        withDirections.add(types[i]);
        if (differentiable[i]) {
          withDirections.add(types[i]);
        }
      }
      product = second.getDeclaredMethod(name, withDirections.toArray(Class<?>[]::new));
      product.setAccessible(true);
      holder = product.getReturnType();
      List<Class<?>> seeded = new ArrayList<>(withDirections);
      seeded.addAll(List.of(double.class, double.class, holder));
      productWithSeed = second.getDeclaredMethod(name, seeded.toArray(Class<?>[]::new));
      productWithSeed.setAccessible(true);
      hessian = second.getDeclaredMethod(name + "Hessian", types);
      hessian.setAccessible(true);
      List<Class<?>> into = new ArrayList<>(List.of(types));
      into.addAll(List.of(double[][].class, holder));
      hessianInto = second.getDeclaredMethod(name + "Hessian", into.toArray(Class<?>[]::new));
      hessianInto.setAccessible(true);
    } catch (NoSuchMethodException e) {
      throw new AssertionError("missing companion: " + e.getMessage() + "\n"
          + sources.generatedSource(className + "Hessian"), e);
    }
  }

  /** What a Hessian-vector product returned, flattened. */
  public record Product(double value, double[] gradient, double[] hv) {}

  /** The original method's value. */
  public double value(Object... args) {
    return ((Number) invoke(original, copy(args))).doubleValue();
  }

  /** The first-order gradient, flattened. */
  public double[] gradient(Object... args) {
    Object g = invoke(gradient, copy(args));
    return flatten(g, false);
  }

  /** The Hessian-vector product along {@code directions} (one per differentiable parameter). */
  public Product product(Object[] args, Object[] directions) {
    Object h = invoke(product, interleave(copy(args), copy(directions)).toArray());
    return new Product(((Number) get(h, "value")).doubleValue(), flatten(h, false),
        flatten(h, true));
  }

  /**
   * The seeded product {@code f(args with directions, seed, seedDot, into)} into a fresh holder,
   * which it adds into: {@code seed}·gradient and {@code seed}·H·v + {@code seedDot}·gradient.
   */
  public Product seeded(Object[] args, Object[] directions, double seed, double seedDot) {
    Object h = newHolder(args);
    List<Object> all = interleave(copy(args), copy(directions));
    all.addAll(List.of(seed, seedDot, h));
    invoke(productWithSeed, all.toArray());
    return new Product(((Number) get(h, "value")).doubleValue(), flatten(h, false),
        flatten(h, true));
  }

  /** The dense Hessian, {@code fHessian(args)}; checks the reusing overload gives the same. */
  public double[][] hessian(Object... args) {
    double[][] h = (double[][]) invoke(hessian, copy(args));
    Object work = newHolder(args);
    double[][] into = new double[h.length][h.length];
    for (int pass = 0; pass < 2; pass++) { // twice: a reused holder and matrix give the same
      List<Object> all = new ArrayList<>(List.of(copy(args)));
      all.addAll(List.of(into, work));
      assertTrue(invoke(hessianInto, all.toArray()) == into, "fHessian returns its matrix");
      for (int i = 0; i < h.length; i++) {
        assertArrayEquals(h[i], into[i], "fHessian(args, into, work) row " + i);
      }
    }
    return h;
  }

  /**
   * H·v by Richardson-extrapolated central differences of the first-order gradient along
   * {@code directions}: the independent reference.
   */
  public Numerics.Estimate[] numericProduct(Object[] args, Object[] directions, double h) {
    return Numerics.derivatives(t -> gradient(shifted(args, directions, t)), h);
  }

  /** {@code args} moved by {@code t} times the directions. */
  public Object[] shifted(Object[] args, Object[] directions, double t) {
    Object[] out = copy(args);
    int k = 0;
    for (int i = 0; i < types.length; i++) {
      if (differentiable[i]) {
        out[i] = add(out[i], directions[k++], t);
      }
    }
    return out;
  }

  /**
   * Checks one product at {@code args} along {@code directions}: the value bit for bit, the
   * gradient against the first-order gradient, H·v against central differences of the gradient
   * (relative {@code tolerance} of the largest entry), and the seeded overload's contract.
   */
  public Product check(Object[] args, Object[] directions, double tolerance) {
    Product p = product(args, directions);
    assertEquals(value(args), p.value(), 0.0, "value bit for bit");
    double[] g = gradient(args);
    double scale = 1;
    for (double x : g) {
      scale = Math.max(scale, Math.abs(x));
    }
    for (int i = 0; i < g.length; i++) {
      assertEquals(g[i], p.gradient()[i], 1e-12 * scale, "gradient " + i);
    }
    Numerics.Estimate[] numeric = numericProduct(args, directions, 1e-3);
    double hvScale = 1;
    for (Numerics.Estimate e : numeric) {
      hvScale = Math.max(hvScale, Math.abs(e.value()));
    }
    for (int i = 0; i < numeric.length; i++) {
      assertEquals(numeric[i].value(), p.hv()[i], tolerance * hvScale,
          "H·v " + i + ": numeric " + numeric[i].describe() + ", generated " + p.hv()[i]
              + "; all generated " + Arrays.toString(p.hv()));
    }
    Product seeded = seeded(args, directions, 2.5, -0.75);
    for (int i = 0; i < g.length; i++) {
      assertEquals(2.5 * p.gradient()[i], seeded.gradient()[i], 1e-12 * scale,
          "seeded gradient " + i);
      assertEquals(2.5 * p.hv()[i] - 0.75 * p.gradient()[i], seeded.hv()[i],
          1e-12 * (hvScale + scale), "seeded H·v " + i);
    }
    return p;
  }

  /** ⟨w, H·v⟩ = ⟨H·w, v⟩ for two directions (relative {@code tolerance}). */
  public void dotTest(Object[] args, Object[] v, Object[] w, double tolerance) {
    double[] hv = product(args, v).hv();
    double[] hw = product(args, w).hv();
    double[] vFlat = flattenDirections(v);
    double[] wFlat = flattenDirections(w);
    double left = dot(wFlat, hv);
    double right = dot(hw, vFlat);
    double scale = Math.max(1, Math.max(Math.abs(left), Math.abs(right)));
    assertEquals(left, right, tolerance * scale, "⟨w, H·v⟩ = ⟨H·w, v⟩");
  }

  /** The directions flattened in order, arrays row by row. */
  public static double[] flattenDirections(Object[] directions) {
    List<Double> out = new ArrayList<>();
    for (Object d : directions) {
      addFlat(d, out);
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private Object newHolder(Object[] args) {
    List<Object> shapes = new ArrayList<>();
    List<Class<?>> shapeTypes = new ArrayList<>();
    for (int i = 0; i < types.length; i++) {
      if (differentiable[i] && types[i].isArray()) {
        shapes.add(copyOf(args[i]));
        shapeTypes.add(types[i]);
      }
    }
    try {
      var constructor = holder.getDeclaredConstructor(shapeTypes.toArray(Class<?>[]::new));
      constructor.setAccessible(true);
      return constructor.newInstance(shapes.toArray());
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** The holder's gradient fields ({@code hv}: the H·v fields), flattened in order. */
  private double[] flatten(Object holderObject, boolean hv) {
    List<Double> out = new ArrayList<>();
    List<Field> fields = new ArrayList<>();
    for (Field f : holderObject.getClass().getDeclaredFields()) {
      if (Modifier.isPublic(f.getModifiers()) && !Modifier.isStatic(f.getModifiers())
          && !f.getName().equals("value")) { // not the WRITES constants
        fields.add(f);
      }
    }
    // declared in order: x, xHv, y, yHv, ... in the Hessian holder; x, y, ... in the gradient's
    boolean paired = holderObject.getClass() == holder;
    for (int k = 0; k < fields.size(); k++) {
      boolean isHv = paired && k % 2 == 1;
      if (isHv == hv) {
        addFlat(get(holderObject, fields.get(k).getName()), out);
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static void addFlat(Object value, List<Double> out) {
    if (value instanceof double[] a) {
      for (double x : a) {
        out.add(x);
      }
    } else if (value instanceof double[][] m) {
      for (double[] row : m) {
        addFlat(row, out);
      }
    } else {
      out.add(((Number) value).doubleValue());
    }
  }

  private static Object get(Object target, String field) {
    try {
      Field f = target.getClass().getDeclaredField(field);
      f.setAccessible(true);
      return f.get(target);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private List<Object> interleave(Object[] args, Object[] directions) {
    List<Object> out = new ArrayList<>();
    int k = 0;
    for (int i = 0; i < types.length; i++) {
      out.add(args[i]);
      if (differentiable[i]) {
        out.add(directions[k++]);
      }
    }
    return out;
  }

  private static Object add(Object x, Object d, double t) {
    if (x instanceof double[] a) {
      double[] b = (double[]) d;
      double[] out = a.clone();
      for (int i = 0; i < a.length; i++) {
        out[i] += t * b[i];
      }
      return out;
    }
    if (x instanceof double[][] m) {
      double[][] b = (double[][]) d;
      double[][] out = new double[m.length][];
      for (int i = 0; i < m.length; i++) {
        out[i] = (double[]) add(m[i], b[i], t);
      }
      return out;
    }
    return ((Number) x).doubleValue() + t * ((Number) d).doubleValue();
  }

  private static Object[] copy(Object[] values) {
    Object[] out = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = copyOf(values[i]);
    }
    return out;
  }

  private static Object copyOf(Object value) {
    if (value instanceof double[] a) {
      return a.clone();
    }
    if (value instanceof int[] a) {
      return a.clone();
    }
    if (value instanceof double[][] m) {
      double[][] out = new double[m.length][];
      for (int i = 0; i < m.length; i++) {
        out[i] = m[i].clone();
      }
      return out;
    }
    return value;
  }

  private static Object invoke(Method m, Object... args) {
    try {
      return m.invoke(null, args);
    } catch (InvocationTargetException e) {
      throw new AssertionError(m.getName() + " threw " + e.getCause(), e.getCause());
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }
}
