package dev.cotangent.processor.random;

import java.util.Random;
import java.util.function.Supplier;

/**
 * The random programs' records (issue 18), added through hooks in {@link ProgramGenerator}: one
 * program in three declares a record {@code Rv} of two or three doubles, maybe an {@code int}
 * counter {@code k} and maybe a nested record {@code Rw(double u, double v)}, with {@code plus},
 * {@code scale}, {@code dot}, {@code norm} (over its own components or as {@code dot(this)}), a
 * static factory {@code of}, maybe a validating compact constructor and {@code bump} (which
 * counts in {@code k}). Such a program's {@code f} begins with a record statement on {@code x0}
 * and its body may hold more of them (each one block: records built, reassigned in loops, passed
 * to record methods, in branches, after a {@code break}, in {@code ?:}), each updating one
 * assignable double as {@code d = 0.5 * d + 0.25 * tanh(...)} so the values stay bounded.
 *
 * <p>The class also gets {@code rq(Rv p, double s)} (a record parameter) and {@code rm(Rv p,
 * double s)} (a record result), which {@link RecordProgramsCheck} checks through the
 * record-shaped overloads: the holder's {@code p()} against central differences, and the
 * pullback with a record seed against the derivative along the seed.
 */
final class RecordStatements {
  private final Random r;
  private final boolean hasZ;
  private final boolean hasK;
  private final boolean nested;
  /** Whether {@code rq} and {@code ra} are {@code @Differentiable(order = 2)}, as {@code f} is. */
  private final boolean secondOrder;
  private final String members;

  private RecordStatements(Random r, boolean secondOrder) {
    this.r = r;
    this.hasZ = r.nextBoolean();
    this.hasK = r.nextInt(3) == 0;
    this.nested = r.nextInt(3) == 0;
    this.secondOrder = secondOrder;
    this.members = declare() + RecordArrayStatements.members(r, hasK, secondOrder);
  }

  /** The records of the program of {@code seed}: null for two programs in three. */
  static RecordStatements of(long seed) {
    Random r = new Random(ProgramGenerator.mix(seed ^ 0x4EC04D5L));
    return r.nextInt(3) == 0 ? new RecordStatements(r, SecondOrderPrograms.isSecondOrder(seed))
        : null;
  }

  /** Whether the program of {@code seed} has records. */
  static boolean applies(long seed) {
    return of(seed) != null;
  }

  /**
   * Whether {@code source} has {@code Rv}'s validating compact constructor: its inlined
   * {@code throw} leaves {@code f} without a vector mode ({@code BatchMethod.applies}).
   */
  static boolean validates(String source) {
    return source.contains(VALIDATION);
  }

  private static final String VALIDATION = "throw new IllegalArgumentException(\"x is NaN\");";

  /** The members to add to the class: the record types and the methods {@code rq}, {@code rm}. */
  String members() {
    return members;
  }

  /** The first statement of {@code f}: a record statement on {@code x0}. */
  String prefix() {
    return "    " + statement(r, "x0", "Math.sin(x1)", "rv0", "rv1", "rv2") + "\n";
  }

  /**
   * One record statement updating the assignable double {@code d}, with a bounded expression
   * {@code x} and fresh names from {@code fresh}.
   */
  String statement(Random r, String d, Supplier<String> x, Supplier<String> fresh) {
    String a = fresh.get();
    return statement(r, d, x.get(), a, fresh.get(), fresh.get());
  }

  private String statement(Random r, String d, String x, String a, String b, String i) {
    String update = d + " = 0.5 * " + d + " + 0.25 * Math.tanh(";
    if (r.nextInt(6) == 0) {
      return RecordArrayStatements.objectMethods(r, d, x, a, b, i);
    }
    switch (r.nextInt(hasK || nested ? 7 : 6)) {
      case 0:
        return "{ Rv " + a + " = Rv.of(" + d + ", " + x + "); " + update + a + ".dot(" + a
            + ".scale(0.5)) - " + a + ".x()); }";
      case 1:
        return "{ Rv " + a + " = " + build(d, x) + "; Rv " + b + " = Rv.of(" + x + ", 0.5); for (int "
            + i + " = 0; " + i + " < 3; " + i + "++) { " + a + " = " + a + ".plus(" + b
            + ".scale(0.1)); " + b + " = " + b + ".scale(0.9).plus(" + a + ".scale(-0.05 * Math.tanh("
            + a + ".norm()))); } " + update + a + ".y() + " + b + ".dot(" + a + ")); }";
      case 2:
        return "{ Rv " + a + " = Rv.of(" + d + ", " + x + "); if (" + a + ".dot(" + a
            + ") > 0.5) { " + a + " = " + a + ".scale(0.5); } else { " + a + " = " + a
            + ".plus(Rv.of(0.25, " + x + ")); } " + update + a + ".norm() - 1); }";
      case 3:
        return "{ Rv " + a + " = Rv.of(" + x + ", " + d + "); int " + i + " = 0; while (" + i
            + " < 4) { " + i + "++; " + a + " = " + a + ".scale(0.8).plus(Rv.of(0.1, 0.2)); if ("
            + a + ".norm() < 1.2) break; } " + update + a + ".y() * " + a + ".x()); }";
      case 4:
        return "{ Rv " + a + " = " + d + " > 0 ? Rv.of(" + d + ", " + x + ") : Rv.of(" + x + ", "
            + d + ").scale(0.5); " + update + a + ".plus(" + a + ").dot(Rv.of(0.5, -0.25))); }";
      case 5:
        return "{ Rv " + a + " = Rv.of(0.5, " + x + "); for (int " + i + " = 0; " + i
            + " < 2; " + i + "++) { Rv " + b + " = " + a + ".scale(Math.sin(" + d + ")); " + a
            + " = " + b + ".plus(" + a + ".scale(0.5)); } " + update + a + ".dot(" + a + ")); }";
      default: {
        String read = nested ? a + ".w().u() * " + a + ".w().v()" : "0.0";
        String count = hasK ? a + ".k() * 0.1 * " + a + ".x()" : "0.0";
        String step = hasK ? a + ".bump()" : a;
        return "{ Rv " + a + " = " + build(d, x) + "; for (int " + i + " = 0; " + i + " < 3; "
            + i + "++) { " + a + " = " + step + ".scale(0.75); } " + update + read + " + " + count
            + " + " + a + ".y()); }";
      }
    }
  }

  /** A canonical construction of {@code Rv} from two doubles. */
  private String build(String p, String q) {
    return "new Rv(" + p + ", " + q + (hasZ ? ", 0.5 * " + p : "") + (hasK ? ", 1" : "")
        + (nested ? ", new Rw(" + q + ", 0.25)" : "") + ")";
  }

  private String declare() {
    StringBuilder s = new StringBuilder();
    if (nested) {
      s.append("""
            record Rw(double u, double v) {
              Rw plus(Rw o) {
                return new Rw(u + o.u, v + o.v());
              }
              Rw scale(double s) {
                return new Rw(s * u, s * v);
              }
              double dot(Rw o) {
                return u * o.u + v * o.v;
              }
            }

          """);
    }
    String components = "double x, double y" + (hasZ ? ", double z" : "") + (hasK ? ", int k" : "")
        + (nested ? ", Rw w" : "");
    String z = hasZ ? ", z + o.z" : "";
    String k = hasK ? ", k" : "";
    String w = nested ? ", w.plus(o.w)" : "";
    s.append("  record Rv(").append(components).append(") {\n");
    if (r.nextBoolean()) {
      s.append("    Rv {\n      if (Double.isNaN(x)) {\n")
          .append("        ").append(VALIDATION).append("\n      }\n    }\n");
    }
    s.append("    static Rv of(double a, double b) {\n      return new Rv(a, b")
        .append(hasZ ? ", 0.5 * a" : "").append(hasK ? ", 1" : "")
        .append(nested ? ", new Rw(b, 0.25)" : "").append(");\n    }\n");
    s.append("    Rv plus(Rv o) {\n      return new Rv(x + o.x, y + o.y()").append(z).append(k)
        .append(w).append(");\n    }\n");
    s.append("    Rv scale(double s) {\n      return new Rv(s * x, s * y")
        .append(hasZ ? ", s * z" : "").append(k).append(nested ? ", w.scale(s)" : "")
        .append(");\n    }\n");
    s.append("    double dot(Rv o) {\n      return x * o.x + y * o.y").append(hasZ ? " + z * o.z" : "")
        .append(nested ? " + w.dot(o.w)" : "").append(";\n    }\n");
    s.append("    double norm() {\n      return Math.sqrt(0.01 + ")
        .append(r.nextBoolean() ? "dot(this)" : "x * x + y() * y" + (hasZ ? " + z * z" : ""))
        .append(");\n    }\n");
    if (hasK) {
      s.append("    Rv bump() {\n      return new Rv(x, y").append(hasZ ? ", z" : "")
          .append(", k + 1").append(nested ? ", w" : "").append(");\n    }\n");
    }
    s.append("  }\n\n");
    s.append(secondOrder ? "  @Differentiable(order = 2)\n" : "  @Differentiable\n")
        .append("  public static double rq(Rv p, double s) {\n")
        .append("    Rv q = p.scale(s);\n    for (int i = 0; i < 2; i++) {\n")
        .append("      q = q.plus(p.scale(0.5 * Math.tanh(q.dot(p))));\n    }\n")
        .append("    return q.norm() + Math.sin(p.x() * s);\n  }\n\n");
    s.append("  @Differentiable\n  public static Rv rm(Rv p, double s) {\n")
        .append("    Rv q = Rv.of(Math.sin(s), p.y());\n")
        .append("    if (p.x() > 0) {\n      q = q.plus(p.scale(Math.tanh(s)));\n    }\n")
        .append("    return q.scale(1 + 0.5 * Math.tanh(q.dot(p)));\n  }\n\n");
    return s.toString();
  }
}
