package dev.cotangent.processor.differentiate.reverse;

import dev.cotangent.processor.differentiate.rules.Shadows;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Exprs;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.List;

/**
 * The arrays a call writes into, saved before it runs: {@code double[] yEntry =
 * ArrayState.snapshot(y);} (pushed on the tape inside loops). The reverse sweep puts them back
 * ({@code ArrayState.restore(yEntry, y)}) where it reaches the call: before the callee's
 * pullback, which must see the arrays as they were on entry to the call (it runs the call's
 * forward sweep again), and once more after it, since that run leaves them as the call did. The
 * snapshot is the call's checkpoint of the arrays, as the tape is for element writes.
 *
 * @param forward what the forward sweep does before the call
 * @param reload what the reverse sweep does first at the call (pop the snapshots, restore)
 * @param restore the restores alone, to run again after the pullback
 */
record CallCheckpoints(List<Stmt> forward, List<Stmt> reload, List<Stmt> restore) {
  static final CallCheckpoints NONE = new CallCheckpoints(List.of(), List.of(), List.of());

  /**
   * Snapshots of {@code written} (arguments: variables or rows {@code m[i]}); {@code inLoop}:
   * tape them, since the call runs more than once; otherwise they stay in locals, declared in
   * place or, when {@code hoisted} is not null (inside a branch), hoisted into it.
   */
  static CallCheckpoints of(List<Expr> written, boolean inLoop, List<Variable> hoisted) {
    if (written.isEmpty()) {
      return NONE;
    }
    List<Stmt> forward = new ArrayList<>();
    List<Stmt> reload = new ArrayList<>();
    List<Stmt> restore = new ArrayList<>();
    for (Expr array : written) {
      Variable saved = Variable.generated(name(array) + "Entry", array.type());
      Expr snapshot = Shadows.call("snapshot", array.type(), array);
      if (inLoop) {
        forward.add(new Stmt.Push(snapshot));
        reload.add(0, new Stmt.Declare(saved, new Expr.Pop(array.type()), null));
      } else if (hoisted != null) {
        hoisted.add(saved);
        forward.add(new Stmt.Assign(saved, snapshot, null));
      } else {
        forward.add(new Stmt.Declare(saved, snapshot, null));
      }
      restore.add(new Stmt.Evaluate(Shadows.call("restore", array.type(), Exprs.ref(saved),
          array)));
    }
    reload.addAll(restore);
    return new CallCheckpoints(forward, reload, restore);
  }

  private static String name(Expr array) {
    Variable root = dev.cotangent.processor.analyse.Aliases.root(array);
    return root == null ? "array" : root.name();
  }
}
