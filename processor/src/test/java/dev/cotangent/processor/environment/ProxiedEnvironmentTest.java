package dev.cotangent.processor.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.cotangent.processor.CotangentProcessor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;

/**
 * IntelliJ IDEA hands processors a {@link Proxy} around javac's environment, on which
 * {@code Trees.instance} fails. The processor must find javac's environment behind it.
 */
class ProxiedEnvironmentTest {

  /** Like IntelliJ's: the handler keeps the real environment in a captured field. */
  static final class ForwardingHandler implements InvocationHandler {
    private final ProcessingEnvironment delegateTo;

    ForwardingHandler(ProcessingEnvironment delegateTo) {
      this.delegateTo = delegateTo;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      try {
        return method.invoke(delegateTo, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }

  /** Runs Cotangent with a proxied environment, as the IDE would. */
  static final class ProxyingProcessor extends AbstractProcessor {
    private final CotangentProcessor cotangent = new CotangentProcessor();

    @Override
    public synchronized void init(ProcessingEnvironment environment) {
      super.init(environment);
      ProcessingEnvironment proxied = (ProcessingEnvironment) Proxy.newProxyInstance(
          getClass().getClassLoader(), new Class<?>[] {ProcessingEnvironment.class},
          new ForwardingHandler(environment));
      cotangent.init(proxied);
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return cotangent.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      return cotangent.process(annotations, round);
    }
  }

  @Test
  void generatesCompanionsBehindAProxy() throws Exception {
    Compilation compilation = Compiler.javac().withProcessors(new ProxyingProcessor())
        .compile(JavaFileObjects.forSourceString("p.C", """
            package p;
            import dev.cotangent.Differentiable;
            public class C {
              @Differentiable
              public static double f(double x) { return x * Math.sin(x); }
            }
            """));
    assertEquals(Compilation.Status.SUCCESS, compilation.status(),
        () -> compilation.diagnostics().toString());
    String adjoint = compilation.generatedSourceFile("p.CAdjoint").orElseThrow()
        .getCharContent(true).toString();
    assertTrue(adjoint.contains("xBar = "), adjoint);
  }
}
