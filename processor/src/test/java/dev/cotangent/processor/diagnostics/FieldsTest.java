package dev.cotangent.processor.diagnostics;

import static dev.cotangent.processor.diagnostics.ExpectDiagnostics.check;
import static dev.cotangent.processor.diagnostics.ExpectDiagnostics.inClass;
import static dev.cotangent.processor.diagnostics.ExpectDiagnostics.inMethod;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Fields: static fields can be read (they are constants for differentiation), never written;
 * instance fields of this object can be read (as constants) by instance methods only; private
 * static fields are only readable when they are compile-time constants, and private instance
 * fields not at all, because the generated companions cannot see them.
 */
class FieldsTest {

  @Test
  void assignmentToStaticField() {
    check(inClass("""
        static double total;

        @Differentiable
        static double f(double x) {
          total = x; // error: [COTANGENT-FIELD-WRITE] assigning to total is not supported at `total`
          return x;
        }
        """));
  }

  @Test
  void compoundAssignmentAndIncrementOfStaticFields() {
    check(inClass("""
        static double total;
        static int calls;

        @Differentiable
        static double f(double x) {
          C.total += x; // error: [COTANGENT-FIELD-WRITE] assigning to C.total at `C.total`
          calls++; // error: [COTANGENT-FIELD-WRITE] assigning to calls at `calls`
          --C.calls; // error: [COTANGENT-FIELD-WRITE] at `C.calls`
          return x;
        }
        """));
  }

  @Test
  void assignmentToFieldOfAnotherClass() {
    check(
        inClass("""
            @Differentiable
            static double f(double x) {
              Counter.count = 1; // error: [COTANGENT-FIELD-WRITE] assigning to Counter.count at `Counter.count`
              return x;
            }
            """),
        """
        package p;

        class Counter {
          static int count;
        }
        """);
  }

  @Test
  void readingInstanceField() {
    // javac would reject it too, but stops after the processor's error
    check(inClass("""
        double weight = 2;

        @Differentiable
        static double f(double x) {
          return weight * x; // error: [COTANGENT-INSTANCE-FIELD] the instance field weight cannot be read here (a static method, or a field of another object); pass it as a parameter (mark it @NoDerivative to hold it constant) at `weight`
        }
        """));
  }

  @Test
  void readingQualifiedInstanceField() {
    check(inClass("""
        double weight = 2;

        @Differentiable
        static double f(double x) {
          return C.weight * x; // error: [COTANGENT-INSTANCE-FIELD] at `C.weight`
        }
        """));
  }

  @Test
  void instanceFieldsAreReadAsConstantsByInstanceMethods() {
    ExpectDiagnostics.Result result = check(inClass("""
        double weight = 2;
        final double[] bias = {1, 2};

        @Differentiable
        double f(double x) {
          return weight * x + this.weight * x * x + bias[1] + this.bias[0];
        }
        """));
    assertTrue(result.generated("p.CAdjoint").isPresent(), result.report());
    assertTrue(result.generated("p.CTangent").isPresent(), result.report());
  }

  @Test
  void privateInstanceFieldReadByAnInstanceMethod() {
    check(inClass("""
        private double weight = 2;

        @Differentiable
        double f(double x) {
          double a = weight * x; // error: [COTANGENT-PRIVATE-FIELD] the private field weight cannot be read by the generated companions, which are other classes; make it package-private (instance fields are read as constants) at `weight`
          return a * this.weight; // the same field again: reported once
        }
        """));
  }

  @Test
  void aPrivateFieldIsReportedOncePerFieldNotPerUse() {
    check(inClass("""
        private static final double C = Math.log(2);
        private static double scale = 1.5;

        @Differentiable
        static double f(double x) {
          double a = C * x; // error: [COTANGENT-PRIVATE-FIELD] the private field C is not a compile-time constant at `C`
          double b = C * a;
          return scale * b; // error: [COTANGENT-PRIVATE-FIELD] the private field scale at `scale`
        }

        @Differentiable
        static double g(double x) {
          return C * x + scale; // both already reported
        }
        """));
  }

  @Test
  void instanceFieldOfAnotherObject() {
    check(inClass("""
        static final C OTHER = new C();
        double weight = 2;

        @Differentiable
        double f(double x) {
          return OTHER.weight * x; // error: [COTANGENT-INSTANCE-FIELD] the instance field weight cannot be read here at `OTHER.weight`
        }
        """));
  }

  @Test
  void privateNonConstantStaticField() {
    check(inClass("""
        private static final double C = Math.log(2);

        @Differentiable
        static double f(double x) {
          return C * x; // error: [COTANGENT-PRIVATE-FIELD] the private field C is not a compile-time constant at `C`
        }
        """));
  }

  @Test
  void privateMutableStaticField() {
    check(inClass("""
        private static double scale = 1.5;

        @Differentiable
        static double f(double x) {
          return scale * x; // error: [COTANGENT-PRIVATE-FIELD] the private field scale at `scale`
        }
        """));
  }

  @Test
  void privateCompileTimeConstantIsInlined() {
    ExpectDiagnostics.Result result = check(inClass("""
        private static final double K = 2.5;
        private static final int N = 3;
        private static final long BIG = 1L << 40;
        private static final boolean ON = true;

        @Differentiable
        static double f(double x) {
          return ON ? K * x * N + BIG : x;
        }
        """));
    String adjoint = result.generated("p.CAdjoint").orElseThrow();
    assertTrue(adjoint.contains("2.5"), adjoint);
  }

  @Test
  void constantsOfOtherClassesCompile() {
    check(
        inClass("""
            @Differentiable
            static double f(double x, int n) {
              double a = q.Physics.G * x + Physics2.RHO;
              double b = Integer.MAX_VALUE * 0.0 + Double.MIN_VALUE + Long.SIZE;
              return a + b + Math.PI * n + Double.POSITIVE_INFINITY * 0;
            }
            """),
        """
        package q;

        public final class Physics {
          private Physics() {}

          public static final double G = 9.81;
        }
        """,
        """
        package p;

        class Physics2 {
          static final double RHO = 1.225;
        }
        """);
  }

  @Test
  void nonConstantStaticFieldOfSamePackageCompiles() {
    check(inClass("""
        static final double LN2 = Math.log(2);
        static double scale = 3;

        @Differentiable
        static double f(double x) {
          return LN2 * x * scale;
        }
        """));
  }

  @Test
  void fieldsOfPrivateNestedClass() {
    check(inClass("""
        private static final class Table {
          static final double K = 3;
          static final double L = Math.sqrt(2);
        }

        @Differentiable
        static double f(double x) {
          double a = Table.K * x;
          return a * Table.L; // error: [COTANGENT-PRIVATE-FIELD] at `Table.L`
        }
        """));
  }

  @Test
  void staticFieldOfUnsupportedType() {
    check(inClass("""
        static final Object LETTER = 'a';

        @Differentiable
        static double f(double x) {
          return x * (char) LETTER; // error: [COTANGENT-TYPE] type java.lang.Object is not supported for the field LETTER at `LETTER`
        }
        """));
  }

  @Test
  void stringFieldMethodCall() {
    check(inClass("""
        static final String NAME = "n";

        @Differentiable
        static double f(double x) {
          return x * NAME.length(); // error: [COTANGENT-CALL] NAME.length() calls a method of the object NAME at `NAME.length()`
        }
        """));
  }

  @Test
  void unknownName() {
    // javac would say "cannot find symbol" too, but stops after the processor's error
    check(inMethod("""
        return x * zeta; // error: [COTANGENT-UNKNOWN-NAME] cannot resolve zeta at `zeta`
        """));
  }

  @Test
  void unknownQualifiedName() {
    check(inMethod("""
        return x * Nowhere.ZETA; // error: [COTANGENT-UNKNOWN-NAME] cannot resolve Nowhere.ZETA at `Nowhere.ZETA`
        """));
  }
}
