package dev.cotangent.processor.checkpoint;

import dev.cotangent.runtime.Checkpoints;
import java.lang.reflect.InvocationTargetException;

/** What a generated holder says about its memory, read through its public methods. */
final class Holders {
  private Holders() {}

  /** {@code holder.checkpoints(loop)}. */
  static Checkpoints checkpoints(Object holder, int loop) {
    return (Checkpoints) call(holder, "checkpoints", loop);
  }

  /** {@code holder.tapeBytes()}. */
  static long tapeBytes(Object holder) {
    return (Long) call(holder, "tapeBytes");
  }

  private static Object call(Object holder, String method, Object... args) {
    try {
      Class<?>[] types = new Class<?>[args.length];
      for (int i = 0; i < args.length; i++) {
        types[i] = int.class;
      }
      return holder.getClass().getMethod(method, types).invoke(holder, args);
    } catch (NoSuchMethodException | IllegalAccessException e) {
      throw new AssertionError(holder.getClass() + " has no public " + method, e);
    } catch (InvocationTargetException e) {
      throw new AssertionError(method + " threw", e.getCause());
    }
  }
}
