package dev.cotangent.processor.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cotangent.processor.CotangentProcessor;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;

/**
 * A processing environment that is not javac's (Eclipse's compiler, or an IDE's wrapper) has no
 * Tree API: the processor must say so once, clearly, and not throw.
 */
class WithoutTreesTest {

  @Test
  void reportsOneClearErrorAndDoesNotThrow() {
    List<String> errors = new ArrayList<>();
    TypeElement owner = proxy(TypeElement.class, Map.of("getKind", ElementKind.CLASS));
    ExecutableElement method = proxy(ExecutableElement.class,
        Map.of("getKind", ElementKind.METHOD, "getEnclosingElement", owner));
    TypeElement annotation = proxy(TypeElement.class, Map.of("getKind", ElementKind.ANNOTATION_TYPE));
    Elements elements = proxy(Elements.class, Map.of("getTypeElement", annotation));
    Messager messager = (Messager) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {Messager.class}, (p, m, args) -> {
          if (m.getName().equals("printMessage") && args[0] == Diagnostic.Kind.ERROR) {
            errors.add(args[1].toString());
          }
          return null;
        });
    ProcessingEnvironment environment = proxy(ProcessingEnvironment.class,
        Map.of("getElementUtils", elements, "getMessager", messager));
    RoundEnvironment round = proxy(RoundEnvironment.class,
        Map.of("getElementsAnnotatedWith", Set.of(method), "getRootElements", Set.of()));

    CotangentProcessor processor = new CotangentProcessor();
    processor.init(environment);
    boolean claimed = processor.process(Set.of(annotation), round);

    assertFalse(claimed);
    assertEquals(1, errors.size(), errors::toString);
    assertTrue(errors.get(0).startsWith("[COTANGENT-NO-TREES] Cotangent reads method bodies"
        + " through the javac Tree API, which this compiler does not provide"), errors.get(0));
    assertTrue(errors.get(0).contains("; compile with javac"), errors.get(0));
  }

  /** A proxy answering the named methods; anything else returns null (or an empty set). */
  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, Map<String, Object> answers) {
    return (T) Proxy.newProxyInstance(WithoutTreesTest.class.getClassLoader(),
        new Class<?>[] {type}, (p, m, args) -> {
          if (answers.containsKey(m.getName())) {
            return answers.get(m.getName());
          }
          if (m.getName().equals("hashCode")) {
            return System.identityHashCode(p);
          }
          if (m.getName().equals("equals")) {
            return p == args[0];
          }
          if (m.getName().equals("toString")) {
            return type.getSimpleName() + " proxy";
          }
          return Set.class.isAssignableFrom(m.getReturnType()) ? Set.of() : null;
        });
  }
}
