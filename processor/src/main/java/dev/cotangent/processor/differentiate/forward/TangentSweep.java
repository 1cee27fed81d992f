package dev.cotangent.processor.differentiate.forward;

import static dev.cotangent.processor.differentiate.rules.Algebra.cond;
import static dev.cotangent.processor.differentiate.rules.Algebra.orZero;
import dev.cotangent.processor.analyse.Activity;
import dev.cotangent.processor.analyse.CallWrites;
import dev.cotangent.processor.analyse.Variables;
import dev.cotangent.processor.differentiate.rules.Algebra;
import dev.cotangent.processor.differentiate.rules.Callees;
import dev.cotangent.processor.differentiate.rules.Derivatives;
import dev.cotangent.processor.differentiate.rules.Linearization;
import dev.cotangent.processor.differentiate.rules.Partials;
import dev.cotangent.processor.differentiate.rules.Shadows;
import dev.cotangent.processor.differentiate.rules.TangentClasses;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Origin;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.List;

/**
 * The tangent code of the structured core, statement by statement: next to every active
 * assignment {@code v = e} (before it, while {@code e}'s inputs are unchanged), the tangent
 * {@code vDot = Σ ∂e/∂u · uDot} ({@link Partials}); control flow is kept as it is. A call
 * becomes a call of the callee's tangent companion.
 */
public final class TangentSweep {
  private final Activity activity;
  private final Derivatives dots;
  private final GeneratedTangents generated;
  /** The calls the method differentiates at order 1, when this differentiates its pullback. */
  private final List<Expr.Call> activeCalls;

  public TangentSweep(Activity activity, Derivatives dots) {
    this.activity = activity;
    this.dots = dots;
    this.generated = null;
    this.activeCalls = null;
  }

  /**
   * The tangent of a pullback's sweeps (generated code: tape, replays, runtime array calls and
   * callees' pullbacks, {@link GeneratedTangents}); {@code callees} gives the model of each
   * callee by its Hessian-vector product holder's class, {@code activeCalls} the calls the
   * method differentiates at order 1 (any other call's tangent is zero).
   */
  public TangentSweep(Activity activity, Derivatives dots,
      java.util.Map<com.palantir.javapoet.ClassName, dev.cotangent.processor.ir.CompanionModel>
          callees, List<Expr.Call> activeCalls) {
    this.activity = activity;
    this.dots = dots;
    this.generated = new GeneratedTangents(this, activity, dots, callees);
    this.activeCalls = activeCalls;
  }

  /** The tangent code of {@code in}. */
  public List<Stmt> statements(List<Stmt> in) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt statement : in) {
      if (generated != null && generated.statement(statement, out)) {
        continue;
      }
      Expr.Call call = CallWrites.call(statement);
      if (call != null && !call.hasRules() && activity.needsDerivative(call, statement)) {
        // y = g(x), g(x, y): the callee's tangent (it updates the tangents of what it writes)
        Variable v = statement instanceof Stmt.Declare d ? d.variable()
            : statement instanceof Stmt.Assign a ? a.variable() : null;
        Origin origin = statement instanceof Stmt.Declare d ? d.origin()
            : statement instanceof Stmt.Assign a ? a.origin() : ((Stmt.Invoke) statement).origin();
        comment(origin, out);
        if (activeCalls != null && !GeneratedTangents.differentiates(call, activeCalls)) {
          // a call order 1 does not differentiate: no tangent (see untangled)
          if (v != null) {
            untangled(v, call, statement instanceof Stmt.Declare, out);
          } else {
            out.add(statement);
          }
        } else {
          callTangent(v, call, statement instanceof Stmt.Declare, out);
        }
      } else if (statement instanceof Stmt.Declare d && activity.isActive(d.variable())) {
        assignment(d.variable(), d.init(), d.origin(), true, out);
      } else if (statement instanceof Stmt.Assign a && activity.isActive(a.variable())) {
        assignment(a.variable(), a.value(), a.origin(), false, out);
      } else if (statement instanceof Stmt.ArrayWrite w
          && activity.isActive(dev.cotangent.processor.analyse.Aliases.root(w.array()))) {
        elementWrite(w, out);
      } else if (statement instanceof Stmt.If s) {
        comment(s.origin(), out);
        out.add(new Stmt.If(s.condition(), statements(s.then()), statements(s.otherwise()), null));
      } else if (statement instanceof Stmt.While s) {
        comment(s.origin(), out);
        out.add(new Stmt.While(s.condition(), statements(s.body()), null, null));
      } else {
        out.add(statement);
      }
    }
    return out;
  }

  /** {@code a[i] = e}: {@code aDot[i] = ė} first, while {@code e}'s inputs are unchanged. */
  private void elementWrite(Stmt.ArrayWrite w, List<Stmt> out) {
    comment(w.origin(), out);
    if (w.value().type().isArray()) {
      out.addAll(dev.cotangent.processor.differentiate.reverse.RowReferences.tangent(w,
          activity, dots));
      return;
    }
    Linearization linear = new Linearization(w.value(), activity);
    out.addAll(linear.temps());
    Expr shadow = Shadows.of(w.array(), dots);
    Expr tangent = orZero(tangent(linear, w.value()));
    if (!tangent.equals(new Expr.ArrayRead(shadow, w.index(), Type.DOUBLE))) {
      out.add(new Stmt.ArrayWrite(shadow, w.index(), tangent, null));
    }
    out.add(new Stmt.ArrayWrite(w.array(), w.index(), linear.primal(), null));
  }

  /**
   * {@code a = <array>}: the shadow follows the reference ({@code aDot = bDot},
   * {@code aDot = mDot[i]}) or is made with the new array.
   */
  private void arrayAssignment(Variable v, Expr value, boolean declare, List<Stmt> out) {
    Variable dot = dots.of(v);
    Linearization linear = new Linearization(value, activity);
    out.addAll(linear.temps());
    Expr shadow;
    boolean afterPrimal = false;
    if (Shadows.names(value) && activity.isActive(value)) {
      shadow = Shadows.of(value, dots);
    } else if (value instanceof Expr.NewArray) {
      shadow = value;
    } else if (value instanceof Expr.CloneArray clone && activity.isActive(clone.array())) {
      shadow = new Expr.CloneArray(Shadows.of(clone.array(), dots));
    } else if (value instanceof Expr.ArrayLiteral literal) {
      shadow = literalTangent(linear, literal);
    } else {
      shadow = Shadows.zerosLike(v);
      afterPrimal = true;
    }
    Stmt primal = declare ? new Stmt.Declare(v, linear.primal(), null)
        : new Stmt.Assign(v, linear.primal(), null);
    Stmt derivative = declare ? new Stmt.Declare(dot, shadow, null)
        : new Stmt.Assign(dot, shadow, null);
    if (afterPrimal) {
      out.add(primal);
      out.add(derivative);
    } else if (Variables.occurs(v, value) && !declare) {
      Variable next = Variable.generated(dot.name() + "Next", v.type());
      out.add(new Stmt.Declare(next, shadow, null));
      out.add(primal);
      out.add(new Stmt.Assign(dot, new Expr.Ref(next), null));
    } else {
      out.add(derivative);
      out.add(primal);
    }
  }

  /**
   * {@code v = g(args)} or {@code g(args);} ({@code v} null): the callee's tangent companion,
   * given each argument and, after each argument of a differentiable parameter, its tangent
   * (an array's tangent is updated in place when the callee writes into the array). It returns
   * a {@code Dual}, or for an array result a {@code VectorDual} (result and tangent together).
   */
  private void callTangent(Variable v, Expr.Call call, boolean declare, List<Stmt> out) {
    List<Expr> args = withTangents(call.receiver(), call.args(), Callees.differentiable(call),
        call.companion().packedTangent(), out);
    if (call.type() == Type.VOID) {
      out.add(new Stmt.Evaluate(
          new Expr.Runtime(Callees.tangentClass(call), call.name(), args, Type.VOID)));
      return;
    }
    Variable dual = Variable.object(call.name() + "Tangent", TangentClasses.dualOf(call.type()));
    out.add(new Stmt.Declare(dual,
        new Expr.Runtime(Callees.tangentClass(call), call.name(), args, Type.OBJECT), null));
    Type carried = call.type().isArray() ? call.type() : Type.DOUBLE;
    Expr tangent = new Expr.InstanceCall(new Expr.Ref(dual), "tangent", List.of(), carried);
    Expr value = new Expr.InstanceCall(new Expr.Ref(dual), "value", List.of(), carried);
    if (v == null) {
      return;
    }
    if (activity.isActive(v)) {
      Variable dot = dots.of(v);
      out.add(declare ? new Stmt.Declare(dot, tangent, null)
          : new Stmt.Assign(dot, tangent, null));
    }
    out.add(declare ? new Stmt.Declare(v, value, null) : new Stmt.Assign(v, value, null));
  }


  /**
   * {@code v = g(args)} in a pullback's sweeps, a call the method does not differentiate at
   * order 1 (its callee may have no companions): {@code vDot = 0}. That is the derivative H·v
   * needs. The call is inactive at order 1, so either no argument depends on a differentiable
   * parameter (the tangent is zero), or its value reaches neither the result nor any partial
   * derivative the reverse sweep computes except through functions with a zero derivative
   * ({@code floor}, comparisons, indices): were it an operand of a useful operation with a
   * derivative, its arguments would be useful and the call active. Its tangent, and that of
   * whatever it flows into, is then multiplied by zero wherever the gradient reads it.
   */
  private void untangled(Variable v, Expr.Call call, boolean declare, List<Stmt> out) {
    Stmt primal = declare ? new Stmt.Declare(v, call, null) : new Stmt.Assign(v, call, null);
    if (!activity.isActive(v)) {
      // as in callTangent: a variable nothing differentiable reads has no tangent (and a hoisted
      // one no declared tangent), though the call's arguments may be active
      out.add(primal);
      return;
    }
    Variable dot = dots.of(v);
    Expr zero = v.type().isArray() ? Shadows.zerosLike(v) : Algebra.number(0.0);
    Stmt derivative = declare ? new Stmt.Declare(dot, zero, null)
        : new Stmt.Assign(dot, zero, null);
    if (v.type().isArray()) {
      out.add(primal);
      out.add(derivative);
    } else {
      out.add(derivative);
      out.add(primal);
    }
  }

  /**
   * The arguments of a callee's forward-mode companion (its tangent, or its Hessian-vector
   * product): the receiver if any, then each argument and, after each argument of a
   * differentiable parameter, its tangent; the temporaries they read go to {@code out}.
   */
  List<Expr> withTangents(Expr receiver, List<Expr> callArgs, List<Boolean> differentiable,
      boolean packed, List<Stmt> out) {
    List<Expr> args = new ArrayList<>();
    if (receiver != null) {
      args.add(receiver);
    }
    List<Expr> scalarTangents = new ArrayList<>(); // packed: in one array, after the arguments
    for (int i = 0; i < callArgs.size(); i++) {
      Expr arg = callArgs.get(i);
      Linearization linear = new Linearization(arg, activity);
      out.addAll(linear.temps());
      args.add(linear.primal());
      if (differentiable.get(i)) {
        if (arg.type().isArray()) {
          args.add(activity.isActive(arg) && Shadows.names(arg) ? Shadows.of(arg, dots)
              : Shadows.call("zerosLike", arg.type(), linear.primal()));
        } else {
          Expr dot = narrowed(arg.type(), orZero(tangent(linear, arg)));
          (packed ? scalarTangents : args).add(dot);
        }
      }
    }
    if (packed) {
      args.add(new Expr.ArrayLiteral(Type.DOUBLE_ARRAY, scalarTangents));
    }
    return args;
  }

  /**
   * A double-valued derivative passed as a float (a float parameter's or seed's tangent, a float
   * element): {@code 0.0f} or a cast.
   */
  static Expr narrowed(Type element, Expr value) {
    if (element != Type.FLOAT || value.type() != Type.DOUBLE) {
      return value;
    }
    return value instanceof Expr.Literal literal
        ? new Expr.Literal(Type.FLOAT, literal.text() + "f") : new Expr.Cast(Type.FLOAT, value);
  }

  private Expr literalTangent(Linearization linear, Expr.ArrayLiteral literal) {
    List<Expr> elements = new ArrayList<>();
    for (Expr element : literal.elements()) {
      elements.add(element instanceof Expr.ArrayLiteral row
          ? literalTangent(linear, row)
          : narrowed(literal.type().element(), orZero(tangent(linear, element))));
    }
    return new Expr.ArrayLiteral(literal.type(), elements);
  }

  private void assignment(Variable v, Expr value, Origin origin, boolean declare, List<Stmt> out) {
    if (v.type().isArray()) {
      comment(origin, out);
      arrayAssignment(v, value, declare, out);
      return;
    }
    comment(origin, out);
    Linearization linear = new Linearization(value, activity);
    out.addAll(linear.temps());
    Expr tangent = orZero(tangent(linear, value));
    Variable dot = dots.of(v);
    boolean identity = tangent instanceof Expr.Ref ref && ref.variable() == dot;
    if (declare) {
      out.add(new Stmt.Declare(dot, tangent, null));
    } else if (!identity) {
      out.add(new Stmt.Assign(dot, tangent, null));
    }
    out.add(declare ? new Stmt.Declare(v, linear.primal(), null)
        : new Stmt.Assign(v, linear.primal(), null));
  }

  private static void comment(Origin origin, List<Stmt> out) {
    if (origin != null) {
      out.add(new Stmt.Comment(origin.toString()));
    }
  }

  /** The tangent of a node, or null where it is zero: {@code Σ ∂ · u̇} ({@link Partials}). */
  Expr tangent(Linearization linear, Expr node) {
    if (!linear.isActive(node)) {
      return null;
    }
    if (generated != null && node instanceof Expr.Field field) {
      return generated.field(field);
    }
    if (node instanceof Expr.Ref ref) {
      return new Expr.Ref(dots.of(ref.variable()));
    }
    if (node instanceof Expr.ArrayRead read) {
      return new Expr.ArrayRead(Shadows.of(read.array(), dots), read.index(), read.type());
    }
    if (node instanceof Expr.Conditional c) {
      return cond(linear.value(c.condition()), tangent(linear, c.ifTrue()),
          tangent(linear, c.ifFalse()));
    }
    List<Partials.Partial> partials = Partials.of(linear, node);
    List<Expr> operands = new ArrayList<>();
    for (Partials.Partial partial : partials) {
      operands.add(tangent(linear, partial.child()));
    }
    return Partials.sum(partials, operands);
  }
}
