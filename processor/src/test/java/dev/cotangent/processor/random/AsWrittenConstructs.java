package dev.cotangent.processor.random;

import java.util.Random;

/**
 * The constructs of "Java as it is written" in random programs, added to a program through a
 * hook in {@link ProgramGenerator} so that the generator itself stays as it is: helpers that
 * return arrays ({@code awVec}), write into an out-parameter or update an array in place
 * ({@code awAxpy}), switch on an int (a statement with fall-through in {@code awPick}, an
 * expression with an arrow and a {@code yield} block in {@code f}), guard clauses, calls in the
 * branches of {@code ?:} (arrays are chosen with if/else, as the README asks), nested calls and calls in a loop. Each helper is at random private or
 * package-private, {@code @Differentiable} or not.
 *
 * <p>Its choices come from a random stream of their own, so a seed's program is the program of the
 * generator without the hook plus these members and a prefix of {@code f}'s body, which only
 * updates {@code x0}, {@code x1} and {@code x2} by bounded amounts (the values stay bounded as the
 * generator requires). Guards never throw for the values the tests draw ({@code n} from 0 to 5).
 */
final class AsWrittenConstructs {
  /** What the hook adds to one program: members of the class, statements that begin {@code f}. */
  record Addition(String members, String prefix) {
    static final Addition NONE = new Addition("", "");
  }

  private AsWrittenConstructs() {}

  /** The addition for {@code seed}: nothing for most seeds. */
  static Addition of(long seed) {
    Random r = new Random(ProgramGenerator.mix(seed ^ 0x5A17C0DEL));
    if (r.nextInt(100) >= 35) {
      return Addition.NONE;
    }
    StringBuilder members = new StringBuilder();
    member(members, r, "double[] awVec(double a, double b, int m)", """
            double[] out = new double[m + 2];
            for (int i = 0; i < out.length; i++) {
              out[i] = Math.sin(a * (i + 1)) + b * Math.tanh(a - i);
            }
            return out;
        """);
    member(members, r, "void awAxpy(double alpha, double[] x, double[] y)", """
            for (int i = 0; i < y.length; i++) {
              y[i] += alpha * x[i];
            }
        """);
    member(members, r, "double awPick(double v, int k)", """
            switch (k % 3) {
              case 0:
                v = Math.sin(v);
              case 1:
                v = 0.5 * v + 0.25;
                break;
              default:
                v = Math.atan(v);
            }
            return v;
        """);

    StringBuilder p = new StringBuilder();
    if (r.nextBoolean()) {
      p.append("    if (n > 1000) {\n")
          .append("      throw new IllegalArgumentException(\"n is too large: \" + n);\n")
          .append("    }\n");
    }
    switch (r.nextInt(3)) {
      case 0 -> p.append("    double[] aw0 = awVec(x0, x1, n % 3);\n");
      case 1 -> p.append("    double[] aw0;\n")
          .append("    if (n % 2 == 0) {\n")
          .append("      aw0 = awVec(x0, x1, 1);\n")
          .append("    } else {\n")
          .append("      aw0 = awVec(x1, x0, 2);\n")
          .append("    }\n");
      default -> p.append("    double[] aw0 = awVec(awVec(x1, x0, 1)[2], x2, n % 2);\n");
    }
    if (r.nextBoolean()) {
      p.append("    double[] aw1 = new double[aw0.length];\n")
          .append("    awAxpy(0.5 * x2, aw0, aw1);\n");
    } else {
      p.append("    double[] aw1 = aw0.clone();\n")
          .append("    for (int aw2 = 0; aw2 < n % 3; aw2++) {\n")
          .append("      awAxpy(0.25 * Math.cos(x2), aw0, aw1);\n")
          .append("    }\n");
    }
    p.append("    for (int aw3 = 0; aw3 < aw1.length; aw3++) {\n")
        .append("      x0 = 0.75 * x0 + 0.25 * Math.tanh(aw1[aw3]);\n")
        .append("    }\n");
    switch (r.nextInt(3)) {
      case 0 -> p.append("    x1 = awPick(x1, n);\n");
      case 1 -> p.append("    x1 = n % 2 == 0 ? awPick(x1, n) : 0.5 * x1;\n");
      default -> { }
    }
    if (r.nextBoolean()) {
      p.append("    double aw4 = switch (n % 4) {\n")
          .append("      case 0 -> x2;\n")
          .append("      case 1, 2 -> Math.sin(x2);\n")
          .append("      default -> {\n")
          .append("        double aw5 = 0.5 * x2;\n")
          .append("        yield aw5 * aw5;\n")
          .append("      }\n")
          .append("    };\n")
          .append("    x2 = 0.5 * x2 + 0.5 * Math.tanh(aw4);\n");
    }
    if (r.nextBoolean()) {
      p.append("    if (x0 > 1e300) {\n")
          .append("      throw new IllegalStateException(\"x0 is \" + x0 + \" after the helpers\");\n")
          .append("    }\n");
    }
    return new Addition(members.toString(), p.toString());
  }

  /** One helper with {@code body}, private or not, {@code @Differentiable} or not, at random. */
  private static void member(StringBuilder members, Random r, String signature, String body) {
    if (r.nextBoolean()) {
      members.append("  @Differentiable\n");
    }
    members.append(r.nextBoolean() ? "  private static " : "  static ")
        .append(signature).append(" {\n").append(body).append("  }\n\n");
  }
}
