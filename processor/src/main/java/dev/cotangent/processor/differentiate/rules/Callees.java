package dev.cotangent.processor.differentiate.rules;

import com.palantir.javapoet.ClassName;
import dev.cotangent.processor.ir.CompanionModel;
import dev.cotangent.processor.ir.Expr;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/** What the companions of a called method look like: the same API every companion has. */
public final class Callees {
  private Callees() {}

  public static ClassName adjointClass(Expr.Call call) {
    return call.companion().adjoint();
  }

  public static ClassName tangentClass(Expr.Call call) {
    return call.companion().tangent();
  }

  public static ClassName holder(Expr.Call call) {
    return call.companion().holder();
  }

  /** The user's rule for argument i, called with the arguments' values: ∂g/∂a_i. */
  public static Expr partial(Expr.Call call, int i, List<Expr> args) {
    ExecutableElement rule = call.rules().get(i);
    ClassName owner = ClassName.get((TypeElement) rule.getEnclosingElement());
    return new Expr.Call(rule, owner, null, args, dev.cotangent.processor.ir.Type.DOUBLE,
        null, List.of(), call.site());
  }

  /** For each parameter: whether it is differentiable ({@link CompanionModel#isDifferentiable}). */
  public static List<Boolean> differentiable(Expr.Call call) {
    return call.companion().differentiable();
  }
}
