package dev.cotangent.processor.differentiate.vector;

import com.palantir.javapoet.ClassName;
import dev.cotangent.processor.analyse.Aliases;
import dev.cotangent.processor.analyse.GeneratedFlows;
import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.CompanionModel;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Subexpressions;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which values of forward-mode code carry the directions: the given ones, and, to a fixpoint over
 * all assignments (flow-insensitive, like activity), every variable assigned a value that reads
 * one and every array whose elements are; arrays that may alias one of them as a whole. A callee's
 * tangent ({@code Dual}) or Hessian-vector product holder carries them when its call is given
 * one; then {@code dual.tangent()} and the holder's H·v fields do, its value and gradient do not.
 * Forward-mode code never computes the method's own values from tangents, so what this finds is
 * exactly the derivative code.
 */
final class LaneSet {
  private final Set<Variable> lanes = LaneSweep.identitySet();
  private final Set<Variable> objects = LaneSweep.identitySet();
  private final Map<ClassName, CompanionModel> callees;

  private LaneSet(Map<ClassName, CompanionModel> callees) {
    this.callees = callees;
  }

  static LaneSet of(List<List<Stmt>> parts, Collection<Variable> seeds,
      Map<ClassName, CompanionModel> callees) {
    LaneSet set = new LaneSet(callees);
    set.lanes.addAll(seeds);
    List<Stmt> all = new ArrayList<>();
    parts.forEach(part -> all.addAll(Children.flatten(part)));
    Aliases aliases = Aliases.of(all.stream().filter(s -> !(s instanceof Stmt.For)).toList());
    Set<Variable> universe = LaneSweep.written(parts);
    universe.addAll(seeds);
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Stmt s : all) {
        changed |= set.visit(s);
      }
      List<Variable> arrays = set.lanes.stream().filter(v -> v.type().isArray()).toList();
      changed |= set.lanes.addAll(aliases.members(arrays, universe));
    }
    return set;
  }

  private boolean visit(Stmt s) {
    if (s instanceof Stmt.Declare d && d.variable().type() == Type.OBJECT) {
      return d.init() instanceof Expr.Runtime call
          && call.args().stream().anyMatch(this::reads) && objects.add(d.variable());
    }
    if (s instanceof Stmt.Declare d) {
      return reads(d.init()) && lanes.add(d.variable());
    }
    if (s instanceof Stmt.Assign a && a.variable().type() != Type.OBJECT) {
      return reads(a.value()) && lanes.add(a.variable());
    }
    if (s instanceof Stmt.ArrayWrite w && Aliases.root(w.array()) != null) {
      return reads(w.value()) && lanes.add(Aliases.root(w.array()));
    }
    if (s instanceof Stmt.Evaluate e && hvpHolder(e) != null) {
      Expr.Runtime call = (Expr.Runtime) e.call();
      return call.args().subList(0, call.args().size() - 1).stream().anyMatch(this::reads)
          && objects.add(hvpHolder(e));
    }
    if (s instanceof Stmt.Evaluate e) {
      boolean changed = false; // ArrayState.addInto(from, into), restore(saved, into)
      for (GeneratedFlows.Flow flow : GeneratedFlows.of(e)) {
        if (flow.target().type() != Type.OBJECT && flow.sources().stream().anyMatch(this::reads)) {
          changed |= lanes.add(flow.target());
        }
      }
      return changed;
    }
    return false;
  }

  boolean contains(Variable v) {
    return v != null && lanes.contains(v);
  }

  /** A callee's {@code Dual} or holder whose call is given directions. */
  boolean isLaneObject(Variable v) {
    return objects.contains(v);
  }

  /** The holder of a call of a callee's Hessian-vector product, or null. */
  Variable hvpHolder(Stmt.Evaluate e) {
    if (e.call() instanceof Expr.Runtime call && !call.args().isEmpty()) {
      Variable holder = GeneratedFlows.holder(call.args().get(call.args().size() - 1));
      if (holder != null && callees.containsKey(holder.objectType())
          && call.owner().equals(callees.get(holder.objectType()).hessian())) {
        return holder;
      }
    }
    return null;
  }

  CompanionModel callee(Variable holder) {
    return callees.get(holder.objectType());
  }

  /** Whether {@code e}'s value depends on the directions. */
  boolean reads(Expr e) {
    if (e == null) {
      return false;
    }
    if (e instanceof Expr.Ref ref) {
      return lanes.contains(ref.variable());
    }
    if (e instanceof Expr.InstanceCall call && call.target() instanceof Expr.Ref ref
        && ref.variable().type() == Type.OBJECT) {
      return call.method().equals("tangent") && objects.contains(ref.variable());
    }
    Variable holder = GeneratedFlows.fieldHolder(e);
    if (holder != null) {
      CompanionModel callee = callees.get(holder.objectType());
      return objects.contains(holder) && callee != null
          && callee.hvFields().contains(((Expr.Field) e).name());
    }
    return Subexpressions.of(e).stream().anyMatch(this::reads);
  }
}
