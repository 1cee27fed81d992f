package dev.cotangent.processor.differentiate.vector;

import com.palantir.javapoet.ClassName;
import dev.cotangent.processor.analyse.Aliases;
import dev.cotangent.processor.analyse.GeneratedFlows;
import dev.cotangent.processor.analyse.Writes;
import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.CompanionModel;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.ExprMap;
import dev.cotangent.processor.ir.Exprs;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Subexpressions;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Vector forward mode as a rewrite of forward-mode code (a tangent, or the tangent of a
 * pullback): every tangent carries k directions ("lanes", {@code dev.cotangent.runtime.Lanes}:
 * a scalar's tangent becomes a {@code double[k]}, an array's tangent is packed with the
 * direction innermost, {@code aDot[i * k + d]}), and each run of consecutive derivative
 * statements becomes one loop {@code for (int d = 0; d < k; d++)}, while the method's own values,
 * and the partial derivatives the tangent statements read, are computed once for all k.
 *
 * <p>Which variables are tangents is found from the code ({@link LaneSet}): the directions and
 * whatever is computed from them. Statements on whole tangent arrays (a new array, an alias, a
 * copy, {@code ArrayState} calls, the tape's array references) run once with packed shapes.
 * Pushes and pops of tangents run over the lanes (pops downwards), one tape operation per loop so
 * that the tape stays in step. A call's tangent (or Hessian-vector product) runs once per
 * direction, each with that direction's arguments.
 */
public final class LaneSweep {
  private static final ClassName LANES = ClassName.get("dev.cotangent.runtime", "Lanes");

  private final LaneSet lanes;
  private final Variable k;
  private final Variable d = Variable.generated("d", Type.INT);
  private final Map<Variable, Variable> laneArrays = new IdentityHashMap<>();
  private final List<Variable> hoisted = new ArrayList<>();
  private final Map<Variable, Map<String, Variable>> holderLanes = new IdentityHashMap<>();

  /**
   * @param parts every statement list of the method, for the analysis of which values are tangents
   * @param seeds the tangents that are given: the directions, and outputs that must be packed
   * @param parameterLanes the k-lane parameter that replaces each scalar direction parameter
   * @param k the number of directions
   * @param callees each callee's model, by its Hessian-vector product holder's class
   */
  public LaneSweep(List<List<Stmt>> parts, Collection<Variable> seeds,
      Map<Variable, Variable> parameterLanes, Variable k, Map<ClassName, CompanionModel> callees) {
    this.lanes = LaneSet.of(parts, seeds, callees);
    this.k = k;
    laneArrays.putAll(parameterLanes);
  }

  /** Whether {@code v} carries k directions. */
  public boolean isLane(Variable v) {
    return lanes.contains(v);
  }

  /** The k-lane array of a scalar tangent. */
  public Variable laneArray(Variable scalar) {
    return laneArrays.computeIfAbsent(scalar, v -> {
      Variable array = Variable.generated(v.name(), v.type().arrayOf());
      hoisted.add(array);
      return array;
    });
  }

  /** The k-lane arrays of scalar tangents the rewritten code uses, for the method to provide. */
  public List<Variable> hoisted() {
    return hoisted;
  }

  /**
   * Whether {@code v} holds tangents: a variable that carries lanes, or the k-lane array of a
   * scalar one (a direction parameter's or a hoisted one).
   */
  boolean holdsLanes(Variable v) {
    return lanes.contains(v) || laneArrays.containsValue(v);
  }

  /**
   * Whether {@code s} is a loop over the directions whose body holds only statements of one
   * direction {@code d} (element writes and pushes, as {@link #statements} writes them): its
   * trips touch disjoint lanes, so they commute with each other and with another such loop's.
   */
  boolean isLaneLoop(Stmt s) {
    return s instanceof Stmt.For f && f.init().size() == 1
        && f.init().get(0) instanceof Stmt.Declare decl && decl.variable() == d
        && !f.body().isEmpty() && f.body().stream()
        .allMatch(b -> b instanceof Stmt.ArrayWrite || b instanceof Stmt.Push);
  }

  /** Whether a loop over the directions runs downwards (it pops lanes). */
  static boolean isDownwards(Stmt.For loop) {
    return !(((Stmt.Declare) loop.init().get(0)).init() instanceof Expr.Literal);
  }

  /**
   * Vector mode's passes, in the order they run: {@link FusedLaneLoops} (the loops over the
   * directions of a statement list as one), {@link LaneInvariants} (the method's elements such a
   * loop reads, once before it), {@link LaneLocals} (on the fused loops: lane temporaries
   * into locals of the loop), then {@link LaneFactors} (a lane-invariant factor's power of two
   * moved next to it). Switched like the other passes ({@code Passes}).
   */
  public static final List<String> PASSES =
      List.of(FusedLaneLoops.NAME, LaneInvariants.NAME, LaneLocals.NAME, LaneFactors.NAME);

  /**
   * {@code code}, the rewritten statements, through the passes {@code enabled} accepts;
   * {@code pinned} are tangents whose k-lane arrays the companion's writer reads afterwards.
   */
  public List<Stmt> optimised(List<Stmt> code, Collection<Variable> pinned,
      java.util.function.Predicate<String> enabled) {
    List<Stmt> out = code;
    if (enabled.test(FusedLaneLoops.NAME)) {
      out = FusedLaneLoops.apply(out, this);
    }
    if (enabled.test(LaneInvariants.NAME)) {
      out = LaneInvariants.apply(out, this);
    }
    if (enabled.test(LaneLocals.NAME)) {
      List<Variable> arrays = new ArrayList<>();
      pinned.forEach(v -> arrays.add(laneArray(v)));
      out = LaneLocals.apply(out, this, arrays);
    }
    if (enabled.test(LaneFactors.NAME)) { // last: sees the lane locals LaneLocals made
      out = LaneFactors.apply(out, this);
    }
    return out;
  }

  /** The number of directions. */
  public Variable k() {
    return k;
  }

  /** How a statement is rewritten. */
  private enum Kind { PER_LANE, WHOLE, PRIMAL }

  /** Which tape operation a run of per-lane statements holds. */
  private enum Tape { NONE, PUSH, POP }

  /** The rewritten statements of {@code in}. */
  public List<Stmt> statements(List<Stmt> in) {
    List<Stmt> out = new ArrayList<>();
    Run run = new Run(out);
    for (int i = 0; i < in.size(); i++) {
      Stmt s = in.get(i);
      if (s instanceof Stmt.Declare dual && dual.variable().type() == Type.OBJECT
          && dual.init() instanceof Expr.Runtime && lanes.isLaneObject(dual.variable())) {
        run.flush();
        i = CallLanes.tangent(this, in, i, out);
      } else if (s instanceof Stmt.Evaluate e && lanes.hvpHolder(e) != null
          && lanes.isLaneObject(lanes.hvpHolder(e))) {
        run.flush();
        CallLanes.product(this, e, lanes.hvpHolder(e), out);
      } else if (!Children.of(s).isEmpty()) {
        run.flush();
        Subexpressions.ofStatement(s).forEach(this::primal);
        out.add(Children.map(s, this::statements));
      } else if (s instanceof Stmt.Comment) {
        run.flush();
        out.add(s);
      } else {
        switch (kind(s)) {
          case PER_LANE -> run.add(perLane(s), tape(s));
          case WHOLE -> {
            run.flush();
            whole(s, out);
          }
          case PRIMAL -> {
            run.flush();
            Subexpressions.ofStatement(s).forEach(this::primal);
            out.add(s);
          }
        }
      }
    }
    run.flush();
    return out;
  }

  private Kind kind(Stmt s) {
    if (s instanceof Stmt.Declare decl && lanes.contains(decl.variable())) {
      return decl.variable().type().isArray() ? Kind.WHOLE : Kind.PER_LANE;
    }
    if (s instanceof Stmt.Assign a && lanes.contains(a.variable())) {
      return a.variable().type().isArray() ? Kind.WHOLE : Kind.PER_LANE;
    }
    if (s instanceof Stmt.ArrayWrite w && lanes.contains(Aliases.root(w.array()))) {
      return w.array().type().element().isArray() ? Kind.WHOLE : Kind.PER_LANE;
    }
    if (s instanceof Stmt.Push p && lanes.reads(p.value())) {
      return p.value().type().isArray() ? Kind.WHOLE : Kind.PER_LANE;
    }
    if (s instanceof Stmt.Evaluate e && lanes.reads(e.call())) {
      return Kind.WHOLE;
    }
    return Kind.PRIMAL;
  }

  private static Tape tape(Stmt s) {
    if (s instanceof Stmt.Push) {
      return Tape.PUSH;
    }
    Expr value = s instanceof Stmt.Declare decl ? decl.init() : s instanceof Stmt.Assign a
        ? a.value() : s instanceof Stmt.ArrayWrite w ? w.value() : null;
    return value instanceof Expr.Pop ? Tape.POP : Tape.NONE;
  }

  /** A statement of one direction {@code d}. */
  private Stmt perLane(Stmt s) {
    if (s instanceof Stmt.Declare decl) {
      return new Stmt.ArrayWrite(Exprs.ref(laneArray(decl.variable())), Exprs.ref(d),
          lane(decl.init()), null);
    }
    if (s instanceof Stmt.Assign a) {
      return new Stmt.ArrayWrite(Exprs.ref(laneArray(a.variable())), Exprs.ref(d),
          lane(a.value()), null);
    }
    if (s instanceof Stmt.ArrayWrite w) {
      return new Stmt.ArrayWrite(w.array(), index(w.index()), lane(w.value()), null);
    }
    Stmt.Push p = (Stmt.Push) s;
    return new Stmt.Push(lane(p.value()));
  }

  /** A statement on whole packed arrays, once. */
  private void whole(Stmt s, List<Stmt> out) {
    if (s instanceof Stmt.Declare decl && decl.init() instanceof Expr.ArrayLiteral literal) {
      out.add(new Stmt.Declare(decl.variable(), packedNew(literal), null));
      literal(Exprs.ref(decl.variable()), literal, out);
    } else if (s instanceof Stmt.Assign a && a.value() instanceof Expr.ArrayLiteral literal) {
      out.add(new Stmt.Assign(a.variable(), packedNew(literal), null));
      literal(Exprs.ref(a.variable()), literal, out);
    } else if (s instanceof Stmt.Declare decl) {
      out.add(new Stmt.Declare(decl.variable(), packed(decl.init()), decl.origin()));
    } else if (s instanceof Stmt.Assign a) {
      out.add(a.withValue(packed(a.value())));
    } else if (s instanceof Stmt.ArrayWrite w) {
      out.add(new Stmt.ArrayWrite(w.array(), w.index(), packed(w.value()), w.origin()));
    } else if (s instanceof Stmt.Push p) {
      out.add(p);
    } else {
      out.add(new Stmt.Evaluate(packed(((Stmt.Evaluate) s).call())));
    }
  }

  /** {@code {e0, e1, ...}} of tangents: a packed array filled over the lanes. */
  private void literal(Expr target, Expr.ArrayLiteral literal, List<Stmt> out) {
    List<Stmt> fill = new ArrayList<>();
    for (int j = 0; j < literal.elements().size(); j++) {
      Expr element = literal.elements().get(j);
      Expr at = Expr.Literal.ofInt(j);
      if (element instanceof Expr.ArrayLiteral row) {
        out.add(new Stmt.ArrayWrite(target, at, packedNew(row), null));
        literal(new Expr.ArrayRead(target, at, row.type()), row, out);
      } else {
        fill.add(new Stmt.ArrayWrite(target, index(at), lane(element), null));
      }
    }
    if (!fill.isEmpty()) {
      out.add(loop(fill, false));
    }
  }

  private Expr packedNew(Expr.ArrayLiteral literal) {
    Expr length = Expr.Literal.ofInt(literal.elements().size());
    return literal.type().dimensions() == 1
        ? new Expr.NewArray(literal.type(), List.of(times(length)))
        : new Expr.NewArray(literal.type(), List.of(length));
  }

  /** A whole tangent array's value in packed form: new arrays k times as long, and so on. */
  private Expr packed(Expr e) {
    if (e instanceof Expr.NewArray n && n.dimensions().size() == n.type().dimensions()) {
      List<Expr> dims = new ArrayList<>(n.dimensions());
      dims.set(dims.size() - 1, times(dims.get(dims.size() - 1)));
      return new Expr.NewArray(n.type(), dims);
    }
    if (e instanceof Expr.Runtime r && r.method().equals("zerosLike")
        && r.owner().simpleName().equals("ArrayState")) {
      return new Expr.Runtime(LANES, "zerosLike", List.of(r.args().get(0), Exprs.ref(k)),
          r.type());
    }
    Variable holder = GeneratedFlows.fieldHolder(e);
    if (holder != null && holderLanes.containsKey(holder)) {
      Variable packed = holderLanes.get(holder).get(((Expr.Field) e).name());
      if (packed != null) {
        return Exprs.ref(packed);
      }
    }
    return e == null ? null : ExprMap.children(e, this::packed);
  }

  /** The value of {@code e} in direction {@code d}. */
  Expr lane(Expr e) {
    if (e instanceof Expr.Ref ref && lanes.contains(ref.variable())
        && !ref.variable().type().isArray()) {
      return new Expr.ArrayRead(Exprs.ref(laneArray(ref.variable())), Exprs.ref(d),
          ref.variable().type());
    }
    if (e instanceof Expr.ArrayRead read && !read.type().isArray()
        && lanes.contains(Aliases.root(read.array()))) {
      return new Expr.ArrayRead(read.array(), index(read.index()), read.type());
    }
    Variable holder = GeneratedFlows.fieldHolder(e);
    if (holder != null && holderLanes.containsKey(holder)) {
      Variable lane = holderLanes.get(holder).get(((Expr.Field) e).name());
      if (lane != null) {
        return new Expr.ArrayRead(Exprs.ref(lane), Exprs.ref(d), e.type());
      }
    }
    return e == null ? null : ExprMap.children(e, this::lane);
  }

  /** {@code i * k + d}: element {@code i}'s entry in direction {@code d}. */
  private Expr index(Expr i) {
    Expr d = Exprs.ref(this.d);
    if (i instanceof Expr.Literal literal && literal.isZero()) {
      return d;
    }
    return new Expr.Binary(BinaryOp.ADD, times(i), d, Type.INT);
  }

  private Expr times(Expr n) {
    return new Expr.Binary(BinaryOp.MULTIPLY, n, Exprs.ref(k), Type.INT);
  }

  /** Records the k-lane variables of a holder's H·v fields, read in later statements. */
  void holderLanes(Variable holder, Map<String, Variable> fields) {
    holderLanes.put(holder, fields);
  }

  /** A new variable for a holder field's k lanes: a scalar's from the workspace. */
  Variable scalarLanes(String name, Type type) {
    Variable lanesOf = Variable.generated(name, type);
    return laneArray(lanesOf);
  }

  Variable d() {
    return d;
  }

  /** The callee whose Hessian-vector product fills {@code holder}. */
  CompanionModel callee(Variable holder) {
    return lanes.callee(holder);
  }

  static ClassName lanesClass() {
    return LANES;
  }

  /** {@code for (int d = 0; d < k; d++) body}, or downwards (for pops). */
  Stmt loop(List<Stmt> body, boolean down) {
    Expr dRef = Exprs.ref(d);
    Expr kRef = Exprs.ref(k);
    if (down) {
      return new Stmt.For(
          List.of(new Stmt.Declare(d, new Expr.Binary(BinaryOp.SUBTRACT, kRef,
              Expr.Literal.ofInt(1), Type.INT), null)),
          new Expr.Binary(BinaryOp.GREATER_EQUAL, dRef, Expr.Literal.ofInt(0), Type.BOOLEAN),
          List.of(new Stmt.Assign(d, new Expr.Binary(BinaryOp.SUBTRACT, dRef,
              Expr.Literal.ofInt(1), Type.INT), null)), body, null, null);
    }
    return new Stmt.For(List.of(new Stmt.Declare(d, Expr.Literal.ofInt(0), null)),
        new Expr.Binary(BinaryOp.LESS, dRef, kRef, Type.BOOLEAN),
        List.of(new Stmt.Assign(d, new Expr.Binary(BinaryOp.ADD, dRef, Expr.Literal.ofInt(1),
            Type.INT), null)), body, null, null);
  }

  boolean reads(Expr e) {
    return lanes.reads(e);
  }

  /** Method code must not read tangents: that would be a bug of the rewrite. */
  private void primal(Expr e) {
    if (lanes.reads(e)) {
      throw new IllegalStateException("a tangent read outside a derivative statement: " + e);
    }
  }

  /** Consecutive per-lane statements, collected into one loop over the directions. */
  private final class Run {
    private final List<Stmt> out;
    private final List<Stmt> body = new ArrayList<>();
    private Tape tape = Tape.NONE;

    Run(List<Stmt> out) {
      this.out = out;
    }

    void add(Stmt s, Tape kind) {
      if (kind != Tape.NONE && tape != Tape.NONE) {
        flush(); // one tape operation per loop: the tape stays in step
      }
      body.add(s);
      if (kind != Tape.NONE) {
        tape = kind;
      }
    }

    void flush() {
      if (!body.isEmpty()) {
        out.add(loop(List.copyOf(body), tape == Tape.POP));
      }
      body.clear();
      tape = Tape.NONE;
    }
  }

  /** The identity set used by {@link LaneSet}. */
  static <T> Set<T> identitySet() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }

  /** Keeps insertion order for maps of fields. */
  static <K, V> Map<K, V> ordered() {
    return new LinkedHashMap<>();
  }

  /** All variables the statements declare or assign. */
  static Set<Variable> written(List<List<Stmt>> parts) {
    Set<Variable> out = identitySet();
    parts.forEach(part -> out.addAll(Writes.variables(part)));
    return out;
  }
}
