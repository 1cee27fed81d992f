package dev.cotangent.processor.differentiate.checkpoint;

import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.Origin;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Variable;
import dev.cotangent.processor.lower.LoweredMethod;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * What {@code @Differentiable(checkpoints = N)} cannot reverse, found on the lowered method: a
 * negative N, and a loop (inside no other loop) that assigns an array variable declared outside
 * it. A snapshot holds array elements, not which array a variable names: restoring a trip that
 * began with {@code u} naming another buffer would find the wrong one, and the adjoint of the
 * array the loop carries would be lost when a re-run trip made its shadow anew.
 */
public final class CheckpointShapes {
  /** A problem at a statement ({@code origin}), or on the annotation when it is null. */
  public record Problem(Origin origin, String what, String instead) {}

  private CheckpointShapes() {}

  public static List<Problem> of(LoweredMethod method) {
    int snapshots = CheckpointRequest.of(method.source().element());
    List<Problem> problems = new ArrayList<>();
    if (snapshots < 0) {
      problems.add(new Problem(null, "@Differentiable(checkpoints = " + snapshots + ") asks for"
          + " a negative number of snapshots", "give 0 (tape every trip) or more"));
    } else if (snapshots > 0) {
      loops(method.body(), problems);
    }
    return problems;
  }

  private static void loops(List<Stmt> statements, List<Problem> problems) {
    for (Stmt s : statements) {
      if (s instanceof Stmt.While loop) {
        Set<Variable> inside = Collections.newSetFromMap(new IdentityHashMap<>());
        declared(loop.body(), inside);
        reassigned(loop.body(), inside, problems);
      } else {
        Children.of(s).forEach(child -> loops(child, problems));
      }
    }
  }

  private static void declared(List<Stmt> statements, Set<Variable> out) {
    for (Stmt s : Children.flatten(statements)) {
      if (s instanceof Stmt.Declare d) {
        out.add(d.variable());
      }
    }
  }

  private static void reassigned(List<Stmt> body, Set<Variable> inside, List<Problem> problems) {
    for (Stmt s : Children.flatten(body)) {
      if (s instanceof Stmt.Assign a && a.variable().type().isArray()
          && !inside.contains(a.variable())) {
        String name = a.variable().name();
        problems.add(new Problem(a.origin(), "the array variable " + name + ", declared before"
            + " a loop reversed with checkpoints, is assigned in it (a snapshot keeps the"
            + " elements of an array, not which array a variable names)", "copy the elements"
            + " into " + name + " instead (System.arraycopy(next, 0, " + name + ", 0, n)),"
            + " declare the array inside the loop, or remove checkpoints"));
      }
      if (s instanceof Stmt.ArrayWrite w && w.value().type().isArray()) {
        problems.add(new Problem(w.origin(), "a row of a matrix replaced in a loop reversed"
            + " with checkpoints (a snapshot keeps the elements of the rows, not which row is"
            + " where)", "swap the rows' elements, keep a permutation in an int[], or remove"
            + " checkpoints"));
      }
    }
  }
}
