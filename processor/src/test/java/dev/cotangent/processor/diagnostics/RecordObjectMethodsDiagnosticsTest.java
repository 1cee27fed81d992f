package dev.cotangent.processor.diagnostics;

import static dev.cotangent.processor.diagnostics.ExpectDiagnostics.check;
import static dev.cotangent.processor.diagnostics.ExpectDiagnostics.inClass;

import org.junit.jupiter.api.Test;

/**
 * A record's {@code equals}, {@code hashCode} and {@code toString}: accepted where they carry no
 * derivative; {@code ==} and {@code !=} on records, {@code equals} with something that is not a
 * record, {@code equals}/{@code hashCode} of records with array components, and
 * {@code hashCode}/{@code toString} of records the companions cannot name are
 * {@code [COTANGENT-RECORD]} errors at the line.
 */
class RecordObjectMethodsDiagnosticsTest {
  private static final String VEC = """
      record Vec(double x, double y) {}
      record Samples(double[] w, double s) {}
      private record Hidden(double a) {}
      """;

  @Test
  void acceptedUses() {
    check(inClass(VEC + """
        static int calls;
        static void note(String s) {
          calls++;
        }
        @Differentiable
        static double f(double x, double y) {
          Vec p = new Vec(x, y);
          Vec q = new Vec(y, x);
          note("p = " + p + " q = " + q.toString() + " " + p.hashCode());
          if (p.equals(q) || !q.equals(new Vec(1, 2))) {
            return x * y;
          }
          assert x < 1e9 : "too large at " + p;
          return x + y;
        }
        """));
  }

  @Test
  void refusedUses() {
    check(inClass(VEC + """
        @Differentiable
        static double f(double x, double y, double[] w) {
          Vec p = new Vec(x, y);
          Vec q = new Vec(y, x);
          Samples s = new Samples(w, x);
          Hidden h = new Hidden(y);
          if (p != q) { // error: [COTANGENT-RECORD] comparing records with !=
            return x;
          }
          if (p.equals(x)) { // error: [COTANGENT-RECORD] equals between the Vec and something other than a record
            return y;
          }
          if (s.equals(new Samples(w, y))) { // error: [COTANGENT-RECORD] equals on the record Samples, which has an array component is not supported; Java compares and hashes a record's arrays by identity
            return y;
          }
          int hash = h.hashCode(); // error: [COTANGENT-RECORD] hashCode or toString of the private record Hidden
          return x * hash;
        }
        """));
  }
}
