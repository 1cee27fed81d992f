package dev.cotangent.spark.example;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.regression.LabeledPoint;

/**
 * A generated data set that no linear model can learn: points drawn from the standard normal
 * distribution in {@code d} dimensions, of class 1 when they lie inside the sphere that holds half
 * of that distribution's mass, so that the two classes are (almost) equally frequent.
 *
 * <p>The radius is the median of the χ² distribution with {@code d} degrees of freedom, by the
 * Wilson–Hilferty approximation {@code r² = d·(1 - 2/(9d))³} (9.3480 for d = 10, where the exact
 * median is 9.3418, so that 50.06 % of the examples are of class 1). A linear model stays near
 * 50 % accuracy (the classes differ in the norm, not in a direction); {@link TrainOnSpark}'s
 * network with 16 hidden units reaches about 88 % in 200 full-batch Adam iterations and 91 % in
 * 100 L-BFGS ones.
 *
 * <p>The examples come in blocks of {@value #BLOCK} made from their own seeds ({@code seed} and the
 * block's index), so the data set is the same whatever the number of partitions, and on a cluster
 * the executors make it themselves: nothing is shipped from the driver.
 */
public final class Spheres {
  /** Examples per block: each block has its own random stream. */
  public static final int BLOCK = 10_000;

  private Spheres() {}

  /** The squared radius of the sphere that holds half of the standard normal distribution. */
  public static double squaredRadius(int dimension) {
    double c = 1 - 2.0 / (9 * dimension);
    return dimension * c * c * c;
  }

  /** {@code count} examples in {@code dimension} dimensions from {@code seed}, on this machine. */
  public static List<LabeledPoint> examples(int count, int dimension, long seed) {
    List<LabeledPoint> points = new ArrayList<>(count);
    for (int block = 0; block * BLOCK < count; block++) {
      points.addAll(block(block, Math.min(BLOCK, count - block * BLOCK), dimension, seed));
    }
    return points;
  }

  /**
   * The same examples as {@link #examples}, made on the executors in {@code partitions}
   * partitions.
   */
  public static JavaRDD<LabeledPoint> examples(
      JavaSparkContext spark, int count, int dimension, long seed, int partitions) {
    int blocks = (count + BLOCK - 1) / BLOCK;
    List<Integer> indices = IntStream.range(0, blocks).boxed().collect(Collectors.toList());
    return spark
        .parallelize(indices, Math.min(partitions, blocks))
        .flatMap(
            block ->
                Spheres.block(block, Math.min(BLOCK, count - block * BLOCK), dimension, seed)
                    .iterator());
  }

  /** Block {@code index}: {@code size} examples from the seed {@code seed} and the index. */
  static List<LabeledPoint> block(int index, int size, int dimension, long seed) {
    Random random = new Random(seed * 1_000_003L + index);
    double r2 = squaredRadius(dimension);
    List<LabeledPoint> points = new ArrayList<>(size);
    for (int k = 0; k < size; k++) {
      double[] x = new double[dimension];
      double norm2 = 0;
      for (int i = 0; i < dimension; i++) {
        x[i] = random.nextGaussian();
        norm2 += x[i] * x[i];
      }
      points.add(new LabeledPoint(norm2 < r2 ? 1.0 : 0.0, Vectors.dense(x)));
    }
    return points;
  }
}
