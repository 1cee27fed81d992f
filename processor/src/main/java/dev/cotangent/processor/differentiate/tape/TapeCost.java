package dev.cotangent.processor.differentiate.tape;

import dev.cotangent.processor.analyse.Activity;
import dev.cotangent.processor.analyse.Aliases;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Variable;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Chooses, for each array the reverse sweep must see as it was, the cheaper of two ways: restore
 * it (tape the old element at every write) or {@link Captures capture} the elements the partials
 * read. The cost is a static estimate of tape entries: a statement inside {@code k} loops counts
 * {@code 8^k}.
 */
public final class TapeCost {
  private static final int TRIPS = 8;

  private final Activity activity;
  private final Map<Variable, long[]> costs = new IdentityHashMap<>();

  private TapeCost(Activity activity) {
    this.activity = activity;
  }

  /** The taped arrays (class representatives) that are cheaper to capture than to restore. */
  public static Set<Variable> cheaperToCapture(List<Stmt> body, Activity activity,
      Set<Variable> taped) {
    TapeCost cost = new TapeCost(activity);
    for (Variable array : taped) {
      cost.costs.putIfAbsent(activity.aliases().classOf(array), new long[2]);
    }
    cost.count(body, 1);
    Set<Variable> out = Collections.newSetFromMap(new IdentityHashMap<>());
    cost.costs.forEach((array, restoreAndCapture) -> {
      if (restoreAndCapture[1] < restoreAndCapture[0]) {
        out.add(array);
      }
    });
    return out;
  }

  private void count(List<Stmt> statements, long weight) {
    for (Stmt s : statements) {
      if (s instanceof Stmt.ArrayWrite w) {
        long[] cost = costs.get(classOf(Aliases.root(w.array())));
        if (cost != null) {
          cost[0] += weight;
        }
        Variable root = Aliases.root(w.array());
        reads(w.value(), root != null && activity.isActive(root), weight);
      } else if (s instanceof Stmt.Assign a) {
        reads(a.value(), activity.isActive(a.variable()), weight);
      } else if (s instanceof Stmt.Declare d) {
        reads(d.init(), activity.isActive(d.variable()), weight);
      } else if (s instanceof Stmt.If i) {
        count(i.then(), weight);
        count(i.otherwise(), weight);
      } else if (s instanceof Stmt.While w) {
        count(w.body(), Math.min(weight * TRIPS, 1L << 40));
      }
    }
  }

  private void reads(Expr value, boolean active, long weight) {
    if (!active) {
      return;
    }
    costs.forEach((array, cost) -> {
      Predicate<Variable> inClass = v -> activity.aliases().mayAlias(v, array);
      cost[1] += weight * Captures.nonlinearReads(value, inClass).size();
    });
  }

  private Variable classOf(Variable root) {
    return root == null ? null : activity.aliases().classOf(root);
  }
}
