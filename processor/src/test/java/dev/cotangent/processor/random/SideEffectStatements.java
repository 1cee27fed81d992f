package dev.cotangent.processor.random;

import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The random programs' side effects inside expressions (issue 25): chained, compound and
 * incrementing assignments as operands, in conditions (right of {@code &&}, in {@code ?:}
 * branches), counters in {@code while}/{@code do} conditions, and a call whose result is
 * ignored. Every statement keeps the generator's bounds: the values assigned are squashed or
 * halved, and loops run a constant number of trips.
 */
final class SideEffectStatements {
  private SideEffectStatements() {}

  /**
   * One statement (a line) over two distinct assignable doubles from {@code doubles} (at least
   * two), the assignable ints, a squashed double expression and fresh names.
   */
  static String of(Random r, List<String> doubles, List<String> ints, Supplier<String> squashed,
      Supplier<String> fresh) {
    int first = r.nextInt(doubles.size());
    int second = (first + 1 + r.nextInt(doubles.size() - 1)) % doubles.size();
    String d = doubles.get(first);
    String e = doubles.get(second);
    String x = squashed.get();
    switch (r.nextInt(11)) {
      case 0:
        return d + " = " + e + " = " + x + ";";
      case 1:
        return d + " = (" + e + " += " + x + ") * 0.5 + " + e + " * 0.25;";
      case 2:
        return d + " = " + x + " + (" + e + " = 0.5 * " + e + " + " + squashed.get() + ") * " + e
            + ";";
      case 3:
        return d + " = 0.5 * " + e + "++ + " + x + " * " + e + ";";
      case 4:
        return d + " = (" + d + " *= 0.5) + (" + e + " -= " + x + ") * 0.25;";
      case 5:
        return "if ((" + d + " = " + x + ") > 0.2 && (" + e + " *= 0.5) < 1) " + e + " += " + d
            + ";";
      case 6:
        return d + " = " + x + " > 0 ? (" + e + " += 0.5) : (" + e + " -= 0.25 * " + d + ");";
      case 7: {
        String k = fresh.get();
        return "int " + k + " = 3; while (" + k + "-- > 0) " + d + " = 0.5 * " + d + " + " + x
            + " * " + k + ";";
      }
      case 8: {
        String k = fresh.get();
        return "int " + k + " = 2; do { " + d + " = 0.5 * " + d + " + " + x + "; } while (--" + k
            + " > 0 || (" + e + " *= 0.5) > 10);";
      }
      case 9:
        if (!ints.isEmpty()) {
          String k = ints.get(r.nextInt(ints.size()));
          return d + " += (" + k + "++ % 3) * 0.1 * " + x + ";";
        }
        return "Math.sin(" + x + ");";
      default:
        return "Math.atan(" + d + " = " + x + ");";
    }
  }
}
