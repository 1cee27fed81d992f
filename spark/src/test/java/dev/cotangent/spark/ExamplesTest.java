package dev.cotangent.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cotangent.spark.example.LogisticAdjoint;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.mllib.linalg.DenseVector;
import org.apache.spark.mllib.linalg.SparseVector;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.regression.LabeledPoint;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/** Sparse features, Datasets and MLlib's tuples reach the pullback as the same numbers. */
class ExamplesTest {
  private static final double[] W = {0.3, -0.7, 1.1, 0.2, -0.4};

  /** Sparse vectors with changing patterns, and their dense twins. */
  private static List<LabeledPoint> sparse() {
    List<LabeledPoint> points = new ArrayList<>();
    for (int k = 0; k < 60; k++) {
      int a = k % 4;
      int b = (k * 7 + 1) % 4;
      int[] indices = a == b ? new int[] {a} : new int[] {Math.min(a, b), Math.max(a, b)};
      double[] values = new double[indices.length];
      for (int i = 0; i < values.length; i++) {
        values[i] = Math.sin(k + 3.0 * i);
      }
      points.add(new LabeledPoint(k % 3 == 0 ? 1 : 0, Vectors.sparse(4, indices, values)));
    }
    return points;
  }

  private static List<LabeledPoint> dense(List<LabeledPoint> points) {
    List<LabeledPoint> dense = new ArrayList<>();
    for (LabeledPoint p : points) {
      dense.add(new LabeledPoint(p.label(), Vectors.dense(p.features().toArray())));
    }
    return dense;
  }

  @Test
  void sparseFeaturesGiveTheDenseResult() {
    List<LabeledPoint> sparse = sparse();
    List<LabeledPoint> dense = dense(sparse);
    CotangentGradient<LogisticAdjoint.LossGradient> gradient =
        CotangentGradient.of(LocalSpark.logisticLoss());
    DenseVector weights = new DenseVector(W);
    DenseVector fromSparse = new DenseVector(new double[W.length]);
    DenseVector fromDense = new DenseVector(new double[W.length]);
    double sparseLoss = 0;
    double denseLoss = 0;
    for (int k = 0; k < sparse.size(); k++) {
      sparseLoss += gradient.compute(sparse.get(k).features(), sparse.get(k).label(), weights,
          fromSparse);
      denseLoss += gradient.compute(dense.get(k).features(), dense.get(k).label(), weights,
          fromDense);
    }
    assertEquals(denseLoss, sparseLoss);
    assertArrayEquals(fromDense.values(), fromSparse.values());

    LossSum overSparse = DistributedLoss.of(LocalSpark.logisticLoss())
        .evaluate(LocalSpark.rdd(sparse, 2), W);
    LossSum overDense = LocalSpark.singleMachine(LocalSpark.logisticLoss(), dense, W);
    assertEquals(overDense.loss(), overSparse.loss(), 1e-12 * Math.abs(overDense.loss()));
    assertArrayEquals(overDense.gradient(), overSparse.gradient(),
        1e-12 * LocalSpark.maxAbs(overDense.gradient()));
  }

  @Test
  void datasetRowsBecomeLabeledPoints() {
    StructType schema =
        new StructType()
            .add("y", DataTypes.IntegerType)
            .add("x", new VectorUDT())
            .add("other", DataTypes.StringType);
    List<Row> rows =
        List.of(
            RowFactory.create(1, org.apache.spark.ml.linalg.Vectors.dense(1.0, 2.0), "a"),
            RowFactory.create(0, org.apache.spark.ml.linalg.Vectors.sparse(2, new int[] {1},
                new double[] {-3.0}), "b"));
    Dataset<Row> frame = LocalSpark.session().createDataFrame(rows, schema);
    List<LabeledPoint> points = Examples.fromDataset(frame, "y", "x").collect();
    assertEquals(2, points.size());
    assertEquals(1.0, points.get(0).label());
    assertArrayEquals(new double[] {1.0, 2.0}, points.get(0).features().toArray());
    assertEquals(0.0, points.get(1).label());
    assertEquals(SparseVector.class, points.get(1).features().getClass());
    assertArrayEquals(new double[] {0.0, -3.0}, points.get(1).features().toArray());
  }

  @Test
  void forOptimizerPairsLabelsAndFeatures() {
    List<LabeledPoint> points = dense(sparse()).subList(0, 5);
    List<Tuple2<Object, Vector>> pairs = Examples.forOptimizer(LocalSpark.rdd(points, 2))
        .toJavaRDD().collect();
    for (int k = 0; k < points.size(); k++) {
      assertEquals(points.get(k).label(), (Double) pairs.get(k)._1());
      assertArrayEquals(points.get(k).features().toArray(), pairs.get(k)._2().toArray());
    }
  }

  @Test
  void mismatchedShapesAreRefused() {
    CotangentGradient<LogisticAdjoint.LossGradient> gradient =
        CotangentGradient.of(LocalSpark.logisticLoss());
    Vector x = Vectors.dense(1, 2, 3, 4);
    assertThrows(IllegalArgumentException.class,
        () -> gradient.compute(x, 1, new DenseVector(W), Vectors.sparse(5, new int[0],
            new double[0])));
    assertThrows(IllegalArgumentException.class,
        () -> gradient.compute(x, 1, new DenseVector(W), new DenseVector(new double[3])));
    ExampleLoss<LogisticAdjoint.LossGradient> wrong =
        ExampleLoss.of(LogisticAdjoint::loss, w -> new LogisticAdjoint.LossGradient(new double[2]),
            g -> g.w);
    assertThrows(IllegalArgumentException.class, () -> wrong.newHolder(W));
  }
}
