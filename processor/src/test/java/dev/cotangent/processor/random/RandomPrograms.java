package dev.cotangent.processor.random;

import dev.cotangent.processor.random.ProgramGenerator.Program;
import dev.cotangent.processor.testing.CompiledSources;
import dev.cotangent.processor.testing.DifferentiableMethod;
import dev.cotangent.processor.testing.GradientCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Compiles random programs in batches (one javac run per batch, each program its own class), loads
 * them and checks {@code f} (and {@code g} when it is {@code @Differentiable}) with {@link
 * GradientCheck}: adjoint against Richardson central differences, tangent against adjoint, the
 * dot-product test, the pullback's accumulation, companion values bit for bit against the original,
 * and the caller's arrays after every companion.
 *
 * <p>Random points where the finite-difference reference is unstable (a branch or kink under the
 * stencil) are skipped by the harness; a program that needs more than {@link #MAX_REJECTED} skips
 * to find its points fails, so a generator drifting into non-smooth territory cannot hide bugs.
 */
final class RandomPrograms {
  /** Random points checked per program. */
  static final int POINTS = 3;

  /** The most random draws one program may reject (unstable reference, not finite, ...). */
  static final int MAX_REJECTED = 3 * POINTS;

  /** Programs compiled per javac run. */
  static final int BATCH = 40;

  /** A program that is still being checked after this long is reported as hung. */
  static final long HANG_MILLIS = 120_000;

  /** What went wrong with one program. */
  record Failure(Program program, String kind, String message) {
    String report() {
      boolean generated = program.className().equals("P" + Long.toUnsignedString(program.seed()));
      return (generated
              ? "==== seed " + program.seed() + ": " + kind + " ====\n"
                  + "reproduce: mvn -B -o -pl processor test"
                  + " -Dtest='dev.cotangent.processor.random.RandomProgramsTest#reproduce'"
                  + " -Dcotangent.seed=" + program.seed() + "\n"
              : "==== " + program.className() + " (random points from seed " + program.seed() + "): "
                  + kind + " ====\n")
          + message.strip() + "\n---- program ----\n" + numbered(program.source());
    }
  }

  /** The outcome of a run. */
  static final class Result {
    final List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger programs = new AtomicInteger();
    final AtomicInteger compilations = new AtomicInteger();
    final AtomicInteger points = new AtomicInteger();
    final AtomicInteger rejected = new AtomicInteger();
    final Map<String, Integer> rejections = new ConcurrentHashMap<>();
    long nanos;

    String summary() {
      double seconds = nanos / 1e9;
      return String.format(
          Locale.ROOT,
          "%d programs (%d javac runs) in %.1f s = %.1f programs/s; %d points checked, %d random draws"
              + " skipped %s; %d failure(s)",
          programs.get(), compilations.get(), seconds, programs.get() / Math.max(seconds, 1e-9),
          points.get(), rejected.get(), new TreeMap<>(rejections), failures.size());
    }

    String report(int maxDetailed) {
      StringBuilder out = new StringBuilder(summary()).append('\n');
      Map<String, Integer> kinds = new TreeMap<>();
      for (Failure f : failures) {
        kinds.merge(f.kind(), 1, Integer::sum);
      }
      out.append("failures by kind: ").append(kinds).append('\n');
      out.append("failing seeds:");
      List<Failure> sorted = sortedFailures();
      for (Failure f : sorted) {
        out.append(' ').append(f.program().seed());
      }
      out.append('\n');
      for (int i = 0; i < Math.min(maxDetailed, sorted.size()); i++) {
        String r = sorted.get(i).report();
        out.append(r.length() > 12_000 ? r.substring(0, 12_000) + "\n[... cut]\n" : r);
      }
      if (sorted.size() > maxDetailed) {
        out.append("... ").append(sorted.size() - maxDetailed)
            .append(" more (all in target/cotangent-random/)\n");
      }
      return out.toString();
    }

    List<Failure> sortedFailures() {
      List<Failure> sorted;
      synchronized (failures) {
        sorted = new ArrayList<>(failures);
      }
      sorted.sort((a, b) -> Long.compare(a.program().seed(), b.program().seed()));
      return sorted;
    }
  }

  private RandomPrograms() {}

  /** Generates and checks programs with seeds {@code first … first+count−1} on {@code threads} threads. */
  static Result run(long first, int count, int threads) {
    return run(first, count, threads, List.of());
  }

  /**
   * Like {@link #run(long, int, int)}, compiling with processor {@code options} (e.g.
   * {@code -Acotangent.passes=-FusedLoops}); with options, each program's companions are also
   * compared with those of the full pipeline at random points.
   */
  static Result run(long first, int count, int threads, List<String> options) {
    Result result = new Result();
    long start = System.nanoTime();
    List<List<Program>> batches = new ArrayList<>();
    for (int i = 0; i < count; i += BATCH) {
      List<Program> batch = new ArrayList<>();
      for (int k = i; k < Math.min(count, i + BATCH); k++) {
        batch.add(ProgramGenerator.generate(first + k));
      }
      batches.add(batch);
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            task -> {
              Thread t = new Thread(task, "random-programs");
              t.setDaemon(true); // a hung companion must not keep the JVM alive
              return t;
            });
    Map<Program, Long> running = new ConcurrentHashMap<>();
    List<Future<?>> futures = new ArrayList<>();
    for (List<Program> batch : batches) {
      futures.add(pool.submit(() -> checkBatch(batch, result, running, options)));
    }
    pool.shutdown();
    java.util.Set<Program> hung = new java.util.HashSet<>();
    while (true) {
      boolean done = true;
      for (Future<?> f : futures) {
        done &= f.isDone();
      }
      long now = System.nanoTime();
      for (Map.Entry<Program, Long> e : running.entrySet()) {
        if ((now - e.getValue()) / 1_000_000 > HANG_MILLIS && hung.add(e.getKey())) {
          result.failures.add(
              new Failure(e.getKey(), "hang", "still running after " + HANG_MILLIS / 1000
                  + " s (the original terminates by construction: a companion loops?); the rest of its batch is not checked"));
        }
      }
      if (done || allDoneOrHung(futures, hung.size())) {
        break;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    for (Future<?> f : futures) {
      if (f.isDone()) {
        try {
          f.get();
        } catch (Exception e) {
          throw new AssertionError("a batch threw", e);
        }
      }
    }
    result.nanos = System.nanoTime() - start;
    write(result, first, count);
    return result;
  }

  private static boolean allDoneOrHung(List<Future<?>> futures, int hung) {
    int notDone = 0;
    for (Future<?> f : futures) {
      if (!f.isDone()) {
        notDone++;
      }
    }
    return notDone <= hung;
  }

  /**
   * Compiles one batch together; if that fails, bisects it to find the programs that do not
   * compile (each is then reported) and checks the others.
   */
  static void checkBatch(List<Program> batch, Result result, Map<Program, Long> running,
      List<String> options) {
    String[] sources = batch.stream().map(Program::source).toArray(String[]::new);
    result.compilations.incrementAndGet();
    CompiledSources compiled;
    CompiledSources full = null;
    try {
      compiled = CompiledSources.compileWith(options, sources);
      if (!options.isEmpty()) {
        full = CompiledSources.compile(sources);
      }
    } catch (AssertionError e) {
      if (batch.size() == 1) {
        result.programs.incrementAndGet();
        result.failures.add(compileFailure(batch.get(0), e));
        return;
      }
      // The diagnostics name the culprits' files (P<seed>.java, P<seed>Adjoint.java, ...): compile
      // those alone (for their own reports) and the rest together again; bisect if none is named.
      String m = String.valueOf(e.getMessage());
      int cut = m.indexOf("\n---- input");
      String diagnostics = cut > 0 ? m.substring(0, cut) : m;
      List<Program> named = new ArrayList<>();
      List<Program> rest = new ArrayList<>();
      for (Program p : batch) {
        boolean culprit =
            java.util.regex.Pattern.compile("/" + p.className() + "(Adjoint|Tangent|Hessian)?\\.java\\b")
                .matcher(diagnostics)
                .find();
        (culprit ? named : rest).add(p);
      }
      if (named.isEmpty() || named.size() == batch.size()) {
        int half = batch.size() / 2;
        named = batch.subList(0, half);
        rest = batch.subList(half, batch.size());
        checkBatch(named, result, running, options);
      } else {
        for (Program p : named) {
          checkBatch(List.of(p), result, running, options);
        }
      }
      checkBatch(rest, result, running, options);
      return;
    }
    for (Program p : batch) {
      running.put(p, System.nanoTime());
      try {
        checkProgram(compiled, p, result);
        if (full != null) {
          comparePipelines(full, compiled, p, result);
        }
      } finally {
        running.remove(p);
      }
    }
  }

  /** Checks one compiled program; failures go into the result. */
  static void checkProgram(CompiledSources sources, Program p, Result result) {
    result.programs.incrementAndGet();
    try {
      GradientCheck.Summary s = check(sources, p, "f");
      if (p.helperDifferentiable()) {
        check(sources, p, "g");
      }
      if (RecordProgramsCheck.applies(p)) { // issue 18's record parameter and result
        RecordProgramsCheck.check(sources, p);
      }
      result.points.addAndGet(s.pointsChecked());
      result.rejected.addAndGet(s.randomPointsRejected());
      s.rejections().forEach((k, v) -> result.rejections.merge(k, v, Integer::sum));
      if (s.randomPointsRejected() > MAX_REJECTED) {
        result.failures.add(
            new Failure(p, "too many skipped points",
                s.randomPointsRejected() + " random draws skipped to find " + POINTS
                    + " usable points (at most " + MAX_REJECTED + " allowed): " + s.rejections()));
      }
      if (SecondOrderPrograms.applies(p)) {
        SecondOrderPrograms.check(sources, p, result);
      }
      SecondOrderPrograms.checkBatch(sources, p, result);
    } catch (AssertionError | RuntimeException e) {
      String m = String.valueOf(e.getMessage());
      String kind;
      if (m.contains("usable after")) {
        kind = "no usable points";
      } else if (m.contains("bit for bit")) {
        kind = "companion value differs from original";
      } else if (m.contains("numerical") || m.contains("Richardson")) {
        kind = "derivative differs from finite differences";
      } else if (m.contains("dot-product") || m.contains("but adjoint gradient") || m.contains("pullback")) {
        kind = "tangent and adjoint disagree";
      } else {
        kind = "check failed";
      }
      result.failures.add(new Failure(p, kind, e instanceof AssertionError ? m : e.toString()));
    }
  }

  /**
   * The companions compiled with some passes off against those of the full pipeline, at
   * {@link #POINTS} random points: the same values bit for bit, the same gradient and tangent to
   * rounding (passes may add terms in another order).
   */
  static void comparePipelines(CompiledSources full, CompiledSources reduced, Program p,
      Result result) {
    try {
      DifferentiableMethod a = full.method(p.qualifiedName(), "f");
      DifferentiableMethod b = reduced.method(p.qualifiedName(), "f");
      java.util.Random random = new java.util.Random(p.seed() ^ 0x5DEECE66DL);
      for (int point = 0; point < POINTS; point++) {
        Object[] args = arguments(a.parameterTypes(), random);
        DifferentiableMethod.Gradient ga;
        try {
          ga = a.gradientAt(copy(args));
        } catch (RuntimeException e) {
          continue; // the original throws here as well (GradientCheck checks that)
        }
        DifferentiableMethod.Gradient gb = b.gradientAt(copy(args));
        if (Double.doubleToLongBits(ga.value()) != Double.doubleToLongBits(gb.value())) {
          throw new AssertionError("value " + gb.value() + " with passes off, " + ga.value()
              + " with every pass, at " + java.util.Arrays.deepToString(args));
        }
        for (int k = 0; k < ga.gradient().length; k++) {
          double x = ga.gradient()[k];
          double y = gb.gradient()[k];
          if (Double.isFinite(x) && Math.abs(x - y) > 1e-9 * Math.max(1, Math.abs(x))) {
            throw new AssertionError("gradient entry " + k + ": " + y + " with passes off, " + x
                + " with every pass, at " + java.util.Arrays.deepToString(args));
          }
        }
      }
    } catch (AssertionError | RuntimeException e) {
      result.failures.add(new Failure(p, "differs from the full pipeline", String.valueOf(e)));
    }
  }

  private static Object[] arguments(Class<?>[] types, java.util.Random random) {
    Object[] args = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      if (types[i] == double.class) {
        args[i] = -1.5 + 3 * random.nextDouble();
      } else if (types[i] == int.class) {
        args[i] = random.nextInt(5);
      } else if (types[i] == double[].class) {
        double[] w = new double[2 + random.nextInt(3)];
        for (int k = 0; k < w.length; k++) {
          w[k] = -1.5 + 3 * random.nextDouble();
        }
        args[i] = w;
      } else {
        throw new IllegalArgumentException("no random " + types[i]);
      }
    }
    return args;
  }

  private static Object[] copy(Object[] args) {
    Object[] out = args.clone();
    for (int i = 0; i < out.length; i++) {
      if (out[i] instanceof double[] w) {
        out[i] = w.clone();
      }
    }
    return out;
  }

  static GradientCheck.Summary check(CompiledSources sources, Program p, String method) {
    GradientCheck c = GradientCheck.of(sources, p.qualifiedName(), method).points(POINTS).seed(p.seed());
    if (method.equals("f")) {
      c.ints("n", 0, 5);
      if (p.hasArray()) {
        c.differentiable("x0", "x1", "x2", "w").uniformArray("w", 2, 4, -1.5, 1.5);
      } else {
        c.differentiable("x0", "x1", "x2");
      }
    } else {
      c.differentiable("a", "b");
    }
    return c.checkAll();
  }

  static Failure compileFailure(Program p, AssertionError e) {
    String m = String.valueOf(e.getMessage());
    int cut = m.indexOf("\n---- input");
    String diagnostics = cut > 0 ? m.substring(0, cut) : m;
    String kind;
    if (diagnostics.contains("COTANGENT-")) {
      kind = "processor rejected the program";
    } else if (diagnostics.matches("(?s).*(Adjoint|Tangent|Hessian)\\.java.*")) {
      kind = "generated companion does not compile";
    } else {
      kind = "javac rejected the program (generator bug)";
    }
    if (kind.startsWith("generated")) {
      // keep the generated sources: they are the evidence
      int report = m.indexOf("---- compile-testing's report");
      if (report > 0) {
        diagnostics += "\n" + m.substring(report, Math.min(m.length(), report + 20_000));
      }
    }
    return new Failure(p, kind, diagnostics);
  }

  private static void write(Result result, long first, int count) {
    Path target = Paths.get("target");
    if (!Files.isDirectory(target)) {
      return;
    }
    try {
      Path dir = Files.createDirectories(target.resolve("cotangent-random"));
      StringBuilder out = new StringBuilder(result.summary()).append('\n');
      for (Failure f : result.sortedFailures()) {
        out.append(f.report()).append('\n');
      }
      Files.writeString(dir.resolve("run-" + first + "-" + count + ".txt"), out.toString());
    } catch (IOException | RuntimeException e) {
      // only a convenience
    }
  }

  static String numbered(String source) {
    StringBuilder out = new StringBuilder();
    String[] lines = source.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      out.append(String.format(Locale.ROOT, "%4d  %s%n", i + 1, lines[i]));
    }
    return out.toString();
  }
}
