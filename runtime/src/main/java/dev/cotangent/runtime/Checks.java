package dev.cotangent.runtime;

/** Run-time checks made by generated companions where a compile-time check is impossible. */
public final class Checks {
  private Checks() {}

  /**
   * Two array parameters must not be the same array: their gradients are kept apart, so
   * differentiating through an aliased pair would give a wrong result.
   *
   * @throws IllegalArgumentException if {@code a} and {@code b} are the same non-null array
   */
  public static void distinct(Object a, Object b, String nameA, String nameB) {
    if (a != null && a == b) {
      throw new IllegalArgumentException("Cotangent: the arguments " + nameA + " and " + nameB
          + " are the same array; differentiating through aliased array parameters is not"
          + " supported: pass a copy");
    }
  }

  /**
   * An output cotangent or tangent array must have the length of the function's result.
   *
   * @throws IllegalArgumentException if the lengths differ
   */
  public static void sameLength(double[] result, double[] given, String name) {
    if (given.length != result.length) {
      throw new IllegalArgumentException("Cotangent: " + name + " has length " + given.length
          + " but the function's result has length " + result.length);
    }
  }
}
