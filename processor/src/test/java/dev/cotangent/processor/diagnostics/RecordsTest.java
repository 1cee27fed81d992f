package dev.cotangent.processor.diagnostics;

import static dev.cotangent.processor.diagnostics.ExpectDiagnostics.check;
import static dev.cotangent.processor.diagnostics.ExpectDiagnostics.inClass;

import org.junit.jupiter.api.Test;

/**
 * Records Cotangent cannot scalar-replace, and uses of records it does not give a meaning to:
 * each a {@code [COTANGENT-RECORD]} error on the offending line, saying what to write instead.
 */
class RecordsTest {
  private static final String VEC = """
      record Vec(double x, double y) {
        Vec plus(Vec o) {
          return new Vec(x + o.x, y + o.y);
        }
        double early() {
          if (x > 0) {
            return x;
          }
          return y;
        }
        double loop() {
          return loop();
        }
      }
      """;

  @Test
  void supportedUsesCompile() {
    check(inClass(VEC + """
        @Differentiable
        static double f(double x, double y) {
          Vec p = new Vec(x, y);
          var q = p.plus(new Vec(1, 2));
          return q.x() * p.y;
        }
        """));
  }

  @Test
  void mutableClass() {
    check(inClass("""
        static class Particle {
          double x;
          Particle(double x) {
            this.x = x;
          }
        }
        @Differentiable
        static double f(double x) {
          Particle p = new Particle(x); // error: [COTANGENT-RECORD] Particle is a class, not a record
          return x;
        }
        """));
  }

  @Test
  void recordWithAStringComponent() {
    check(inClass("""
        record Named(String name, double v) {}
        @Differentiable
        static double f(double x) {
          Named n = new Named("a", x); // error: [COTANGENT-RECORD] has the component java.lang.String name
          return x;
        }
        """));
  }

  @Test
  void genericRecord() {
    check(inClass("""
        record Pair<T>(T a, T b) {}
        @Differentiable
        static double f(double x) {
          Pair<Double> p = new Pair<>(x, x); // error: [COTANGENT-RECORD] the generic record Pair
          return x;
        }
        """));
  }

  @Test
  void constructorWithSideEffects() {
    check(inClass("""
        record Loud(double v) {
          Loud {
            System.out.println(v);
          }
        }
        @Differentiable
        static double f(double x) {
          Loud l = new Loud(x); // error: [COTANGENT-RECORD] (a side effect)
          return l.v();
        }
        """));
  }

  @Test
  void explicitCanonicalAndOtherConstructors() {
    check(inClass("""
        record Explicit(double v) {
          Explicit(double v) {
            this.v = 2 * v;
          }
        }
        record Two(double a, double b) {
          Two(double a) {
            this(a, a);
          }
        }
        @Differentiable
        static double f(double x) {
          Explicit e = new Explicit(x); // error: [COTANGENT-RECORD] the explicit canonical constructor of Explicit
          Two t = new Two(x); // error: [COTANGENT-RECORD] a constructor of Two other than the canonical one
          return x;
        }
        """));
  }

  @Test
  void identityComparison() {
    check(inClass(VEC + """
        @Differentiable
        static double f(double x, double y) {
          Vec p = new Vec(x, y);
          Vec q = p;
          if (p == q) { // error: [COTANGENT-RECORD] comparing records with ==
            return x;
          }
          return y;
        }
        """));
  }

  @Test
  void recordsWhereNumbersAreExpected() {
    check(inClass(VEC + """
        static double helper(Vec v) {
          return v.x();
        }
        @Differentiable
        static double f(double x, double y) {
          Vec p = new Vec(x, y);
          double a = p; // error: [COTANGENT-RECORD] the Vec here, where a number is expected
          double b = helper(p); // error: [COTANGENT-RECORD] passing a record to helper
          return x;
        }
        """));
  }

  @Test
  void recordMethodsThatCannotBeInlined() {
    check(inClass(VEC + """
        @Differentiable
        static double f(double x, double y) {
          Vec p = new Vec(x, y);
          double a = p.early(); // error: [COTANGENT-RECORD] its body must end in its only return statement
          double b = p.loop(); // error: [COTANGENT-RECORD] the recursive record method Vec.loop
          return a + b;
        }
        """));
  }

  @Test
  void effectsInsideRecordExpressions() {
    check(inClass(VEC + """
        @Differentiable
        static double f(double x, double y) {
          double t = x;
          Vec p = new Vec(t++, y); // error: [COTANGENT-RECORD] an assignment, ++ or -- inside an expression that builds or uses a record
          return t;
        }
        """));
  }

  @Test
  void recordParametersAndResultsThatCannotBeFlattened() {
    check(inClass(VEC + """
        private record Hidden(double a) {}
        record Flag(double a, boolean on) {}
        @Differentiable(order = 2)
        static double f(Vec p, double y) {
          return y * p.x();
        }
        @Differentiable(order = 2)
        static Vec twice(Vec p) { // error: [COTANGENT-ORDER] twice (its record result is returned as a double[] of the components), which returns double[]
          return p.plus(p);
        }
        @Differentiable
        static double g(Hidden h) { // error: [COTANGENT-RECORD] the private record Hidden in a signature
          return h.a();
        }
        @Differentiable
        static Flag k(double x) { // error: [COTANGENT-RECORD] returning the record Flag, which has a boolean component
          return new Flag(x, true);
        }
        """));
  }
}
