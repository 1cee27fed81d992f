package dev.cotangent.processor.random;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Generates random {@code @Differentiable} programs inside the subset the README documents,
 * deterministically from a seed.
 *
 * <p>Each program is one class {@code random.gen.P<seed>} with
 *
 * <pre>{@code
 * @Differentiable public static double f(double x0, double x1, double x2, int n [, double[] w])
 * [@Differentiable] public static double g(double a, double b)   // a helper f calls
 * }</pre>
 *
 * <p>Bodies mix nested {@code if}/{@code else}, {@code for}/{@code while}/{@code do} loops with
 * bounded trip counts (counters are never written by the body; {@code while} and {@code do}
 * counters are incremented first thing in the body, so {@code continue} cannot skip them),
 * {@code break}/{@code continue} (also labelled), early {@code return}, overwrites and compound
 * assignments, locals declared in loops, {@code ?:}, array reads and writes (the parameter
 * {@code w}, local arrays, aliases, {@code clone()}, enhanced {@code for}, {@code Arrays.fill},
 * {@code System.arraycopy}), calls of the helper (also in loops) and {@code Math} functions;
 * some end with a sum over a loop that the result depends on linearly.
 *
 * <p>Values stay bounded: products always have a bounded factor, {@code exp} only sees bounded
 * arguments, every argument is inside its function's domain ({@code log1p(a*a)}, {@code sqrt(1 +
 * a*a)}, division by {@code (1 + a*a)}), and inside loops overwrites are squashed ({@code tanh},
 * {@code sin}, {@code atan}) or contracting, so nothing overflows or becomes NaN. Integer values
 * (counters, {@code n}, int locals) are never negative, so {@code i % w.length} is a valid index.
 */
public final class ProgramGenerator {
  /** The package of every generated class. */
  public static final String PACKAGE = "random.gen";

  /** A generated program. */
  public record Program(long seed, String className, String source, boolean hasArray, boolean helperDifferentiable) {
    public String qualifiedName() {
      return PACKAGE + "." + className;
    }
  }

  /** Names the generated code uses for its own variables: user locals with these names test hygiene. */
  private static final String[] HOSTILE_NAMES = {
    "t0", "t1", "t2", "tape", "trip", "result", "resultBar", "seed", "into", "returned",
    "firstPass", "breakLoop", "x0Bar", "x1Dot", "wBar", "wDot", "aBar", "tmp", "dual", "gradient"
  };

  private ProgramGenerator() {}

  /** Scrambles a seed so that consecutive seeds give unrelated random streams. */
  static long mix(long seed) {
    long z = seed + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The program of one seed (the same seed always gives the same source). */
  /**
   * Whether {@code seed}'s program has {@link AsWrittenConstructs} (array-returning,
   * out-parameter and void helpers, switch, guards): the IR interpreter of the pass equivalence
   * test leaves those programs out.
   */
  public static boolean writesJavaAsWritten(long seed) {
    return AsWrittenConstructs.of(seed) != AsWrittenConstructs.Addition.NONE;
  }

  /**
   * Whether {@code seed}'s program has {@link RecordStatements}: the IR interpreter of the pass
   * equivalence test calls originals with one argument per leaf, so it leaves those out.
   */
  public static boolean hasRecords(long seed) {
    return RecordStatements.applies(seed);
  }

  /**
   * Whether {@code seed}'s program has {@link PeerShapeStatements} (issue 24's float helpers,
   * non-int loop bounds, array-valued call arguments): the IR interpreter of the pass
   * equivalence test models neither floats nor {@code Arrays.copyOf}, so it leaves those out.
   */
  public static boolean hasPeerShapes(long seed) {
    return PeerShapeStatements.of(seed) != null;
  }

  public static Program generate(long seed) {
    Random r = new Random(mix(seed));
    String className = "P" + Long.toUnsignedString(seed);
    boolean hasArray = r.nextInt(10) < 4;
    boolean writesW = hasArray && r.nextBoolean();
    boolean helperDifferentiable = r.nextBoolean();
    boolean useHelper = r.nextInt(10) < 8;

    StringBuilder src = new StringBuilder();
    src.append("package ").append(PACKAGE).append(";\n\n");
    src.append("import dev.cotangent.Differentiable;\n");
    src.append("import java.util.Arrays;\n\n");
    src.append("public class ").append(className).append(" {\n");
    AsWrittenConstructs.Addition asWritten = AsWrittenConstructs.of(seed);
    src.append(asWritten.members());
    RecordStatements records = RecordStatements.of(seed); // issue 18's records
    if (records != null) {
      src.append(records.members());
    }
    PeerShapeStatements peers = PeerShapeStatements.of(seed); // issue 24's peer shapes
    if (peers != null) {
      src.append(peers.members());
    }

    if (useHelper) {
      Body helper = new Body(r, false, false, false, false);
      helper.declareParam("a", Kind.DOUBLE);
      helper.declareParam("b", Kind.DOUBLE);
      String body = helper.method(2 + r.nextInt(5));
      if (helperDifferentiable) {
        src.append("  @Differentiable\n");
      }
      src.append("  public static double g(double a, double b) {\n").append(body).append("  }\n\n");
    }

    Body f = new Body(r, useHelper, true, hasArray, writesW);
    f.declareParam("x0", Kind.DOUBLE);
    f.declareParam("x1", Kind.DOUBLE);
    f.declareParam("x2", Kind.DOUBLE);
    f.declareParam("n", Kind.INT);
    f.peers = peers;
    if (hasArray) {
      f.declareParam("w", Kind.ARRAY);
    }
    f.records = records;
    String body = asWritten.prefix() + (records == null ? "" : records.prefix())
        + f.method(6 + r.nextInt(9));
    // one program in three has second-order companions, one in three checkpoints: never both
    src.append("  ").append(SecondOrderPrograms.isSecondOrder(seed)
        ? SecondOrderPrograms.annotation(seed) : CheckpointedPrograms.annotation(seed)).append("\n");
    src.append("  public static double f(double x0, double x1, double x2, int n")
        .append(hasArray ? ", double[] w" : "")
        .append(") {\n")
        .append(body)
        .append("  }\n");
    src.append("}\n");
    return new Program(seed, className, src.toString(), hasArray, useHelper && helperDifferentiable);
  }

  enum Kind { DOUBLE, INT, BOOL, ARRAY }

  /** A variable in scope. */
  private static final class Var {
    final String name;
    final Kind kind;
    final boolean assignable;
    /** For arrays: the smallest length it can have (constant indices stay below it). */
    final int minLength;
    /** For arrays: whether elements may be written (false for the parameter when f keeps it intact). */
    final boolean writable;

    Var(String name, Kind kind, boolean assignable, int minLength, boolean writable) {
      this.name = name;
      this.kind = kind;
      this.assignable = assignable;
      this.minLength = minLength;
      this.writable = writable;
    }
  }

  private record Loop(String label) {}

  /** A loop {@code for (int counter = 1; counter + 1 < array.length; counter++)}: a stencil over array. */
  private record Stencil(String array, String counter) {}

  /** Generates one method body. */
  private static final class Body {
    private final Random r;
    private final boolean mayCallHelper;
    private final boolean isF;
    private final boolean writesW;
    private final StringBuilder out = new StringBuilder();
    private final List<List<Var>> scopes = new ArrayList<>();
    private final Set<String> used = new HashSet<>();
    private final List<Loop> loops = new ArrayList<>();
    private final List<Stencil> stencils = new ArrayList<>();
    private int budget;
    private int counter;
    /** The program's records (issue 18), or null. */
    private RecordStatements records;
    private int indent = 2;
    /** Issue 24's peer shapes, put between statements (f only; null for most programs). */
    private PeerShapeStatements peers;

    Body(Random r, boolean mayCallHelper, boolean isF, boolean hasArray, boolean writesW) {
      this.r = r;
      this.mayCallHelper = mayCallHelper;
      this.isF = isF;
      this.writesW = writesW;
      scopes.add(new ArrayList<>());
    }

    void declareParam(String name, Kind kind) {
      used.add(name);
      // n stays fixed: trip counts that use it must stay small
      scopes.get(0).add(new Var(name, kind, kind == Kind.DOUBLE, 2, kind == Kind.ARRAY && writesW));
    }

    String method(int statements) {
      budget = statements;
      while (budget > 0) {
        statement(0);
      }
      if (isF && chance(40)) {
        reduction();
      } else {
        line("return " + dbl(3, false) + ";");
      }
      return out.toString();
    }

    /**
     * Ends f with a sum over a loop that the result depends on linearly (a loss over data
     * points): the shape whose reverse trips can run with its forward ones.
     */
    private void reduction() {
      String sum = fresh("red", true);
      line("double " + sum + " = 0;");
      String i = fresh("i", false);
      line("for (int " + i + " = 0; " + i + " < " + bound() + "; " + i + "++) {");
      indent++;
      push();
      declare(new Var(i, Kind.INT, false, 0, false));
      String u = fresh("u", true);
      line("double " + u + " = " + squashed(2, true) + ";");
      declare(new Var(u, Kind.DOUBLE, false, 0, false));
      line(sum + " += " + dbl(2, true) + ";");
      pop();
      indent--;
      line("}");
      line("return " + constant(-2, 2) + " * " + sum + " + " + dbl(2, false) + ";");
    }

    // ------------------------------------------------------------------ helpers

    private boolean chance(int percent) {
      return r.nextInt(100) < percent;
    }

    private <T> T pick(List<T> list) {
      return list.get(r.nextInt(list.size()));
    }

    private void line(String text) {
      out.append("  ".repeat(indent)).append(text).append('\n');
    }

    private List<Var> vars(Kind kind) {
      List<Var> out = new ArrayList<>();
      for (List<Var> scope : scopes) {
        for (Var v : scope) {
          if (v.kind == kind) {
            out.add(v);
          }
        }
      }
      return out;
    }

    private static List<String> names(List<Var> vars) {
      return vars.stream().map(v -> v.name).toList();
    }

    private List<Var> assignable(Kind kind) {
      List<Var> out = new ArrayList<>();
      for (Var v : vars(kind)) {
        if (v.assignable) {
          out.add(v);
        }
      }
      return out;
    }

    private List<Var> writableArrays() {
      List<Var> out = new ArrayList<>();
      for (Var v : vars(Kind.ARRAY)) {
        if (v.writable) {
          out.add(v);
        }
      }
      return out;
    }

    private String fresh(String prefix, boolean mayBeHostile) {
      if (mayBeHostile && chance(15)) {
        String name = HOSTILE_NAMES[r.nextInt(HOSTILE_NAMES.length)];
        if (used.add(name)) {
          return name;
        }
      }
      String name;
      do {
        name = prefix + counter++;
      } while (!used.add(name));
      return name;
    }

    private void declare(Var v) {
      scopes.get(scopes.size() - 1).add(v);
    }

    private void push() {
      scopes.add(new ArrayList<>());
    }

    private void pop() {
      scopes.remove(scopes.size() - 1);
    }

    private String constant(double lo, double hi) {
      double c = lo + (hi - lo) * r.nextDouble();
      String s = String.format(Locale.ROOT, "%.2f", c);
      if (s.equals("-0.00")) {
        s = "0.00";
      }
      if (s.equals("0.00") && chance(50)) {
        s = "0.5";
      }
      return s.startsWith("-") ? "(" + s + ")" : s;
    }

    // ------------------------------------------------------------------ expressions

    /** A double expression; calls are allowed only where {@code calls} (not in ?: branches). */
    private String dbl(int depth, boolean calls) {
      if (depth <= 0 || chance(35)) {
        return leaf();
      }
      int d = depth - 1;
      switch (r.nextInt(30)) {
        case 0, 1, 2:
          return "(" + dbl(d, calls) + " + " + dbl(d, calls) + ")";
        case 3, 4:
          return "(" + dbl(d, calls) + " - " + dbl(d, calls) + ")";
        case 5:
          return "(" + constant(-2, 2) + " * " + dbl(d, calls) + ")";
        case 6, 7:
          return "(" + squashed(d, calls) + " * " + dbl(d, calls) + ")";
        case 8:
          return "(" + dbl(d, calls) + " / (1 + " + sq(d, calls) + "))";
        case 9:
          return "(" + dbl(d, calls) + " / (1.5 + Math.cos(" + dbl(d, calls) + ")))";
        case 10:
          return "(-" + dbl(d, calls) + ")";
        case 11, 12, 13:
          return squashed(d, calls);
        case 14:
          return "Math.log1p(" + sq(d, calls) + ")";
        case 15:
          return "Math.sqrt(1 + " + sq(d, calls) + ")";
        case 16:
          return "Math.hypot(" + dbl(d, calls) + ", " + dbl(d, calls) + ")";
        case 17:
          return "Math." + (chance(50) ? "min" : "max") + "(" + dbl(d, calls) + ", " + dbl(d, calls) + ")";
        case 18:
          return "Math.abs(" + dbl(d, calls) + ")";
        case 19:
          return "Math.pow(" + squashed(d, calls) + ", " + (chance(50) ? "2" : "3") + ")";
        case 20:
          return "Math.pow(1 + " + sq(d, calls) + ", " + constant(-1, 1) + " * Math.sin(" + dbl(d, calls) + "))";
        case 21:
          return "Math.exp(" + squashed(d, calls) + ")";
        case 22:
          if (calls && mayCallHelper) {
            return "g(" + dbl(d, calls) + ", " + dbl(d, calls) + ")";
          }
          return squashed(d, calls);
        case 23:
          return "(" + cond(1) + " ? " + dbl(d, false) + " : " + dbl(d, false) + ")";
        case 24: {
          return "(" + intVar() + " % 3 * " + dbl(d, calls) + ")";
        }
        case 25:
          return "Math.atan2(" + dbl(d, calls) + ", 1.5 + Math.cos(" + dbl(d, calls) + "))";
        case 26:
          return "Math.cbrt(1 + " + sq(d, calls) + ")";
        case 27:
          return "Math.log(2 + Math.sin(" + dbl(d, calls) + "))";
        case 28:
          return "(" + dbl(d, calls) + " * Math.floor(" + constant(0.5, 2) + " * " + leaf() + "))";
        default:
          return "Math." + pick(List.of("expm1", "sinh", "asin", "acos", "tan", "cosh"))
              + "(0.5 * Math.tanh(" + dbl(d, calls) + "))";
      }
    }

    /** A bounded function (|value| ≤ ~1.6) of any argument. */
    private String squashed(int depth, boolean calls) {
      String a = dbl(depth, calls);
      switch (r.nextInt(8)) {
        case 0:
          return "Math.sin(" + a + ")";
        case 1:
          return "Math.cos(" + a + ")";
        case 2, 3:
          return "Math.tanh(" + a + ")";
        case 4:
          return "Math.atan(" + a + ")";
        case 5:
          return "Math.exp(-" + sq(depth, calls, a) + ")";
        case 6:
          return "(" + a + " / (1 + " + sq(depth, calls, a) + "))";
        default:
          return "Math.sin(" + constant(0.3, 1.5) + " * " + a + ")";
      }
    }

    private String sq(int depth, boolean calls) {
      return sq(depth, calls, dbl(depth, calls));
    }

    /** A non-negative square: {@code a * a} or {@code Math.pow(a, 2)}, of a bound local when short. */
    private String sq(int depth, boolean calls, String a) {
      return chance(70) ? "(" + a + ") * (" + a + ")" : "Math.pow(" + a + ", 2)";
    }

    /** An int variable in scope (never negative), or a small constant when there is none. */
    private String intVar() {
      List<Var> ints = vars(Kind.INT);
      return ints.isEmpty() ? String.valueOf(1 + r.nextInt(3)) : pick(ints).name;
    }

    private String leaf() {
      int k = r.nextInt(10);
      List<Var> arrays = vars(Kind.ARRAY);
      if (k < 7 || (k >= 8 && arrays.isEmpty())) {
        return pick(vars(Kind.DOUBLE)).name;
      }
      if (k < 8) {
        return constant(-2, 2);
      }
      Var a = pick(arrays);
      return a.name + "[" + index(a) + "]";
    }

    /** A non-negative int expression. */
    private String intExpr(int depth) {
      if (depth <= 0 || chance(40)) {
        return chance(70) ? intVar() : String.valueOf(r.nextInt(4));
      }
      int d = depth - 1;
      switch (r.nextInt(8)) {
        case 0:
          return "(" + intExpr(d) + " + " + intExpr(d) + ")";
        case 1:
          return "(" + intExpr(d) + " % " + (2 + r.nextInt(3)) + ")";
        case 2:
          return "(" + intExpr(d) + " * 2)";
        case 3:
          return "(" + intExpr(d) + " / 2)";
        case 4:
          return "(" + intExpr(d) + " & 3)";
        case 5:
          return "(" + intExpr(d) + " ^ 1)";
        case 6: {
          List<Var> arrays = vars(Kind.ARRAY);
          return arrays.isEmpty() ? "(" + intExpr(d) + " >> 1)" : pick(arrays).name + ".length";
        }
        default:
          return "(int) (2.5 * Math.abs(Math.tanh(" + dbl(1, false) + ")))";
      }
    }

    private String index(Var array) {
      for (int s = stencils.size() - 1; s >= 0; s--) {
        Stencil stencil = stencils.get(s);
        if (stencil.array().equals(array.name) && chance(60)) {
          String i = stencil.counter();
          return switch (r.nextInt(3)) {
            case 0 -> i + " - 1";
            case 1 -> i;
            default -> i + " + 1";
          };
        }
      }
      int k = r.nextInt(4);
      if (k == 0) {
        return String.valueOf(r.nextInt(array.minLength));
      }
      return intExpr(1) + " % " + array.name + ".length";
    }

    /** A boolean condition (never calls the helper). */
    private String cond(int depth) {
      if (depth > 0 && chance(30)) {
        switch (r.nextInt(3)) {
          case 0:
            return "(" + cond(depth - 1) + " && " + cond(depth - 1) + ")";
          case 1:
            return "(" + cond(depth - 1) + " || " + cond(depth - 1) + ")";
          default:
            return "!(" + cond(depth - 1) + ")";
        }
      }
      List<Var> bools = vars(Kind.BOOL);
      int k = r.nextInt(10);
      if (k == 0 && !bools.isEmpty()) {
        return pick(bools).name;
      }
      if (k < 3) {
        String op = pick(List.of("==", "!=", "<", ">="));
        return intExpr(1) + " % " + (2 + r.nextInt(2)) + " " + op + " " + r.nextInt(2);
      }
      String op = pick(List.of("<", ">", "<=", ">="));
      String rhs = chance(50) ? constant(-1.5, 1.5) : dbl(1, false);
      return dbl(2, false) + " " + op + " " + rhs;
    }

    // ------------------------------------------------------------------ statements

    private void statement(int nesting) {
      if (peers != null) {
        List<Var> arrays = vars(Kind.ARRAY);
        String s = peers.statement(names(assignable(Kind.DOUBLE)), names(vars(Kind.DOUBLE)),
            names(arrays), arrays.stream().map(v -> v.minLength).toList());
        if (s != null) {
          line(s);
        }
      }
      budget--;
      boolean inLoop = !loops.isEmpty();
      int k = r.nextInt(100);
      if (k < 14) {
        declareDouble(nesting);
      } else if (k < 30) {
        assign(inLoop);
      } else if (k < 36) {
        declareOther();
      } else if (k < 46 && nesting < 3) {
        ifStatement(nesting);
      } else if (k < 58 && nesting < 3 && loops.size() < 2) {
        loop(nesting);
      } else if (k < 64 && inLoop) {
        jump();
      } else if (k < 68) {
        line("if (" + cond(1) + ") return " + dbl(2, true) + ";");
      } else if (k < 78) {
        arrayStatement(nesting);
      } else if (k < 82 && !assignable(Kind.INT).isEmpty()) {
        Var v = pick(assignable(Kind.INT));
        line(chance(50) ? v.name + "++;" : v.name + " += " + intExpr(1) + ";");
      } else if (k < 87 && assignable(Kind.DOUBLE).size() > 1) { // issue 25's side effects
        line(SideEffectStatements.of(r, assignable(Kind.DOUBLE).stream().map(v -> v.name)
            .toList(), assignable(Kind.INT).stream().map(v -> v.name).toList(),
            () -> squashed(2, true), () -> fresh("c", false)));
      } else if (k < 90 && !assignable(Kind.DOUBLE).isEmpty()) { // issue 25's narrow data
        List<Var> arrays = vars(Kind.ARRAY);
        Var array = arrays.isEmpty() ? null : pick(arrays);
        line(NarrowDataStatements.of(r, pick(assignable(Kind.DOUBLE)).name,
            vars(Kind.INT).stream().map(v -> v.name).toList(),
            array == null ? null : array.name, array == null ? 0 : array.minLength,
            () -> squashed(2, true), () -> fresh("n", false)));
      } else if (k < 94 && records != null && !assignable(Kind.DOUBLE).isEmpty()) { // issue 18
        line(records.statement(r, pick(assignable(Kind.DOUBLE)).name, () -> squashed(2, true),
            () -> fresh("r", false)));
      } else {
        assign(inLoop);
      }
    }

    private void declareDouble(int nesting) {
      int k = r.nextInt(10);
      String e = dbl(3, true);
      if (k == 0) {
        String a = fresh("d", true);
        String b = fresh("d", true);
        line("double " + a + " = " + e + ", " + b + " = " + dbl(2, true) + ";");
        declare(new Var(a, Kind.DOUBLE, true, 0, false));
        declare(new Var(b, Kind.DOUBLE, true, 0, false));
        return;
      }
      String name = fresh("d", true);
      if (k == 1) {
        line("final double " + name + " = " + e + ";");
        declare(new Var(name, Kind.DOUBLE, false, 0, false));
      } else if (k == 2) {
        line("var " + name + " = " + e + ";");
        declare(new Var(name, Kind.DOUBLE, true, 0, false));
      } else if (k == 3) {
        line("double " + name + ";");
        line(name + " = " + e + ";");
        declare(new Var(name, Kind.DOUBLE, true, 0, false));
      } else {
        line("double " + name + " = " + e + ";");
        declare(new Var(name, Kind.DOUBLE, true, 0, false));
      }
    }

    private void declareOther() {
      if (chance(50)) {
        String name = fresh("k", false);
        line("int " + name + " = " + intExpr(2) + ";");
        declare(new Var(name, Kind.INT, true, 0, false));
      } else {
        String name = fresh("b", false);
        line("boolean " + name + " = " + cond(1) + ";");
        declare(new Var(name, Kind.BOOL, false, 0, false));
      }
    }

    private void assign(boolean inLoop) {
      Var v = pick(assignable(Kind.DOUBLE));
      int k = r.nextInt(12);
      switch (k) {
        case 0, 1, 2:
          if (inLoop) {
            if (chance(50)) {
              line(v.name + " = " + squashed(3, true) + ";");
            } else {
              line(v.name + " = 0.5 * " + v.name + " + " + squashed(2, true) + ";");
            }
          } else {
            line(v.name + " = " + dbl(3, true) + ";");
          }
          return;
        case 3, 4:
          line(v.name + " += " + (inLoop ? squashed(2, true) : dbl(3, true)) + ";");
          return;
        case 5, 6:
          line(v.name + " -= " + (inLoop ? squashed(2, true) : dbl(3, true)) + ";");
          return;
        case 7, 8:
          line(v.name + " *= " + pick(List.of(
              "(1 + 0.5 * " + squashed(2, true) + ")",
              "Math.cos(" + dbl(2, true) + ")",
              squashed(2, true))) + ";");
          return;
        case 9, 10:
          line(v.name + " /= " + pick(List.of(
              "(1 + " + sq(2, true) + ")",
              "(1.5 + Math.sin(" + dbl(2, true) + "))",
              "Math.sqrt(1 + " + sq(2, true) + ")",
              "Math.hypot(1, " + dbl(2, true) + ")")) + ";");
          return;
        default:
          line(v.name + (chance(50) ? "++;" : "--;"));
      }
    }

    private void block(int nesting, int statements) {
      push();
      indent++;
      int start = budget;
      budget = statements;
      while (budget > 0) {
        statement(nesting + 1);
      }
      budget = start;
      indent--;
      pop();
    }

    private int share() {
      int n = 1 + r.nextInt(Math.max(1, Math.min(4, budget + 1)));
      budget -= n - 1;
      return n;
    }

    private void ifStatement(int nesting) {
      line("if (" + cond(2) + ") {");
      block(nesting, share());
      int k = r.nextInt(10);
      if (k < 4) {
        line("} else {");
        block(nesting, share());
      } else if (k < 6) {
        line("} else if (" + cond(1) + ") {");
        block(nesting, share());
        if (chance(50)) {
          line("} else {");
          block(nesting, share());
        }
      }
      line("}");
    }

    /** A trip-count bound: small and non-negative. */
    private String bound() {
      switch (r.nextInt(7)) {
        case 0:
          return String.valueOf(1 + r.nextInt(4));
        case 1:
          return isF ? "3 + n % 3" : "3";
        case 2:
          return isF ? "n" : "2";
        case 3:
          return isF ? "1 + n / 2" : "4";
        case 4: {
          List<Var> arrays = vars(Kind.ARRAY);
          return arrays.isEmpty() ? "2" : pick(arrays).name + ".length";
        }
        case 5:
          return "(" + intVar() + " % 4 + 1)";
        default:
          return String.valueOf(2 + r.nextInt(3));
      }
    }

    private void loop(int nesting) {
      String label = chance(35) ? fresh("outer", false) : null;
      String prefix = label == null ? "" : label + ": ";
      int k = r.nextInt(10);
      int statements = 1 + r.nextInt(Math.max(1, Math.min(5, budget + 1)));
      budget -= statements - 1;
      loops.add(new Loop(label));
      if (k < 4) {
        String i = fresh("i", false);
        String b = bound();
        boolean down = chance(25);
        List<Var> arrays = vars(Kind.ARRAY);
        Stencil stencil = null;
        if (!arrays.isEmpty() && chance(30)) {
          // reads a[i - 1], a[i], a[i + 1]: the shape whose reads carry from trip to trip
          stencil = new Stencil(pick(arrays).name, i);
          line(prefix + "for (int " + i + " = 1; " + i + " + 1 < " + stencil.array() + ".length; " + i + "++) {");
        } else if (down) {
          line(prefix + "for (int " + i + " = " + b + "; " + i + " > 0; " + i + "--) {");
        } else if (chance(20)) {
          line(prefix + "for (int " + i + " = 0; " + i + " < " + b + "; " + i + " += 2) {");
        } else {
          line(prefix + "for (int " + i + " = 0; " + i + " < " + b + "; " + i + "++) {");
        }
        push();
        declare(new Var(i, Kind.INT, false, 0, false));
        if (stencil != null) {
          stencils.add(stencil);
          if (chance(60)) {
            indent++;
            String a = stencil.array();
            line(pick(assignable(Kind.DOUBLE)).name + " += 0.3 * Math.tanh(" + a + "[" + i + " - 1] * " + leaf()
                + " + " + a + "[" + i + "] - " + a + "[" + i + " + 1]);");
            indent--;
          }
        }
        block(nesting, statements);
        if (stencil != null) {
          stencils.remove(stencils.size() - 1);
        }
        pop();
        line("}");
      } else if (k < 6) {
        String c = fresh("c", false);
        line("int " + c + " = 0;");
        declare(new Var(c, Kind.INT, false, 0, false));
        String guard = c + " < " + bound();
        if (chance(50)) {
          guard += " && " + cond(0);
        }
        line(prefix + "while (" + guard + ") {");
        indent++;
        line(c + "++;");
        indent--;
        block(nesting, statements);
        line("}");
      } else if (k < 8) {
        String c = fresh("c", false);
        line("int " + c + " = 0;");
        declare(new Var(c, Kind.INT, false, 0, false));
        line(prefix + "do {");
        indent++;
        line(c + "++;");
        indent--;
        block(nesting, statements);
        String guard = c + " < " + bound();
        if (chance(50)) {
          guard += " && " + cond(0);
        }
        line("} while (" + guard + ");");
      } else {
        List<Var> arrays = vars(Kind.ARRAY);
        if (arrays.isEmpty()) {
          String i = fresh("i", false);
          line(prefix + "for (int " + i + " = 0; " + i + " < " + bound() + "; " + i + "++) {");
          push();
          declare(new Var(i, Kind.INT, false, 0, false));
        } else {
          String e = fresh("e", false);
          line(prefix + "for (double " + e + " : " + pick(arrays).name + ") {");
          push();
          declare(new Var(e, Kind.DOUBLE, false, 0, false));
        }
        block(nesting, statements);
        pop();
        line("}");
      }
      loops.remove(loops.size() - 1);
    }

    private void jump() {
      String what = chance(50) ? "break" : "continue";
      List<String> labels = new ArrayList<>();
      for (Loop l : loops) {
        if (l.label() != null) {
          labels.add(l.label());
        }
      }
      String target = !labels.isEmpty() && chance(50) ? " " + pick(labels) : "";
      if (chance(40)) {
        line("if (" + cond(1) + ") {");
        indent++;
        assign(true);
        line(what + target + ";");
        indent--;
        line("}");
      } else {
        line("if (" + cond(1) + ") " + what + target + ";");
      }
    }

    private void arrayStatement(int nesting) {
      List<Var> writable = writableArrays();
      int k = r.nextInt(10);
      if (k < 3 || writable.isEmpty()) {
        String name = fresh("arr", true);
        int kind = r.nextInt(6);
        List<Var> arrays = vars(Kind.ARRAY);
        if (kind == 0) {
          line("double[] " + name + " = {" + dbl(2, true) + ", " + dbl(2, true) + ", " + dbl(1, true) + "};");
          declare(new Var(name, Kind.ARRAY, false, 3, true));
        } else if (kind == 1 && !arrays.isEmpty()) {
          Var src = pick(arrays);
          line("double[] " + name + " = " + src.name + ".clone();");
          declare(new Var(name, Kind.ARRAY, false, src.minLength, true));
        } else if (kind == 2 && !writable.isEmpty()) {
          Var src = pick(writable);
          line("double[] " + name + " = " + src.name + ";");
          declare(new Var(name, Kind.ARRAY, false, src.minLength, true));
        } else {
          String len = isF ? pick(List.of("2 + n % 3", "3", "2")) : pick(List.of("2", "3"));
          line("double[] " + name + " = new double[" + len + "];");
          declare(new Var(name, Kind.ARRAY, false, 2, true));
          if (chance(50)) {
            line(name + "[0] = " + dbl(2, true) + ";");
          }
        }
        return;
      }
      Var a = pick(writable);
      switch (r.nextInt(9)) {
        case 0, 1, 2:
          line(a.name + "[" + index(a) + "] = " + (loops.isEmpty() ? dbl(3, true) : squashed(2, true)) + ";");
          return;
        case 3, 4:
          line(a.name + "[" + index(a) + "] += " + squashed(2, true) + ";");
          return;
        case 5:
          line(a.name + "[" + index(a) + "] *= (1 + 0.5 * " + squashed(2, true) + ");");
          return;
        case 6:
          line(a.name + "[" + index(a) + "]" + (chance(50) ? "++;" : "--;"));
          return;
        case 7:
          line("Arrays.fill(" + a.name + ", " + squashed(2, true) + ");");
          return;
        default: {
          List<Var> arrays = vars(Kind.ARRAY);
          Var src = pick(arrays);
          if (src == a) {
            line(a.name + "[0] -= " + squashed(1, true) + ";");
          } else {
            int len = Math.min(src.minLength, a.minLength);
            line("System.arraycopy(" + src.name + ", 0, " + a.name + ", 0, " + len + ");");
          }
        }
      }
    }
  }
}
