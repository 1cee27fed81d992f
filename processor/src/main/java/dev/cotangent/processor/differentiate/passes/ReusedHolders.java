package dev.cotangent.processor.differentiate.passes;

import com.palantir.javapoet.ClassName;
import dev.cotangent.processor.differentiate.AdjointCode;
import dev.cotangent.processor.differentiate.PassContext;
import dev.cotangent.processor.differentiate.TwoSweepPass;
import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A callee's gradient holder made inside a loop is made once per call of the pullback and
 * cleared on every trip: {@code SigmoidGradient sigmoidGradient = new SigmoidGradient();} in a
 * reversed trip becomes {@code sigmoidGradient.clear();} there, with the declaration moved to the
 * start of the forward sweep (one holder per call site and per invocation of the generated
 * method: a local, so recursion and other threads get their own).
 *
 * <p><b>Soundness.</b> It applies to a declaration {@code h = new G()} inside a loop where
 * {@code G} is the gradient holder of a callee's pullback ({@code XAdjoint.YGradient}) made
 * without arguments, i.e. of a callee with no array parameter to differentiate (a holder with
 * arrays takes its shapes from the trip's arguments, which may change). What a trip reads of the
 * holder it reads after the pullback it passes the holder to, in the same trip (Java's scoping:
 * the declaration is in the trip's block). That pullback sets {@code value} and adds into each
 * derivative field, which {@code clear()} sets to 0.0 as the constructor does; the holder's tape
 * (a callee with loops) is reset by the pullback itself. The holder never escapes the generated
 * method: the generated pullbacks keep no reference to the holder they fill. So every trip reads
 * the numbers a fresh holder would have given it.
 *
 * <p><b>Gain</b> (issue 23): logistic regression with a {@code sigmoid} helper allocated a holder
 * per point, the LSTM three per element, layer and step; none now. Measured in
 * {@code benchmarks/README.md} (under load on a shared 2-core machine).
 */
public final class ReusedHolders implements TwoSweepPass {
  @Override
  public AdjointCode apply(AdjointCode code, PassContext context) {
    Map<Variable, Stmt.Declare> hoisted = new LinkedHashMap<>();
    List<Stmt> forward = rewrite(code.forward(), false, hoisted);
    List<Stmt> reverse = rewrite(code.reverse(), false, hoisted);
    if (hoisted.isEmpty()) {
      return code;
    }
    List<Stmt> declared = new ArrayList<>(hoisted.values());
    declared.addAll(forward);
    return new AdjointCode(declared, reverse, code.adjointsFirst());
  }

  private static List<Stmt> rewrite(List<Stmt> statements, boolean inLoop,
      Map<Variable, Stmt.Declare> hoisted) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : statements) {
      if (inLoop && s instanceof Stmt.Declare d && isCalleeHolder(d)) {
        hoisted.putIfAbsent(d.variable(), d);
        out.add(new Stmt.Evaluate(new Expr.InstanceCall(new Expr.Ref(d.variable()), "clear",
            List.of(), Type.VOID)));
        continue;
      }
      boolean loop = s instanceof Stmt.While || s instanceof Stmt.DoWhile
          || s instanceof Stmt.For || s instanceof Stmt.Repeat;
      out.add(Children.map(s, list -> rewrite(list, inLoop || loop, hoisted)));
    }
    return out;
  }

  /** {@code h = new XAdjoint.YGradient()}: a callee's holder without array fields. */
  private static boolean isCalleeHolder(Stmt.Declare d) {
    if (!(d.init() instanceof Expr.New creation) || !creation.args().isEmpty()
        || d.variable().type() != Type.OBJECT) {
      return false;
    }
    ClassName owner = creation.owner();
    ClassName enclosing = owner.enclosingClassName();
    return owner.simpleName().endsWith("Gradient") && enclosing != null
        && enclosing.simpleName().endsWith("Adjoint");
  }
}
