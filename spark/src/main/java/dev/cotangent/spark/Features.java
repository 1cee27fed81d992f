package dev.cotangent.spark;

import org.apache.spark.mllib.linalg.DenseVector;
import org.apache.spark.mllib.linalg.SparseVector;
import org.apache.spark.mllib.linalg.Vector;

/**
 * MLlib vectors as the {@code double[]} a generated pullback takes, without allocating per example:
 * a dense vector's own array, or a sparse vector scattered into one reused array.
 *
 * <p>One instance per task (it keeps the array for sparse vectors); not thread-safe.
 */
final class Features {
  private double[] scratch = new double[0];
  private int[] written = new int[0];
  private int writtenCount;

  /**
   * The elements of {@code vector} as an array, valid until the next call: the vector's own values
   * when it is dense (the pullback reads them and never writes a {@code @NoDerivative} array).
   */
  double[] of(Vector vector) {
    if (vector instanceof DenseVector dense) {
      return dense.values();
    }
    if (vector instanceof SparseVector sparse) {
      return scatter(sparse);
    }
    return vector.toArray();
  }

  private double[] scatter(SparseVector sparse) {
    int size = sparse.size();
    if (scratch.length != size) {
      scratch = new double[size];
      writtenCount = 0;
    } else {
      // Zero only what the previous sparse vector set.
      for (int k = 0; k < writtenCount; k++) {
        scratch[written[k]] = 0.0;
      }
    }
    int[] indices = sparse.indices();
    double[] values = sparse.values();
    if (written.length < indices.length) {
      written = new int[Math.max(indices.length, 2 * written.length)];
    }
    for (int k = 0; k < indices.length; k++) {
      scratch[indices[k]] = values[k];
      written[k] = indices[k];
    }
    writtenCount = indices.length;
    return scratch;
  }
}
