package dev.cotangent.spark.example;

import dev.cotangent.spark.CotangentGradient;
import dev.cotangent.spark.DistributedLoss;
import dev.cotangent.spark.Examples;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.optimization.GradientDescent;
import org.apache.spark.mllib.optimization.SimpleUpdater;
import org.apache.spark.mllib.regression.LabeledPoint;
import org.apache.spark.rdd.RDD;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import scala.Tuple2;

/**
 * Examples per second of a full gradient pass of the {@link Mlp} loss: a single-machine loop
 * (one thread, one holder) against embedded Spark with 1 and 2 partitions, through {@link
 * DistributedLoss} and through MLlib's {@code GradientDescent} with {@link CotangentGradient}; and
 * where a Spark pass spends the time that the loop does not (task metrics from a listener).
 *
 * <p>Options: {@code --examples} (200000), {@code --features} (10), {@code --hidden} (16), {@code
 * --passes} (15, timed after as many warm-up passes), {@code --master} ({@code local[2]}).
 * Results and their analysis: {@code spark/README.md}.
 */
public final class Throughput {
  private Throughput() {}

  /** The sums of the metrics of the tasks that ended since the last {@link #reset()}. */
  static final class Metrics extends SparkListener {
    final AtomicLong tasks = new AtomicLong();
    final AtomicLong durationMs = new AtomicLong();
    final AtomicLong runMs = new AtomicLong();
    final AtomicLong deserializeMs = new AtomicLong();
    final AtomicLong resultSerializeMs = new AtomicLong();
    final AtomicLong gcMs = new AtomicLong();
    final AtomicLong resultBytes = new AtomicLong();
    final AtomicLong cpuNs = new AtomicLong();
    final AtomicLong deserializeCpuNs = new AtomicLong();

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
      TaskMetrics m = end.taskMetrics();
      tasks.incrementAndGet();
      durationMs.addAndGet(end.taskInfo().duration());
      runMs.addAndGet(m.executorRunTime());
      deserializeMs.addAndGet(m.executorDeserializeTime());
      resultSerializeMs.addAndGet(m.resultSerializationTime());
      gcMs.addAndGet(m.jvmGCTime());
      resultBytes.addAndGet(m.resultSize());
      cpuNs.addAndGet(m.executorCpuTime());
      deserializeCpuNs.addAndGet(m.executorDeserializeCpuTime());
    }

    void reset() {
      for (AtomicLong a :
          List.of(tasks, durationMs, runMs, deserializeMs, resultSerializeMs, gcMs, resultBytes,
              cpuNs, deserializeCpuNs)) {
        a.set(0);
      }
    }

    /** Waits (up to 5 s) until {@code expected} tasks have been reported: events come late. */
    void await(long expected) throws InterruptedException {
      for (int i = 0; i < 500 && tasks.get() < expected; i++) {
        Thread.sleep(10);
      }
    }
  }

  public static void main(String[] args) throws InterruptedException {
    TrainOnSpark.quietLogging();
    Map<String, String> options = TrainOnSpark.options(args);
    int count = Integer.parseInt(options.getOrDefault("examples", "200000"));
    int features = Integer.parseInt(options.getOrDefault("features", "10"));
    int hidden = Integer.parseInt(options.getOrDefault("hidden", "16"));
    int passes = Integer.parseInt(options.getOrDefault("passes", "15"));
    SparkConf conf =
        new SparkConf()
            .setAppName("cotangent-spark-throughput")
            .setMaster(options.getOrDefault("master", "local[2]"))
            .set("spark.log.level", "WARN")
            .set("spark.ui.enabled", "false")
            .set("spark.ui.showConsoleProgress", "false");
    List<LabeledPoint> points = Spheres.examples(count, features, 42);
    double[] w = TrainOnSpark.initialWeights(features, hidden, new Random(1));
    System.out.printf(
        "MLP %d -> %d tanh -> 1 (%d weights), %d examples; seconds per full gradient pass,"
            + " median of %d after %d warm-up passes%n",
        features, hidden, w.length, count, passes, passes);

    double local = median(passes, () -> singleMachine(points, w));
    report("single machine, one thread, one holder", local, count);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    for (int i = 0; i < passes; i++) {
      singleMachine(points, w);
    }
    System.out.printf("    CPU time %.1f ms per pass (this thread)%n",
        (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6 / passes);

    try (JavaSparkContext spark = new JavaSparkContext(conf)) {
      Metrics metrics = new Metrics();
      spark.sc().addSparkListener(metrics);
      DistributedLoss<MlpAdjoint.LossGradient> objective =
          DistributedLoss.of(TrainOnSpark.mlpLoss());
      for (int partitions : new int[] {1, 2}) {
        // Made and cached on the executors: a task carries only its block indices.
        JavaRDD<LabeledPoint> rdd =
            Spheres.examples(spark, count, features, 42, partitions).cache();
        rdd.count();
        String name = String.format("Spark %s, %d partition%s", spark.master(), partitions,
            partitions == 1 ? "" : "s");
        sparkPass(name + ", DistributedLoss", objective, rdd, w, passes, metrics, count);
        report(name + ", MLlib GradientDescent + CotangentGradient", mllibPass(rdd, w, passes),
            count);
        rdd.unpersist();
      }
      // The same examples from a list on the driver: every task carries its slice, cached or not.
      // Spark warns about every such task (above 1000 KiB); the line below says how large.
      Configurator.setLevel("org.apache.spark.scheduler.TaskSetManager", Level.ERROR);
      JavaRDD<LabeledPoint> shipped = spark.parallelize(points, 2).cache();
      shipped.count();
      System.out.printf("each of the 2 tasks carries %.0f KB of examples (Java serialization)%n",
          serializedSize(new ArrayList<>(points.subList(0, count / 2))) / 1024.0);
      sparkPass(String.format("Spark %s, 2 partitions, DistributedLoss, parallelize(list)",
          spark.master()), objective, shipped, w, passes, metrics, count);
      shipped.unpersist();
      JavaRDD<LabeledPoint> tiny = spark.parallelize(points.subList(0, 2), 2).cache();
      tiny.count();
      double fixed = median(3 * passes, () -> objective.evaluate(tiny, w).loss());
      System.out.printf(
          "fixed cost of one pass (2 examples in 2 partitions): %.1f ms%n", fixed * 1e3);
    }
  }

  /** Times {@link DistributedLoss#evaluate} on {@code rdd} and prints where a pass goes. */
  private static void sparkPass(String name, DistributedLoss<MlpAdjoint.LossGradient> objective,
      JavaRDD<LabeledPoint> rdd, double[] w, int passes, Metrics metrics, int count)
      throws InterruptedException {
    double seconds = median(passes, () -> objective.evaluate(rdd, w).loss());
    metrics.reset();
    long cpuStart = processCpuNanos();
    long start = System.nanoTime();
    for (int i = 0; i < passes; i++) {
      objective.evaluate(rdd, w);
    }
    double mean = (System.nanoTime() - start) / 1e9 / passes;
    double processCpuMs = (processCpuNanos() - cpuStart) / 1e6 / passes;
    metrics.await((long) passes * rdd.getNumPartitions());
    report(name, seconds, count);
    breakdown(metrics, mean, passes, processCpuMs);
  }

  /** One pass on this machine: the pullback over every example into one holder. */
  static double singleMachine(List<LabeledPoint> points, double[] w) {
    MlpAdjoint.LossGradient holder = new MlpAdjoint.LossGradient(w);
    double sum = 0;
    for (LabeledPoint p : points) {
      sum += MlpAdjoint.loss(w, p.features().toArray(), p.label(), 1.0, holder);
    }
    return sum + holder.w[0];
  }

  /**
   * Seconds per pass of MLlib's gradient descent (step 0, so that every pass sees the same
   * weights): {@code passes} iterations, which Spark 4 runs as {@code passes + 1} passes.
   */
  static double mllibPass(JavaRDD<LabeledPoint> rdd, double[] w, int passes) {
    RDD<Tuple2<Object, Vector>> pairs = Examples.forOptimizer(rdd).cache();
    pairs.count();
    Runnable run =
        () ->
            GradientDescent.runMiniBatchSGD(
                pairs,
                CotangentGradient.of(TrainOnSpark.mlpLoss()),
                new SimpleUpdater(),
                0.0,
                passes,
                0.0,
                1.0,
                Vectors.dense(w.clone()),
                0.0);
    run.run();
    long start = System.nanoTime();
    run.run();
    double seconds = (System.nanoTime() - start) / 1e9 / (passes + 1);
    pairs.unpersist(true);
    return seconds;
  }

  /** The CPU time of every thread of this JVM so far (tasks, driver, Spark, JIT, GC). */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static void breakdown(Metrics m, double wallSeconds, int passes, double processCpuMs) {
    double perPass = 1.0 / passes;
    double tasksPerPass = (double) m.tasks.get() / passes;
    System.out.printf(
        "    mean pass %.1f ms: %.0f tasks of %.1f ms (run %.1f incl. GC %.1f, deserialize %.1f,"
            + " result serialization %.1f, result %.1f KB), %.1f ms outside tasks;%n"
            + "    CPU time per pass: %.1f ms in tasks (deserialization %.2f ms of it), %.1f ms in"
            + " the whole JVM%n",
        wallSeconds * 1e3,
        tasksPerPass,
        m.durationMs.get() * perPass / tasksPerPass,
        m.runMs.get() * perPass / tasksPerPass,
        m.gcMs.get() * perPass / tasksPerPass,
        m.deserializeMs.get() * perPass / tasksPerPass,
        m.resultSerializeMs.get() * perPass / tasksPerPass,
        m.resultBytes.get() * perPass / tasksPerPass / 1024.0,
        wallSeconds * 1e3 - m.durationMs.get() * perPass / tasksPerPass,
        (m.cpuNs.get() + m.deserializeCpuNs.get()) * perPass / 1e6,
        m.deserializeCpuNs.get() * perPass / 1e6,
        processCpuMs);
  }

  /** The size of {@code object} in Java serialization, Spark's default for tasks. */
  private static long serializedSize(Serializable object) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.size();
  }

  private static void report(String what, double seconds, int count) {
    System.out.printf(
        "%-72s %7.1f ms/pass %6.2f M examples/s%n", what, seconds * 1e3, count / seconds / 1e6);
  }

  /** The median time of {@code passes} runs of {@code pass}, after as many warm-up runs. */
  static double median(int passes, DoubleSupplier pass) {
    double sink = 0;
    for (int i = 0; i < passes; i++) {
      sink += pass.getAsDouble();
    }
    double[] times = new double[passes];
    for (int i = 0; i < passes; i++) {
      long start = System.nanoTime();
      sink += pass.getAsDouble();
      times[i] = (System.nanoTime() - start) / 1e9;
    }
    if (Double.isNaN(sink)) {
      System.out.println("(NaN)");
    }
    Arrays.sort(times);
    return times[passes / 2];
  }
}
