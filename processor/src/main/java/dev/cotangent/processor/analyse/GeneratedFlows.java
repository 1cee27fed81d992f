package dev.cotangent.processor.analyse;

import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.List;

/**
 * The data flow of the statements only generated code has, for {@link Activity} on a pullback's
 * own code (its second-order companion differentiates it): {@code ArrayState.addInto(from,
 * into)} adds {@code from} into {@code into}, {@code ArrayState.restore(saved, array)} copies
 * {@code saved} into {@code array}, {@code ArrayState.snapshot(a)} is a copy of {@code a}, and a
 * callee's pullback {@code GAdjoint.g(args, seed, holder)} fills {@code holder}, whose fields
 * then carry derivatives when an argument or the seed does. The method's own code has none of
 * them, so they never change first-order activity.
 */
public final class GeneratedFlows {
  private static final String ARRAY_STATE = "dev.cotangent.runtime.ArrayState";

  private GeneratedFlows() {}

  /** {@code target} receives values computed from {@code sources}. */
  public record Flow(Variable target, List<Expr> sources) {}

  /** What an evaluated runtime call writes, and from what; empty when it writes nothing tracked. */
  public static List<Flow> of(Stmt.Evaluate statement) {
    if (!(statement.call() instanceof Expr.Runtime call) || call.args().isEmpty()) {
      return List.of();
    }
    List<Expr> args = call.args();
    if (isArrayState(call) && args.size() == 2
        && (call.method().equals("addInto") || call.method().equals("restore"))) {
      Variable into = Aliases.root(args.get(1));
      return into == null ? List.of() : List.of(new Flow(into, List.of(args.get(0))));
    }
    Variable holder = holder(args.get(args.size() - 1));
    if (holder != null) {
      return List.of(new Flow(holder, args.subList(0, args.size() - 1)));
    }
    return List.of();
  }

  /** {@code ArrayState.snapshot(a)}: a copy, active when {@code a} is. Null for other calls. */
  public static Expr copied(Expr e) {
    if (e instanceof Expr.Runtime call && isArrayState(call) && call.method().equals("snapshot")
        && call.args().size() == 1) {
      return call.args().get(0);
    }
    return null;
  }

  /** The holder a field read reads from ({@code gGradient.x}), or null. */
  public static Variable fieldHolder(Expr e) {
    return e instanceof Expr.Field field ? holder(field.target()) : null;
  }

  /** The variable of a generated object other than the receiver (a callee's holder), or null. */
  public static Variable holder(Expr e) {
    if (e instanceof Expr.Ref ref && ref.variable().type() == Type.OBJECT
        && ref.variable().role() == Variable.Role.GENERATED) {
      return ref.variable();
    }
    return null;
  }

  private static boolean isArrayState(Expr.Runtime call) {
    return call.owner().canonicalName().equals(ARRAY_STATE);
  }
}
