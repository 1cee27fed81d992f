package dev.cotangent.processor.differentiate;

import dev.cotangent.processor.analyse.Activity;
import dev.cotangent.processor.analyse.MethodFacts;
import dev.cotangent.processor.differentiate.forward.TangentSweep;
import dev.cotangent.processor.differentiate.passes.TapeReservations;
import dev.cotangent.processor.differentiate.rules.Algebra;
import dev.cotangent.processor.differentiate.rules.Derivatives;
import dev.cotangent.processor.differentiate.rules.Shadows;
import dev.cotangent.processor.differentiate.second.SweepProgram;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Second order as the composition of the two modes, on the IR: the tangent of the adjoint. The
 * pullback {@link Adjoint} made (after its passes) becomes one program ({@link SweepProgram});
 * analysis computes which of its values carry directions ({@code MethodFacts.ofSweeps}: from the
 * parameters' and the seed's tangents into both the primal values and the adjoints);
 * {@link TangentSweep} differentiates it statement by statement, generated statements included
 * (the tape carries each pushed value's tangent after it, a callee's pullback becomes its
 * Hessian-vector product); then the tangent's passes, and the tape's reservations counted again.
 * The gradient's tangent along the directions is H·v.
 */
public final class SecondOrder {
  /** The comments before the sweeps in a product's body. */
  public static final String FORWARD = "Forward sweep, with tangents";
  public static final String REVERSE = "Reverse sweep, with tangents";

  private SecondOrder() {}

  /** The Hessian-vector product of the method {@code adjoint} differentiates. */
  public static HvpMethod of(AdjointMethod adjoint, MethodFacts facts, Passes passes) {
    SweepProgram program = SweepProgram.of(adjoint, facts.activeCalls());
    return product(program, program.inputs(), facts, passes);
  }

  /**
   * The product {@code hvp} built again with a constant seed (the seed not among the inputs
   * that carry directions): the dense Hessian's sweep, which its only caller runs with
   * {@code seedDot = 0}. See {@link #CONSTANT_SEED} for the soundness condition and the gain.
   */
  public static HvpMethod withConstantSeed(HvpMethod hvp, MethodFacts facts, Passes passes) {
    SweepProgram program = hvp.program();
    List<Variable> inputs = new ArrayList<>(program.inputs());
    inputs.remove(program.seed());
    return product(program, inputs, facts, passes);
  }

  /**
   * The switch of {@link #withConstantSeed} ({@code -Acotangent.passes=-ConstantSeed}; a name in
   * {@code Passes.VECTOR}). The tangent is linear in the input tangents, so a product built
   * without the seed among its inputs computes exactly what the full one computes with
   * {@code seedDot = 0}: the terms it leaves out are products with the seed's tangent, or with
   * tangents that only the seed's tangent feeds (Rosenbrock: {@code t1 * sumBarDot}; the
   * logistic loss: {@code t4 * totalBarDot}, {@code - totalBarDot}), which add zeros. Sound
   * where the product is only called with {@code seedDot = 0}: the private {@code fLanes}, whose
   * one caller is {@code fHessian} (the results differ only where a left-out factor is infinite
   * or NaN, where the full product gives NaN). Measured (JDK 17, under load; together with
   * {@code LaneFactors}): see {@code benchmarks/README.md}, section Second order.
   */
  public static final String CONSTANT_SEED = "ConstantSeed";

  private static HvpMethod product(SweepProgram program, List<Variable> inputs,
      MethodFacts facts, Passes passes) {
    AdjointMethod adjoint = program.adjoint();
    Activity activity = MethodFacts.ofSweeps(inputs, program.body(), program.outputs(),
        facts.activeCalls()).activity();
    Derivatives dots = new Derivatives("Dot");
    Map<Variable, Variable> tangentParameters = new LinkedHashMap<>();
    List<Stmt> prologue = new ArrayList<>();
    for (Variable parameter : adjoint.source().source().parameters()) {
      if (parameter.isDifferentiableParameter()) {
        Variable tangent = new Variable(parameter.name() + "Dot", parameter.type(),
            Variable.Role.PARAMETER, false);
        dots.bind(parameter, tangent);
        tangentParameters.put(parameter, tangent);
      } else if (activity.isActive(parameter)) {
        Expr zero = parameter.type().isArray() ? Shadows.zerosLike(parameter)
            : Algebra.number(0.0);
        prologue.add(new Stmt.Declare(dots.of(parameter), zero, null));
      }
    }
    Variable seedTangent = new Variable("seedDot", program.seed().type(), Variable.Role.PARAMETER,
        false);
    dots.bind(program.seed(), seedTangent);
    TangentSweep sweep = new TangentSweep(activity, dots, program.callees(),
        facts.activeCalls());
    List<Stmt> body = new ArrayList<>(prologue);
    body.addAll(sweep.statements(program.prologue()));
    body.add(new Stmt.Comment(FORWARD));
    body.addAll(sweep.statements(program.forward()));
    body.add(new Stmt.Comment(REVERSE));
    body.addAll(sweep.statements(program.adjoints()));
    body.addAll(sweep.statements(program.reverse()));
    // the passes see the whole product: a tangent the forward sweep defines, the reverse reads
    PassContext context = new PassContext(dots, activity.aliases(), Set.of(), List.of(), false,
        null);
    List<PassObserver.Step<List<Stmt>>> steps = new ArrayList<>();
    body = passes.tangent(body, context, steps);
    if (passes.enabled("TapeReservations")) {
      body = TapeReservations.add(body);
    }
    Map<Variable, Variable> gradientTangents = new LinkedHashMap<>();
    adjoint.gradient().forEach((parameter, bar) ->
        gradientTangents.put(bar, activity.isActive(bar) ? dots.of(bar) : null));
    Map<Variable, Variable> arrayTangents = new LinkedHashMap<>();
    for (AdjointMethod.ArrayParameter array : adjoint.arrayParameters()) {
      arrayTangents.put(array.adjoint(),
          activity.isActive(array.adjoint()) ? dots.of(array.adjoint()) : null);
    }
    return new HvpMethod(program, tangentParameters, seedTangent, body, gradientTangents,
        arrayTangents, Passes.trace(steps));
  }
}
