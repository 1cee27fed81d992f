package dev.cotangent.benchmarks;

import dev.cotangent.runtime.Checkpoints;
import dev.cotangent.runtime.Revolve;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import java.util.function.IntToDoubleFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * J/f and memory of the checkpointed pendulum ({@link LongPendulum}) against the trip count T
 * (10³ … 10⁷) and the snapshots N (5, 20, 100), next to the binomial bound, with the primal and
 * every gradient timed in this one JVM (in rotation, median of the repetitions), and the
 * pendulum taped step by step ({@link Pendulum}, {@code PendulumAdjoint}) for comparison up to
 * {@code --taped-max} steps. Prints a Markdown table.
 *
 * <pre>
 * java -Xmx8g -cp benchmarks/target/benchmarks.jar dev.cotangent.benchmarks.CheckpointSweep \
 *     [--repetitions N (5)] [--max-steps T (10000000)] [--taped-max T (1000000)]
 * </pre>
 */
public final class CheckpointSweep {
  private static final double DAMPING = 0.1;
  private static final double THETA0 = 1.0;
  private static final double OMEGA0 = 0.0;
  private static final double DT = 1e-3;
  /** What a taped step records: 8 doubles (counted in the generated code, README). */
  private static final long TAPED_BYTES_PER_STEP = 64;

  private CheckpointSweep() {}

  /** A gradient of one N: the pullback into a reused holder and what its holder reports. */
  record Gradient(IntToDoubleFunction run, Supplier<Checkpoints> checkpoints,
      LongSupplier tapeBytes) {}

  static Gradient of(int snapshots) {
    switch (snapshots) {
      case 5: {
        var g = new LongPendulumAdjoint.Simulate5Gradient();
        return new Gradient(steps -> {
          g.clear();
          return LongPendulumAdjoint.simulate5(DAMPING, THETA0, OMEGA0, DT, steps, 1.0, g);
        }, () -> g.checkpoints(0), g::tapeBytes);
      }
      case 20: {
        var g = new LongPendulumAdjoint.Simulate20Gradient();
        return new Gradient(steps -> {
          g.clear();
          return LongPendulumAdjoint.simulate20(DAMPING, THETA0, OMEGA0, DT, steps, 1.0, g);
        }, () -> g.checkpoints(0), g::tapeBytes);
      }
      case 100: {
        var g = new LongPendulumAdjoint.Simulate100Gradient();
        return new Gradient(steps -> {
          g.clear();
          return LongPendulumAdjoint.simulate100(DAMPING, THETA0, OMEGA0, DT, steps, 1.0, g);
        }, () -> g.checkpoints(0), g::tapeBytes);
      }
      default:
        throw new IllegalArgumentException("no method with " + snapshots + " snapshots");
    }
  }

  public static void main(String[] args) {
    int repetitions = 5;
    int maxSteps = 10_000_000;
    int tapedMax = 1_000_000;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--repetitions" -> repetitions = Integer.parseInt(args[++i]);
        case "--max-steps" -> maxSteps = Integer.parseInt(args[++i]);
        case "--taped-max" -> tapedMax = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    int[] snapshots = {5, 20, 100};
    Gradient[] gradients = {of(5), of(20), of(100)};
    PendulumAdjoint.SimulateGradient taped = new PendulumAdjoint.SimulateGradient();
    double[] sink = {0};
    // warm up every method on a short loop, so that the first row measures compiled code
    for (int w = 0; w < 30; w++) {
      sink[0] += Pendulum.simulate(DAMPING, THETA0, OMEGA0, DT, 20_000);
      for (Gradient g : gradients) {
        sink[0] += g.run().applyAsDouble(20_000);
      }
      taped.clear();
      sink[0] += PendulumAdjoint.simulate(DAMPING, THETA0, OMEGA0, DT, 20_000, 1.0, taped);
    }
    System.out.println("| T | N | r | revolve t(T,N)/T | re-run trips / T | J/f | snapshots"
        + " (bytes) | tape (bytes) | taped J/f | taped tape (bytes) |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (int steps = 1_000; steps <= maxSteps; steps *= 10) {
      int t = steps;
      int reps = Math.max(repetitions, (int) Math.min(200, 2e7 / t));
      List<DoubleSupplier> methods = new ArrayList<>();
      methods.add(() -> Pendulum.simulate(DAMPING, THETA0, OMEGA0, DT, t));
      for (Gradient g : gradients) {
        methods.add(() -> g.run().applyAsDouble(t));
      }
      if (t <= tapedMax) {
        methods.add(() -> {
          taped.clear();
          return PendulumAdjoint.simulate(DAMPING, THETA0, OMEGA0, DT, t, 1.0, taped);
        });
      }
      double[] medians = medians(reps, methods, sink); // in rotation: load changes hit all alike
      double primal = medians[0];
      for (int k = 0; k < snapshots.length; k++) {
        Gradient g = gradients[k];
        Checkpoints c = g.checkpoints().get();
        boolean first = k == 0;
        System.out.printf(Locale.ROOT, "| %,d | %d | %d | %.2f | %.2f | **%.2f** | %,d | %,d | %s |"
                + " %s |%n", t, snapshots[k], Revolve.repetitions(t, snapshots[k]),
            Revolve.forwardSteps(t, snapshots[k]) / (double) t, c.reruns() / (double) t,
            medians[1 + k] / primal, c.bytes(), g.tapeBytes().getAsLong(),
            first && t <= tapedMax ? String.format(Locale.ROOT, "%.2f", medians[4] / primal) : "",
            first ? String.format(Locale.ROOT, "%,d", t * TAPED_BYTES_PER_STEP) : "");
      }
    }
    System.out.println("(sink " + sink[0] + ")");
  }

  /** Each method's median time over {@code reps} rounds that call every method once. */
  private static double[] medians(int reps, List<DoubleSupplier> methods, double[] sink) {
    List<List<Double>> times = new ArrayList<>();
    methods.forEach(m -> times.add(new ArrayList<>()));
    for (int r = 0; r < reps; r++) {
      for (int m = 0; m < methods.size(); m++) {
        long start = System.nanoTime();
        sink[0] += methods.get(m).getAsDouble();
        times.get(m).add((double) (System.nanoTime() - start));
      }
    }
    return times.stream().mapToDouble(Runner::median).toArray();
  }
}
