package dev.cotangent.processor.differentiate.rules;

import com.palantir.javapoet.ClassName;
import dev.cotangent.processor.ir.CompanionNames;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.read.MethodReader;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** What the companions of a called method look like: the same API every companion has. */
public final class Callees {
  private Callees() {}

  public static ClassName adjointClass(Expr.Call call) {
    return CompanionNames.adjoint((TypeElement) call.callee().getEnclosingElement());
  }

  public static ClassName tangentClass(Expr.Call call) {
    return CompanionNames.tangent((TypeElement) call.callee().getEnclosingElement());
  }

  public static ClassName holder(Expr.Call call) {
    return adjointClass(call).nestedClass(CompanionNames.holder(call.callee()));
  }

  /** The user's rule for argument i, called with the arguments' values: ∂g/∂a_i. */
  public static Expr partial(Expr.Call call, int i, List<Expr> args) {
    ExecutableElement rule = call.rules().get(i);
    ClassName owner = ClassName.get((TypeElement) rule.getEnclosingElement());
    return new Expr.Call(rule, owner, null, args, dev.cotangent.processor.ir.Type.DOUBLE,
        List.of(), List.of(), call.site());
  }

  /** For each parameter: whether it is differentiable (double or double array, not held). */
  public static List<Boolean> differentiable(ExecutableElement callee) {
    List<Boolean> out = new ArrayList<>();
    for (VariableElement p : callee.getParameters()) {
      out.add(isDouble(p.asType()) && !MethodReader.hasNoDerivative(p));
    }
    return out;
  }

  private static boolean isDouble(TypeMirror type) {
    if (type instanceof ArrayType array) {
      return isDouble(array.getComponentType());
    }
    return type.getKind() == TypeKind.DOUBLE || type.getKind() == TypeKind.FLOAT;
  }
}
