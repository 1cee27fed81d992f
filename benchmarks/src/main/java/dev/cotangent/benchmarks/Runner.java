package dev.cotangent.benchmarks;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark in a short configuration, then prints the gradient/objective time ratios
 * (J/f, from medians over all measurement iterations of all forks) and writes them to a CSV. A
 * second, short table has the "tangent J/f" of each workload: its {@code tangent} benchmark (one
 * forward-mode sweep, value and one directional derivative) over its primal, against the target
 * {@value #TANGENT_TARGET}; in the CSV these are the rows of method {@code tangent}.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.cotangent.benchmarks.Runner [options] [regex]
 *   --forks N      forks per benchmark (default 2)
 *   --warmup N     warm-up iterations of 1 s (default 2)
 *   --gmm-warmup N warm-up iterations of 1 s for the GMM benchmarks (default 6; see below)
 *   --iterations N measurement iterations of 1 s (default 3)
 *   --out FILE     the CSV (default: results.csv next to the jar, i.e. benchmarks/target/)
 *   --paired N     then {@link Paired} with N JVMs per workload (default 5 when no regex is
 *                  given, else 0: none), writing paired.csv next to the jar
 *   regex          only benchmarks matching it (default: all)
 * </pre>
 *
 * <p>The GMM benchmarks get more warm-up: their generated pullback is one large method called only
 * a few times per second, and {@code -XX:+PrintCompilation} shows HotSpot compiling it as a whole
 * (C2) only after several seconds of calls; before that its loops run in OSR code, 3-5 times slower.
 */
public final class Runner {
  private Runner() {}

  /** Target for one tangent sweep (value and one directional derivative) over the primal. */
  static final double TANGENT_TARGET = 2.0;

  /** Published gradient/objective ratios (adbench.md), shown next to the measured ones. */
  static final Map<String, String> PUBLISHED = Map.of(
      "GmmBench d=10", "C++ by hand 1.8-3.1, Tapenade ~2.5, Enzyme ~12.8, Adept/ADOL-C ~21-25; Java by hand ~3.8",
      "GmmBench d=64", "C++ by hand 4.0-6.1, Tapenade 4.1, Enzyme 7.3, Adept 38-73; Java by hand ~5.9",
      "GmmSmallBench", "Hipparchus Gradient ~3800 at d=10 K=25 (n=1000)",
      "BaBench", "C++ by hand 6.5-7.9, Tapenade 8.4-14, Enzyme 9-10, Adept 22-26; Hipparchus ~36");

  public static void main(String[] args)
      throws RunnerException, IOException, InterruptedException {
    int forks = 2;
    int warmup = 2;
    int gmmWarmup = 6;
    int iterations = 3;
    String out = null;
    String include = "dev\\.cotangent\\.benchmarks\\..*";
    Integer paired = null; // JVMs per workload for Paired; by default 5 unless a regex is given
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--forks" -> forks = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--gmm-warmup" -> gmmWarmup = Integer.parseInt(args[++i]);
        case "--iterations" -> iterations = Integer.parseInt(args[++i]);
        case "--out" -> out = args[++i];
        case "--paired" -> paired = Integer.parseInt(args[++i]);
        default -> {
          include = args[i];
          if (paired == null) {
            paired = 0;
          }
        }
      }
    }
    Path csv = out != null ? Paths.get(out) : defaultCsv("results.csv");

    long start = System.nanoTime();
    List<RunResult> results = new ArrayList<>();
    // GMM with the longer warm-up, then everything else
    results.addAll(run(include, "RosenbrockBench|RosenbrockForwardBench|BaBench|PendulumBench", forks, gmmWarmup, iterations));
    results.addAll(run(include, "GmmBench|GmmSmallBench", forks, warmup, iterations));
    double minutes = (System.nanoTime() - start) / 6e10;

    List<Row> rows = rows(results);
    print(rows, forks, warmup, gmmWarmup, iterations, minutes);
    printTangents(tangentRows(rows));
    write(csv, rows);
    System.out.println("CSV written to " + csv.toAbsolutePath());
    if (paired == null || paired > 0) {
      Paired.run(paired == null ? 5 : paired, 20, ".*", out != null
          ? csv.toAbsolutePath().resolveSibling("paired.csv") : defaultCsv("paired.csv"));
    }
  }

  private static Collection<RunResult> run(String include, String exclude, int forks, int warmup, int iterations)
      throws RunnerException {
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include(include)
        .exclude(exclude)
        .forks(forks)
        .warmupIterations(warmup)
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(iterations)
        .measurementTime(TimeValue.seconds(1))
        .timeUnit(TimeUnit.MICROSECONDS)
        .mode(org.openjdk.jmh.annotations.Mode.AverageTime)
        .threads(1)
        // AlwaysPreTouch: the heap's pages are touched at start-up, not by the first allocations
        // of a measured method (on virtual machines a first touch costs a page fault: the tangent
        // returning a 32-byte Dual ran 5x slower until the first GC had recycled eden)
        .jvmArgsAppend("-Xms2g", "-Xmx8g", "-XX:+AlwaysPreTouch")
        .addProfiler(GCProfiler.class)
        .shouldFailOnError(true);
    try {
      return new Runner0(options).run();
    } catch (NoBenchmarksException e) {
      // the regex selects nothing in this phase (e.g. no GMM benchmark for "Rosenbrock")
      return List.of();
    }
  }

  /** Indirection so that the JMH class name does not clash with this one. */
  private static final class Runner0 {
    private final ChainedOptionsBuilder options;

    Runner0(ChainedOptionsBuilder options) {
      this.options = options;
    }

    Collection<RunResult> run() throws RunnerException {
      return new org.openjdk.jmh.runner.Runner(options.build()).run();
    }
  }

  /** {@code name} beside the benchmarks jar (in {@code benchmarks/target}). */
  static Path defaultCsv(String name) {
    try {
      Path jar = Paths.get(Runner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return jar.getParent().resolve(name);
    } catch (Exception e) {
      return Paths.get(name);
    }
  }

  /** One measured benchmark with its group's primal. */
  record Row(String group, String method, int samples, double medianUs, double minUs, double maxUs,
      double bytesPerOp, double ratio) {}

  static List<Row> rows(Collection<RunResult> results) {
    // group = class + parameters
    Map<String, Map<String, RunResult>> groups = new TreeMap<>();
    for (RunResult r : results) {
      BenchmarkParams p = r.getParams();
      String bench = p.getBenchmark();
      String cls = bench.substring(0, bench.lastIndexOf('.'));
      cls = cls.substring(cls.lastIndexOf('.') + 1);
      String method = bench.substring(bench.lastIndexOf('.') + 1);
      StringBuilder group = new StringBuilder(cls);
      for (String key : p.getParamsKeys()) {
        group.append(' ').append(key).append('=').append(p.getParam(key));
      }
      groups.computeIfAbsent(group.toString(), g -> new LinkedHashMap<>()).put(method, r);
    }
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, Map<String, RunResult>> g : groups.entrySet()) {
      RunResult primal = g.getValue().get("primal");
      double f = primal == null ? Double.NaN : median(samples(primal));
      for (Map.Entry<String, RunResult> m : g.getValue().entrySet()) {
        List<Double> s = samples(m.getValue());
        double med = median(s);
        double bytes = Double.NaN;
        for (Map.Entry<String, Result> sec : m.getValue().getSecondaryResults().entrySet()) {
          if (sec.getKey().endsWith("gc.alloc.rate.norm")) {
            bytes = sec.getValue().getScore();
          }
        }
        rows.add(new Row(g.getKey(), m.getKey(), s.size(), med,
            s.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
            s.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN),
            bytes, med / f));
      }
    }
    return rows;
  }

  static List<Double> samples(RunResult r) {
    List<Double> out = new ArrayList<>();
    for (BenchmarkResult b : r.getBenchmarkResults()) {
      for (IterationResult it : b.getIterationResults()) {
        out.add(it.getPrimaryResult().getScore());
      }
    }
    return out;
  }

  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> v = new ArrayList<>(values);
    v.sort(null);
    int n = v.size();
    return n % 2 == 1 ? v.get(n / 2) : 0.5 * (v.get(n / 2 - 1) + v.get(n / 2));
  }

  static void print(List<Row> rows, int forks, int warmup, int gmmWarmup, int iterations, double minutes) {
    System.out.println();
    System.out.printf(Locale.ROOT, "Cotangent benchmarks: %d fork(s) x %d measurement iteration(s) of 1 s after %d warm-up (GMM: %d); "
        + "medians in microseconds per operation; J/f = median / median of the group's primal (%.1f min)%n",
        forks, iterations, warmup, gmmWarmup, minutes);
    System.out.printf(Locale.ROOT, "%-34s %-20s %14s %10s %14s  %s%n", "workload", "method", "median us", "J/f", "alloc B/op", "min..max us");
    String last = "";
    for (Row r : rows) {
      if (!r.group().equals(last)) {
        System.out.println();
        String pub = published(r.group());
        if (pub != null) {
          System.out.println("  published: " + pub);
        }
        last = r.group();
      }
      System.out.printf(Locale.ROOT, "%-34s %-20s %14.2f %10s %14.0f  %.2f..%.2f%n", r.group(), r.method(), r.medianUs(),
          r.method().equals("primal") ? "1" : String.format(Locale.ROOT, "%.2f", r.ratio()), r.bytesPerOp(),
          r.minUs(), r.maxUs());
    }
  }

  /** A workload's single tangent sweep against its primal (same class and parameters). */
  record TangentRow(String group, double primalUs, double tangentUs, double ratio) {
    /** Whether the ratio is known and at most {@link #TANGENT_TARGET}. */
    boolean meetsTarget() {
      return ratio <= TANGENT_TARGET;
    }
  }

  /** The {@code tangent} rows with their group's primal, in the order of {@code rows}. */
  static List<TangentRow> tangentRows(List<Row> rows) {
    Map<String, Double> primal = new LinkedHashMap<>();
    for (Row r : rows) {
      if (r.method().equals("primal")) {
        primal.put(r.group(), r.medianUs());
      }
    }
    List<TangentRow> out = new ArrayList<>();
    for (Row r : rows) {
      if (r.method().equals("tangent")) {
        out.add(new TangentRow(r.group(), primal.getOrDefault(r.group(), Double.NaN), r.medianUs(), r.ratio()));
      }
    }
    return out;
  }

  static void printTangents(List<TangentRow> rows) {
    if (rows.isEmpty()) {
      return;
    }
    System.out.println();
    System.out.printf(Locale.ROOT, "Forward mode: one tangent sweep (value and one directional derivative); target tangent J/f <= %.1f%n",
        TANGENT_TARGET);
    System.out.printf(Locale.ROOT, "%-34s %14s %14s %12s  %s%n", "workload", "primal us", "tangent us", "tangent J/f", "target");
    for (TangentRow r : rows) {
      boolean known = !Double.isNaN(r.ratio());
      System.out.printf(Locale.ROOT, "%-34s %14.2f %14.2f %12s  %s%n", r.group(), r.primalUs(), r.tangentUs(),
          known ? String.format(Locale.ROOT, "%.2f", r.ratio()) : "n/a", !known ? "-" : r.meetsTarget() ? "met" : "missed");
    }
  }

  static String published(String group) {
    for (Map.Entry<String, String> e : PUBLISHED.entrySet()) {
      String[] parts = e.getKey().split(" ");
      boolean all = true;
      for (String part : parts) {
        all &= group.startsWith(parts[0] + " ") && (" " + group + " ").contains(" " + part + " ") || group.equals(part);
      }
      if (all) {
        return e.getValue();
      }
    }
    return null;
  }

  static void write(Path csv, List<Row> rows) throws IOException {
    if (csv.getParent() != null) {
      Files.createDirectories(csv.getParent());
    }
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(csv, StandardCharsets.UTF_8))) {
      w.println("workload,method,samples,median_us,min_us,max_us,alloc_bytes_per_op,ratio_to_primal");
      for (Row r : rows) {
        w.printf(Locale.ROOT, "\"%s\",%s,%d,%.4f,%.4f,%.4f,%.0f,%.4f%n", r.group(), r.method(), r.samples(), r.medianUs(),
            r.minUs(), r.maxUs(), r.bytesPerOp(), r.ratio());
      }
    }
  }
}
