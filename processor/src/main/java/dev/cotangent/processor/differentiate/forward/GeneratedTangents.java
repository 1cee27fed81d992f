package dev.cotangent.processor.differentiate.forward;

import static dev.cotangent.processor.differentiate.rules.Algebra.orZero;

import com.palantir.javapoet.ClassName;
import dev.cotangent.processor.analyse.Activity;
import dev.cotangent.processor.analyse.Aliases;
import dev.cotangent.processor.analyse.GeneratedFlows;
import dev.cotangent.processor.differentiate.rules.Algebra;
import dev.cotangent.processor.differentiate.rules.Derivatives;
import dev.cotangent.processor.differentiate.rules.Linearization;
import dev.cotangent.processor.differentiate.rules.Shadows;
import dev.cotangent.processor.ir.CompanionModel;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.List;
import java.util.Map;

/**
 * The tangents of the statements only generated code has, for {@link TangentSweep} on a
 * pullback's sweeps (the tangent of the adjoint, a second-order companion):
 *
 * <ul>
 *   <li>a value pushed on the tape has its tangent pushed right after it, so that the reverse
 *       sweep pops the tangent first: {@code v = pop} becomes {@code vDot = pop; v = pop};
 *   <li>a replay ({@code Repeat}) and a block keep their shape, their bodies differentiated;
 *       room reserved on the tape is dropped (the pushes are counted again afterwards);
 *   <li>{@code ArrayState.addInto}, {@code restore} and {@code snapshot} do to the tangents
 *       what they do to the values;
 *   <li>a callee's pullback {@code GAdjoint.g(args, seed, holder)} becomes a call of its
 *       Hessian-vector product {@code GHessian.g(args with tangents, seed, seedDot, holder)},
 *       whose holder has the tangent of each gradient field {@code x} in {@code xHv}.
 * </ul>
 */
final class GeneratedTangents {
  private final TangentSweep sweep;
  private final Activity activity;
  private final Derivatives dots;
  private final Map<ClassName, CompanionModel> callees;

  GeneratedTangents(TangentSweep sweep, Activity activity, Derivatives dots,
      Map<ClassName, CompanionModel> callees) {
    this.sweep = sweep;
    this.activity = activity;
    this.dots = dots;
    this.callees = callees;
  }

  /**
   * Whether the method differentiates {@code call} at order 1 (then its callee has second-order
   * companions, a tangent among them): a call at the site of one of {@code calls}, the
   * method's active calls. A rule call the partials made has the site of the call it
   * differentiates; a call without a site is taken as differentiated.
   */
  static boolean differentiates(Expr.Call call, java.util.Collection<Expr.Call> calls) {
    return call.site() == null || calls.stream().anyMatch(c -> c.site() == call.site());
  }

  /** Adds the tangent code of a generated statement to {@code out}; false for other statements. */
  boolean statement(Stmt s, List<Stmt> out) {
    if (s instanceof Stmt.Push push) {
      out.add(new Stmt.Push(push.value()));
      if (activity.isActive(push.value())) {
        out.add(new Stmt.Push(tangent(push.value(), out)));
      }
      return true;
    }
    if (s instanceof Stmt.Reserve) {
      return true;
    }
    if (s instanceof Stmt.Assign a && a.value() instanceof Expr.Pop pop) {
      if (activity.isActive(a.variable())) {
        out.add(new Stmt.Assign(dots.of(a.variable()), new Expr.Pop(pop.type()), null));
      }
      out.add(a);
      return true;
    }
    if (s instanceof Stmt.ArrayWrite w && w.value() instanceof Expr.Pop pop) {
      if (activity.isActive(Aliases.root(w.array()))) {
        out.add(new Stmt.ArrayWrite(Shadows.of(w.array(), dots), w.index(),
            new Expr.Pop(pop.type()), null));
      }
      out.add(w);
      return true;
    }
    if (s instanceof Stmt.Repeat r) {
      out.add(new Stmt.Repeat(r.counter(), r.times(), sweep.statements(r.body())));
      return true;
    }
    if (s instanceof Stmt.Block b) {
      out.add(new Stmt.Block(sweep.statements(b.body())));
      return true;
    }
    if (s instanceof Stmt.Evaluate e) {
      return evaluate(e, out);
    }
    Variable target = s instanceof Stmt.Declare d ? d.variable()
        : s instanceof Stmt.Assign a ? a.variable() : null;
    if (target != null && target.type() == Type.OBJECT) {
      out.add(s); // a callee's holder: its fields carry the derivatives
      return true;
    }
    Expr value = s instanceof Stmt.Declare d ? d.init()
        : s instanceof Stmt.Assign a ? a.value() : null;
    if (target != null && GeneratedFlows.copied(value) != null && activity.isActive(target)) {
      // saved = ArrayState.snapshot(a): savedDot = ArrayState.snapshot(aDot)
      Expr copied = GeneratedFlows.copied(value);
      Expr tangent = activity.isActive(copied)
          ? Shadows.call("snapshot", target.type(), arrayTangent(copied))
          : Shadows.call("zerosLike", target.type(), copied);
      out.add(s instanceof Stmt.Declare ? new Stmt.Declare(dots.of(target), tangent, null)
          : new Stmt.Assign(dots.of(target), tangent, null));
      out.add(s);
      return true;
    }
    return false;
  }

  /** The tangent of a callee holder's gradient field: the holder's field of its H·v. */
  Expr field(Expr.Field field) {
    Variable holder = GeneratedFlows.fieldHolder(field);
    CompanionModel callee = holder == null ? null : callees.get(holder.objectType());
    if (callee == null) {
      throw new IllegalStateException("no tangent for the field " + field);
    }
    return new Expr.Field(field.target(), callee.hvField(field.name()), field.type());
  }

  private boolean evaluate(Stmt.Evaluate e, List<Stmt> out) {
    if (!(e.call() instanceof Expr.Runtime call)) {
      return false;
    }
    List<Expr> args = call.args();
    Variable holder = args.isEmpty() ? null : GeneratedFlows.holder(args.get(args.size() - 1));
    if (holder != null && callees.containsKey(holder.objectType())) {
      hessianVectorProduct(call, callees.get(holder.objectType()), out);
      return true;
    }
    boolean arrayState = call.owner().simpleName().equals("ArrayState") && args.size() == 2;
    if (arrayState && call.method().equals("addInto") && activity.isActive(args.get(0))
        && activity.isActive(Aliases.root(args.get(1)))) {
      out.add(new Stmt.Evaluate(Shadows.call("addInto", call.type(), arrayTangent(args.get(0)),
          arrayTangent(args.get(1)))));
    } else if (arrayState && call.method().equals("restore")
        && activity.isActive(Aliases.root(args.get(1)))) {
      out.add(new Stmt.Evaluate(activity.isActive(args.get(0))
          ? Shadows.call("restore", call.type(), arrayTangent(args.get(0)),
              arrayTangent(args.get(1)))
          : Shadows.call("fill", call.type(), arrayTangent(args.get(1)),
              Algebra.number(0.0))));
    }
    out.add(e);
    return true;
  }

  /**
   * {@code GAdjoint.g([receiver,] args, seed, holder)} as {@code GHessian.g([receiver,] args
   * with their tangents, seed, seedDot, holder)}: the holder gets the gradient and its tangent.
   */
  private void hessianVectorProduct(Expr.Runtime call, CompanionModel callee, List<Stmt> out) {
    List<Expr> args = call.args();
    int parameters = callee.differentiable().size();
    boolean receiver = args.size() - 2 > parameters;
    int first = receiver ? 1 : 0;
    List<Expr> withTangents = sweep.withTangents(receiver ? args.get(0) : null,
        args.subList(first, first + parameters), callee.differentiable(), false, out);
    Expr seed = args.get(args.size() - 2);
    withTangents.add(seed);
    // a float callee's seed is a float, and so is its tangent (random seed 104761: the
    // tangent of (float) psScaleBar passed as the double 0.0 did not compile)
    withTangents.add(TangentSweep.narrowed(seed.type(), tangent(seed, out)));
    withTangents.add(args.get(args.size() - 1));
    out.add(new Stmt.Evaluate(new Expr.Runtime(callee.hessian(), call.method(), withTangents,
        Type.DOUBLE)));
  }

  /** The tangent of a scalar or element expression ({@code 0.0} where it is zero). */
  private Expr tangent(Expr e, List<Stmt> out) {
    Linearization linear = new Linearization(e, activity);
    out.addAll(linear.temps());
    return orZero(sweep.tangent(linear, e));
  }

  /** The tangent of an array expression: its shadow, or a holder's field of H·v. */
  private Expr arrayTangent(Expr array) {
    if (array instanceof Expr.Field field) {
      return field(field);
    }
    return Shadows.of(array, dots);
  }
}
