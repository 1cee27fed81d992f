package dev.cotangent.processor.differentiate.reverse;

import static dev.cotangent.processor.differentiate.rules.Algebra.add;
import static dev.cotangent.processor.differentiate.rules.Algebra.neg;

import dev.cotangent.processor.analyse.Activity;
import dev.cotangent.processor.analyse.Variables;
import dev.cotangent.processor.differentiate.passes.Increments;
import dev.cotangent.processor.differentiate.rules.Algebra;
import dev.cotangent.processor.differentiate.rules.Callees;
import dev.cotangent.processor.differentiate.rules.Derivatives;
import dev.cotangent.processor.differentiate.rules.Linearization;
import dev.cotangent.processor.differentiate.rules.Partials;
import dev.cotangent.processor.differentiate.rules.Shadows;
import dev.cotangent.processor.differentiate.tape.CallResults;
import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Subexpressions;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The reverse-sweep code of one active assignment {@code v = e}: recompute the values the
 * partials read, then add {@code ∂e/∂u · vBar} into each {@code uBar} and reset {@code vBar}.
 */
final class StatementAdjoint {
  private final Activity activity;
  private final Derivatives bars;

  StatementAdjoint(Activity activity, Derivatives bars) {
    this.activity = activity;
    this.bars = bars;
  }

  /**
   * {@code v = value}. When {@code value} is a call whose partial is its own result
   * ({@link CallResults#readsOwnResult}) and does not read {@code v}, the partial reads {@code v}:
   * the caller runs this code before it restores {@code v}'s old value.
   */
  List<Stmt> of(Variable v, Expr value, boolean firstDefinition) {
    Variable vBar = bars.of(v);
    boolean ownResult = CallResults.readsOwnResult(value, activity)
        && !Variables.occurs(v, value);
    Linearization linear = new Linearization(value, activity, ownResult ? new Expr.Ref(v) : null);
    List<Stmt> code = new ArrayList<>();
    List<Expr> selfTerms = new ArrayList<>();
    if (occursInBranch(v, value)) {
      // Contributions to v from inside a ?: cannot be summed after it: save vBar first.
      Variable saved = Variable.generated(vBar.name() + "Old", Type.DOUBLE);
      code.add(new Stmt.Declare(saved, new Expr.Ref(vBar), null));
      code.add(new Stmt.Assign(vBar, Algebra.number(0.0), null));
      propagate(linear, value, new Expr.Ref(saved), null, selfTerms, code);
      return withTemps(linear.temps(), code);
    }
    propagate(linear, value, new Expr.Ref(vBar), v, selfTerms, code);
    // Contributions to v itself come last: the others read vBar's value before the statement.
    Expr selfAdjoint = null;
    for (Expr term : selfTerms) {
      selfAdjoint = add(selfAdjoint, term);
    }
    boolean identity = selfAdjoint instanceof Expr.Ref ref && ref.variable() == vBar;
    if (selfAdjoint != null && !identity) {
      code.add(new Stmt.Assign(vBar, selfAdjoint, null));
    } else if (selfAdjoint == null && !firstDefinition) {
      code.add(new Stmt.Assign(vBar, Algebra.number(0.0), null));
    }
    return withTemps(linear.temps(), code);
  }

  /**
   * {@code a[i] = e}. When {@code e} does not read {@code a} (or an alias), its inputs get
   * {@code aBar[i]} and it is reset; {@code a[i] = a[i] + r} only passes {@code aBar[i]} to
   * {@code r}; otherwise {@code aBar[i]} is saved and reset first, which is right even when
   * {@code e} reads {@code a[j]} with {@code j == i}.
   */
  List<Stmt> ofElement(Stmt.ArrayWrite w, java.util.function.Predicate<Expr> readsArray) {
    Expr shadow = Shadows.of(w.array(), bars);
    Expr element = new Expr.ArrayRead(shadow, w.index(), Type.DOUBLE);
    Expr value = w.value();
    List<Stmt> code = new ArrayList<>();
    Expr.ArrayRead self = new Expr.ArrayRead(w.array(), w.index(), Type.DOUBLE);
    Linearization linear;
    if (!readsArray.test(value)) {
      linear = new Linearization(value, activity);
      propagate(linear, value, element, null, new ArrayList<>(), code);
      code.add(new Stmt.ArrayWrite(shadow, w.index(), Algebra.number(0.0), null));
    } else if (value instanceof Expr.Binary b && b.left().equals(self)
        && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUBTRACT)
        && !readsArray.test(b.right())) {
      linear = new Linearization(b.right(), activity);
      Expr bar = b.op() == BinaryOp.ADD ? element : neg(element);
      propagate(linear, b.right(), bar, null, new ArrayList<>(), code);
    } else {
      linear = new Linearization(value, activity);
      Variable saved = Variable.generated("bar", Type.DOUBLE);
      code.add(new Stmt.Declare(saved, element, null));
      code.add(new Stmt.ArrayWrite(shadow, w.index(), Algebra.number(0.0), null));
      propagate(linear, value, new Expr.Ref(saved), null, new ArrayList<>(), code);
    }
    return withTemps(linear.temps(), code);
  }

  /** The elements of {@code v = {e0, e1, ...}} get {@code shadow[k]}. */
  List<Stmt> ofLiteral(Expr.ArrayLiteral literal, Expr shadow) {
    Linearization linear = new Linearization(literal, activity);
    List<Stmt> code = new ArrayList<>();
    literal(linear, literal, shadow, code);
    return withTemps(linear.temps(), code);
  }

  private void literal(Linearization linear, Expr.ArrayLiteral literal, Expr shadow,
      List<Stmt> code) {
    for (int k = 0; k < literal.elements().size(); k++) {
      Expr element = literal.elements().get(k);
      Expr slot = new Expr.ArrayRead(shadow, Expr.Literal.ofInt(k), literal.type().element());
      if (element instanceof Expr.ArrayLiteral row) {
        literal(linear, row, slot, code);
      } else {
        propagate(linear, element, slot, null, new ArrayList<>(), code);
      }
    }
  }

  /**
   * {@code v = g(args)}, {@code g(args);}: the callee's pullback, seeded with {@code seed} (the
   * result's adjoint, absent for {@code void}), fills a fresh holder; each argument of a
   * differentiable parameter then passes on the holder's field. When the callee writes into
   * array arguments, the arrays are first put back as they were on entry to the call
   * ({@code checkpoints}), the pullback overload takes their shadows, the cotangents of what
   * the call left in them, and updates them in place ({@code emit.OutArguments}), and the
   * arrays are put back once more. {@code reset}: the adjoint to zero after the call (an
   * overwritten scalar), or null.
   */
  List<Stmt> ofCall(Expr.Call call, Expr seed, Variable reset, CallCheckpoints checkpoints) {
    List<Boolean> differentiable = Callees.differentiable(call);
    List<Expr> shapes = new ArrayList<>();
    for (int i = 0; i < call.args().size(); i++) {
      if (differentiable.get(i) && call.args().get(i).type().isArray()) {
        shapes.add(call.args().get(i));
      }
    }
    Variable holder = Variable.object(call.name() + "Gradient", Callees.holder(call));
    List<Stmt> code = new ArrayList<>(checkpoints.reload());
    code.add(new Stmt.Declare(holder, new Expr.New(Callees.holder(call), shapes), null));
    List<Expr> args = new ArrayList<>();
    if (call.receiver() != null) {
      args.add(call.receiver());
    }
    args.addAll(call.args());
    if (seed != null) { // a float callee's pullback takes a float seed
      args.add(call.type() == Type.FLOAT ? new Expr.Cast(Type.FLOAT, seed) : seed);
    }
    args.add(new Expr.Ref(holder));
    List<Boolean> inPlace = new ArrayList<>();
    for (int i = 0; i < call.args().size(); i++) {
      Expr arg = call.args().get(i);
      boolean written = differentiable.get(i) && arg.type().isArray()
          && call.companion().writesArguments() && call.companion().writes(i);
      inPlace.add(written);
      if (written) {
        args.add(Shadows.of(arg, bars)); // the cotangent of what the call leaves in it
      }
    }
    code.add(new Stmt.Evaluate(
        new Expr.Runtime(Callees.adjointClass(call), call.name(), args, call.type())));
    if (reset != null) {
      code.add(new Stmt.Assign(bars.of(reset), Algebra.number(0.0), null));
    }
    code.addAll(checkpoints.restore());
    List<Stmt> passed = new ArrayList<>(); // after the restores: partials read entry values
    List<Stmt> temps = new ArrayList<>();
    int field = 0;
    for (int i = 0; i < call.args().size(); i++) {
      Expr arg = call.args().get(i);
      if (!differentiable.get(i)) {
        continue;
      }
      String name = call.companion().gradientFields().get(field++);
      if (!activity.isActive(arg) || inPlace.get(i)) {
        continue;
      }
      Expr gradient = new Expr.Field(new Expr.Ref(holder), name, arg.type());
      if (arg.type().isArray()) {
        passed.add(new Stmt.Evaluate(Shadows.call("addInto", arg.type(), gradient,
            Shadows.of(arg, bars))));
      } else {
        Linearization linear = new Linearization(arg, activity);
        List<Stmt> propagation = new ArrayList<>();
        propagate(linear, arg, gradient, null, new ArrayList<>(), propagation);
        temps.addAll(usedTemps(linear.temps(), propagation));
        passed.addAll(propagation);
      }
    }
    List<Stmt> out = new ArrayList<>(code);
    out.addAll(temps);
    out.addAll(merged(passed));
    return out;
  }

  private static boolean occursInBranch(Variable v, Expr e) {
    if (e instanceof Expr.Conditional c
        && (Variables.occurs(v, c.ifTrue()) || Variables.occurs(v, c.ifFalse()))) {
      return true;
    }
    return Subexpressions.of(e).stream().anyMatch(part -> occursInBranch(v, part));
  }


  /** The code with its increments merged, after the temporaries it reads. */
  private List<Stmt> withTemps(List<Stmt> temps, List<Stmt> code) {
    List<Stmt> merged = merged(code);
    List<Stmt> out = new ArrayList<>(usedTemps(temps, merged));
    out.addAll(merged);
    return out;
  }

  /** {@code uBar += a; uBar += b;} as {@code uBar += a + b;} where that is the same. */
  private List<Stmt> merged(List<Stmt> code) {
    return Increments.merge(code, bars::isDerivative);
  }

  /** The temporaries the code reads, directly or through other temporaries. */
  private static List<Stmt> usedTemps(List<Stmt> temps, List<Stmt> code) {
    Set<Variable> read = Variables.read(code);
    List<Stmt> kept = new ArrayList<>();
    for (int i = temps.size() - 1; i >= 0; i--) {
      Stmt.Declare temp = (Stmt.Declare) temps.get(i);
      if (read.contains(temp.variable())) {
        kept.add(0, temp);
        read.addAll(Variables.read(List.of(new Stmt.Assign(temp.variable(), temp.init(), null))));
      }
    }
    return kept;
  }

  /** Adds {@code bar}, the adjoint of {@code node}'s value, into the adjoints of its inputs. */
  private void propagate(Linearization linear, Expr node, Expr bar, Variable self,
      List<Expr> selfTerms, List<Stmt> out) {
    if (bar == null || !linear.isActive(node)) {
      return; // a structurally zero adjoint (0.0 * x upstream) contributes nothing
    }
    if (node instanceof Expr.Ref ref && ref.variable() == self) {
      selfTerms.add(bar);
    } else if (node instanceof Expr.Ref ref) {
      Variable uBar = bars.of(ref.variable());
      out.add(new Stmt.Assign(uBar, add(new Expr.Ref(uBar), bar), null));
    } else if (node instanceof Expr.ArrayRead read) {
      Expr shadow = Shadows.of(read.array(), bars);
      Expr element = new Expr.ArrayRead(shadow, read.index(), read.type());
      out.add(new Stmt.ArrayWrite(shadow, read.index(), add(element, bar), null));
    } else if (node instanceof Expr.Conditional c) {
      List<Stmt> then = new ArrayList<>();
      List<Stmt> otherwise = new ArrayList<>();
      List<Expr> selfThen = new ArrayList<>();
      List<Expr> selfOtherwise = new ArrayList<>();
      propagate(linear, c.ifTrue(), bar, self, selfThen, then);
      propagate(linear, c.ifFalse(), bar, self, selfOtherwise, otherwise);
      if (!then.isEmpty() || !otherwise.isEmpty()) {
        out.add(new Stmt.If(linear.value(c.condition()), then, otherwise, null));
      }
      Expr selfTerm = Algebra.cond(linear.value(c.condition()),
          selfThen.stream().reduce(null, Algebra::add),
          selfOtherwise.stream().reduce(null, Algebra::add));
      if (selfTerm != null) {
        selfTerms.add(selfTerm);
      }
    } else {
      // ū += ∂ · v̄ for each operand (Partials); v̄ into a temporary when several read it
      List<Partials.Partial> partials = Partials.of(linear, node);
      Expr shared = partials.size() > 1 ? share(bar, out) : bar;
      for (Partials.Partial partial : partials) {
        propagate(linear, partial.child(), partial.times(shared), self, selfTerms, out);
      }
    }
  }

  /** An adjoint used more than once is computed once, into a temporary. */
  private static Expr share(Expr bar, List<Stmt> out) {
    if (Algebra.isAtomic(bar)) {
      return bar;
    }
    Variable temp = Variable.generated("bar", Type.DOUBLE);
    out.add(new Stmt.Declare(temp, bar, null));
    return new Expr.Ref(temp);
  }
}
