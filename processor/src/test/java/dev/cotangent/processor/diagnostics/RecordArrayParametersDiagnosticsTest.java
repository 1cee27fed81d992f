package dev.cotangent.processor.diagnostics;

import static dev.cotangent.processor.diagnostics.ExpectDiagnostics.check;
import static dev.cotangent.processor.diagnostics.ExpectDiagnostics.inClass;

import org.junit.jupiter.api.Test;

/**
 * Arrays of records in signatures: as parameters they compile (read, written, in a void method
 * that writes them); an array of records as a result, or one whose record has a component no
 * array can hold, is a {@code [COTANGENT-RECORD]} error at the type.
 */
class RecordArrayParametersDiagnosticsTest {
  private static final String VEC = """
      record Vec(double x, double y) {
        Vec plus(Vec o) {
          return new Vec(x + o.x, y + o.y);
        }
      }
      """;

  @Test
  void arraysOfRecordsAsParametersCompile() {
    check(inClass(VEC + """
        @Differentiable
        static double f(Vec[] ps, double k) {
          double s = 0;
          for (Vec p : ps) {
            s += k * p.x() * p.y;
          }
          return s + ps.length;
        }
        @Differentiable
        static void shift(Vec[] ps, Vec by) {
          for (int i = 0; i < ps.length; i++) {
            ps[i] = ps[i].plus(by);
          }
        }
        """));
  }

  @Test
  void arraysOfRecordsThatCannotBeParametersOrResults() {
    check(inClass(VEC + """
        record Flag(double a, boolean on) {}
        @Differentiable
        static Vec[] twice(Vec[] ps) { // error: [COTANGENT-RECORD] returning an array of records at `Vec[]`
          return ps;
        }
        @Differentiable
        static double g(Flag[] flags) { // error: [COTANGENT-RECORD] an array of Flag, which has a boolean component at `Flag[]`
          return 1;
        }
        """));
  }
}
