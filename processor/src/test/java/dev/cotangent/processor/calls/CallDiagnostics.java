package dev.cotangent.processor.calls;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.cotangent.Differentiable;
import dev.cotangent.processor.CotangentProcessor;
import dev.cotangent.runtime.Dual;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Compiles sources whose expected errors are written as {@code // error: TEXT} at the end of the
 * offending line (the idea of {@code diagnostics/ExpectDiagnostics}, kept small): each marker needs
 * an error on its line whose message contains every part (parts separated by {@code " ... "}) of {@code TEXT}, and
 * every error must be matched by a marker, so errors on the wrong line or extra cascades fail.
 * Also writes compiled classes to a directory, for compilations against a class path.
 */
final class CallDiagnostics {
  private static final Pattern MARKER = Pattern.compile("//\\s*error:\\s*(.*)$");
  private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");
  private static final Pattern TYPE =
      Pattern.compile("(?m)^\\s*(?:(?:public|final|abstract)\\s+)*(?:class|interface)\\s+(\\w+)");

  private CallDiagnostics() {}

  record Expected(String file, long line, List<String> parts) {}

  /** The compiler with the processor (or without), on the given class path (null: the default). */
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

  /**
   * The entries a client compilation needs besides its own: the annotations and the runtime (the
   * generated companions use {@code Dual} and {@code Tape}). {@code withClasspath} replaces the
   * whole class path, so they are named explicitly.
   */
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

  static JavaFileObject file(String source) {
    Matcher type = TYPE.matcher(source);
    if (!type.find()) {
      throw new IllegalArgumentException("no type in\n" + source);
    }
    Matcher pkg = PACKAGE.matcher(source);
    String name = (pkg.find() ? pkg.group(1) + "." : "") + type.group(1);
    return JavaFileObjects.forSourceString(name, source);
  }

  static List<JavaFileObject> files(String... sources) {
    List<JavaFileObject> out = new ArrayList<>();
    for (String s : sources) {
      out.add(file(s));
    }
    return out;
  }

  /** Compiles with the processor on the default class path and checks the markers. */
  static Compilation check(String... sources) {
    return check(compiler(true, null), sources);
  }

  /** Compiles with {@code compiler} and checks the markers of every source. */
  static Compilation check(Compiler compiler, String... sources) {
    List<JavaFileObject> files = files(sources);
    Compilation compilation;
    try {
      compilation = compiler.compile(files);
    } catch (RuntimeException | Error e) {
      throw new AssertionError("javac or the processor threw", e);
    }
    List<Expected> expected = new ArrayList<>();
    for (int k = 0; k < sources.length; k++) {
      String[] lines = sources[k].split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        Matcher m = MARKER.matcher(lines[i]);
        if (m.find()) {
          List<String> parts = new ArrayList<>();
          for (String part : m.group(1).split("\\s\\.\\.\\.\\s")) {
            if (!part.isBlank()) {
              parts.add(part.strip());
            }
          }
          expected.add(new Expected(files.get(k).getName(), i + 1, parts));
        }
      }
    }
    String report = report(compilation, sources);
    for (Expected e : expected) {
      boolean found = compilation.errors().stream().anyMatch(d -> matches(e, d));
      assertTrue(found, "no error on " + e.file() + ":" + e.line() + " containing " + e.parts()
          + report);
    }
    for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
      String message = d.getMessage(Locale.ROOT);
      if (message.contains("[COTANGENT-INTERNAL]")) {
        fail("internal error: " + message + report);
      }
      if (d.getKind() == Diagnostic.Kind.ERROR
          && expected.stream().noneMatch(e -> matches(e, d))) {
        fail("unexpected error " + name(d) + ":" + d.getLineNumber() + ": " + message + report);
      }
    }
    if (expected.isEmpty()) {
      assertTrue(compilation.status() == Compilation.Status.SUCCESS, "expected success" + report);
    } else {
      assertTrue(compilation.status() == Compilation.Status.FAILURE, "expected failure" + report);
    }
    return compilation;
  }

  private static boolean matches(Expected e, Diagnostic<? extends JavaFileObject> d) {
    if (d.getKind() != Diagnostic.Kind.ERROR || d.getSource() == null
        || !d.getSource().getName().equals(e.file()) || d.getLineNumber() != e.line()) {
      return false;
    }
    String message = d.getMessage(Locale.ROOT);
    return e.parts().stream().allMatch(message::contains);
  }

  private static String name(Diagnostic<? extends JavaFileObject> d) {
    return d.getSource() == null ? "<no file>" : d.getSource().getName();
  }

  static String report(Compilation compilation, String... sources) {
    StringBuilder out = new StringBuilder("\n\nDiagnostics:\n");
    for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
      out.append("  ").append(d.getKind()).append(' ').append(name(d)).append(':')
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
    return out.toString();
  }

  /** Writes every class file of a successful compilation under {@code dir}, by binary name. */
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
