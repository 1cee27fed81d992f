package dev.cotangent.spark.example;

import dev.cotangent.spark.CotangentGradient;
import dev.cotangent.spark.DistributedLoss;
import dev.cotangent.spark.ExampleLoss;
import dev.cotangent.spark.Examples;
import dev.cotangent.spark.LossSum;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.optimization.LBFGS;
import org.apache.spark.mllib.optimization.SquaredL2Updater;
import org.apache.spark.mllib.regression.LabeledPoint;
import org.apache.spark.mllib.util.MLUtils;
import scala.Tuple2;

/**
 * Trains the {@link Mlp} on Spark: the loss of one example is a {@code @Differentiable} method,
 * and every executor runs its generated pullback, {@code MlpAdjoint.loss}, on its own partitions.
 *
 * <p>By default the program runs Spark embedded ({@code local[*]}, every core of this machine) on
 * {@link Spheres} examples that the executors generate; submitted with {@code spark-submit
 * --master URL} it runs on that cluster unchanged. Options ({@code --name value}):
 *
 * <ul>
 *   <li>{@code --optimizer adam|lbfgs}: full-batch Adam on the driver, fed by {@link
 *       DistributedLoss} ({@code adam}, the default, prints each iteration as it ends), or MLlib's
 *       {@code LBFGS.runLBFGS} through {@link CotangentGradient} (MLlib reports nothing while it
 *       runs: its loss history is printed when it returns);
 *   <li>{@code --examples} (100000), {@code --features} (10), {@code --hidden} (16), {@code
 *       --iterations} (200), {@code --rate} (0.1, Adam's learning rate), {@code --partitions}
 *       (Spark's default parallelism), {@code --seed} (42), {@code --every} (1: print every
 *       iteration; 10 prints every tenth);
 *   <li>{@code --data FILE}: train on a LIBSVM file ({@code MLUtils.loadLibSVMFile}, labels 0/1 or
 *       -1/+1) instead of generated examples; a fifth of it is held out;
 *   <li>{@code --plot FILE}: where the loss curve goes ({@link LossCurve#defaultFile()}).
 * </ul>
 */
public final class TrainOnSpark {
  private TrainOnSpark() {}

  /** The example loss of the network: the generated pullback, its holder and its gradient. */
  public static ExampleLoss<MlpAdjoint.LossGradient> mlpLoss() {
    return ExampleLoss.of(MlpAdjoint::loss, MlpAdjoint.LossGradient::new, g -> g.w);
  }

  /** Runs the training with the options above; see the class comment. */
  public static void main(String[] args) {
    quietLogging();
    Map<String, String> options = options(args);
    SparkConf conf =
        new SparkConf()
            .setAppName("cotangent-spark-training")
            .setIfMissing("spark.master", "local[*]")
            .setIfMissing("spark.log.level", "WARN")
            .setIfMissing("spark.ui.showConsoleProgress", "false");
    try (JavaSparkContext spark = new JavaSparkContext(conf)) {
      train(spark, options);
    }
  }

  static void train(JavaSparkContext spark, Map<String, String> options) {
    long seed = Long.parseLong(options.getOrDefault("seed", "42"));
    int hidden = Integer.parseInt(options.getOrDefault("hidden", "16"));
    int iterations = Integer.parseInt(options.getOrDefault("iterations", "200"));
    double rate = Double.parseDouble(options.getOrDefault("rate", "0.1"));
    int partitions =
        Integer.parseInt(
            options.getOrDefault("partitions", Integer.toString(spark.defaultParallelism())));
    String optimizer = options.getOrDefault("optimizer", "adam");
    int every = Integer.parseInt(options.getOrDefault("every", "1"));

    JavaRDD<LabeledPoint> train;
    JavaRDD<LabeledPoint> test;
    String description;
    if (options.containsKey("data")) {
      JavaRDD<LabeledPoint>[] split =
          MLUtils.loadLibSVMFile(spark.sc(), options.get("data"))
              .toJavaRDD()
              .map(p -> new LabeledPoint(p.label() > 0 ? 1.0 : 0.0, p.features()))
              .repartition(partitions)
              .randomSplit(new double[] {0.8, 0.2}, seed);
      train = split[0];
      test = split[1];
      description = "LIBSVM file " + options.get("data");
    } else {
      int examples = Integer.parseInt(options.getOrDefault("examples", "100000"));
      int features = Integer.parseInt(options.getOrDefault("features", "10"));
      train = Spheres.examples(spark, examples, features, seed, partitions);
      test = Spheres.examples(spark, examples / 5, features, seed + 1, partitions);
      description =
          String.format(
              "%d generated examples (Spheres, seed %d) and %d held out; %d features, class 1"
                  + " inside the sphere holding half of N(0, I)",
              examples, seed, examples / 5, features);
    }
    train.cache();
    long count = train.count();
    int features = train.first().features().size();
    int dimension = Mlp.weights(features, hidden);
    System.out.printf(
        "Spark %s on Java %s, master %s, %d partitions%n", spark.version(),
        System.getProperty("java.version"), spark.master(), train.getNumPartitions());
    System.out.printf("Data: %s%n", description);
    System.out.printf(
        "Model: MLP %d -> %d tanh -> 1 sigmoid, %d weights; loss and gradient per example from"
            + " MlpAdjoint.loss on the executors%n",
        features, hidden, dimension);

    double[] weights = initialWeights(features, hidden, new Random(seed));
    double[] losses;
    long start = System.nanoTime();
    if (optimizer.equals("lbfgs")) {
      System.out.printf(
          "Optimiser: MLlib LBFGS.runLBFGS, %d iterations at most, through CotangentGradient%n",
          iterations);
      Tuple2<Vector, double[]> result =
          LBFGS.runLBFGS(
              Examples.forOptimizer(train).cache(),
              CotangentGradient.of(mlpLoss()),
              new SquaredL2Updater(),
              10,
              1e-9,
              iterations,
              0.0,
              Vectors.dense(weights));
      weights = result._1().toArray();
      losses = result._2();
      for (int i = 0; i < losses.length; i++) {
        printProgress(i, losses.length - 1, every, losses[i], Double.NaN);
      }
    } else if (optimizer.equals("adam")) {
      System.out.printf(
          "Optimiser: full-batch Adam (rate %.3g) on the driver; gradient summed over partitions"
              + " by DistributedLoss (treeAggregate)%n",
          rate);
      DistributedLoss<MlpAdjoint.LossGradient> objective = DistributedLoss.of(mlpLoss());
      Adam adam = new Adam(dimension, rate);
      losses = new double[iterations + 1];
      for (int i = 0; ; i++) {
        long before = System.nanoTime();
        LossSum sum = objective.evaluate(train, weights);
        losses[i] = sum.meanLoss();
        printProgress(i, iterations, every, losses[i], (System.nanoTime() - before) / 1e6);
        if (i == iterations) {
          break;
        }
        adam.step(weights, sum.meanGradient());
      }
    } else {
      throw new IllegalArgumentException("--optimizer must be adam or lbfgs, not " + optimizer);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "Trained in %.1f s (%d iterations): final loss %.4f, accuracy %.1f %% on the %d training"
            + " examples, %.1f %% on the %d held out%n",
        seconds, losses.length - 1, losses[losses.length - 1],
        100 * accuracy(spark, train, weights), count,
        100 * accuracy(spark, test, weights), test.count());
    Path plot =
        options.containsKey("plot") ? Paths.get(options.get("plot")) : LossCurve.defaultFile();
    System.out.printf(
        "Loss curve: %s%n",
        LossCurve.save(losses, "MLP on Spark (" + optimizer + "): training loss", plot));
  }

  /**
   * Logs warnings only when nothing configured log4j yet (a plain {@code java} run), before Spark
   * starts and installs its INFO defaults; under {@code spark-submit} log4j is already set up.
   */
  static void quietLogging() {
    if (System.getProperty("log4j2.configurationFile") == null
        && System.getProperty("log4j.configurationFile") == null) {
      System.setProperty(
          "log4j2.configurationFile", "dev/cotangent/spark/example/log4j2.properties");
    }
  }

  private static void printProgress(int i, int last, int every, double loss, double millis) {
    if (i % every == 0 || i == last) {
      System.out.printf(
          "iteration %4d: loss %.6f%s%n", i, loss,
          Double.isNaN(millis) ? "" : String.format(" (%.0f ms)", millis));
    }
  }

  /** Random weights scaled by the fan-in (Xavier initialisation); zero biases. */
  static double[] initialWeights(int features, int hidden, Random random) {
    double[] w = new double[Mlp.weights(features, hidden)];
    for (int j = 0; j < hidden; j++) {
      for (int i = 0; i < features; i++) {
        w[j * (features + 1) + 1 + i] = random.nextGaussian() / Math.sqrt(features);
      }
      w[hidden * (features + 1) + j] = random.nextGaussian() / Math.sqrt(hidden);
    }
    return w;
  }

  /** The fraction of {@code points} whose predicted class (probability above 1/2) is their label. */
  static double accuracy(JavaSparkContext spark, JavaRDD<LabeledPoint> points, double[] weights) {
    Broadcast<double[]> shared = spark.broadcast(weights);
    try {
      long total = points.count();
      long correct =
          points
              .filter(p -> (Mlp.probability(shared.value(), p.features().toArray()) > 0.5)
                  == (p.label() > 0.5))
              .count();
      return (double) correct / total;
    } finally {
      shared.destroy();
    }
  }

  /** {@code --name value} pairs. */
  static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 == args.length) {
        throw new IllegalArgumentException(
            "expected --name value pairs, got " + Arrays.toString(args));
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }
}
