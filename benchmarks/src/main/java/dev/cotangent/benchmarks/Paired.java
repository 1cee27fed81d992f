package dev.cotangent.benchmarks;

import dev.cotangent.runtime.Dual;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * J/f with the primal and the gradient measured in the same JVM, several JVMs in a row: the
 * complement of {@link Runner}'s table, whose primal and gradient run in different JMH forks.
 *
 * <p>On the shared VM these benchmarks run on, a JVM starts in one of two speed modes and keeps
 * it: in about two processes out of five every method runs 1.4-1.9× slower (primal, generated
 * gradient and hand-written adjoint alike). JMH forks each benchmark method separately, so a J/f
 * from fork medians compares a primal and a gradient that may have run in different modes (GMM
 * d=10 gave 1.50 and 3.51 from the same code). Here each JVM runs the methods of one workload in
 * rotation (a slice of about 100 ms each, for rounds after a warm-up of as many rounds), takes
 * each method's median slice, and divides by the primal's from the same JVM; the result is the
 * median of those per-JVM ratios.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.cotangent.benchmarks.Paired \
 *     [--processes N (5)] [--rounds N (20)] [--out FILE] [workload regex]
 * </pre>
 *
 * <p>{@link Runner} runs it after the JMH benchmarks (five JVMs, writing {@code paired.csv}).
 */
public final class Paired {
  private Paired() {}

  /** A workload: makes its methods by name, the first one the primal (in the measuring JVM). */
  record Workload(String name, Supplier<Map<String, DoubleSupplier>> methods) {}

  static List<Workload> workloads() {
    List<Workload> out = new ArrayList<>();
    for (int d : new int[] {10, 64}) {
      out.add(new Workload("GMM d=" + d + " K=25 n=1000", () -> gmm(d)));
    }
    for (int n : new int[] {1000, 10000}) {
      out.add(new Workload("Rosenbrock n=" + n, () -> rosenbrock(n)));
    }
    out.add(new Workload("BA 31843 observations", Paired::ba));
    out.add(new Workload("Pendulum T=2000000 checkpoints=20", Paired::longPendulum));
    out.add(new Workload("HVP GMM d=10 K=25 n=1000", SecondOrderFixture::gmmHvp));
    out.add(new Workload("HVP Rosenbrock n=1000", () -> SecondOrderFixture.rosenbrockHvp(1000)));
    out.add(new Workload("Hessian Rosenbrock n=100",
        () -> SecondOrderFixture.rosenbrockHessian(100)));
    out.add(new Workload("Hessian logistic d=50", () -> SecondOrderFixture.logisticHessian(50)));
    out.add(new Workload("LSTM l=2 c=1024 b=14", RoundTwoFixture::lstm));
    out.add(new Workload("Logistic sigmoid n=20000 d=50", RoundTwoFixture::logistic));
    out.add(new Workload("Drag Vec3 T=100000", RecordsFixture::records));
    out.add(new Workload("Drag doubles T=100000", RecordsFixture::doubles));
    return out;
  }

  private static Map<String, DoubleSupplier> gmm(int d) {
    GmmFixture f = new GmmFixture(d, 25, 1000);
    Map<String, DoubleSupplier> m = new LinkedHashMap<>();
    m.put("primal", f::primal);
    m.put("cotangent", () -> f.cotangent().value);
    m.put("cotangentNew", () -> f.cotangentNew().value);
    m.put("hand", () -> f.hand()[0][0]);
    m.put("tangent", () -> f.tangent().tangent());
    return m;
  }

  private static Map<String, DoubleSupplier> rosenbrock(int n) {
    RosenbrockBench b = new RosenbrockBench();
    b.n = n;
    b.setup();
    Map<String, DoubleSupplier> m = new LinkedHashMap<>();
    m.put("primal", b::primal);
    m.put("cotangent", () -> b.cotangent()[0]);
    m.put("hand", () -> b.hand()[0]);
    m.put("tangent", () -> b.tangent().tangent());
    return m;
  }

  /**
   * Two million RK4 steps of {@link Pendulum}: the primal, and the gradient of the same steps
   * reversed from 20 snapshots ({@link LongPendulum#simulate20}) into a reused holder.
   */
  private static Map<String, DoubleSupplier> longPendulum() {
    int steps = 2_000_000;
    CheckpointSweep.Gradient gradient = CheckpointSweep.of(20);
    Map<String, DoubleSupplier> m = new LinkedHashMap<>();
    m.put("primal", () -> Pendulum.simulate(0.1, 1.0, 0.0, 1e-3, steps));
    m.put("cotangent", () -> gradient.run().applyAsDouble(steps));
    return m;
  }

  /**
   * {@link BaBench}'s primal, Jacobian block through {@code residualJacobian(..., into, work)} and
   * tangent over all observations, each result summed (where JMH hands it to a Blackhole).
   */
  private static Map<String, DoubleSupplier> ba() {
    BaBench b = new BaBench();
    b.observations = 31843;
    b.setup();
    Fixtures.BaInstance ba = b.ba;
    Map<String, DoubleSupplier> m = new LinkedHashMap<>();
    m.put("primal", () -> {
      double sum = 0;
      for (int o = 0; o < ba.observations(); o++) {
        double[] r = Ba.residual(ba.cameras[ba.camIndex[o]], ba.points[ba.ptIndex[o]],
            ba.weights[o], ba.features[o]);
        sum += r[0] + r[1] + Ba.weightError(ba.weights[o]);
      }
      return sum;
    });
    m.put("cotangent", () -> {
      double sum = 0;
      for (int o = 0; o < ba.observations(); o++) {
        double[][] j = BaAdjoint.residualJacobian(ba.cameras[ba.camIndex[o]],
            ba.points[ba.ptIndex[o]], ba.weights[o], ba.features[o], b.block, b.holder);
        b.wHolder.clear();
        BaAdjoint.weightError(ba.weights[o], 1.0, b.wHolder);
        sum += j[0][0] + j[1][14] + b.wHolder.w;
      }
      return sum;
    });
    m.put("tangent", () -> {
      double sum = 0;
      for (int o = 0; o < ba.observations(); o++) {
        double[] r = b.residualTangent(o);
        Dual e = b.weightTangent(o);
        sum += r[0] + b.residualDot[0] + e.value() + e.tangent();
      }
      return sum;
    });
    return m;
  }

  public static void main(String[] args) throws IOException, InterruptedException {
    int processes = 5;
    int rounds = 20;
    String out = null;
    String include = ".*";
    String child = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--processes" -> processes = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--out" -> out = args[++i];
        case "--child" -> child = args[++i];
        default -> include = args[i];
      }
    }
    if (child != null) {
      measure(child, rounds);
      return;
    }
    run(processes, rounds, include, out != null ? Paths.get(out) : Runner.defaultCsv("paired.csv"));
  }

  /**
   * Measures every workload matching {@code include} in {@code processes} fresh JVMs, prints each
   * JVM's ratios and the medians against the targets, writes the CSV, and returns the per-JVM
   * ratios by workload and method.
   */
  static Map<String, Map<String, List<Double>>> run(int processes, int rounds, String include,
      Path csv) throws IOException, InterruptedException {
    List<String> lines = new ArrayList<>();
    lines.add("workload,method,process,median_us,ratio_to_primal");
    System.out.printf(Locale.ROOT, "%nPaired: %d JVMs per workload, %d rounds each after as many to"
        + " warm up; J/f per JVM, then the median over JVMs%n", processes, rounds);
    Map<String, Map<String, List<Double>>> all = new LinkedHashMap<>();
    for (Workload w : workloadsMatching(include)) {
      Map<String, List<Double>> ratios = new LinkedHashMap<>();
      for (int p = 1; p <= processes; p++) {
        Map<String, Double> medians = runChild(w.name(), rounds);
        double primal = medians.get("primal");
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
            "%-26s JVM %d: primal %10.2f us", w.name(), p, primal));
        for (Map.Entry<String, Double> e : medians.entrySet()) {
          double ratio = e.getValue() / primal;
          lines.add(String.format(Locale.ROOT, "\"%s\",%s,%d,%.4f,%.4f", w.name(), e.getKey(), p,
              e.getValue(), ratio));
          if (!e.getKey().equals("primal")) {
            ratios.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(ratio);
            line.append(String.format(Locale.ROOT, "  %s %.2f", e.getKey(), ratio));
          }
        }
        derived(medians).forEach((name, ratio) -> {
          ratios.computeIfAbsent(name, k -> new ArrayList<>()).add(ratio);
          line.append(String.format(Locale.ROOT, "  %s %.2f", name, ratio));
        });
        System.out.println(line);
      }
      all.put(w.name(), ratios);
    }
    all.forEach((workload, ratios) -> System.out.println(summary(workload, ratios)));
    Path dir = csv.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Files.write(csv, lines, StandardCharsets.UTF_8);
    System.out.println("CSV written to " + csv.toAbsolutePath());
    return all;
  }

  /**
   * The second-order workloads' ratios between two methods of the same JVM: a Hessian-vector
   * product over the gradient ({@code hvp/gradient}), the dense Hessian in vector mode over n
   * separate products ({@code hessian/hvps}).
   */
  static Map<String, Double> derived(Map<String, Double> medians) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (medians.containsKey("hvp") && medians.containsKey("cotangent")) {
      out.put("hvp/gradient", medians.get("hvp") / medians.get("cotangent"));
    }
    if (medians.containsKey("hessian") && medians.containsKey("hvps")) {
      out.put("hessian/hvps", medians.get("hessian") / medians.get("hvps"));
    }
    return out;
  }

  /** One line: each method's median J/f, its range over the JVMs, and met/missed. */
  static String summary(String workload, Map<String, List<Double>> ratios) {
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-26s median J/f:", workload));
    ratios.forEach((method, r) -> {
      double median = Runner.median(r);
      double target = target(workload, method);
      out.append(String.format(Locale.ROOT, "  %s %.2f (%.2f..%.2f)%s", method, median,
          r.stream().mapToDouble(x -> x).min().orElse(Double.NaN),
          r.stream().mapToDouble(x -> x).max().orElse(Double.NaN),
          Double.isNaN(target) ? "" : median <= target ? " met" : " MISSED"));
    });
    return out.toString();
  }

  /** The target for a method's J/f on a workload, or NaN (the hand-written baseline). */
  static double target(String workload, String method) {
    if (method.equals("tangent")) {
      return Runner.TANGENT_TARGET;
    }
    if (method.equals("hvp/gradient")) {
      return 3.0;
    }
    if (method.equals("hessian/hvps")) {
      return 0.6;
    }
    if (workload.startsWith("GMM d=")) { // issue 23: the allocating call <= 3, reused <= 2
      return method.equals("cotangent") ? 2.0 : method.equals("cotangentNew") ? 3.0 : Double.NaN;
    }
    if (workload.startsWith("LSTM ")) {
      return method.equals("cotangent") ? 2.0 : method.equals("cotangentNew") ? 2.5 : Double.NaN;
    }
    if (workload.startsWith("Logistic sigmoid ")) {
      return method.startsWith("cotangent") ? 2.5 : Double.NaN;
    }
    if (!method.equals("cotangent") || workload.startsWith("HVP ")) {
      return Double.NaN;
    }
    if (workload.startsWith("BA ")) {
      return 8.0;
    }
    if (workload.startsWith("Pendulum T=2000000 checkpoints=20")) {
      return 12.0;
    }
    return workload.startsWith("Rosenbrock") ? 3.0 : Double.NaN;
  }

  static List<Workload> workloadsMatching(String regex) {
    return workloads().stream().filter(w -> w.name().matches(regex)).toList();
  }

  /** Runs one workload in a fresh JVM with the flags {@link Runner} gives JMH's forks. */
  private static Map<String, Double> runChild(String workload, int rounds)
      throws IOException, InterruptedException {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-Xms2g", "-Xmx8g", "-XX:+AlwaysPreTouch",
        "-cp", System.getProperty("java.class.path"), Paired.class.getName(),
        "--rounds", String.valueOf(rounds), "--child", workload);
    builder.redirectErrorStream(true);
    Process process = builder.start();
    Map<String, Double> medians = new LinkedHashMap<>();
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String[] parts = line.split("\t");
        if (parts.length == 3 && parts[0].equals("MEDIAN")) {
          medians.put(parts[1], Double.parseDouble(parts[2]));
        }
      }
    }
    if (process.waitFor() != 0 || !medians.containsKey("primal")) {
      throw new IllegalStateException("measuring " + workload + " failed");
    }
    return medians;
  }

  /** In the child JVM: the rotation, then one MEDIAN line per method (microseconds per call). */
  private static void measure(String workload, int rounds) {
    Workload w = workloads().stream().filter(x -> x.name().equals(workload)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no workload " + workload));
    Map<String, DoubleSupplier> methods = w.methods().get();
    Map<String, Integer> calls = new LinkedHashMap<>();
    Map<String, List<Double>> slices = new LinkedHashMap<>();
    double sink = 0;
    for (String name : methods.keySet()) {
      long t = System.nanoTime();
      sink += methods.get(name).getAsDouble();
      calls.put(name, (int) Math.max(1, Math.min(1_000_000, 1e8 / Math.max(1, System.nanoTime() - t))));
    }
    for (int r = 0; r < 2 * rounds; r++) {
      for (Map.Entry<String, DoubleSupplier> e : methods.entrySet()) {
        int count = calls.get(e.getKey());
        DoubleSupplier method = e.getValue();
        long t = System.nanoTime();
        for (int c = 0; c < count; c++) {
          sink += method.getAsDouble();
        }
        double us = (System.nanoTime() - t) / 1e3 / count;
        if (r == rounds / 2) { // recalibrate once compiled: a slice of about 100 ms
          calls.put(e.getKey(), (int) Math.max(1, Math.min(10_000_000, 1e5 / us)));
        }
        if (r >= rounds) {
          slices.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(us);
        }
      }
    }
    slices.forEach((name, s) -> System.out.println("MEDIAN\t" + name + "\t" + Runner.median(s)));
    System.out.println("sink\t" + sink);
  }
}
