package dev.cotangent.processor.differentiate;


import dev.cotangent.processor.analyse.Activity;
import dev.cotangent.processor.analyse.MethodFacts;
import dev.cotangent.processor.differentiate.forward.TangentSweep;
import dev.cotangent.processor.differentiate.rules.Algebra;
import dev.cotangent.processor.differentiate.rules.Derivatives;
import dev.cotangent.processor.differentiate.rules.Shadows;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Variable;
import dev.cotangent.processor.lower.LoweredMethod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Forward mode: the tangent companion of a method is its code with tangents next to every active
 * assignment ({@link TangentSweep}), then the {@link Passes#TANGENT} passes.
 */
public final class Tangent {
  private final Activity activity;
  private final Derivatives dots = new Derivatives("Dot");

  private Tangent(Activity activity) {
    this.activity = activity;
  }

  /** The tangent of {@code method}, whose {@code facts} analysis computed when it was read. */
  public static TangentMethod of(LoweredMethod method, MethodFacts facts, Passes passes) {
    return new Tangent(facts.activity()).transform(method, passes);
  }

  private TangentMethod transform(LoweredMethod method, Passes passes) {
    Map<Variable, Variable> tangentParameters = new LinkedHashMap<>();
    List<Stmt> body = new ArrayList<>();
    for (Variable parameter : method.source().parameters()) {
      if (parameter.isDifferentiableParameter()) {
        Variable tangent = new Variable(parameter.name() + "Dot", parameter.type(),
            Variable.Role.PARAMETER, false);
        dots.bind(parameter, tangent);
        tangentParameters.put(parameter, tangent);
      } else if (activity.isActive(parameter)) {
        Expr zero = parameter.type().isArray() ? Shadows.zerosLike(parameter) : Algebra.number(0.0);
        body.add(new Stmt.Declare(dots.of(parameter), zero, null));
      }
    }
    body.addAll(new TangentSweep(activity, dots).statements(method.body()));
    Variable result = method.result();
    Variable resultTangent = activity.isActive(result) ? dots.of(result) : null;
    List<PassObserver.Step<List<Stmt>>> steps = new ArrayList<>();
    PassContext context = new PassContext(dots, activity.aliases(), Set.of(), List.of(), false,
        null);
    List<Stmt> optimised = passes.tangent(body, context, steps);
    TangentMethod tangent = new TangentMethod(method, tangentParameters, optimised, result,
        resultTangent, Passes.trace(steps));
    passes.observer().tangent(tangent, steps);
    return tangent;
  }
}
