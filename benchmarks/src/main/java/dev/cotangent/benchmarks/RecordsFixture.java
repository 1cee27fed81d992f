package dev.cotangent.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * {@link Paired}'s workloads of issue 18: the particle under drag of {@link Drag}, 100,000 steps,
 * written with a {@code Vec3} record and with double locals, each measured as the primal and the
 * gradient through the pullback into a reused, cleared holder ({@code cotangent}). The two J/f
 * should be within 10 % of each other: the records are scalar-replaced in the companions.
 */
final class RecordsFixture {
  private RecordsFixture() {}

  /** Steps of the measured simulation. */
  static final int STEPS = 100_000;

  static final Drag.Vec3 V0 = new Drag.Vec3(12, 3, 9);
  static final double DRAG = 0.05;
  static final Drag.Vec3 WIND = new Drag.Vec3(-2, 1, 0);
  static final Drag.Vec3 TARGET = new Drag.Vec3(8, 2, 1);

  /** The simulation with records. */
  static Map<String, DoubleSupplier> records() {
    DragAdjoint.WithRecordsGradient into = new DragAdjoint.WithRecordsGradient();
    Map<String, DoubleSupplier> m = new LinkedHashMap<>();
    m.put("primal", () -> Drag.withRecords(V0, DRAG, WIND, TARGET, STEPS));
    m.put("cotangent", () -> {
      into.clear();
      DragAdjoint.withRecords(V0, DRAG, WIND, TARGET, STEPS, 1.0, into);
      return into.v0X;
    });
    return m;
  }

  /** The same simulation with double locals. */
  static Map<String, DoubleSupplier> doubles() {
    DragAdjoint.WithDoublesGradient into = new DragAdjoint.WithDoublesGradient();
    Map<String, DoubleSupplier> m = new LinkedHashMap<>();
    m.put("primal", () -> Drag.withDoubles(V0.x(), V0.y(), V0.z(), DRAG, WIND.x(), WIND.y(),
        WIND.z(), TARGET.x(), TARGET.y(), TARGET.z(), STEPS));
    m.put("cotangent", () -> {
      into.clear();
      DragAdjoint.withDoubles(V0.x(), V0.y(), V0.z(), DRAG, WIND.x(), WIND.y(), WIND.z(),
          TARGET.x(), TARGET.y(), TARGET.z(), STEPS, 1.0, into);
      return into.v0x;
    });
    return m;
  }
}
