package dev.cotangent.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cotangent.runtime.GradientCheck;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Issue 18's workload ({@link Drag}): the record and the doubles versions give the same loss bit
 * for bit, the record version's gradient (through the holder's {@code v0()}) matches central
 * differences with Richardson extrapolation and the doubles version's gradient, and
 * {@link Paired}'s methods return the same numbers.
 */
class RecordsWorkloadTest {
  private static final int STEPS = 2_000;

  private static double loss(double[] x) {
    return Drag.withRecords(new Drag.Vec3(x[0], x[1], x[2]), x[3], RecordsFixture.WIND,
        RecordsFixture.TARGET, STEPS);
  }

  @Test
  void recordGradientMatchesCentralDifferencesAndTheDoubles() {
    double[] x = {RecordsFixture.V0.x(), RecordsFixture.V0.y(), RecordsFixture.V0.z(),
        RecordsFixture.DRAG};
    Drag.Vec3 wind = RecordsFixture.WIND;
    Drag.Vec3 target = RecordsFixture.TARGET;
    assertEquals(loss(x), Drag.withDoubles(x[0], x[1], x[2], x[3], wind.x(), wind.y(), wind.z(),
        target.x(), target.y(), target.z(), STEPS), 0);
    DragAdjoint.WithRecordsGradient g = DragAdjoint.withRecords(RecordsFixture.V0, x[3], wind,
        target, STEPS);
    assertEquals(loss(x), g.value, 0);
    Drag.Vec3 gv = g.v0();
    double[] generated = {gv.x(), gv.y(), gv.z(), g.drag};
    DragAdjoint.WithDoublesGradient d = DragAdjoint.withDoubles(x[0], x[1], x[2], x[3], wind.x(),
        wind.y(), wind.z(), target.x(), target.y(), target.z(), STEPS);
    double[] doubles = {d.v0x, d.v0y, d.v0z, d.drag};
    for (int i = 0; i < 4; i++) {
      int at = i;
      DoubleUnaryOperator along = h -> {
        double[] y = x.clone();
        y[at] += h;
        return loss(y);
      };
      double numeric = GradientCheck.centralDifference(along, 0);
      assertEquals(numeric, generated[i], 1e-7 * Math.max(1, Math.abs(numeric)), "∂/∂x" + i);
      assertEquals(doubles[i], generated[i], 1e-12 * Math.max(1, Math.abs(numeric)), "doubles");
    }
  }

  @Test
  void pairedMethodsAgree() {
    Map<String, DoubleSupplier> records = RecordsFixture.records();
    Map<String, DoubleSupplier> doubles = RecordsFixture.doubles();
    assertEquals(records.get("primal").getAsDouble(), doubles.get("primal").getAsDouble(), 0);
    double gradient = DragAdjoint.withRecords(RecordsFixture.V0, RecordsFixture.DRAG,
        RecordsFixture.WIND, RecordsFixture.TARGET, RecordsFixture.STEPS).v0().x();
    for (int repeat = 0; repeat < 2; repeat++) { // the reused holders are cleared between calls
      assertEquals(gradient, records.get("cotangent").getAsDouble(), 0);
      assertEquals(gradient, doubles.get("cotangent").getAsDouble(), 1e-12 * Math.abs(gradient));
    }
  }
}
