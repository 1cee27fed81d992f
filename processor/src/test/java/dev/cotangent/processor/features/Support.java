package dev.cotangent.processor.features;

import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.cotangent.Differentiable;
import dev.cotangent.processor.CotangentProcessor;
import dev.cotangent.processor.testing.Numerics;
import dev.cotangent.runtime.Dual;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Small reflective and numerical helpers for the feature tests: deep copies (float arrays too),
 * calls that unwrap {@link InvocationTargetException}, scalar coordinates of arguments, numerical
 * Jacobians by Richardson-extrapolated central differences, and compilation against a class path.
 * Independent of generated code.
 */
final class Support {
  private Support() {}

  // ------------------------------------------------------------------ values

  static Object copy(Object v) {
    if (v instanceof double[] a) {
      return a.clone();
    }
    if (v instanceof float[] a) {
      return a.clone();
    }
    if (v instanceof int[] a) {
      return a.clone();
    }
    if (v instanceof double[][] m) {
      double[][] out = new double[m.length][];
      for (int i = 0; i < m.length; i++) {
        out[i] = m[i].clone();
      }
      return out;
    }
    if (v instanceof float[][] m) {
      float[][] out = new float[m.length][];
      for (int i = 0; i < m.length; i++) {
        out[i] = m[i].clone();
      }
      return out;
    }
    return v;
  }

  static Object[] copyAll(Object[] args) {
    Object[] out = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      out[i] = copy(args[i]);
    }
    return out;
  }

  static String show(Object v) {
    if (v instanceof Object[] a) {
      return Arrays.deepToString(a);
    }
    if (v instanceof double[] a) {
      return Arrays.toString(a);
    }
    if (v instanceof float[] a) {
      return Arrays.toString(a);
    }
    if (v instanceof int[] a) {
      return Arrays.toString(a);
    }
    return String.valueOf(v);
  }

  /** Bit-for-bit equality of numbers and (nested) arrays of them. */
  static boolean sameBits(Object a, Object b) {
    if (a instanceof Double x && b instanceof Double y) {
      return Double.doubleToLongBits(x) == Double.doubleToLongBits(y);
    }
    if (a instanceof Float x && b instanceof Float y) {
      return Float.floatToIntBits(x) == Float.floatToIntBits(y);
    }
    if (a instanceof double[] x && b instanceof double[] y) {
      return Arrays.equals(x, y);
    }
    if (a instanceof float[] x && b instanceof float[] y) {
      return Arrays.equals(x, y);
    }
    if (a instanceof int[] x && b instanceof int[] y) {
      return Arrays.equals(x, y);
    }
    if (a instanceof Object[] x && b instanceof Object[] y) {
      if (x.length != y.length) {
        return false;
      }
      for (int i = 0; i < x.length; i++) {
        if (!sameBits(x[i], y[i])) {
          return false;
        }
      }
      return true;
    }
    return a == null ? b == null : a.equals(b);
  }

  static void assertSameBits(Object expected, Object actual, String what) {
    if (!sameBits(expected, actual)) {
      fail(what + ": expected (bit for bit) " + show(expected) + ", got " + show(actual));
    }
  }

  /** The caller's arrays after a companion equal those after the original. */
  static void assertSameArgs(Object[] expected, Object[] actual, String[] names, String what) {
    for (int i = 0; i < expected.length; i++) {
      if (expected[i] != null && expected[i].getClass().isArray() && !sameBits(expected[i], actual[i])) {
        fail(what + ": the caller's " + names[i] + " is " + show(actual[i])
            + " after it, but the original leaves " + show(expected[i]));
      }
    }
  }

  static void near(double expected, double actual, double relative, String what) {
    double tol = relative * Math.max(1, Math.abs(expected));
    if (!Numerics.within(actual, expected, tol)) {
      fail(String.format(Locale.ROOT, "%s: expected %s, got %s (|difference| %s > tolerance %s)",
          what, expected, actual, Math.abs(actual - expected), tol));
    }
  }

  // ------------------------------------------------------------------ reflection

  static Method method(Class<?> owner, String name, Class<?>... types) {
    try {
      Method m = owner.getDeclaredMethod(name, types);
      m.setAccessible(true);
      return m;
    } catch (NoSuchMethodException e) {
      StringBuilder present = new StringBuilder();
      for (Method m : owner.getDeclaredMethods()) {
        present.append("\n  ").append(m);
      }
      throw new AssertionError(owner.getName() + " has no method " + name
          + Arrays.toString(types) + "; it has:" + present, e);
    }
  }

  /** Calls a method; an exception it throws is rethrown as is (unchecked) or wrapped. */
  static Object call(Method m, Object receiver, Object... args) {
    try {
      return m.invoke(receiver, args);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    } catch (InvocationTargetException e) {
      Throwable t = e.getCause();
      if (t instanceof RuntimeException r) {
        throw r;
      }
      if (t instanceof Error r) {
        throw r;
      }
      throw new AssertionError(t);
    }
  }

  static Object field(Object holder, String name) {
    try {
      Field f = holder.getClass().getField(name);
      f.setAccessible(true); // the holder of a package-private method is package-private
      return f.get(holder);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(holder.getClass().getName() + " has no public field " + name, e);
    }
  }

  static void setField(Object holder, String name, Object value) {
    try {
      Field f = holder.getClass().getField(name);
      f.setAccessible(true);
      f.set(holder, value);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(holder.getClass().getName() + ": cannot set " + name, e);
    }
  }

  static Class<?> fieldType(Class<?> holder, String name) {
    try {
      return holder.getField(name).getType();
    } catch (NoSuchFieldException e) {
      throw new AssertionError(holder.getName() + " has no public field " + name, e);
    }
  }

  // ------------------------------------------------------------------ coordinates

  /** One scalar coordinate of an argument: a scalar (row = -1), an element, or an element of a row. */
  record Coord(int arg, int row, int col, String label) {}

  static List<Coord> coords(String[] names, int[] params, Object[] args) {
    List<Coord> out = new ArrayList<>();
    for (int p : params) {
      Object v = args[p];
      if (v instanceof Double || v instanceof Float) {
        out.add(new Coord(p, -1, -1, names[p]));
      } else if (v instanceof double[] a) {
        for (int i = 0; i < a.length; i++) {
          out.add(new Coord(p, i, -1, names[p] + "[" + i + "]"));
        }
      } else if (v instanceof float[] a) {
        for (int i = 0; i < a.length; i++) {
          out.add(new Coord(p, i, -1, names[p] + "[" + i + "]"));
        }
      } else if (v instanceof double[][] m) {
        for (int i = 0; i < m.length; i++) {
          for (int j = 0; j < m[i].length; j++) {
            out.add(new Coord(p, i, j, names[p] + "[" + i + "][" + j + "]"));
          }
        }
      } else {
        throw new IllegalArgumentException(names[p] + " = " + show(v) + " has no coordinates");
      }
    }
    return out;
  }

  static double get(Object[] args, Coord c) {
    Object v = args[c.arg()];
    if (c.row() < 0) {
      return ((Number) v).doubleValue();
    }
    if (v instanceof double[] a) {
      return a[c.row()];
    }
    if (v instanceof float[] a) {
      return a[c.row()];
    }
    return ((double[][]) v)[c.row()][c.col()];
  }

  /** Adds {@code delta} to one coordinate (in place for arrays; scalars are replaced). */
  static void add(Object[] args, Coord c, double delta) {
    Object v = args[c.arg()];
    if (c.row() < 0) {
      args[c.arg()] = v instanceof Float f ? (Object) (float) (f + delta)
          : (Object) ((Double) v + delta);
    } else if (v instanceof double[] a) {
      a[c.row()] += delta;
    } else if (v instanceof float[] a) {
      a[c.row()] += (float) delta;
    } else {
      ((double[][]) v)[c.row()][c.col()] += delta;
    }
  }

  /** The flattened values of some fields (or argument-shaped objects), coordinate order. */
  static double[] flatten(List<Object> values) {
    List<Double> out = new ArrayList<>();
    for (Object v : values) {
      if (v instanceof Number n) {
        out.add(n.doubleValue());
      } else if (v instanceof double[] a) {
        for (double x : a) {
          out.add(x);
        }
      } else if (v instanceof float[] a) {
        for (float x : a) {
          out.add((double) x);
        }
      } else if (v instanceof double[][] m) {
        for (double[] row : m) {
          for (double x : row) {
            out.add(x);
          }
        }
      } else {
        throw new IllegalArgumentException("cannot flatten " + show(v));
      }
    }
    double[] d = new double[out.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = out.get(i);
    }
    return d;
  }

  // ------------------------------------------------------------------ numerical derivatives

  /**
   * Column {@code c} of the Jacobian of a vector-valued function by Richardson-extrapolated
   * central differences along the coordinate; each evaluation gets fresh copies of the arguments.
   * Fails when the extrapolations at 2h, h, h/4 disagree (the reference is not to be trusted).
   */
  static double[] column(Function<Object[], double[]> f, Object[] args, Coord c, double relStep) {
    double h = Numerics.step(relStep, get(args, c));
    return derivative(f, t -> {
      Object[] a = copyAll(args);
      add(a, c, t);
      return a;
    }, h, "∂/∂" + c.label());
  }

  /** The numerical Jacobian, column by column. */
  static double[][] jacobian(Function<Object[], double[]> f, Object[] args, List<Coord> coords,
      double relStep) {
    int n = coords.size();
    double[][] cols = new double[n][];
    for (int c = 0; c < n; c++) {
      cols[c] = column(f, args, coords.get(c), relStep);
    }
    int m = n == 0 ? 0 : cols[0].length;
    double[][] j = new double[m][n];
    for (int i = 0; i < m; i++) {
      for (int c = 0; c < n; c++) {
        j[i][c] = cols[c][i];
      }
    }
    return j;
  }

  /** The derivative along a direction (coordinates, in order) of a vector-valued function. */
  static double[] directional(Function<Object[], double[]> f, Object[] args, List<Coord> coords,
      double[] direction, double h) {
    return derivative(f, t -> {
      Object[] a = copyAll(args);
      for (int k = 0; k < coords.size(); k++) {
        add(a, coords.get(k), t * direction[k]);
      }
      return a;
    }, h, "along " + Arrays.toString(direction));
  }

  private static double[] derivative(Function<Object[], double[]> f,
      java.util.function.DoubleFunction<Object[]> at, double h, String what) {
    Numerics.Estimate[] est = Numerics.derivatives(t -> f.apply(at.apply(t)), h);
    double[] out = new double[est.length];
    for (int i = 0; i < est.length; i++) {
      double spread = est[i].spread();
      if (!(spread <= 1e-7 * Math.max(1, Math.abs(est[i].value())))) {
        fail("unstable numerical reference " + what + " of component " + i + ": "
            + est[i].describe() + " — choose another point");
      }
      out[i] = est[i].value();
    }
    return out;
  }

  // ------------------------------------------------------------------ compilation

  private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");
  private static final Pattern TYPE =
      Pattern.compile("(?m)^\\s*(?:(?:public|final|abstract)\\s+)*(?:class|interface)\\s+(\\w+)");

  static Compiler compiler(boolean withProcessor, List<File> classPath, String... options) {
    Compiler c = Compiler.javac().withOptions((Object[]) options);
    if (withProcessor) {
      c = c.withProcessors(new CotangentProcessor());
    }
    if (classPath != null) {
      c = c.withClasspath(classPath);
    }
    return c;
  }

  /** The annotations and the runtime, which a compilation with an explicit class path needs. */
  static List<File> standardEntries() {
    return List.of(location(Differentiable.class), location(Dual.class));
  }

  private static File location(Class<?> type) {
    try {
      return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  static List<JavaFileObject> files(String... sources) {
    List<JavaFileObject> out = new ArrayList<>();
    for (String source : sources) {
      Matcher type = TYPE.matcher(source);
      if (!type.find()) {
        throw new IllegalArgumentException("no type in\n" + source);
      }
      Matcher pkg = PACKAGE.matcher(source);
      String name = (pkg.find() ? pkg.group(1) + "." : "") + type.group(1);
      out.add(JavaFileObjects.forSourceString(name, source));
    }
    return out;
  }

  /** Compiles and fails with every diagnostic and generated source unless it succeeded. */
  static Compilation compileOrFail(Compiler compiler, String... sources) {
    Compilation c = compiler.compile(files(sources));
    if (c.status() != Compilation.Status.SUCCESS) {
      fail("compilation failed" + report(c, sources));
    }
    return c;
  }

  static String report(Compilation compilation, String... sources) {
    StringBuilder out = new StringBuilder("\n\nDiagnostics:\n");
    for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
      out.append("  ").append(d.getKind()).append(' ')
          .append(d.getSource() == null ? "<no file>" : d.getSource().getName()).append(':')
          .append(d.getLineNumber()).append(": ").append(d.getMessage(Locale.ROOT)).append('\n');
    }
    out.append("Sources:\n");
    for (String s : sources) {
      String[] lines = s.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        out.append(String.format(Locale.ROOT, "%4d  %s%n", i + 1, lines[i]));
      }
      out.append("----\n");
    }
    for (JavaFileObject f : compilation.generatedSourceFiles()) {
      try {
        out.append("---- generated ").append(f.getName()).append(" ----\n")
            .append(f.getCharContent(true));
      } catch (IOException e) {
        out.append("(unreadable)\n");
      }
    }
    return out.toString();
  }

  /** Writes every class file of a compilation under {@code dir}, by binary name. */
  static void writeClasses(Compilation compilation, Path dir) {
    for (JavaFileObject f : compilation.generatedFiles()) {
      if (f.getKind() != JavaFileObject.Kind.CLASS) {
        continue;
      }
      String path = f.toUri().getPath();
      int at = path.indexOf("/CLASS_OUTPUT/");
      if (at < 0) {
        throw new AssertionError("unexpected class file location " + f.toUri());
      }
      Path target = dir.resolve(path.substring(at + "/CLASS_OUTPUT/".length()));
      try (InputStream in = f.openInputStream()) {
        Files.createDirectories(target.getParent());
        Files.write(target, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
