package dev.cotangent.processor.differentiate.second;

import com.palantir.javapoet.ClassName;
import dev.cotangent.processor.analyse.Aliases;
import dev.cotangent.processor.analyse.Variables;
import dev.cotangent.processor.differentiate.AdjointMethod;
import dev.cotangent.processor.differentiate.passes.TapeReservations;
import dev.cotangent.processor.ir.CompanionModel;
import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.ExprMap;
import dev.cotangent.processor.ir.Exprs;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pullback as one program of ordinary IR, for its second-order companion to differentiate
 * in forward mode (the tangent of the adjoint): the pullback's hoisted locals at their defaults,
 * its forward sweep, the declarations of its adjoints ({@code resultBar = seed}, the others at
 * zero) and its reverse sweep, exactly as {@code emit.AdjointWriter} lays the pullback out. The
 * seed is an input like the parameters; the outputs are the value, the adjoints the pullback
 * reports and the arrays. Three rewrites make the sweeps ready for the tangent:
 *
 * <ul>
 *   <li>room reserved on the tape is dropped (the tangent pushes more; the reservations are
 *       made again on the differentiated forward sweep);
 *   <li>a callee's gradient holder becomes its Hessian-vector product holder ({@code GHvp},
 *       which also has the gradient's fields), so that the tangent can read its H·v;
 *   <li>a call of a user's {@code @DerivativeOf} rule inside a partial derivative gets a
 *       statement of its own, {@code double d = Rules.erfDerivative(x);}, and the rule's
 *       companions: the tangent differentiates the rule's body like any helper's.
 * </ul>
 *
 * @param seed the pullback's seed, a new input
 * @param prologue the hoisted locals at their defaults (and the adjoints, when a fused loop uses
 *     them in the forward sweep)
 * @param forward the forward sweep
 * @param adjoints the reverse sweep's adjoint declarations (empty when in the prologue)
 * @param reverse the reverse sweep
 * @param inputs the values that carry directions: the differentiable parameters, the seed and
 *     the arrays' adjoints (accumulated into, with their tangents)
 * @param outputs the values whose tangents the companion reports (the adjoints and the arrays),
 *     and the tape's entries
 * @param callees each callee's model, by its Hessian-vector product holder's class
 */
public record SweepProgram(AdjointMethod adjoint, Variable seed, List<Stmt> prologue,
    List<Stmt> forward, List<Stmt> adjoints, List<Stmt> reverse, List<Variable> inputs,
    List<Variable> outputs, Map<ClassName, CompanionModel> callees) {

  /** The program of {@code adjoint}, whose method calls {@code calls} with derivatives. */
  public static SweepProgram of(AdjointMethod adjoint, List<Expr.Call> calls) {
    Map<ClassName, CompanionModel> byGradient = new LinkedHashMap<>();
    Map<ClassName, CompanionModel> byHvp = new LinkedHashMap<>();
    for (Expr.Call call : calls) {
      if (!call.hasRules()) {
        byGradient.put(call.companion().holder(), call.companion());
        byHvp.put(call.companion().hvpHolder(), call.companion());
      }
    }
    Rewrite rewrite = new Rewrite(byGradient);
    Variable seed = new Variable("seed", adjoint.source().source().returnType(),
        Variable.Role.PARAMETER, false);
    List<Stmt> prologue = new ArrayList<>();
    for (Variable local : adjoint.locals()) {
      prologue.add(new Stmt.Declare(local, Exprs.defaultValue(local.type()), null));
    }
    List<Stmt> declarations = new ArrayList<>();
    if (adjoint.resultAdjoint() != null) {
      declarations.add(new Stmt.Declare(adjoint.resultAdjoint(), Exprs.ref(seed), null));
    }
    for (Variable bar : adjoint.adjoints()) {
      declarations.add(new Stmt.Declare(bar, Exprs.defaultValue(bar.type()), null));
    }
    List<Stmt> adjoints = new ArrayList<>();
    (adjoint.adjointsFirst() ? prologue : adjoints).addAll(declarations);
    List<Variable> inputs = new ArrayList<>(adjoint.source().source().differentiableParameters());
    inputs.add(seed);
    // the value's tangent is not reported: only the gradient's and the arrays' are outputs
    List<Variable> outputs = new ArrayList<>(adjoint.gradient().values());
    for (AdjointMethod.ArrayParameter array : adjoint.arrayParameters()) {
      // an array's adjoint is given (the holder's, or zeros) with its tangent (the holder's
      // H·v, or zeros): the sweeps add into both, also through aliases
      inputs.add(array.adjoint());
      outputs.add(array.adjoint());
      outputs.add(array.parameter());
    }
    List<Stmt> forward = rewrite.list(TapeReservations.removed(adjoint.forward()));
    List<Stmt> reverse = rewrite.list(adjoint.reverse());
    taped(forward, outputs);
    taped(reverse, outputs);
    return new SweepProgram(adjoint, seed, prologue, forward, adjoints, reverse, inputs, outputs,
        byHvp);
  }

  /**
   * The tape's entries are outputs too: what is pushed (a variable, an element, or the local a
   * pass read it into) and what is popped into. A pushed value then has a tangent exactly when the
   * variable it is popped into has one, and the tape stays in step.
   */
  private static void taped(List<Stmt> statements, List<Variable> outputs) {
    for (Stmt s : Children.flatten(statements)) {
      if (s instanceof Stmt.Push push) {
        Variables.in(push.value()).stream().filter(v -> v.type().isDifferentiable())
            .forEach(outputs::add);
      } else if (s instanceof Stmt.Assign a && a.value() instanceof Expr.Pop
          && a.variable().type().isDifferentiable()) {
        outputs.add(a.variable());
      } else if (s instanceof Stmt.ArrayWrite w && w.value() instanceof Expr.Pop
          && Aliases.root(w.array()) != null) {
        outputs.add(Aliases.root(w.array()));
      }
    }
  }

  /** Every statement of the program, in the order the pullback runs them. */
  public List<Stmt> body() {
    List<Stmt> all = new ArrayList<>(prologue);
    all.addAll(forward);
    all.addAll(adjoints);
    all.addAll(reverse);
    return all;
  }

  /** The three rewrites, over nested statement lists. */
  private static final class Rewrite {
    private final Map<ClassName, CompanionModel> callees;
    private final Map<Variable, Variable> holders = new IdentityHashMap<>();

    Rewrite(Map<ClassName, CompanionModel> callees) {
      this.callees = callees;
    }

    List<Stmt> list(List<Stmt> statements) {
      List<Stmt> out = new ArrayList<>();
      for (Stmt s : statements) {
        statement(s, out);
      }
      return out;
    }

    private void statement(Stmt s, List<Stmt> out) {
      if (s instanceof Stmt.Declare d && d.init() instanceof Expr.New creation
          && callees.containsKey(creation.owner())) {
        CompanionModel callee = callees.get(creation.owner());
        String name = d.variable().name().replaceFirst("Gradient$", "Hvp");
        Variable holder = Variable.object(name, callee.hvpHolder());
        holders.put(d.variable(), holder);
        out.add(new Stmt.Declare(holder, new Expr.New(callee.hvpHolder(), creation.args()),
            d.origin()));
      } else if (s instanceof Stmt.Evaluate e) {
        out.add(new Stmt.Evaluate(holders(e.call())));
      } else if (s instanceof Stmt.Declare d) {
        Expr init = RuleCalls.extract(holders(d.init()), out);
        out.add(new Stmt.Declare(d.variable(), init, d.origin()));
      } else if (s instanceof Stmt.Assign a) {
        out.add(a.withValue(RuleCalls.extract(holders(a.value()), out)));
      } else if (s instanceof Stmt.ArrayWrite w) {
        Expr value = RuleCalls.extract(holders(w.value()), out);
        out.add(new Stmt.ArrayWrite(w.array(), w.index(), value, w.origin()));
      } else {
        out.add(Children.map(s, this::list));
      }
    }

    /** {@code e} with the callees' holders replaced by their Hessian-vector product holders. */
    private Expr holders(Expr e) {
      if (e instanceof Expr.Ref ref && holders.containsKey(ref.variable())) {
        return Exprs.ref(holders.get(ref.variable()));
      }
      return e == null ? null : ExprMap.children(e, this::holders);
    }
  }
}
