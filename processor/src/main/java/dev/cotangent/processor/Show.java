package dev.cotangent.processor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Prints the companions Cotangent generates for some source files, without a build:
 * {@code java -jar cotangent-processor-<version>-standalone.jar --show Model.java [-cp path]}.
 * Nothing is written to disk; diagnostics go to standard error.
 */
public final class Show {
  private Show() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Returns 0 when the files compile (saying so on {@code err} when they have nothing to
   * differentiate), 1 on errors, 2 on bad arguments.
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    List<String> files = new ArrayList<>();
    String classPath = System.getProperty("java.class.path");
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--show")) {
        continue;
      }
      if ((args[i].equals("-cp") || args[i].equals("--class-path")) && i + 1 < args.length) {
        classPath = args[++i] + java.io.File.pathSeparator + classPath;
      } else if (args[i].endsWith(".java")) {
        files.add(args[i]);
      } else {
        err.println("usage: --show File.java... [-cp classpath]");
        return 2;
      }
    }
    if (files.isEmpty()) {
      err.println("usage: --show File.java... [-cp classpath]");
      return 2;
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      err.println("no Java compiler: run this with a JDK, not a JRE");
      return 2;
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, null,
        StandardCharsets.UTF_8);
    InMemoryOutput output = new InMemoryOutput(standard);
    JavaCompiler.CompilationTask task = javac.getTask(null, output, diagnostics,
        List.of("-proc:only", "-cp", classPath), null, standard.getJavaFileObjects(
            files.toArray(String[]::new)));
    task.setProcessors(List.of(new CotangentProcessor()));
    boolean ok = task.call();
    output.sources.forEach((name, text) -> out.println("// ===== " + name + "\n" + text));
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      String where = d.getSource() == null ? "" : d.getSource().getName() + ":"
          + d.getLineNumber() + ": ";
      err.println(where + d.getKind().toString().toLowerCase(java.util.Locale.ROOT) + ": "
          + d.getMessage(java.util.Locale.ROOT));
    }
    if (ok && output.sources.isEmpty()) {
      err.println("nothing generated: no @Differentiable method in " + String.join(", ", files)
          + " (import dev.cotangent.Differentiable and annotate the methods to differentiate)");
    }
    return ok ? 0 : 1;
  }

  /** Keeps generated sources in memory, sorted by name. */
  private static final class InMemoryOutput
      extends ForwardingJavaFileManager<StandardJavaFileManager> {
    final Map<String, String> sources = new TreeMap<>();

    InMemoryOutput(StandardJavaFileManager delegate) {
      super(delegate);
    }

    @Override
    public JavaFileObject getJavaFileForOutput(Location location, String className,
        JavaFileObject.Kind kind, FileObject sibling) {
      String path = className.replace('.', '/') + kind.extension;
      return new SimpleJavaFileObject(URI.create("mem:///" + path), kind) {
        private String text = "";

        @Override
        public OutputStream openOutputStream() {
          return new ByteArrayOutputStream() {
            @Override
            public void close() throws IOException {
              super.close();
              text = toString(StandardCharsets.UTF_8);
              if (location == StandardLocation.SOURCE_OUTPUT) {
                sources.put(path, text);
              }
            }
          };
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
          return text; // javac reads generated sources back in the next round
        }
      };
    }
  }
}
