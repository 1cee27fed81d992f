package dev.cotangent.processor.random;

import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The random programs' narrow data and index matrices (issue 25): {@code byte}, {@code short}
 * and {@code char} loop counters and switch selectors, narrow locals overwritten in loops with
 * Java's wrapping compound assignments (the reverse sweep restores them from the int stack), a
 * {@code byte[]} of weights written in place, and {@code int[][]} index data, constant or
 * written in a loop, indexing a {@code double[]}. Each statement is one block with its own
 * fresh locals, updates one assignable double {@code d} as {@code d = 0.5 * d + small * x} with
 * {@code x} squashed, and runs a constant number of trips, so the generator's bounds hold.
 */
final class NarrowDataStatements {
  private NarrowDataStatements() {}

  /**
   * One block over an assignable double {@code d}, the ints in scope, a readable {@code double[]}
   * {@code array} of length at least {@code minLength} (or null), a squashed double expression and
   * fresh names.
   */
  static String of(Random r, String d, List<String> ints, String array, int minLength,
      Supplier<String> squashed, Supplier<String> fresh) {
    String x = squashed.get();
    String k = ints.isEmpty() ? String.valueOf(r.nextInt(5)) : ints.get(r.nextInt(ints.size()));
    String a = fresh.get();
    String b = fresh.get();
    switch (r.nextInt(array == null ? 8 : 11)) {
      case 0:
        return "for (byte " + a + " = 0; " + a + " < 3; " + a + "++) " + d + " = 0.5 * " + d
            + " + " + x + " * " + a + " * 0.25;";
      case 1:
        return "{ short " + a + " = -2; while (" + a + " < 5) { " + d + " = 0.5 * " + d
            + " + 0.1 * " + a + " * " + x + "; " + a + " += 3; } }";
      case 2:
        return "for (char " + a + " = 'a'; " + a + " < 'd'; " + a + "++) " + d + " = 0.5 * " + d
            + " + (" + a + " - 'a') * 0.25 * " + x + ";";
      case 3:
        return "{ byte " + a + " = (byte) (" + k + " % 3); switch (" + a + ") { case 0: " + d
            + " = 0.5 * " + d + " + " + x + "; break; case 1: " + d + " = 0.5 * " + d + " - 0.25 * "
            + x + "; default: " + d + " *= 0.5; } }";
      case 4:
        return "{ short " + a + " = (short) (" + k + " % 2 * 1000); double " + b + " = switch ("
            + a + ") { case 0 -> " + x + "; case 1000 -> { double t" + b + " = 0.5 * " + d
            + "; yield t" + b + " * 0.5; } default -> 0.25; }; " + d + " = 0.5 * " + d + " + " + b
            + " * 0.5; }";
      case 5:
        return "{ char " + a + " = (char) ('a' + " + k + " % 3); switch (" + a + ") { case 'a' -> "
            + d + " = 0.5 * " + d + " + " + x + "; case 'b' -> " + d + " *= 0.5; default -> " + d
            + " = 0.25 * " + d + " - 0.25 * " + x + "; } }";
      case 6:
        return "{ byte " + a + " = (byte) (120 + " + k + "); for (int " + b + " = 0; " + b
            + " < 3; " + b + "++) { " + a + " += 5; " + d + " = 0.5 * " + d + " + 1e-3 * " + a
            + " * " + x + "; } }";
      case 7:
        return "{ byte[] " + a + " = {3, -2, 126}; for (int " + b + " = 0; " + b + " < " + a
            + ".length; " + b + "++) { " + a + "[" + b + "] += 100; " + d + " = 0.5 * " + d
            + " + 0.002 * " + a + "[" + b + "] * " + x + "; } }";
      case 8: {
        int n = Math.max(1, minLength);
        return "{ int[][] " + a + " = {{0, " + (1 % n) + "}, {" + (n - 1) + ", 0}}; for (int[] "
            + b + " : " + a + ") " + d + " = 0.5 * " + d + " + 0.25 * " + array + "[" + b
            + "[0]] * " + array + "[" + b + "[1]]; }";
      }
      case 9:
        return "{ int[][] " + a + " = new int[2][2]; for (int " + b + " = 0; " + b + " < 3; " + b
            + "++) { " + a + "[" + b + " % 2][1] = (" + a + "[" + b + " % 2][1] + " + b + " + 1) % "
            + array + ".length; " + d + " = 0.5 * " + d + " + 0.25 * " + array + "[" + a + "["
            + b + " % 2][1]] * " + x + "; } }";
      default:
        return "{ short " + a + " = (short) (" + k + " * 1000); " + d + " = 0.5 * " + d + " + "
            + a + " * 1e-5 * " + x + " + " + array + "[(byte) (" + a + " & 0) % " + array
            + ".length]; }";
    }
  }
}
