package dev.cotangent.processor.differentiate.vector;

import dev.cotangent.processor.analyse.Aliases;
import dev.cotangent.processor.ir.CompanionModel;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Exprs;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Calls in vector forward mode: a callee's tangent or Hessian-vector product runs once per
 * direction, with that direction's arguments (a tangent array's direction copied out of its
 * lanes into one array made before the loop), and its results go into the lanes: {@code
 * gTangent.tangent()} into {@code gDot[d]}, a holder's H·v fields into k-lane arrays that later
 * statements read. The call's value (and a holder's gradient) is the same in every direction.
 */
final class CallLanes {
  private CallLanes() {}

  /**
   * {@code Dual gTangent = GTangent.g(args); gDot = gTangent.tangent(); g = gTangent.value();}
   * (without {@code gDot} when g's result is inactive) starting at {@code in[at]}; returns the index of the group's last statement.
   */
  static int tangent(LaneSweep sweep, List<Stmt> in, int at, List<Stmt> out) {
    Stmt.Declare dual = (Stmt.Declare) in.get(at);
    Expr.Runtime call = (Expr.Runtime) dual.init();
    Stmt tangentOf = null;
    Stmt valueOf = null;
    int last = at;
    for (int j = at + 1; j < in.size() && (tangentOf == null || valueOf == null); j++) {
      Expr value = assigned(in.get(j));
      if (!(value instanceof Expr.InstanceCall use) || !use.target().equals(Exprs.ref(
          dual.variable()))) {
        break;
      }
      if (use.method().equals("tangent")) {
        tangentOf = in.get(j);
      } else {
        valueOf = in.get(j);
      }
      last = j;
    }
    if (valueOf == null) {
      throw new IllegalStateException("a call's tangent is not followed by its uses: " + call);
    }
    List<Stmt> body = new ArrayList<>();
    List<Expr> args = directionArguments(sweep, call.args(), out, body);
    body.add(new Stmt.Declare(dual.variable(), new Expr.Runtime(call.owner(), call.method(), args,
        call.type()), null));
    if (tangentOf != null) { // none when the result carries no derivative on
      Variable tangent = target(tangentOf);
      Expr tangentValue = assigned(tangentOf);
      body.add(sweep.isLane(tangent)
          ? new Stmt.ArrayWrite(Exprs.ref(sweep.laneArray(tangent)), Exprs.ref(sweep.d()),
              tangentValue, null)
          : new Stmt.Assign(tangent, tangentValue, null));
    }
    Variable value = target(valueOf);
    Variable next = Variable.generated(value.name() + "Value", value.type());
    out.add(new Stmt.Declare(next, Exprs.defaultValue(value.type()), null));
    body.add(new Stmt.Assign(next, assigned(valueOf), null));
    out.add(sweep.loop(body, false));
    out.add(valueOf instanceof Stmt.Declare ? new Stmt.Declare(value, Exprs.ref(next), null)
        : new Stmt.Assign(value, Exprs.ref(next), null));
    return last;
  }

  /**
   * {@code GHessian.g(args with tangents, seed, seedDot, holder)}: once per direction into the
   * cleared holder; its H·v fields then go into k lanes.
   */
  static void product(LaneSweep sweep, Stmt.Evaluate e, Variable holder, List<Stmt> out) {
    Expr.Runtime call = (Expr.Runtime) e.call();
    CompanionModel callee = sweep.callee(holder);
    List<Stmt> body = new ArrayList<>();
    body.add(new Stmt.Evaluate(new Expr.InstanceCall(Exprs.ref(holder), "clear", List.of(),
        Type.DOUBLE)));
    List<Expr> args = directionArguments(sweep, call.args().subList(0, call.args().size() - 1),
        out, body);
    args.add(call.args().get(call.args().size() - 1));
    body.add(new Stmt.Evaluate(new Expr.Runtime(call.owner(), call.method(), args, call.type())));
    Map<String, Variable> fields = LaneSweep.ordered();
    List<Type> types = parameterTypes(call, callee);
    for (int j = 0; j < callee.gradientFields().size(); j++) {
      String hv = callee.hvFields().get(j);
      Type type = types.get(j);
      Expr field = new Expr.Field(Exprs.ref(holder), hv, type);
      if (type.isArray()) {
        Variable packed = Variable.generated(holder.name() + capitalised(hv), type);
        out.add(new Stmt.Declare(packed, new Expr.Runtime(LaneSweep.lanesClass(), "zerosLike",
            List.of(new Expr.Field(Exprs.ref(holder), callee.gradientFields().get(j), type),
                Exprs.ref(sweep.k())), type), null));
        body.add(new Stmt.Evaluate(new Expr.Runtime(LaneSweep.lanesClass(), "pack",
            List.of(field, Exprs.ref(sweep.k()), Exprs.ref(sweep.d()), Exprs.ref(packed)),
            Type.DOUBLE)));
        fields.put(hv, packed);
      } else {
        Variable laneArray = sweep.scalarLanes(holder.name() + capitalised(hv), type);
        body.add(new Stmt.ArrayWrite(Exprs.ref(laneArray), Exprs.ref(sweep.d()), field, null));
        fields.put(hv, laneArray);
      }
    }
    sweep.holderLanes(holder, fields);
    out.add(sweep.loop(body, false));
  }

  /**
   * A call's arguments in direction {@code d}: tangents of scalars from their lanes, tangent
   * arrays copied out of their lanes ({@code Lanes.unpack}) into arrays made before the loop.
   */
  private static List<Expr> directionArguments(LaneSweep sweep, List<Expr> args, List<Stmt> before,
      List<Stmt> body) {
    List<Expr> out = new ArrayList<>();
    for (Expr arg : args) {
      if (arg.type().isArray() && sweep.reads(arg)) {
        Variable root = Aliases.root(arg);
        Variable direction = Variable.generated((root == null ? "tangent" : root.name())
            + "Direction", arg.type());
        before.add(new Stmt.Declare(direction, new Expr.Runtime(LaneSweep.lanesClass(),
            "directionLike", List.of(arg, Exprs.ref(sweep.k())), arg.type()), null));
        body.add(new Stmt.Evaluate(new Expr.Runtime(LaneSweep.lanesClass(), "unpack",
            List.of(arg, Exprs.ref(sweep.k()), Exprs.ref(sweep.d()), Exprs.ref(direction)),
            Type.DOUBLE)));
        out.add(Exprs.ref(direction));
      } else {
        out.add(sweep.lane(arg));
      }
    }
    return out;
  }

  /** The type of each differentiable parameter of the callee, from the call's arguments. */
  private static List<Type> parameterTypes(Expr.Runtime call, CompanionModel callee) {
    List<Type> out = new ArrayList<>();
    int parameters = callee.differentiable().size();
    int tangents = (int) callee.differentiable().stream().filter(b -> b).count();
    int at = call.args().size() - 3 - parameters - tangents; // receiver, if any
    for (int i = 0; i < parameters; i++) {
      Expr arg = call.args().get(at++);
      if (callee.differentiable().get(i)) {
        out.add(arg.type());
        at++;
      }
    }
    return out;
  }

  private static Variable target(Stmt s) {
    return s instanceof Stmt.Declare d ? d.variable() : ((Stmt.Assign) s).variable();
  }

  private static Expr assigned(Stmt s) {
    return s instanceof Stmt.Declare d ? d.init() : s instanceof Stmt.Assign a ? a.value() : null;
  }

  private static String capitalised(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }
}
