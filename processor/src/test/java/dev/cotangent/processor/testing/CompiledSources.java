package dev.cotangent.processor.testing;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.CompilationSubject;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.cotangent.processor.CotangentProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Java sources compiled in memory (with the Cotangent processor), and the classes javac wrote,
 * loaded through an {@link InMemoryClassLoader}.
 *
 * <p>Compile each source once per test class (e.g. in {@code @BeforeAll}) and look up as many
 * methods in it as you like with {@link #method} or {@link GradientCheck#of}.
 *
 * <p>With {@code -Dcotangent.referenceOnly=true} the sources are compiled <em>without</em> the
 * processor: {@link GradientCheck#checkAll()} then only checks that the numerical references are
 * stable at the chosen points and aborts the test (reported as skipped, never as passed). That
 * lets the test points be validated while the processor cannot yet handle a construct.
 */
public final class CompiledSources {
  /** System property that selects the reference-only mode described above. */
  public static final String REFERENCE_ONLY_PROPERTY = "cotangent.referenceOnly";

  private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");
  private static final Pattern TYPE =
      Pattern.compile(
          "(?m)^\\s*(?:(?:public|final|abstract|strictfp)\\s+)*(?:class|interface|enum|record)\\s+(\\w+)");
  private static final String CLASS_OUTPUT = "/CLASS_OUTPUT/";

  private final Compilation compilation;
  private final Map<String, String> inputSources;
  private final Map<String, String> generatedSources;
  private final InMemoryClassLoader loader;
  private final boolean companionsExpected;

  private CompiledSources(
      Compilation compilation,
      Map<String, String> inputSources,
      Map<String, String> generatedSources,
      InMemoryClassLoader loader,
      boolean companionsExpected) {
    this.compilation = compilation;
    this.inputSources = inputSources;
    this.generatedSources = generatedSources;
    this.loader = loader;
    this.companionsExpected = companionsExpected;
  }

  /** True when {@code -Dcotangent.referenceOnly=true} was given. */
  public static boolean referenceOnly() {
    return Boolean.getBoolean(REFERENCE_ONLY_PROPERTY);
  }

  /**
   * Compiles the sources with {@link CotangentProcessor} and fails, printing every diagnostic and
   * every generated source, unless the compilation succeeded. Each source is a complete compilation
   * unit; its name is taken from its {@code package} and its first top-level type.
   */
  public static CompiledSources compile(String... sources) {
    return compileWith(List.of(), sources);
  }

  /**
   * Like {@link #compile}, with processor options such as {@code
   * -Acotangent.passes=-FusedLoops}. The processor's report is always on, so that {@link
   * #passTrace} can say which passes changed a method.
   */
  public static CompiledSources compileWith(List<String> options, String... sources) {
    boolean withProcessor = !referenceOnly();
    return compile(withProcessor, withProcessor, options, null, sources);
  }

  /**
   * Like {@link #compile}, with a processor that shows every pass run on every method to {@code
   * observer} (the interpreter equivalence tests of the passes).
   */
  public static CompiledSources compileObserved(
      dev.cotangent.processor.differentiate.PassObserver observer, String... sources) {
    return compile(true, true, List.of(), observer, sources);
  }

  /**
   * Compiles the sources without any annotation processor; the sources bring their own,
   * hand-written companions. Used to test this harness itself.
   */
  public static CompiledSources compileHandWritten(String... sources) {
    return compile(false, true, List.of(), null, sources);
  }

  /**
   * Compiles with the processor and returns the compilation whatever its outcome, for tests that
   * expect the processor to reject a source.
   */
  public static Compilation compileExpectingAnything(String... sources) {
    return compiler(true).compile(fileObjects(sources).values());
  }

  private static CompiledSources compile(
      boolean withProcessor, boolean companionsExpected, List<String> options,
      dev.cotangent.processor.differentiate.PassObserver observer, String... sources) {
    Map<String, JavaFileObject> files = fileObjects(sources);
    Map<String, String> inputs = new LinkedHashMap<>();
    int i = 0;
    for (String name : files.keySet()) {
      inputs.put(name, sources[i++]);
    }
    Compilation compilation;
    try {
      List<String> all = new ArrayList<>(options);
      if (withProcessor) {
        all.add("-Acotangent.report=true");
      }
      Compiler compiler = observer == null ? compiler(withProcessor)
          : Compiler.javac().withProcessors(new CotangentProcessor(observer));
      compilation = compiler.withOptions(with("-parameters", all))
          .compile(files.values());
    } catch (RuntimeException | Error e) {
      throw new AssertionError(
          "javac (with the Cotangent processor: " + withProcessor + ") threw while compiling "
              + inputs.keySet() + ": " + e + "\n" + numbered(inputs), e);
    }
    if (compilation.status() != Compilation.Status.SUCCESS) {
      // compile-testing hides generated files after a failure, except from its own assertion,
      // whose message lists the diagnostics and every generated source.
      String report;
      try {
        CompilationSubject.assertThat(compilation).succeeded();
        report = "";
      } catch (AssertionError e) {
        report = e.getMessage();
      }
      throw new AssertionError(
          "compilation of "
              + inputs.keySet()
              + " failed (with the Cotangent processor: "
              + withProcessor
              + ")\n"
              + diagnostics(compilation)
              + "\n"
              + numbered(inputs)
              + "\n---- compile-testing's report (diagnostics and generated sources) ----\n"
              + report);
    }
    Map<String, String> generated = new LinkedHashMap<>();
    for (JavaFileObject file : compilation.generatedSourceFiles()) {
      generated.put(file.getName(), contents(file));
    }
    dump(generated);
    Map<String, byte[]> classes = new LinkedHashMap<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() != JavaFileObject.Kind.CLASS) {
        continue;
      }
      classes.put(binaryName(file), bytes(file));
    }
    InMemoryClassLoader loader =
        new InMemoryClassLoader(CompiledSources.class.getClassLoader(), classes);
    return new CompiledSources(compilation, inputs, generated, loader, companionsExpected);
  }

  private static List<String> with(String first, List<String> rest) {
    List<String> out = new ArrayList<>(List.of(first));
    out.addAll(rest);
    return out;
  }

  private static Compiler compiler(boolean withProcessor) {
    // -parameters: the harness maps holder fields and tangent parameters to parameter names.
    Compiler compiler = Compiler.javac().withOptions("-parameters");
    if (withProcessor) {
      compiler = compiler.withProcessors(new CotangentProcessor());
    }
    return compiler;
  }

  private static Map<String, JavaFileObject> fileObjects(String... sources) {
    if (sources.length == 0) {
      throw new IllegalArgumentException("no sources");
    }
    Map<String, JavaFileObject> files = new LinkedHashMap<>();
    for (String source : sources) {
      String name = qualifiedName(source);
      if (files.put(name, JavaFileObjects.forSourceString(name, source)) != null) {
        throw new IllegalArgumentException("two sources declare " + name);
      }
    }
    return files;
  }

  /** The qualified name of a source's first top-level type. */
  static String qualifiedName(String source) {
    Matcher type = TYPE.matcher(source);
    if (!type.find()) {
      throw new IllegalArgumentException("no top-level type in source:\n" + source);
    }
    Matcher pkg = PACKAGE.matcher(source);
    return pkg.find() ? pkg.group(1) + "." + type.group(1) : type.group(1);
  }

  private static String binaryName(JavaFileObject file) {
    URI uri = file.toUri();
    String path = uri.getPath();
    int at = path == null ? -1 : path.indexOf(CLASS_OUTPUT);
    if (at < 0 || !path.endsWith(".class")) {
      throw new AssertionError("unexpected class file location " + uri);
    }
    return path.substring(at + CLASS_OUTPUT.length(), path.length() - ".class".length())
        .replace('/', '.');
  }

  private static byte[] bytes(JavaFileObject file) {
    try (InputStream in = file.openInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String contents(JavaFileObject file) {
    try {
      return file.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String diagnostics(Compilation compilation) {
    StringBuilder out = new StringBuilder("diagnostics:\n");
    if (compilation.diagnostics().isEmpty()) {
      out.append("  (none)\n");
    }
    for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
      out.append("  ")
          .append(d.getKind())
          .append(' ')
          .append(d.getSource() == null ? "<no source>" : d.getSource().getName())
          .append(':')
          .append(d.getLineNumber())
          .append(':')
          .append(d.getColumnNumber())
          .append(": ")
          .append(d.getMessage(Locale.ROOT))
          .append('\n');
    }
    return out.toString();
  }

  private static String numbered(Map<String, String> sources) {
    StringBuilder out = new StringBuilder();
    sources.forEach(
        (name, text) -> {
          out.append("---- input ").append(name).append(" ----\n");
          String[] lines = text.split("\n", -1);
          for (int i = 0; i < lines.length; i++) {
            out.append(String.format(Locale.ROOT, "%4d  %s%n", i + 1, lines[i]));
          }
        });
    return out.toString();
  }

  private static String generatedText(Map<String, String> generated) {
    if (generated.isEmpty()) {
      return "(no generated sources)\n";
    }
    StringBuilder out = new StringBuilder();
    generated.forEach(
        (name, text) -> out.append("---- generated ").append(name).append(" ----\n").append(text));
    return out.toString();
  }

  /** Writes the generated sources under target/cotangent-generated/ for people reading failures. */
  private static void dump(Map<String, String> generated) {
    Path target = Paths.get("target");
    if (!Files.isDirectory(target) || generated.isEmpty()) {
      return;
    }
    try {
      Path dir = target.resolve("cotangent-generated");
      for (Map.Entry<String, String> e : generated.entrySet()) {
        String name = e.getKey();
        int at = name.indexOf("/SOURCE_OUTPUT/");
        String relative = at >= 0 ? name.substring(at + "/SOURCE_OUTPUT/".length()) : name;
        Path file = dir.resolve(relative.replaceFirst("^/+", ""));
        Files.createDirectories(file.getParent());
        Files.writeString(file, e.getValue());
      }
    } catch (IOException | RuntimeException e) {
      // Only a convenience: never let it fail a test.
    }
  }

  /** Loads a class javac wrote, e.g. {@code "p.CAdjoint"} or {@code "p.CAdjoint$FGradient"}. */
  /**
   * Runs {@code assert} statements in the classes of this compilation loaded from now on (as
   * {@code -ea} would; Surefire enables them only in its own class loader).
   */
  public void enableAssertions() {
    loader.setDefaultAssertionStatus(true);
  }

  public Class<?> load(String binaryName) {
    try {
      return Class.forName(binaryName, true, loader);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(
          "class " + binaryName + " was not generated; classes present: " + classNames()
              + "\n" + generatedText(generatedSources), e);
    }
  }

  /** Whether javac wrote a class of this binary name. */
  public boolean has(String binaryName) {
    return loader.defines(binaryName);
  }

  /** Binary names of every class javac wrote. */
  public List<String> classNames() {
    List<String> names = new ArrayList<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() == JavaFileObject.Kind.CLASS) {
        names.add(binaryName(file));
      }
    }
    return names;
  }

  /** The reflective view of one differentiable method and its companions. */
  public DifferentiableMethod method(
      String className, String methodName, Class<?>... parameterTypes) {
    return DifferentiableMethod.resolve(
        this, className, methodName, parameterTypes.length == 0 ? null : parameterTypes, null);
  }

  /** The compilation, for its diagnostics. */
  public Compilation compilation() {
    return compilation;
  }

  /** Which passes changed a method's companions, from the processor's report. */
  public record PassTrace(List<String> adjoint, List<String> tangent) {}

  /** The pass trace of the method {@code name} (of any class of this compilation). */
  public PassTrace passTrace(String name) {
    String prefix = "[COTANGENT-REPORT] " + name + ": ";
    for (Diagnostic<? extends JavaFileObject> note : compilation.notes()) {
      String text = note.getMessage(Locale.ROOT);
      if (text.startsWith(prefix)) {
        Matcher m = TRACE.matcher(text);
        if (!m.find()) {
          throw new AssertionError("no pass trace in " + text);
        }
        return new PassTrace(traceList(m.group(1)), traceList(m.group(2)));
      }
    }
    throw new AssertionError("no report for " + name + " (compiled with the processor?)");
  }

  private static final Pattern TRACE = Pattern.compile(
      "passes that changed the adjoint: (.*); the tangent: (.*)$");

  private static List<String> traceList(String text) {
    return text.equals("none") ? List.of() : List.of(text.split(", "));
  }

  /** Generated source text by qualified type name (e.g. {@code "p.CAdjoint"}), or null. */
  public String generatedSource(String qualifiedName) {
    String suffix = "/" + qualifiedName.replace('.', '/') + ".java";
    for (Map.Entry<String, String> e : generatedSources.entrySet()) {
      if (e.getKey().endsWith(suffix)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** Whether generated companions are there to be checked (false in reference-only mode). */
  boolean companionsExpected() {
    return companionsExpected;
  }

  String describeInputs() {
    return String.join(", ", inputSources.keySet());
  }
}
