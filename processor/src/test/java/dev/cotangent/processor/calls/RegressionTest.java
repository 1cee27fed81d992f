package dev.cotangent.processor.calls;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.cotangent.processor.CotangentProcessor;
import dev.cotangent.processor.testing.CompiledSources;
import java.lang.reflect.Method;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Regressions found by the sample writers. */
class RegressionTest {

  /** Was: the tangent did not compile and the adjoint silently gave a zero derivative. */
  @Test
  void callsToVectorValuedMethodsThatMayReturnAnArgumentAreRejected() {
    JavaFileObject source = JavaFileObjects.forSourceString("p.V", """
        package p;
        import dev.cotangent.Differentiable;
        public class V {
          static double[] f(double[] v, double a) { if (a > 0) { v[0] = a; } return v; }
          @Differentiable static double g(double a) {
            double[] r = f(new double[] {a, 2}, a);
            return r[0] + r[1];
          }
        }
        """);
    Compilation compilation =
        Compiler.javac().withProcessors(new CotangentProcessor()).compile(source);
    assertThat(compilation).hadErrorContaining("[COTANGENT-CALL] the method f may return one of"
        + " its array arguments").inFile(source).onLine(6);
  }

  /** A method that only reads its arrays may be given the same array twice. */
  @Test
  void readOnlyMethodsAcceptAliasedArrays() throws Exception {
    CompiledSources compiled = CompiledSources.compile("""
        package p;
        import dev.cotangent.Differentiable;
        public class R {
          @Differentiable
          public static double dot(double[] a, double[] b) {
            double[] scratch = new double[a.length];
            double s = 0;
            for (int i = 0; i < a.length; i++) {
              scratch[i] = a[i] * b[i];
              s += scratch[i];
            }
            return s;
          }
        }
        """);
    Method gradient = compiled.load("p.RAdjoint").getMethod("dot", double[].class, double[].class);
    double[] w = {1.5, -2.0, 0.5};
    Object holder = gradient.invoke(null, w, w);
    double[] a = (double[]) holder.getClass().getField("a").get(holder);
    double[] b = (double[]) holder.getClass().getField("b").get(holder);
    for (int i = 0; i < w.length; i++) {
      assertEquals(w[i], a[i], 0.0);
      assertEquals(w[i], b[i], 0.0);
    }
  }
}
