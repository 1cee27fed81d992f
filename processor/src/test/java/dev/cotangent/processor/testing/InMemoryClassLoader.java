package dev.cotangent.processor.testing;

import java.util.Map;

/**
 * Defines classes from the bytes javac wrote into compile-testing's in-memory file manager.
 *
 * <p>The parent is the test class loader, so generated code sees the same {@code dev.cotangent.runtime}
 * classes ({@code Dual}, {@code Tape}) as the tests do, and no {@code --add-exports} is needed.
 */
final class InMemoryClassLoader extends ClassLoader {
  static {
    registerAsParallelCapable();
  }

  private final Map<String, byte[]> classes;

  InMemoryClassLoader(ClassLoader parent, Map<String, byte[]> classes) {
    super(parent);
    this.classes = Map.copyOf(classes);
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    byte[] bytes = classes.get(name);
    if (bytes == null) {
      throw new ClassNotFoundException(name);
    }
    return defineClass(name, bytes, 0, bytes.length);
  }

  boolean defines(String name) {
    return classes.containsKey(name);
  }
}
