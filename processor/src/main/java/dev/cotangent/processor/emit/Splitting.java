package dev.cotangent.processor.emit;

/**
 * When emit splits a generated method ({@link FramedBody}), and into parts of what size.
 *
 * <p>A companion whose {@link BytecodeSize} bound exceeds {@code splitAbove} bytes is split;
 * every other one is written exactly as before, in one method. The default, 60,000, keeps a
 * margin under the JVM's 65,535 although the bound is never below javac's code; parts are then
 * at most 7,500 bytes, under the 8,000 bytes above which HotSpot does not compile a method
 * ({@code -XX:-DontCompileHugeMethods}), so that split code is compiled like any other.
 *
 * <p>{@code -Acotangent.splitAbove=N} lowers the threshold (parts are then {@code N / 8} bytes):
 * {@code 0} splits every method into parts of one statement, which the random-program test uses
 * to run every construct across part boundaries.
 *
 * @param splitAbove the bound (bytes) above which a method is split
 * @param partSize the bound (bytes) a part stays within, unless one statement is larger
 */
record Splitting(int splitAbove, int partSize) {
  /** The processor option. */
  static final String OPTION = "cotangent.splitAbove";

  static final Splitting DEFAULT = of(60_000);

  static Splitting of(int splitAbove) {
    return new Splitting(splitAbove, Math.min(7_500, splitAbove / 8));
  }

  /** The option's value, or null when it is not a number of bytes. */
  static Splitting parse(String option) {
    if (option == null) {
      return DEFAULT;
    }
    try {
      int bytes = Integer.parseInt(option.trim());
      return bytes < 0 ? null : of(Math.min(bytes, DEFAULT.splitAbove()));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  boolean splits(int estimate) {
    return estimate > splitAbove;
  }
}
