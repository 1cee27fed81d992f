package dev.cotangent.processor;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import javax.annotation.processing.ProcessingEnvironment;

/**
 * Finds javac's own processing environment behind the wrappers IDEs put around it. IntelliJ IDEA
 * passes a {@link Proxy} whose invocation handler holds the real environment in a field; other
 * tools wrap it in a class with a delegate field. {@code Trees.instance} only accepts javac's.
 */
final class JavacEnvironment {
  private static final int MAX_DEPTH = 4;

  private JavacEnvironment() {}

  static ProcessingEnvironment unwrap(ProcessingEnvironment environment) {
    ProcessingEnvironment current = environment;
    for (int depth = 0; depth < MAX_DEPTH && !isJavac(current); depth++) {
      Object holder = Proxy.isProxyClass(current.getClass())
          ? Proxy.getInvocationHandler(current) : current;
      ProcessingEnvironment inner = delegateIn(holder);
      if (inner == null || inner == current) {
        break;
      }
      current = inner;
    }
    return current;
  }

  private static boolean isJavac(ProcessingEnvironment environment) {
    return environment.getClass().getName().startsWith("com.sun.tools.javac.");
  }

  /** The first field (of the class or its superclasses) holding a processing environment. */
  private static ProcessingEnvironment delegateIn(Object holder) {
    for (Class<?> type = holder.getClass(); type != null && type != Object.class;
        type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        if (!ProcessingEnvironment.class.isAssignableFrom(field.getType())
            && !(holder instanceof InvocationHandler && field.getType() == Object.class)) {
          continue;
        }
        try {
          field.setAccessible(true);
          Object value = field.get(holder);
          if (value instanceof ProcessingEnvironment inner && value != holder) {
            return inner;
          }
        } catch (ReflectiveOperationException | RuntimeException e) {
          // Not accessible (a module boundary, say): try the next field.
        }
      }
    }
    return null;
  }
}
