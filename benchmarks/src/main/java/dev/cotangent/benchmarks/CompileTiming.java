package dev.cotangent.benchmarks;

import java.io.IOException;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The annotation processor's time against javac's own on one source tree (the samples module):
 * javac in this JVM compiles the sources with Cotangent's processor wrapped in a timer (the time
 * spent in its {@code init} and {@code process}, every round), and compiles the same sources with
 * the companions the processor wrote given as sources and annotation processing off, i.e. what
 * javac alone spends on the same code. Each compilation is repeated and timed in the JVM's CPU time; the first (a cold javac and
 * processor, as in a build's compiler JVM) and the median of the rest (warm) are printed.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.cotangent.benchmarks.CompileTiming \
 *     SOURCES GENERATED PROCESSOR_JAR CLASSPATH [REPETITIONS (10)]
 * </pre>
 *
 * {@code SOURCES}: the module's {@code src/main/java}; {@code GENERATED}: its
 * {@code target/generated-sources/annotations} (from a build); {@code PROCESSOR_JAR}: the
 * processor's standalone jar; {@code CLASSPATH}: the module's compile class path.
 */
public final class CompileTiming {
  private CompileTiming() {}

  public static void main(String[] args) throws Exception {
    List<Path> sources = javaFiles(Paths.get(args[0]));
    List<Path> generated = javaFiles(Paths.get(args[1]));
    URL processorJar = Paths.get(args[2]).toUri().toURL();
    String classpath = args[3];
    int repetitions = args.length > 4 ? Integer.parseInt(args[4]) : 10;
    Path out = Files.createTempDirectory("cotangent-timing");
    List<double[]> with = new ArrayList<>();
    List<Double> without = new ArrayList<>();
    List<Path> all = new ArrayList<>(sources);
    all.addAll(generated);
    for (int r = 0; r < repetitions; r++) {
      ClassLoader loader = new URLClassLoader(new URL[] {processorJar},
          CompileTiming.class.getClassLoader());
      Processor cotangent = (Processor) loader
          .loadClass("dev.cotangent.processor.CotangentProcessor")
          .getDeclaredConstructor().newInstance();
      Timed timed = new Timed(cotangent);
      long start = cpu();
      compile(sources, classpath, out.resolve("with" + r), timed);
      with.add(new double[] {(cpu() - start) / 1e6, timed.nanos / 1e6});
      start = cpu();
      compile(all, classpath, out.resolve("without" + r), null);
      without.add((cpu() - start) / 1e6);
    }
    System.out.printf(Locale.ROOT, "%d sources, %d generated; CPU times of the JVM in ms%n", sources.size(),
        generated.size());
    print("cold (first)", with.get(0), without.get(0));
    List<double[]> warm = with.subList(1, with.size());
    print("warm (median)", new double[] {
        Runner.median(warm.stream().map(x -> x[0]).toList()),
        Runner.median(warm.stream().map(x -> x[1]).toList())},
        Runner.median(without.subList(1, without.size())));
  }

  /**
   * The JVM's CPU time (all its threads: javac's, the processor's worker thread with its large
   * stack, the JIT compilers and the collector, which a build's compiler JVM also pays): on a
   * shared machine, unlike the wall clock, it does not count the time other processes had the
   * cores.
   */
  static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static void print(String label, double[] with, double without) {
    System.out.printf(Locale.ROOT, "%-14s with the processor %8.0f (of which its init/process %6.0f,"
        + " javac %6.0f)   javac alone on sources + companions %6.0f%n", label, with[0], with[1],
        with[0] - with[1], without);
  }

  private static List<Path> javaFiles(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }

  private static void compile(List<Path> files, String classpath, Path out, Processor processor)
      throws IOException {
    Files.createDirectories(out);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
      Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromPaths(files);
      List<String> options = new ArrayList<>(List.of("--release", "17", "-cp", classpath, "-d",
          out.toString(), "-s", out.resolve("gen").toString(), "-nowarn"));
      Files.createDirectories(out.resolve("gen"));
      if (processor == null) {
        options.add("-proc:none");
      }
      StringWriter messages = new StringWriter();
      JavaCompiler.CompilationTask task = javac.getTask(messages, fm, null, options, null, units);
      if (processor != null) {
        task.setProcessors(List.of(processor));
      }
      if (!task.call()) {
        throw new IllegalStateException("compilation failed:\n" + messages);
      }
    }
  }

  /** Cotangent's processor, timed: the CPU nanoseconds spent in its init and process calls. */
  private static final class Timed extends AbstractProcessor {
    private final Processor inner;
    long nanos;

    Timed(Processor inner) {
      this.inner = inner;
    }

    @Override
    public synchronized void init(ProcessingEnvironment env) {
      super.init(env);
      long start = cpu();
      inner.init(env);
      nanos += cpu() - start;
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      long start = cpu();
      boolean claimed = inner.process(annotations, round);
      nanos += cpu() - start;
      return claimed;
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return inner.getSupportedAnnotationTypes();
    }

    @Override
    public Set<String> getSupportedOptions() {
      return inner.getSupportedOptions();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return inner.getSupportedSourceVersion();
    }
  }
}
