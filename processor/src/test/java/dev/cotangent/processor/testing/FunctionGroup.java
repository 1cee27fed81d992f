package dev.cotangent.processor.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Many {@code @Differentiable} functions in one class, compiled together once (fast), with a
 * fallback that keeps failures precise: if the whole class does not compile, each function is
 * compiled on its own (with the shared members and extra sources), so one construct the
 * processor rejects fails only the tests of the functions that use it.
 *
 * <pre>{@code
 * static final FunctionGroup FLOW = FunctionGroup.of("flow", "Flow")
 *     .members("static final double G = 9.81;")
 *     .function("loop", """
 *         @Differentiable public static double loop(double x, int n) { ... }
 *         """);
 * ...
 * GradientCheck.of(FLOW.sourcesFor("loop"), FLOW.className(), "loop")...
 * }</pre>
 *
 * <p>Every class gets {@code import dev.cotangent.Differentiable;} and {@code import
 * dev.cotangent.NoDerivative;}.
 */
public final class FunctionGroup {
  private final String packageName;
  private final String simpleName;
  private final List<String> members = new ArrayList<>();
  private final Map<String, String> functions = new LinkedHashMap<>();
  private final List<String> extraSources = new ArrayList<>();
  private final List<String> imports = new ArrayList<>();
  private CompiledSources whole;
  private AssertionError wholeFailure;
  private final Map<String, Object> single = new HashMap<>();

  private FunctionGroup(String packageName, String simpleName) {
    this.packageName = packageName;
    this.simpleName = simpleName;
  }

  public static FunctionGroup of(String packageName, String simpleName) {
    return new FunctionGroup(packageName, simpleName);
  }

  /** Members every function may use (constants, helpers); present in every compilation. */
  public FunctionGroup members(String text) {
    members.add(text);
    return this;
  }

  /** Extra imports of every compilation, e.g. {@code "java.util.Arrays"}. */
  public FunctionGroup imports(String... qualifiedNames) {
    imports.addAll(List.of(qualifiedNames));
    return this;
  }

  /** One or more methods (e.g. overloads) that are compiled together, under a key. */
  public FunctionGroup function(String key, String text) {
    if (functions.put(key, text) != null) {
      throw new IllegalArgumentException("duplicate key " + key);
    }
    return this;
  }

  /** Another compilation unit (e.g. a class of constants), present in every compilation. */
  public FunctionGroup source(String compilationUnit) {
    extraSources.add(compilationUnit);
    return this;
  }

  /** The qualified name of the generated class that holds the functions. */
  public String className() {
    return packageName + "." + simpleName;
  }

  /** The keys of all functions, in order. */
  public List<String> keys() {
    return new ArrayList<>(functions.keySet());
  }

  /** The source of the whole class. */
  public String source() {
    return source(new ArrayList<>(functions.values()));
  }

  private String source(List<String> bodies) {
    StringBuilder out = new StringBuilder();
    out.append("package ").append(packageName).append(";\n\n");
    out.append("import dev.cotangent.Differentiable;\n");
    out.append("import dev.cotangent.NoDerivative;\n");
    for (String i : imports) {
      out.append("import ").append(i).append(";\n");
    }
    out.append('\n');
    out.append("public class ").append(simpleName).append(" {\n");
    for (String m : members) {
      out.append(indent(m)).append('\n');
    }
    for (String b : bodies) {
      out.append(indent(b)).append('\n');
    }
    return out.append("}\n").toString();
  }

  private static String indent(String text) {
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      out.append(line.isEmpty() ? "" : "  " + line).append('\n');
    }
    return out.toString();
  }

  private String[] units(String main) {
    List<String> all = new ArrayList<>();
    all.add(main);
    all.addAll(extraSources);
    return all.toArray(new String[0]);
  }

  /** Compiles the whole class (once); throws if it does not compile. */
  public synchronized CompiledSources all() {
    if (whole == null && wholeFailure == null) {
      try {
        whole = CompiledSources.compile(units(source()));
      } catch (AssertionError e) {
        wholeFailure = e;
      }
    }
    if (wholeFailure != null) {
      throw wholeFailure;
    }
    return whole;
  }

  /**
   * The compilation that holds the function under {@code key}: the whole class when it compiles,
   * else the function compiled alone (whose failure, if any, is this function's own).
   */
  public synchronized CompiledSources sourcesFor(String key) {
    String body = functions.get(key);
    if (body == null) {
      throw new IllegalArgumentException("no function " + key + " in " + className());
    }
    try {
      return all();
    } catch (AssertionError groupFailure) {
      Object cached = single.get(key);
      if (cached == null) {
        try {
          cached = CompiledSources.compile(units(source(List.of(body))));
        } catch (AssertionError e) {
          cached = e;
        }
        single.put(key, cached);
      }
      if (cached instanceof AssertionError e) {
        throw new AssertionError(
            "function '" + key + "' of " + className() + " does not compile on its own: "
                + e.getMessage(), e);
      }
      return (CompiledSources) cached;
    }
  }

  /** Which passes changed the companions of the function under {@code key}. */
  public CompiledSources.PassTrace passTrace(String key) {
    return sourcesFor(key).passTrace(key);
  }

  /**
   * The generated tangent method of the function under {@code key} (the text from its signature
   * to the next method), for tests that state the lines they expect.
   */
  public String tangentMethod(String key) {
    String source = sourcesFor(key).generatedSource(className() + "Tangent");
    int start = source.indexOf("public static Dual " + key + "(");
    int end = source.indexOf("public static", start + 1);
    return source.substring(start, end < 0 ? source.length() : end);
  }

  /**
   * The generated pullback {@code key(..., seed, into)} of the scalar function under {@code key}
   * (the text from its signature to its closing brace), for tests that state what they expect:
   * for a function that writes into its array arguments, the overload that also takes their
   * cotangents, which holds the sweeps (the plain pullback calls it).
   */
  public String pullbackMethod(String key) {
    String source = sourcesFor(key).generatedSource(className() + "Adjoint");
    String signature = "public static double " + key + "(";
    int start = source.indexOf(signature);
    while (start >= 0 && (!source.substring(start, source.indexOf('{', start)).contains("seed")
        || !source.substring(start, source.indexOf("\n    }\n", start)).contains("// Forward"))) {
      start = source.indexOf(signature, start + 1);
    }
    if (start < 0) {
      throw new AssertionError("no pullback " + key + "(..., seed, into) in:\n" + source);
    }
    return source.substring(start, source.indexOf("\n    }\n", start));
  }
}
