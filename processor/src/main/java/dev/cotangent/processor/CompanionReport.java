package dev.cotangent.processor;

import dev.cotangent.processor.differentiate.AdjointMethod;
import dev.cotangent.processor.emit.CompanionFiles;
import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The compile-time report ({@code -Acotangent.report=true}): for each differentiated method,
 * which parameters carry derivatives, what its reverse sweep records on the tape, and which
 * passes changed its code.
 */
final class CompanionReport {
  static final String OPTION = "cotangent.report";

  private CompanionReport() {}

  static String of(CompanionFiles.Companion companion) {
    AdjointMethod adjoint = companion.adjoint();
    List<String> active = new ArrayList<>();
    adjoint.gradient().keySet().forEach(p -> active.add(p.name()));
    adjoint.arrayParameters().forEach(a -> active.add(a.parameter().name() + "[]"));
    Set<String> values = new LinkedHashSet<>();
    int[] branches = {0};
    int[] loops = {0};
    tapes(adjoint.forward(), values, branches, loops);
    tapes(adjoint.reverse(), values, branches, loops); // a checkpointed loop tapes its trips there
    String taped = values.isEmpty() && branches[0] == 0 && loops[0] == 0 ? "nothing"
        : String.join(", ", values)
            + (branches[0] > 0 ? (values.isEmpty() ? "" : ", ") + "the branch taken at "
                + branches[0] + " if" + (branches[0] > 1 ? "s" : "") : "")
            + (loops[0] > 0 ? (values.isEmpty() && branches[0] == 0 ? "" : ", ")
                + "the trip count of " + loops[0] + " loop" + (loops[0] > 1 ? "s" : "") : "");
    String name = adjoint.source().source().name();
    return "[COTANGENT-REPORT] " + name + ": derivatives with respect to "
        + (active.isEmpty() ? "nothing (the result is constant)" : String.join(", ", active))
        + "; the reverse sweep tapes " + taped
        + checkpoints(adjoint)
        + "; passes that changed the adjoint: " + list(adjoint.passTrace())
        + "; the tangent: " + list(companion.tangent().passTrace());
  }

  /** With {@code checkpoints = N}: which loops are reversed from snapshots, of what. */
  private static String checkpoints(AdjointMethod adjoint) {
    List<String> loops = adjoint.loops().stream().map(loop -> loop.describe()).toList();
    return loops.isEmpty() ? "" : "; " + String.join("; ", loops);
  }

  private static String list(List<String> trace) {
    return trace.isEmpty() ? "none" : String.join(", ", trace);
  }

  private static void tapes(List<Stmt> statements, Set<String> values, int[] branches,
      int[] loops) {
    for (Stmt s : statements) {
      if (s instanceof Stmt.Push push) {
        Expr value = push.value();
        if (value instanceof Expr.Literal literal) {
          branches[0] += literal.text().equals("true") ? 1 : 0; // each if pushes in both arms
        } else if (value instanceof Expr.Ref ref && isTripCount(ref.variable())) {
          loops[0]++;
        } else if (value instanceof Expr.Ref ref) {
          values.add(ref.variable().name() + " (" + ref.variable().type().javaName() + ")");
        } else if (value instanceof Expr.ArrayRead read) {
          values.add("elements of " + describe(read.array()));
        }
      }
      for (List<Stmt> child : Children.of(s)) {
        tapes(child, values, branches, loops);
      }
    }
  }

  private static boolean isTripCount(Variable v) {
    return v.role() == Variable.Role.GENERATED && v.name().equals("trips");
  }

  private static String describe(Expr array) {
    Expr root = array;
    while (root instanceof Expr.ArrayRead read) {
      root = read.array();
    }
    return root instanceof Expr.Ref ref ? ref.variable().name() : "an array";
  }
}
