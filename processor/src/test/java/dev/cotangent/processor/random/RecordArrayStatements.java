package dev.cotangent.processor.random;

import java.util.Random;

/**
 * More of the random programs' records (issue 18), for {@link RecordStatements}: the method
 * {@code ra(Rv[] ps, double s)}, an array of records as a parameter whose elements are read and
 * written (checked by {@link RecordProgramsCheck}: the holder's {@code ps()} against central
 * differences with respect to the contents on entry, the caller's array after the companion as
 * the original leaves it), and the record statements that call {@code equals}, {@code hashCode}
 * and {@code toString} in non-differentiable positions. In a second-order program {@code ra} is
 * {@code @Differentiable(order = 2)} like {@code f} and {@code rq}.
 *
 * <p>The object methods stay out of the value's derivative without making it jump: {@code a}
 * and {@code b} are equal for every input (built the same way) or for none (one of them from
 * constants), and a hash enters an {@code int} whose test is never true ({@code h % 3} has no
 * value above 2). {@code toString()} (a call on its {@code String} is not followed) is in
 * {@code ra}'s guard message, a record concatenated or asked, on a path never taken.
 */
final class RecordArrayStatements {
  private RecordArrayStatements() {}

  /** The method {@code ra} (one of a few shapes, from {@code r}). */
  static String members(Random r, boolean hasK, boolean secondOrder) {
    StringBuilder s = new StringBuilder();
    s.append(secondOrder ? "  @Differentiable(order = 2)\n" : "  @Differentiable\n");
    s.append("  public static double ra(Rv[] ps, double s) {\n");
    s.append("    double e = 0;\n");
    switch (r.nextInt(3)) {
      case 0 -> s.append("""
              for (int i = 0; i < ps.length; i++) {
                Rv q = ps[i].scale(s);
                e += Math.tanh(q.dot(ps[i]));
                ps[i] = ps[i].plus(q.scale(0.25 * Math.sin(e)));
              }
          """);
      case 1 -> s.append("""
              for (Rv p : ps) {
                e += Math.sin(p.x() * s) + 0.5 * Math.tanh(p.dot(p));
              }
              for (int i = ps.length - 1; i > 0; i--) {
                ps[i] = ps[i - 1].scale(Math.tanh(e)).plus(ps[i].scale(0.5));
              }
          """);
      default -> s.append("""
              Rv acc = ps[0].scale(s);
              for (int i = 1; i < ps.length; i++) {
                acc = acc.plus(ps[i].scale(0.5 * Math.tanh(acc.dot(ps[i]))));
                if (acc.norm() > 2) {
                  break;
                }
              }
              ps[ps.length - 1] = acc;
              e = acc.norm();
          """);
    }
    if (hasK && r.nextBoolean()) {
      s.append("    ps[0] = ps[0].bump();\n");
    }
    s.append("    ps[0] = ps[ps.length - 1].scale(0.5).plus(ps[0]);\n");
    s.append("    if (!(ps[0].norm() < 1e9)) {\n      throw new IllegalStateException(\"diverged: \" + ")
        .append(r.nextBoolean() ? "ps[0]" : "ps[0].toString()").append(");\n    }\n");
    s.append("    return e + ps[0].norm() * s;\n  }\n\n");
    return s.toString();
  }

  /**
   * A record statement updating {@code d} that asks {@code equals}, {@code hashCode} and
   * {@code toString} (an expression {@code x}, names {@code a}, {@code b}, {@code h}).
   */
  static String objectMethods(Random r, String d, String x, String a, String b, String h) {
    String update = d + " = 0.5 * " + d + " + 0.25 * Math.tanh(";
    String other = r.nextBoolean() ? "Rv.of(" + d + ", " + x + ")" : "Rv.of(0.5, -0.25)";
    String hashed = r.nextBoolean() ? a : b;
    return "{ Rv " + a + " = Rv.of(" + d + ", " + x + "); Rv " + b + " = " + other + "; int " + h
        + " = 0; " + h + " += " + hashed + ".hashCode() % 3; if (" + a + ".equals(" + b + ")) { "
        + update + a + ".dot(" + b + ")); } else { " + update + a + ".x() - " + b + ".y()); } if ("
        + h + " > 2) { " + d + " = 0.5 * " + d + "; } }";
  }
}
