package dev.cotangent.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cotangent.spark.example.LogisticAdjoint;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.mllib.linalg.DenseVector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.optimization.GradientDescent;
import org.apache.spark.mllib.optimization.SimpleUpdater;
import org.apache.spark.mllib.regression.LabeledPoint;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The adapters make one holder per task or partition, never one per example: counted through the
 * holder factory (the executors are threads of this JVM in {@code local[2]}, so a static counter
 * sees them all).
 */
class HolderAllocationTest {
  private static final double[] TRUTH = {0.5, -1.0, 2.0};
  private static final AtomicInteger HOLDERS = new AtomicInteger();

  /** The logistic loss, with a factory that counts the holders it makes. */
  private static ExampleLoss<LogisticAdjoint.LossGradient> countingLoss(LongAccumulator calls) {
    return ExampleLoss.of(
        (w, x, y, seed, into) -> {
          if (calls != null) {
            calls.add(1);
          }
          return LogisticAdjoint.loss(w, x, y, seed, into);
        },
        w -> {
          HOLDERS.incrementAndGet();
          return new LogisticAdjoint.LossGradient(w);
        },
        g -> g.w);
  }

  @BeforeEach
  void reset() {
    HOLDERS.set(0);
  }

  @Test
  void oneInstanceMakesOneHolderAndEachDeserializedCopyItsOwn() throws Exception {
    List<LabeledPoint> points = LocalSpark.logisticData(1000, TRUTH, 1);
    CotangentGradient<LogisticAdjoint.LossGradient> gradient =
        CotangentGradient.of(countingLoss(null));
    DenseVector weights = new DenseVector(new double[] {0.1, 0.2, -0.3});
    DenseVector sum = new DenseVector(new double[3]);
    double loss = 0;
    for (LabeledPoint p : points) {
      loss += gradient.compute(p.features(), p.label(), weights, sum);
    }
    assertEquals(1, HOLDERS.get());
    LossSum expected = LocalSpark.singleMachine(LocalSpark.logisticLoss(), points, weights.values());
    assertTrue(LocalSpark.relativeDifference(sum.values(), expected.gradient()) < 1e-12);
    assertTrue(LocalSpark.relativeDifference(loss, expected.loss()) < 1e-12);

    // What Spark does to ship the gradient to a task: the copy gets a holder of its own.
    CotangentGradient<?> copy = roundTrip(gradient);
    DenseVector copySum = new DenseVector(new double[3]);
    for (LabeledPoint p : points) {
      copy.compute(p.features(), p.label(), weights, copySum);
    }
    assertEquals(2, HOLDERS.get());
    assertTrue(LocalSpark.relativeDifference(copySum.values(), sum.values()) == 0);
  }

  @Test
  void gradientDescentMakesOneHolderPerTask() {
    List<LabeledPoint> points = LocalSpark.logisticData(1000, TRUTH, 2);
    LongAccumulator calls = LocalSpark.context().sc().longAccumulator("pullbacks");
    int iterations = 3;
    GradientDescent.runMiniBatchSGD(
        Examples.forOptimizer(LocalSpark.rdd(points, 2)),
        CotangentGradient.of(countingLoss(calls)),
        new SimpleUpdater(),
        1.0,
        iterations,
        0.0,
        1.0,
        Vectors.dense(new double[3]),
        0.0);
    // Spark 4 evaluates the loss at the final weights too: iterations + 1 passes over the data.
    int passes = iterations + 1;
    assertEquals(1000L * passes, calls.value(), "one pullback per example and pass");
    // One task per partition and pass, each with its own deserialized gradient and one holder.
    assertEquals(2 * passes, HOLDERS.get(), "holders");
  }

  @Test
  void distributedLossMakesOneHolderPerPartition() {
    List<LabeledPoint> points = LocalSpark.logisticData(1000, TRUTH, 3);
    LongAccumulator calls = LocalSpark.context().sc().longAccumulator("pullbacks");
    DistributedLoss<LogisticAdjoint.LossGradient> objective =
        DistributedLoss.of(countingLoss(calls));
    LossSum sum = objective.evaluate(LocalSpark.rdd(points, 2), new double[] {0.1, 0.2, -0.3});
    assertEquals(1000, sum.count());
    assertEquals(1000L, calls.value());
    assertEquals(2, HOLDERS.get());
    // An empty partition makes none.
    LocalSpark.context().parallelize(points.subList(0, 1), 3).count();
    objective.evaluate(LocalSpark.context().parallelize(points.subList(0, 1), 3), new double[3]);
    assertEquals(3, HOLDERS.get());
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T object) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(object);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }
}
