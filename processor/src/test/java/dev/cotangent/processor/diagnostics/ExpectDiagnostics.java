package dev.cotangent.processor.diagnostics;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.cotangent.processor.CotangentProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Compiles sources whose expected diagnostics are written next to the offending code, in the
 * style of Error Prone's test helper:
 *
 * <pre>{@code
 * double s = Math.random(); // error: [COTANGENT-CALL] at `Math.random()`
 * }</pre>
 *
 * <p>A marker is {@code // error: TEXT} or {@code // warning: TEXT} at the end of a line; a line
 * may carry several. {@code TEXT} must be contained in a diagnostic of that kind on that line;
 * usually it is an id such as {@code [COTANGENT-UNSUPPORTED]}, optionally followed by a fragment
 * of the message ({@code [COTANGENT-METHOD] must be static}: the message must contain both), but
 * any part of a javac message works too. An optional {@code at `code`} after it requires the
 * diagnostic's source range to be exactly {@code code}, i.e. the error to sit on that very tree.
 *
 * <p>{@link #check} then also requires that
 *
 * <ul>
 *   <li>javac and the processor did not throw;
 *   <li>no diagnostic is {@code [COTANGENT-INTERNAL]} (unless a marker expects it);
 *   <li>every error, and every {@code [COTANGENT-...]} warning, is matched by a marker on its line
 *       (so an error reported on the wrong line, or a cascade of extra errors, fails the test);
 *   <li>without error markers, the compilation succeeded (generated companions included).
 * </ul>
 */
final class ExpectDiagnostics {
  static final String PACKAGE = "p";
  static final String CLASS = "C";

  private static final Pattern MARKER = Pattern.compile("//\\s*(error|warning):\\s*");
  private static final Pattern ID = Pattern.compile("\\[COTANGENT-[A-Z-]+\\]");
  private static final Pattern AT = Pattern.compile("^(.*?)\\s+at\\s+`(.*)`\\s*$");
  private static final Pattern PACKAGE_DECLARATION =
      Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");
  private static final Pattern TYPE_DECLARATION = Pattern.compile(
      "(?m)^\\s*(?:(?:public|final|abstract|strictfp|sealed|non-sealed)\\s+)*"
          + "(?:class|interface|enum|record|@interface)\\s+(\\w+)");

  private ExpectDiagnostics() {}

  /** One expected diagnostic, read from a marker. */
  record Expected(JavaFileObject file, long line, Diagnostic.Kind kind, String text,
      String at) {
    /** The id part, e.g. {@code [COTANGENT-TYPE]}, or the whole text when it has no id. */
    String head() {
      Matcher id = ID.matcher(text);
      return id.lookingAt() ? id.group() : text;
    }

    /** The message fragment after the id, possibly empty. */
    String fragment() {
      return text.substring(head().length()).strip();
    }

    boolean matchesMessage(String message) {
      return message.contains(head()) && message.contains(fragment());
    }

    @Override
    public String toString() {
      return file.getName() + ":" + line + ": " + kind.name().toLowerCase(Locale.ROOT) + ": "
          + text + (at == null ? "" : " at `" + at + "`");
    }
  }

  /** A source file with its markers. */
  record Source(JavaFileObject file, String text, List<Expected> expected) {}

  /**
   * A class {@code p.C} importing {@code Differentiable} and {@code NoDerivative}, with the given
   * members (methods, fields) as its body.
   */
  static String inClass(String members) {
    return "package " + PACKAGE + ";\n"
        + "\n"
        + "import dev.cotangent.Differentiable;\n"
        + "import dev.cotangent.NoDerivative;\n"
        + "\n"
        + "class " + CLASS + " {\n"
        + members.stripTrailing().indent(2)
        + "}\n";
  }

  /** {@code @Differentiable static double f(double x, double y, int n, boolean b) { BODY }}. */
  static String inMethod(String body) {
    return inClass("@Differentiable\n"
        + "static double f(double x, double y, int n, boolean b) {\n"
        + body.stripTrailing().indent(2)
        + "}\n");
  }

  /** Parses the markers of a complete compilation unit; the file name comes from its types. */
  static Source source(String text) {
    Matcher pkg = PACKAGE_DECLARATION.matcher(text);
    Matcher type = TYPE_DECLARATION.matcher(text);
    if (!type.find()) {
      throw new IllegalArgumentException("no type declaration in:\n" + text);
    }
    String name = (pkg.find() ? pkg.group(1) + "." : "") + type.group(1);
    JavaFileObject file = JavaFileObjects.forSourceString(name, text);
    List<Expected> expected = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      expected.addAll(markers(file, i + 1, lines[i]));
    }
    return new Source(file, text, expected);
  }

  private static List<Expected> markers(JavaFileObject file, long line, String text) {
    List<Expected> found = new ArrayList<>();
    Matcher marker = MARKER.matcher(text);
    List<int[]> spans = new ArrayList<>();
    while (marker.find()) {
      spans.add(new int[] {marker.start(), marker.end()});
    }
    for (int i = 0; i < spans.size(); i++) {
      String kindWord = text.substring(spans.get(i)[0], spans.get(i)[1]).contains("error")
          ? "error" : "warning";
      int end = i + 1 < spans.size() ? spans.get(i + 1)[0] : text.length();
      String body = text.substring(spans.get(i)[1], end).strip();
      String at = null;
      Matcher withAt = AT.matcher(body);
      if (withAt.matches()) {
        body = withAt.group(1).strip();
        at = withAt.group(2);
      }
      if (body.isEmpty()) {
        throw new IllegalArgumentException("empty marker on line " + line + ": " + text);
      }
      Diagnostic.Kind kind =
          kindWord.equals("error") ? Diagnostic.Kind.ERROR : Diagnostic.Kind.WARNING;
      found.add(new Expected(file, line, kind, body, at));
    }
    return found;
  }

  /** Compiles the sources with the processor; never throws for a javac or processor crash. */
  static Result compile(String... texts) {
    List<Source> sources = new ArrayList<>();
    for (String text : texts) {
      sources.add(source(text));
    }
    Compilation compilation;
    try {
      compilation = Compiler.javac()
          .withProcessors(new CotangentProcessor())
          .compile(sources.stream().map(Source::file).toList());
    } catch (RuntimeException | Error e) {
      throw new AssertionError("javac or the processor threw while compiling:\n"
          + String.join("\n----\n", texts), e);
    }
    return new Result(sources, compilation);
  }

  /** Compiles and {@linkplain Result#check checks} the sources. */
  static Result check(String... texts) {
    return compile(texts).check();
  }

  /** The outcome of a compilation, with the markers of its sources. */
  static final class Result {
    private final List<Source> sources;
    private final Compilation compilation;

    Result(List<Source> sources, Compilation compilation) {
      this.sources = sources;
      this.compilation = compilation;
    }

    Compilation compilation() {
      return compilation;
    }

    JavaFileObject file() {
      return sources.get(0).file();
    }

    /** Whether a diagnostic's file is one of the sources compiled (not a generated one). */
    boolean isInput(JavaFileObject file) {
      return file != null
          && sources.stream().anyMatch(s -> s.file().toUri().equals(file.toUri()));
    }

    /** Asserts the markers against the diagnostics as described on {@link ExpectDiagnostics}. */
    Result check() {
      List<Expected> expected = new ArrayList<>();
      sources.forEach(s -> expected.addAll(s.expected()));
      boolean internalExpected =
          expected.stream().anyMatch(e -> e.text().contains("COTANGENT-INTERNAL"));
      for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
        if (!internalExpected) {
          assertWithMessage("internal error reported%s", report())
              .that(message(d)).doesNotContain("[COTANGENT-INTERNAL]");
        }
      }
      for (Expected e : expected) {
        if (e.kind() == Diagnostic.Kind.ERROR) {
          assertThat(compilation).hadErrorContaining(e.head()).inFile(e.file()).onLine(e.line());
        } else {
          assertThat(compilation).hadWarningContaining(e.head()).inFile(e.file())
              .onLine(e.line());
        }
        assertWithMessage("no %s on line %s containing \"%s\"%s", e.kind(), e.line(),
            e.fragment(), report())
            .that(compilation.diagnostics().stream().anyMatch(d -> matches(e, d))).isTrue();
        if (e.at() != null) {
          List<String> ranges = new ArrayList<>();
          for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
            if (matches(e, d)) {
              ranges.add(range(d));
            }
          }
          assertWithMessage("source range of %s%s", e, report()).that(ranges).contains(e.at());
        }
      }
      for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
        boolean mustBeMarked = d.getKind() == Diagnostic.Kind.ERROR
            || message(d).contains("[COTANGENT-");
        if (mustBeMarked) {
          boolean marked = expected.stream().anyMatch(e -> matches(e, d));
          assertWithMessage("unexpected diagnostic %s:%s: %s%s", fileName(d), d.getLineNumber(),
              message(d), report()).that(marked).isTrue();
        }
      }
      if (expected.stream().noneMatch(e -> e.kind() == Diagnostic.Kind.ERROR)) {
        assertThat(compilation).succeeded();
      } else {
        assertThat(compilation).failed();
      }
      return this;
    }

    /**
     * The text of a generated source, e.g. {@code p.CAdjoint}, if it was generated; also when the
     * compilation failed (one bad method must not stop the companions of the others).
     */
    Optional<String> generated(String qualifiedName) {
      String path = "/" + qualifiedName.replace('.', '/') + ".java";
      return generatedSources(compilation).stream()
          .filter(file -> file.toUri().getPath().endsWith(path))
          .findFirst()
          .map(ExpectDiagnostics::content);
    }

    /** Every diagnostic with its file, line and source range, and every generated source. */
    String report() {
      StringBuilder out = new StringBuilder("\n\nDiagnostics:\n");
      for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
        out.append("  ").append(d.getKind()).append(' ').append(fileName(d)).append(':')
            .append(d.getLineNumber()).append(" `").append(range(d)).append("`: ")
            .append(message(d)).append('\n');
      }
      out.append("Sources:\n");
      for (Source s : sources) {
        out.append(numbered(s.text()));
      }
      for (JavaFileObject generated : generatedSources(compilation)) {
        out.append("Generated ").append(generated.getName()).append(":\n")
            .append(numbered(content(generated)));
      }
      return out.toString();
    }

    private boolean matches(Expected e, Diagnostic<? extends JavaFileObject> d) {
      return d.getKind() == e.kind()
          && d.getSource() != null
          && d.getSource().toUri().equals(e.file().toUri())
          && d.getLineNumber() == e.line()
          && e.matchesMessage(message(d));
    }

    private String range(Diagnostic<? extends JavaFileObject> d) {
      if (d.getSource() == null || d.getStartPosition() < 0 || d.getEndPosition() < 0) {
        return "<no position>";
      }
      for (Source s : sources) {
        if (s.file().toUri().equals(d.getSource().toUri())) {
          int start = (int) d.getStartPosition();
          int end = (int) Math.max(d.getEndPosition(), start);
          return end <= s.text().length() ? s.text().substring(start, end) : "<out of range>";
        }
      }
      return "<generated>";
    }
  }

  /**
   * The sources the processor generated. {@link Compilation#generatedSourceFiles()} refuses to
   * answer after a failed compilation, so this reads its field directly in that case.
   */
  static List<JavaFileObject> generatedSources(Compilation compilation) {
    List<JavaFileObject> files;
    if (compilation.status() == Compilation.Status.SUCCESS) {
      files = compilation.generatedFiles();
    } else {
      try {
        Field field = Compilation.class.getDeclaredField("generatedFiles");
        field.setAccessible(true);
        @SuppressWarnings("unchecked")
        List<JavaFileObject> all = (List<JavaFileObject>) field.get(compilation);
        files = all;
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw new AssertionError("cannot read the generated files of a failed compilation", e);
      }
    }
    return files.stream().filter(f -> f.getKind() == JavaFileObject.Kind.SOURCE).toList();
  }

  static String content(JavaFileObject file) {
    try {
      return file.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String message(Diagnostic<? extends JavaFileObject> d) {
    return d.getMessage(Locale.ROOT);
  }

  private static String fileName(Diagnostic<? extends JavaFileObject> d) {
    return d.getSource() == null ? "<no file>" : d.getSource().getName();
  }

  private static String numbered(String text) {
    StringBuilder out = new StringBuilder();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      out.append(String.format(Locale.ROOT, "%4d  %s%n", i + 1, lines[i]));
    }
    return out.toString();
  }
}
