package dev.cotangent.processor.differentiate;

import dev.cotangent.processor.differentiate.CompanionRuns.Outcome;
import dev.cotangent.processor.differentiate.CompanionRuns.Point;
import dev.cotangent.processor.emit.IrText;
import dev.cotangent.processor.ir.MethodIR;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Checks the pass runs observed on one method: every version of its code (the sweep as written,
 * then the output of each pass that changed it) runs through {@link SweepInterpreter} at the same
 * random points, and each pass's output must compute what its input computed, to the precision
 * the pass claims ({@link #CLAIMS}); every version returns the original method's value bit for
 * bit; and the finished code, interpreted, gives bit for bit what the compiled companion gives
 * (which validates the interpreter). Results go into a {@link PassTally}.
 */
final class PassEquivalence {
  /** Points per method of a random program. */
  static final int POINTS = 4;

  /** Points per hand-written method (there are few: each runs at many points). */
  static final int WORKLOAD_POINTS = 24;

  /** How closely a pass's output must reproduce its input's derivatives. */
  enum Precision {
    /** The same bits: the pass moves or shares values, or its algebra is exact. */
    BITWISE,
    /** Equal as numbers: {@code 0.0 + e} became {@code e}, which differs when e is -0.0. */
    SIGN_OF_ZERO,
    /** To rounding (relative 1e-9): the pass adds the same terms in another order. */
    ROUNDING
  }

  /** What each pass's Javadoc claims; a pass missing here is held to rounding. */
  static final Map<String, Precision> CLAIMS = Map.ofEntries(
      Map.entry("InvariantReads", Precision.BITWISE),
      Map.entry("RepeatedReads", Precision.BITWISE),
      Map.entry("RepeatedCalls", Precision.BITWISE),
      Map.entry("NegatedCopies", Precision.BITWISE),
      Map.entry("DoubledSums", Precision.BITWISE),
      Map.entry("TapeReservations", Precision.BITWISE),
      Map.entry("DeadResets", Precision.BITWISE),
      Map.entry("ZeroAdjoints", Precision.SIGN_OF_ZERO),
      Map.entry("Increments", Precision.ROUNDING),
      Map.entry("Accumulators", Precision.ROUNDING),
      Map.entry("FusedLoops", Precision.ROUNDING),
      Map.entry("AscendingReplays", Precision.ROUNDING));

  static final double TOLERANCE = 1e-9;

  private final Linkage linkage;
  private final PassTally tally;
  private final String program;
  private final long seed;
  private final int points;

  PassEquivalence(Linkage linkage, PassTally tally, String program, long seed, int points) {
    this.linkage = linkage;
    this.tally = tally;
    this.program = program;
    this.seed = seed;
    this.points = points;
  }

  /** The pass name of a step's label: {@code "InvariantReads (forward)"} is InvariantReads. */
  static String passOf(String label) {
    int space = label.indexOf(' ');
    return space < 0 ? label : label.substring(0, space);
  }

  void adjoint(AdjointMethod m, List<PassObserver.Step<AdjointCode>> steps) {
    AdjointCode finished = new AdjointCode(m.forward(), m.reverse(), m.adjointsFirst());
    check("adjoint", m.source().source(), steps, finished,
        (code, point) -> CompanionRuns.pullback(linkage, m, code, point),
        point -> CompanionRuns.compiledPullback(linkage, m.source().source(), point));
  }

  void tangent(TangentMethod t, List<PassObserver.Step<List<Stmt>>> steps) {
    check("tangent", t.source().source(), steps, t.body(),
        (code, point) -> CompanionRuns.tangent(linkage, t, code, point),
        point -> CompanionRuns.compiledTangent(linkage, t.source().source(), point));
  }

  private interface Runner<T> {
    Outcome run(T code, Point point);
  }

  private <T> void check(String mode, MethodIR ir, List<PassObserver.Step<T>> steps,
      T finished, Runner<T> interpreted, Function<Point, Outcome> compiled) {
    String method = program + "." + ir.name() + " (" + mode + ")";
    String unsupported = unsupported(ir);
    if (unsupported != null) {
      tally.skipped(mode, unsupported);
      return;
    }
    List<T> versions = new ArrayList<>();
    List<PassObserver.Step<T>> changed = new ArrayList<>();
    versions.add(steps.isEmpty() ? finished : steps.get(0).before());
    for (PassObserver.Step<T> step : steps) {
      tally.step(step.pass());
      if (!step.before().equals(step.after())) {
        versions.add(step.after());
        changed.add(step);
      }
    }
    if (!versions.get(versions.size() - 1).equals(finished)) {
      tally.fail(method, "the last step's code is not the finished method's");
      return;
    }
    Random random = new Random(seed * 31 + ir.name().hashCode() + mode.hashCode());
    boolean validated = false;
    boolean[] exercised = new boolean[changed.size()];
    try {
      for (int p = 0; p < points; p++) {
        Point point = Points.random(ir, random, linkage);
        Outcome original = CompanionRuns.original(linkage, ir, point);
        Outcome[] outcomes = new Outcome[versions.size()];
        for (int v = 0; v < outcomes.length; v++) {
          outcomes[v] = interpreted.run(versions.get(v), point);
          tally.run();
          String wrong = againstOriginal(original, outcomes[v]);
          if (wrong != null) {
            tally.fail(method, (v == 0 ? "the code as the sweep wrote it"
                : "after " + changed.get(v - 1).pass()) + ": " + wrong + " at " + show(point));
            return;
          }
        }
        for (int s = 0; s < changed.size(); s++) {
          Precision precision = CLAIMS.getOrDefault(passOf(changed.get(s).pass()),
              Precision.ROUNDING);
          String wrong = difference(outcomes[s], outcomes[s + 1], precision);
          if (wrong != null) {
            tally.fail(method, changed.get(s).pass() + " changed what the code computes ("
                + precision + " claimed): " + wrong + " at " + show(point)
                + "\n" + text(changed.get(s).before(), changed.get(s).after()));
            return;
          }
          exercised[s] |= original.thrown() == null;
        }
        tally.point(original.thrown() != null);
        if (!validated && original.thrown() == null) {
          // A method whose work arrays Captures rewrote is differentiated twice and one of the
          // two pullbacks is emitted: the tally fails a method none of whose versions matches.
          String wrong = difference(outcomes[outcomes.length - 1], compiled.apply(point),
              Precision.BITWISE);
          tally.validation(mode + " " + ir.companion().holder().reflectionName(), method,
              wrong == null ? null : wrong + " at " + show(point));
          validated = true;
        }
      }
    } catch (RuntimeException e) {
      tally.fail(method, "the interpreter failed: " + e + at(e));
      return;
    }
    for (int s = 0; s < changed.size(); s++) {
      if (exercised[s]) {
        tally.exercised(changed.get(s).pass());
      }
    }
    tally.interpreted(mode);
  }

  /** Why a method cannot be interpreted here, or null. */
  static String unsupported(MethodIR ir) {
    for (Variable p : ir.parameters()) {
      if (p.type() == Type.OBJECT) {
        return "instance method (no receiver to run it on)";
      }
    }
    return null;
  }

  /** Every companion returns the original's value bit for bit, and throws where it throws. */
  private static String againstOriginal(Outcome original, Outcome run) {
    if (original.thrown() != null) {
      return run.thrown() != null ? null
          : "returned although the original threw " + original.thrown();
    }
    if (run.thrown() != null) {
      return "threw " + run.thrown() + " where the original returned" + at(run.thrown());
    }
    return differ("value", original.value(), run.value(), Precision.BITWISE);
  }

  /** How two outcomes differ, or null when they agree to {@code precision}. */
  static String difference(Outcome a, Outcome b, Precision precision) {
    if (a.thrown() != null || b.thrown() != null) {
      boolean same = a.thrown() != null && b.thrown() != null
          && a.thrown().getClass() == b.thrown().getClass();
      return same ? null : "one threw: " + a.thrown() + " / " + b.thrown();
    }
    String wrong = differ("value", a.value(), b.value(), Precision.BITWISE);
    for (int i = 0; wrong == null && i < a.primal().size(); i++) {
      wrong = differ(i == 0 ? "holder value" : "array argument " + i, a.primal().get(i),
          b.primal().get(i), Precision.BITWISE);
    }
    for (int i = 0; wrong == null && i < a.derivatives().size(); i++) {
      wrong = differ("derivative " + i, a.derivatives().get(i), b.derivatives().get(i),
          precision);
    }
    return wrong;
  }

  private static String differ(String what, Object x, Object y, Precision precision) {
    if (x instanceof Double a && y instanceof Double b) {
      return same(a, b, precision) ? null : what + ": " + a + " then " + b;
    }
    if (x != null && y != null && x.getClass().isArray() && y.getClass().isArray()) {
      if (Array.getLength(x) != Array.getLength(y)) {
        return what + ": lengths " + Array.getLength(x) + " and " + Array.getLength(y);
      }
      for (int i = 0; i < Array.getLength(x); i++) {
        Object a = Array.get(x, i);
        Object b = Array.get(y, i);
        String wrong = differ(what + "[" + i + "]", a instanceof Number n ? n.doubleValue() : a,
            b instanceof Number n ? n.doubleValue() : b, precision);
        if (wrong != null) {
          return wrong;
        }
      }
      return null;
    }
    return java.util.Objects.equals(x, y) ? null : what + ": " + x + " then " + y;
  }

  private static boolean same(double a, double b, Precision precision) {
    if (Double.doubleToLongBits(a) == Double.doubleToLongBits(b)) {
      return true;
    }
    return switch (precision) {
      case BITWISE -> false;
      case SIGN_OF_ZERO -> a == b;
      case ROUNDING -> Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.max(Math.abs(a),
          Math.abs(b)));
    };
  }

  private static String show(Point point) {
    return java.util.Arrays.deepToString(point.args()) + " (seed " + point.seed() + ", holder "
        + java.util.Arrays.deepToString(point.holder()) + ", tangents "
        + java.util.Arrays.deepToString(point.dots()) + ")";
  }

  private static String at(Throwable e) {
    StackTraceElement[] trace = e.getStackTrace();
    return trace.length == 0 ? "" : " (at " + trace[0] + ")";
  }

  /** The Java of a pass's input and output (with the same names in both), shortened. */
  private static String text(Object before, Object after) {
    List<String> headings = new ArrayList<>();
    List<List<Stmt>> parts = new ArrayList<>();
    for (Object code : List.of(before, after)) {
      String version = code == before ? "before: " : "after: ";
      if (code instanceof AdjointCode sweeps) {
        headings.add(version + "forward sweep" + (sweeps.adjointsFirst()
            ? " (adjoints declared before it)" : ""));
        parts.add(sweeps.forward());
        headings.add(version + "reverse sweep");
        parts.add(sweeps.reverse());
      } else {
        @SuppressWarnings("unchecked")
        List<Stmt> body = (List<Stmt>) code;
        headings.add(version + "tangent");
        parts.add(body);
      }
    }
    String text = IrText.of(headings, parts);
    return text.length() > 12_000 ? text.substring(0, 12_000) + "[...]\n" : text;
  }
}
