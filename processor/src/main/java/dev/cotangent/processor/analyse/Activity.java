package dev.cotangent.processor.analyse;

import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.MathFunction;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Variable;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Which variables carry derivatives: those that both depend on a differentiable parameter
 * (varied) and influence the result (useful), through differentiable operations. Two
 * flow-insensitive fixpoints over all assignments: forward for varied, backward from the result
 * for useful. Everything else, such as a variable that only feeds a loop condition, gets no
 * derivative code at all.
 */
public final class Activity {
  private final Set<Variable> active = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Aliases aliases;

  private Activity(Aliases aliases) {
    this.aliases = aliases;
  }

  public Aliases aliases() {
    return aliases;
  }

  /**
   * This activity with {@code introduced} active too: new scalar locals a rewrite bound active,
   * useful sub-expressions to (their values flow into the result as the expressions' did).
   */
  Activity withActive(java.util.Collection<Variable> introduced) {
    Activity out = new Activity(aliases);
    out.active.addAll(active);
    out.active.addAll(introduced);
    return out;
  }

  public static Activity of(List<Variable> parameters, List<Stmt> body, Variable result) {
    List<Variable> inputs = parameters.stream()
        .filter(Variable::isDifferentiableParameter).toList();
    List<Variable> outputs = new java.util.ArrayList<>(List.of(result));
    // what a method leaves in its arrays is an output as well
    inputs.stream().filter(p -> p.type().isArray()).forEach(outputs::add);
    return of(inputs, body, outputs);
  }

  /**
   * The activity of a body with these derivative-carrying {@code inputs} and {@code outputs}:
   * for a method, its differentiable parameters and its result (with its differentiable
   * arrays); for a pullback that a second-order companion differentiates, also its seed and
   * the adjoints it reports.
   */
  static Activity of(Collection<Variable> inputs, List<Stmt> body,
      Collection<Variable> outputs) {
    Activity activity = new Activity(Aliases.of(body));
    activity.active.addAll(inputs);
    boolean changed = true;
    while (changed) {
      changed = activity.propagate(body);
      changed |= activity.closeOverAliases(activity.active, body);
    }
    Set<Variable> useful = Collections.newSetFromMap(new IdentityHashMap<>());
    useful.addAll(outputs);
    changed = true;
    while (changed) {
      changed = activity.markUseful(body, useful);
      changed |= activity.closeOverAliases(useful, body);
    }
    activity.active.retainAll(useful);
    return activity;
  }

  /** A class of aliased arrays is marked as a whole. */
  private boolean closeOverAliases(Set<Variable> marked, List<Stmt> body) {
    List<Variable> members = aliases.members(List.copyOf(marked), Declared.in(body, marked));
    return marked.addAll(members);
  }

  /**
   * One backward pass: statements last to first (the fixpoint is the same in any order, and a
   * chain of definitions in a straight line then converges in one pass instead of one per link).
   */
  private boolean markUseful(List<Stmt> statements, Set<Variable> useful) {
    boolean changed = false;
    for (int k = statements.size() - 1; k >= 0; k--) {
      Stmt statement = statements.get(k);
      if (statement instanceof Stmt.ArrayWrite w && useful.contains(Aliases.root(w.array()))) {
        changed |= useful.addAll(differentiableReads(w.value()));
      }
      Expr.Call call = CallWrites.call(statement);
      for (Variable written : CallWrites.roots(statement)) {
        if (useful.contains(written)) { // what the call leaves in an array depends on its inputs
          for (Expr arg : call.args()) {
            changed |= useful.addAll(differentiableReads(arg));
          }
        }
      }
      if (statement instanceof Stmt.Declare d && d.init() != null && useful.contains(d.variable())) {
        changed |= useful.addAll(differentiableReads(d.init()));
      } else if (statement instanceof Stmt.Assign a && useful.contains(a.variable())) {
        changed |= useful.addAll(differentiableReads(a.value()));
      } else if (statement instanceof Stmt.Evaluate e) {
        for (GeneratedFlows.Flow flow : GeneratedFlows.of(e)) {
          if (useful.contains(flow.target())) {
            for (Expr source : flow.sources()) {
              changed |= useful.addAll(differentiableReads(source));
            }
          }
        }
      }
      List<List<Stmt>> children = Children.of(statement);
      for (int c = children.size() - 1; c >= 0; c--) {
        changed |= markUseful(children.get(c), useful);
      }
    }
    return changed;
  }

  /** The active variables an expression's value depends on differentiably. */
  private List<Variable> differentiableReads(Expr expr) {
    List<Variable> reads = new java.util.ArrayList<>();
    collectReads(expr, reads);
    return reads;
  }

  private void collectReads(Expr expr, List<Variable> reads) {
    if (!isActive(expr)) {
      return;
    }
    if (expr instanceof Expr.Ref ref) {
      reads.add(ref.variable());
    } else if (expr instanceof Expr.Unary unary) {
      collectReads(unary.operand(), reads);
    } else if (expr instanceof Expr.Binary binary) {
      collectReads(binary.left(), reads);
      collectReads(binary.right(), reads);
    } else if (expr instanceof Expr.Conditional conditional) {
      collectReads(conditional.ifTrue(), reads);
      collectReads(conditional.ifFalse(), reads);
    } else if (expr instanceof Expr.Cast cast) {
      collectReads(cast.operand(), reads);
    } else if (expr instanceof Expr.MathCall call) {
      call.args().forEach(arg -> collectReads(arg, reads));
    } else if (expr instanceof Expr.ArrayRead read) {
      collectReads(read.array(), reads);
    } else if (expr instanceof Expr.ArrayLiteral literal) {
      literal.elements().forEach(element -> collectReads(element, reads));
    } else if (expr instanceof Expr.CloneArray clone) {
      collectReads(clone.array(), reads);
    } else if (expr instanceof Expr.Call call) {
      call.args().forEach(arg -> collectReads(arg, reads));
    } else if (GeneratedFlows.fieldHolder(expr) != null) {
      reads.add(GeneratedFlows.fieldHolder(expr));
    } else if (GeneratedFlows.copied(expr) != null) {
      collectReads(GeneratedFlows.copied(expr), reads);
    }
  }

  private boolean propagate(List<Stmt> statements) {
    boolean changed = false;
    for (Stmt statement : statements) {
      if (statement instanceof Stmt.Declare d && d.init() != null) {
        changed |= mark(d.variable(), d.init());
      } else if (statement instanceof Stmt.Assign a) {
        changed |= mark(a.variable(), a.value());
      } else if (statement instanceof Stmt.ArrayWrite w) {
        changed |= mark(Aliases.root(w.array()), w.value());
      } else if (statement instanceof Stmt.Evaluate e) {
        for (GeneratedFlows.Flow flow : GeneratedFlows.of(e)) {
          // a holder is an object: it carries derivatives in its fields
          changed |= flow.sources().stream().anyMatch(this::isActive) && active.add(flow.target());
        }
      }
      for (Variable written : CallWrites.roots(statement)) {
        changed |= written.type().isDifferentiable() && isActiveCall(CallWrites.call(statement))
            && active.add(written);
      }
      for (List<Stmt> child : Children.of(statement)) {
        changed |= propagate(child);
      }
    }
    return changed;
  }

  private boolean mark(Variable target, Expr value) {
    return target.type().isDifferentiable() && isActive(value) && active.add(target);
  }

  public boolean isActive(Variable variable) {
    return active.contains(variable);
  }

  /** Whether the expression's value depends differentiably on an active variable. */
  public boolean isActive(Expr expr) {
    if (!expr.type().isDifferentiable()) {
      return false;
    }
    if (expr instanceof Expr.Ref ref) {
      return active.contains(ref.variable());
    }
    if (expr instanceof Expr.Unary unary) {
      return isActive(unary.operand());
    }
    if (expr instanceof Expr.Binary binary) {
      return isActive(binary.left()) || isActive(binary.right());
    }
    if (expr instanceof Expr.Conditional conditional) {
      return isActive(conditional.ifTrue()) || isActive(conditional.ifFalse());
    }
    if (expr instanceof Expr.Cast cast) {
      return isActive(cast.operand());
    }
    if (expr instanceof Expr.MathCall call) {
      return hasDerivative(call.function()) && call.args().stream().anyMatch(this::isActive);
    }
    if (expr instanceof Expr.ArrayRead read) {
      return isActive(read.array());
    }
    if (expr instanceof Expr.ArrayLiteral literal) {
      return literal.elements().stream().anyMatch(this::isActive);
    }
    if (expr instanceof Expr.CloneArray clone) {
      return isActive(clone.array());
    }
    if (expr instanceof Expr.Call call) {
      return call.args().stream().anyMatch(this::isActive);
    }
    if (GeneratedFlows.fieldHolder(expr) != null) {
      return active.contains(GeneratedFlows.fieldHolder(expr));
    }
    if (GeneratedFlows.copied(expr) != null) {
      return isActive(GeneratedFlows.copied(expr));
    }
    return false;
  }

  /**
   * Whether a call passes a derivative to its callee: one of its arguments is active (whatever
   * the call returns, {@code void} included: it may write into its arrays).
   */
  public boolean isActiveCall(Expr.Call call) {
    return call.args().stream().anyMatch(this::isActive);
  }

  /**
   * Whether the call of statement {@code s} needs its callee's derivatives: its result carries
   * one, or it writes an active argument array from active arguments.
   */
  public boolean needsDerivative(Expr.Call call, Stmt s) {
    return needsDerivative(call, CallWrites.of(s));
  }

  /** The same, given the array arguments the call writes into. */
  public boolean needsDerivative(Expr.Call call, List<Expr> written) {
    return isActive(call) || isActiveCall(call)
        && written.stream().map(Aliases::root).anyMatch(r -> r != null && isActive(r));
  }

  /** Functions that are piecewise constant have a zero derivative wherever it exists. */
  public static boolean hasDerivative(MathFunction function) {
    return switch (function) {
      case SIGNUM, FLOOR, CEIL, RINT, ROUND -> false;
      default -> true;
    };
  }
}
