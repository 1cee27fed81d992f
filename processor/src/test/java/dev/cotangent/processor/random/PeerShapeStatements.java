package dev.cotangent.processor.random;

import java.util.List;
import java.util.Random;

/**
 * The shape classes of issue 24's peer functions (the test suites of other AD tools translated to
 * Java) in random programs, so that the neighbours of the four shapes that broke the processor
 * are found too:
 *
 * <ul>
 *   <li>float helpers: {@code float} helpers (one over a {@code float[]} in a loop) called from
 *       {@code double} code, with {@code (float)} casts of active values as arguments;
 *   <li>non-int loop bounds: {@code int} counters compared with a {@code double}, {@code long} or
 *       {@code float} bound ({@code i < len * 0.5} too) on loops that tape;
 *   <li>array-valued call arguments: {@code Arrays.copyOf}, {@code Arrays.copyOfRange} and array
 *       literals passed directly to helpers.
 * </ul>
 *
 * <p>Like {@link AsWrittenConstructs}, every choice comes from a random stream of its own, so the
 * generator's own stream is untouched: a seed's program is the program without this hook plus the
 * helpers and the statements added here. Each statement is one block with fresh locals that updates
 * an assignable double {@code d} as {@code d = 0.5 * d + small * bounded}, and every loop runs at
 * most a few trips whatever {@code n} (0 to 5) is, so the generator's bounds hold. The float parts
 * are scaled by {@value #FLOAT_SCALE}: their rounding (float precision) then stays far below what
 * the Richardson differences resolve, while a lost or wrong float derivative still shows.
 */
final class PeerShapeStatements {
  /** The factor of every float contribution. */
  static final String FLOAT_SCALE = "1e-5";

  private final Random r;
  private int names;

  private PeerShapeStatements(Random r) {
    this.r = r;
  }

  /** The hook of {@code seed}'s program, or null for most seeds (those have no peer shapes). */
  static PeerShapeStatements of(long seed) {
    Random r = new Random(ProgramGenerator.mix(seed ^ 0x24BEE75L));
    return r.nextInt(100) < 30 ? new PeerShapeStatements(r) : null;
  }

  /**
   * Whether {@code f} of a program's {@code source} uses a peer shape that has no vector mode
   * ({@code BatchMethod}): float locals, calls of the float helpers, {@code Arrays.copyOf}.
   */
  static boolean withoutLanes(String source) {
    int at = source.indexOf(" f(double x0");
    String f = at < 0 ? source : source.substring(at);
    return f.contains("Arrays.copyOf") || f.contains("psScale(") || f.contains("psSum(")
        || java.util.regex.Pattern.compile("\\bfloat(\\[\\])? ps\\d").matcher(f).find();
  }

  /** The helpers the statements call: members of the class. */
  String members() {
    StringBuilder m = new StringBuilder();
    member(m, "float psScale(float a, float b)", """
            return 0.5f * a + 0.25f * (float) Math.sin(b) * a + 0.125f * b;
        """);
    member(m, "float psSum(float[] v)", """
            float s = 0f;
            for (int i = 0; i < v.length; i++) {
              s += psScale(v[i], 0.5f * s);
            }
            return s;
        """);
    member(m, "double psFirst(double[] a)", """
            return Math.tanh(a[0]) * (0.5 + 0.25 * Math.sin(a[a.length - 1]));
        """);
    member(m, "double psSum2(double[] a)", """
            double s = 0;
            for (double e : a) {
              s = 0.5 * s + Math.tanh(e) * Math.cos(s);
            }
            return s;
        """);
    return m.toString();
  }

  /** One helper with {@code body}, private or not, {@code @Differentiable} or not, at random. */
  private void member(StringBuilder m, String signature, String body) {
    if (r.nextBoolean()) {
      m.append("  @Differentiable\n");
    }
    m.append(r.nextBoolean() ? "  private static " : "  static ")
        .append(signature).append(" {\n").append(body).append("  }\n\n");
  }

  /**
   * A statement to put before the generator's next statement of {@code f}, or null (most of the
   * time). {@code doubles} are the assignable doubles in scope, {@code readable} all doubles in
   * scope, {@code arrays} the double arrays in scope with their smallest lengths.
   */
  String statement(List<String> doubles, List<String> readable, List<String> arrays,
      List<Integer> minLengths) {
    if (doubles.isEmpty() || r.nextInt(100) >= 12) {
      return null;
    }
    String d = pick(doubles);
    String x = pick(readable);
    String y = pick(readable);
    String a = "ps" + names++;
    String b = "ps" + names++;
    String s = FLOAT_SCALE;
    int k = r.nextInt(arrays.isEmpty() ? 10 : 14);
    switch (k) {
      case 0: // float helper on casts of active values
        return d + " = 0.5 * " + d + " + " + s + " * psScale((float) Math.tanh(" + x
            + "), (float) " + y + ");";
      case 1: // float local fed through the helper in a loop that tapes
        return "{ float " + a + " = (float) Math.tanh(" + d + "); for (int " + b + " = 0; " + b
            + " < 3; " + b + "++) " + a + " = psScale(" + a + ", (float) Math.sin(" + x + ")); "
            + d + " = 0.5 * " + d + " + " + s + " * " + a + "; }";
      case 2: // a float[] built from active values, summed by a helper with a loop
        return "{ float[] " + a + " = {(float) Math.tanh(" + x + "), 0.5f, (float) Math.atan("
            + y + ")}; " + a + "[1] *= " + a + "[0]; " + d + " = 0.5 * " + d + " + " + s
            + " * psSum(" + a + "); }";
      case 3: // a float[] written in a loop calling the float helper
        return "{ float[] " + a + " = new float[n % 3 + 1]; for (int " + b + " = 0; " + b + " < "
            + a + ".length; " + b + "++) " + a + "[" + b + "] = psScale((float) Math.sin(" + x
            + " * " + b + "), " + a + "[(" + b + " + 1) % " + a + ".length]); " + d + " = 0.5 * "
            + d + " + " + s + " * " + a + "[0]; }";
      case 4: // double bound
        return "{ double " + a + " = n * 0.5 + 1; for (int " + b + " = 0; " + b + " < " + a
            + "; " + b + "++) " + d + " = Math.sin(0.5 * " + d + " + 0.25 * " + x + "); }";
      case 5: // long bound, taped overwrite of a product
        return "{ long " + a + " = n % 4 + 1L; for (int " + b + " = 0; " + b + " < " + a + "; "
            + b + "++) " + d + " = 0.5 * " + d + " * Math.cos(" + x + " + " + b + "); }";
      case 6: // float bound, while loop
        return "{ float " + a + " = 2.5f; int " + b + " = 0; while (" + b + " < " + a + ") { "
            + b + "++; " + d + " = Math.tanh(" + d + " * " + x + " + 0.5); } }";
      case 7: // bound from an expression mixing int and double
        return "for (int " + a + " = 1; " + a + " <= n * 0.75; " + a + "++) " + d
            + " = 0.5 * Math.atan(" + d + " * " + a + ") + 0.25 * " + x + ";";
      case 8: // array literal as a call argument
        return d + " = 0.5 * " + d + " + 0.25 * psFirst(new double[] {" + x + ", " + y
            + " * 2, Math.sin(" + d + ")});";
      case 9: // a literal argument in a loop that tapes
        return "for (int " + a + " = 0; " + a + " < 2; " + a + "++) " + d + " = 0.5 * psSum2(new"
            + " double[] {" + d + ", " + x + " * " + a + "}) + 0.25 * " + y + ";";
      default: {
        int i = r.nextInt(arrays.size());
        String w = arrays.get(i);
        int min = Math.max(1, minLengths.get(i));
        switch (k) {
          case 10:
            return d + " = 0.5 * " + d + " + 0.25 * psSum2(Arrays.copyOf(" + w + ", "
                + (1 + r.nextInt(min + 2)) + "));";
          case 11:
            return d + " = 0.5 * " + d + " + 0.25 * psFirst(Arrays.copyOfRange(" + w + ", "
                + r.nextInt(min) + ", " + w + ".length + " + r.nextInt(2) + "));";
          case 12:
            return "{ double " + a + " = " + w + ".length * 0.5; for (int " + b + " = 0; " + b
                + " < " + a + "; " + b + "++) " + d + " = 0.5 * " + d + " + 0.25 * psSum2("
                + "Arrays.copyOfRange(" + w + ", " + b + ", " + w + ".length)); }";
          default:
            return d + " = 0.5 * " + d + " + 0.25 * psFirst(Arrays.copyOf(new double[] {" + x
                + ", " + w + "[0] * " + y + "}, 3));";
        }
      }
    }
  }

  private String pick(List<String> names) {
    return names.get(r.nextInt(names.size()));
  }
}
