package dev.cotangent.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The runner's tangent summary pairs each {@code tangent} row with its own group's primal. */
class RunnerTest {

  private static Runner.Row row(String group, String method, double median, double primal) {
    return new Runner.Row(group, method, 2, median, median, median, 0, median / primal);
  }

  @Test
  void tangentRowsUseTheirGroupsPrimal() {
    List<Runner.Row> rows = List.of(
        row("RosenbrockBench n=10", "cotangent", 5.0, 1.0),
        row("RosenbrockBench n=10", "primal", 1.0, 1.0),
        row("RosenbrockBench n=10", "tangent", 1.5, 1.0),
        row("RosenbrockBench n=100", "primal", 10.0, 10.0),
        row("RosenbrockBench n=100", "tangent", 25.0, 10.0),
        row("NoPrimal x=1", "tangent", 3.0, Double.NaN));
    List<Runner.TangentRow> t = Runner.tangentRows(rows);
    assertEquals(3, t.size());
    assertEquals(new Runner.TangentRow("RosenbrockBench n=10", 1.0, 1.5, 1.5), t.get(0));
    assertTrue(t.get(0).meetsTarget());
    assertEquals(10.0, t.get(1).primalUs());
    assertEquals(2.5, t.get(1).ratio());
    assertFalse(t.get(1).meetsTarget());
    assertTrue(Double.isNaN(t.get(2).primalUs()));
    assertFalse(t.get(2).meetsTarget());
  }
}
