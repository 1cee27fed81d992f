package dev.cotangent.processor.differentiate;

import dev.cotangent.processor.differentiate.passes.TapeReservations;
import dev.cotangent.processor.differentiate.vector.LaneSweep;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A forward-mode companion in vector mode: its statement lists rewritten by {@link LaneSweep} to
 * carry {@code k} directions at once. Made from a tangent ({@link #tangent}: {@code fBatch}) or
 * from a Hessian-vector product ({@link #product}: the dense Hessian's sweeps).
 *
 * @param parts the rewritten statement lists, in order (the tangent's body, or the product's)
 * @param parameterLanes for each direction parameter, the parameter that carries its k lanes (a
 *     scalar's {@code double[k]}; an array's packed tangent is the parameter itself)
 * @param sweep the rewrite, for which variables carry lanes and the arrays it hoisted
 * @param product the Hessian-vector product rewritten (null for {@code fBatch}): with a constant
 *     seed ({@link SecondOrder#withConstantSeed}) unless {@code ConstantSeed} is off
 */
public record BatchMethod(List<List<Stmt>> parts, Map<Variable, Variable> parameterLanes,
    LaneSweep sweep, HvpMethod product) {

  /** The number of directions, a parameter. */
  public Variable k() {
    return sweep.k();
  }

  /**
   * Whether {@code method} gets a vector mode: its values are doubles (a method with float
   * values, whose tangents are rounded to float, has none; nor a void or double[][] one).
   */
  public static boolean applies(dev.cotangent.processor.ir.MethodIR method) {
    return (method.returnType() == Type.DOUBLE || method.returnType() == Type.DOUBLE_ARRAY)
        && method.parameters().stream()
        .noneMatch(p -> p.type().scalar() == Type.FLOAT)
        && !containsFloat(method.body()) && !callsArrayMethods(method.body())
        && slots(method) <= dev.cotangent.processor.ir.CompanionModel.PARAMETER_SLOTS;
  }

  /**
   * The parameter slots of {@code fBatch(args with lanes, k, resultDot, workspace)}: each
   * parameter (a double two), a lanes array after each differentiable one, and three more. A
   * method with more has no vector mode (its Jacobian runs a tangent per column).
   */
  private static int slots(dev.cotangent.processor.ir.MethodIR method) {
    int slots = 3;
    for (Variable p : method.parameters()) {
      slots += p.type() == Type.DOUBLE || p.type() == Type.LONG ? 2 : 1;
      slots += p.isDifferentiableParameter() ? 1 : 0;
    }
    return slots;
  }

  /**
   * Whether the body calls a method with an array or no result, or one used as a statement
   * (out-parameters), or throws (guard clauses, which the lanes' loops do not end):
   * {@code CallLanes} carries scalar call tangents only, so such a method has
   * no lanes (its Jacobian runs one tangent per column, its Hessian one product per row).
   */
  private static boolean callsArrayMethods(List<Stmt> body) {
    if (dev.cotangent.processor.ir.Children.flatten(body).stream()
        .anyMatch(s -> s instanceof Stmt.Invoke || s instanceof Stmt.Throw
            || s instanceof Stmt.Assert)) {
      return true;
    }
    if (dev.cotangent.processor.analyse.Calls.in(body).stream().anyMatch(BatchMethod::notScalar)) {
      return true;
    }
    // the source's statements that Subexpressions.ofStatement does not look into
    for (Stmt s : dev.cotangent.processor.ir.Children.flatten(body)) {
      Expr e = s instanceof Stmt.Return r ? r.value()
          : s instanceof Stmt.DoWhile w ? w.condition()
          : s instanceof Stmt.For f ? f.condition()
          : s instanceof Stmt.Switch w ? w.selector() : null;
      if (e != null && dev.cotangent.processor.analyse.Calls.in(
          List.of(new Stmt.Evaluate(e))).stream().anyMatch(BatchMethod::notScalar)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A call whose result has no double lanes: an array, none, or a {@code float} (its lanes would
   * be a {@code float[]}, which the workspace does not hand out; random seed 270541).
   */
  private static boolean notScalar(Expr.Call call) {
    return call.type().isArray() || call.type() == Type.VOID || call.type() == Type.FLOAT;
  }

  private static boolean containsFloat(List<Stmt> body) {
    for (Stmt s : dev.cotangent.processor.ir.Children.flatten(body)) {
      if (s instanceof Stmt.Declare d && d.variable().type().scalar() == Type.FLOAT) {
        return true;
      }
    }
    return false;
  }

  /** {@code fBatch}: the tangent of {@code tangent}'s method along k directions at once. */
  public static BatchMethod tangent(TangentMethod tangent, Passes passes) {
    Map<Variable, Variable> parameterLanes = lanes(tangent.tangentParameters());
    List<Variable> seeds = new ArrayList<>(tangent.tangentParameters().values());
    if (tangent.resultTangent() != null && tangent.resultTangent().type().isArray()) {
      seeds.add(tangent.resultTangent()); // copied out packed
    }
    LaneSweep sweep = new LaneSweep(List.of(tangent.body()), seeds, parameterLanes, newK(),
        Map.of());
    List<Stmt> out = sweep.statements(tangent.body());
    List<Variable> pinned = new ArrayList<>(); // a scalar result's lanes are copied out
    if (tangent.resultTangent() != null && !tangent.resultTangent().type().isArray()
        && sweep.isLane(tangent.resultTangent())) {
      pinned.add(tangent.resultTangent());
    }
    out = sweep.optimised(out, pinned, passes::enabled);
    return new BatchMethod(List.of(out), parameterLanes, sweep, null);
  }

  /**
   * The Hessian-vector product {@code hvp} along k directions at once, for the dense Hessian
   * (which calls it with the seed's tangent zero: built again with a constant seed when
   * {@code ConstantSeed} is on).
   */
  public static BatchMethod product(HvpMethod full, dev.cotangent.processor.analyse.MethodFacts
      facts, Passes passes) {
    HvpMethod hvp = passes.enabled(SecondOrder.CONSTANT_SEED)
        ? SecondOrder.withConstantSeed(full, facts, passes) : full;
    Map<Variable, Variable> parameterLanes = lanes(hvp.tangentParameters());
    List<Variable> seeds = new ArrayList<>(hvp.tangentParameters().values());
    hvp.arrayTangents().values().stream().filter(v -> v != null).forEach(seeds::add);
    // the tape's reservations are counted again once the tangents' pushes are k-wide
    List<Stmt> body = TapeReservations.removed(hvp.body());
    LaneSweep sweep = new LaneSweep(List.of(body), seeds, parameterLanes, newK(),
        hvp.program().callees());
    List<Stmt> out = sweep.statements(body);
    List<Variable> pinned = new ArrayList<>();
    for (Variable tangent : hvp.gradientTangents().values()) {
      if (tangent != null && sweep.isLane(tangent) && !tangent.type().isArray()) {
        pinned.add(tangent); // added into the caller's lanes at the end
      }
    }
    out = sweep.optimised(out, pinned, passes::enabled);
    if (passes.enabled("TapeReservations")) {
      out = TapeReservations.add(out);
    }
    return new BatchMethod(List.of(out), parameterLanes, sweep, hvp);
  }

  /** A scalar direction's k lanes are a new {@code double[]} parameter of the same name. */
  private static Map<Variable, Variable> lanes(Map<Variable, Variable> tangentParameters) {
    Map<Variable, Variable> out = new LinkedHashMap<>();
    for (Variable dot : tangentParameters.values()) {
      out.put(dot, dot.type().isArray() ? dot
          : new Variable(dot.name(), dot.type().arrayOf(), Variable.Role.PARAMETER, false));
    }
    return out;
  }

  private static Variable newK() {
    return new Variable("k", Type.INT, Variable.Role.PARAMETER, false);
  }
}
