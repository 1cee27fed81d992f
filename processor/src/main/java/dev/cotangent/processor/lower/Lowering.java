package dev.cotangent.processor.lower;

import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Exprs;
import dev.cotangent.processor.ir.MethodIR;
import dev.cotangent.processor.ir.Origin;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Lowers {@code for}, {@code do}, {@code break}, {@code continue} and early {@code return} to
 * {@code while} and {@code if} with boolean flags, so that the reverse sweep can replay control
 * flow structurally. A statement that may set a flag guards the rest of its list with
 * {@code if (!flag)}; a loop that a flag must end tests the flag in its condition.
 */
public final class Lowering {
  private final Deque<LoopFrame> loops = new ArrayDeque<>();
  private Variable result;
  private Variable returned;

  /** The statements a lowered statement became, and the flags that may be set when it ends. */
  private record Lowered(List<Stmt> statements, Set<Variable> flags) {}

  /**
   * A loop (or a switch, which only {@code break} leaves) being lowered: its label and its
   * flags, made when first needed.
   */
  private static final class LoopFrame {
    final String label;
    final boolean isSwitch;
    Variable breakFlag;
    Variable continueFlag;

    LoopFrame(String label) {
      this(label, false);
    }

    LoopFrame(String label, boolean isSwitch) {
      this.label = label;
      this.isSwitch = isSwitch;
    }
  }

  public static LoweredMethod lower(MethodIR method) {
    return new Lowering().run(method);
  }

  private LoweredMethod run(MethodIR method) {
    // a void method's result is a constant 0, which nothing differentiates
    boolean none = method.returnType() == Type.VOID;
    result = Variable.generated("result", none ? Type.DOUBLE : method.returnType());
    List<Stmt> body = ArrayArguments.of(method.body());
    boolean simpleTail = !none
        && !containsReturn(body.subList(0, Math.max(0, body.size() - 1)))
        && !body.isEmpty() && body.get(body.size() - 1) instanceof Stmt.Return;
    List<Stmt> out = new ArrayList<>();
    if (simpleTail) {
      out.addAll(list(body.subList(0, body.size() - 1), false).statements());
      Stmt.Return last = (Stmt.Return) body.get(body.size() - 1);
      CallExtraction.Extracted value = CallExtraction.of(last.value());
      out.addAll(value.calls());
      out.add(new Stmt.Declare(result, value.value(), last.origin()));
      return new LoweredMethod(method, out, result);
    }
    out.add(new Stmt.Declare(result, Exprs.defaultValue(result.type()), null));
    List<Stmt> lowered = list(body, true).statements();
    if (returned != null) {
      out.add(new Stmt.Declare(returned, Exprs.defaultValue(Type.BOOLEAN), null));
    }
    out.addAll(lowered);
    return new LoweredMethod(method, out, result);
  }

  /** Lowers a statement list; {@code tail}: nothing runs after it, so a return needs no flag. */
  private Lowered list(List<Stmt> statements, boolean tail) {
    List<Stmt> out = new ArrayList<>();
    Set<Variable> flags = new LinkedHashSet<>();
    for (int i = 0; i < statements.size(); i++) {
      boolean last = i == statements.size() - 1;
      Lowered lowered = statement(statements.get(i), tail && last);
      out.addAll(lowered.statements());
      flags.addAll(lowered.flags());
      if (!lowered.flags().isEmpty() && !last) {
        Lowered rest = list(statements.subList(i + 1, statements.size()), tail);
        out.add(new Stmt.If(noneSet(lowered.flags()), rest.statements(), List.of(), null));
        flags.addAll(rest.flags());
        break;
      }
    }
    return new Lowered(out, flags);
  }

  private Lowered statement(Stmt statement, boolean tail) {
    if (statement instanceof Stmt.Declare declare && declare.init() == null) {
      Variable v = declare.variable();
      return plain(new Stmt.Declare(v, Exprs.defaultValue(v.type()), declare.origin()));
    }
    if (statement instanceof Stmt.Declare d) {
      CallExtraction.Extracted init = CallExtraction.of(d.init());
      return plain(init.calls(), new Stmt.Declare(d.variable(), init.value(), d.origin()));
    }
    if (statement instanceof Stmt.Assign a) {
      CallExtraction.Extracted value = CallExtraction.of(a.value());
      return plain(value.calls(), new Stmt.Assign(a.variable(), value.value(), a.origin()));
    }
    if (statement instanceof Stmt.ArrayWrite w) {
      List<Stmt> before = new ArrayList<>();
      Expr array = IndexOnce.array(w.array(), before);
      Expr index = IndexOnce.index(w.index(), before);
      CallExtraction.Extracted value = CallExtraction.ofAll(w.value());
      before.addAll(value.calls());
      return plain(before, new Stmt.ArrayWrite(array, index, value.value(), w.origin()));
    }
    if (statement instanceof Stmt.Invoke invoke && invoke.call().type() != Type.VOID) {
      // a result nothing reads: into a local, as every call with a result is
      Variable unused = Variable.generated(invoke.call().name(), invoke.call().type());
      return statement(new Stmt.Declare(unused, invoke.call(), invoke.origin()), tail);
    }
    if (statement instanceof Stmt.Invoke invoke) {
      CallExtraction.Extracted call = CallExtraction.ofStatement(invoke.call());
      return plain(call.calls(), new Stmt.Invoke((Expr.Call) call.value(), invoke.origin()));
    }
    if (statement instanceof Stmt.Require || statement instanceof Stmt.Throw
        || statement instanceof Stmt.Assert || statement instanceof Stmt.Evaluate) {
      return plain(statement);
    }
    if (statement instanceof Stmt.Switch s) {
      return switchStatement(s, tail);
    }
    if (statement instanceof Stmt.Block block) {
      return list(block.body(), tail);
    }
    if (statement instanceof Stmt.If branch) {
      Lowered then = list(branch.then(), tail);
      Lowered otherwise = list(branch.otherwise(), tail);
      Set<Variable> flags = new LinkedHashSet<>(then.flags());
      flags.addAll(otherwise.flags());
      return new Lowered(List.of(new Stmt.If(branch.condition(), then.statements(),
          otherwise.statements(), branch.origin())), flags);
    }
    if (statement instanceof Stmt.Return ret) {
      return returnStatement(ret, tail);
    }
    if (statement instanceof Stmt.Break jump) {
      LoopFrame loop = target(jump.label(), false);
      if (loop.breakFlag == null) {
        loop.breakFlag = loop.isSwitch ? Variable.generated("breakSwitch", Type.BOOLEAN)
            : flag("break", loop.label);
      }
      return setFlag(loop.breakFlag, jump.origin());
    }
    if (statement instanceof Stmt.Continue jump) {
      LoopFrame loop = target(jump.label(), true);
      if (loop.continueFlag == null) {
        loop.continueFlag = flag("continue", loop.label);
      }
      return setFlag(loop.continueFlag, jump.origin());
    }
    if (statement instanceof Stmt.While loop) {
      return loop(List.of(), loop.condition(), loop.body(), List.of(), null, loop.origin(),
          loop.label());
    }
    if (statement instanceof Stmt.For loop) {
      List<Stmt> init = list(loop.init(), false).statements();
      Expr condition = loop.condition() == null ? Expr.Literal.ofBoolean(true) : loop.condition();
      return loop(init, condition, loop.body(), loop.update(), null, loop.origin(), loop.label());
    }
    if (statement instanceof Stmt.DoWhile loop) {
      Variable first = Variable.generated("firstPass", Type.BOOLEAN);
      Expr condition = Exprs.or(Exprs.ref(first), loop.condition());
      return loop(List.of(new Stmt.Declare(first, Expr.Literal.ofBoolean(true), null)),
          condition, loop.body(), List.of(), first, loop.origin(), loop.label());
    }
    throw new IllegalStateException("cannot lower " + statement.getClass().getSimpleName());
  }

  private Lowered returnStatement(Stmt.Return ret, boolean tail) {
    List<Stmt> out = new ArrayList<>();
    if (ret.value() != null) { // return; of a void method only ends it
      CallExtraction.Extracted value = CallExtraction.of(ret.value());
      out.addAll(value.calls());
      out.add(new Stmt.Assign(result, value.value(), ret.origin()));
    }
    if (tail) {
      return new Lowered(out, Set.of());
    }
    if (returned == null) {
      returned = Variable.generated("returned", Type.BOOLEAN);
    }
    out.add(new Stmt.Assign(returned, Expr.Literal.ofBoolean(true), null));
    return new Lowered(out, Set.of(returned));
  }

  /**
   * {@code init; while (!exit && condition) { [first = false;] body; [update] }}: {@code exit}
   * is any flag that ends the loop (its break, an outer break or continue, a return); the update
   * runs after a {@code continue} but not after an exit.
   */
  private Lowered loop(List<Stmt> init, Expr condition, List<Stmt> body, List<Stmt> update,
      Variable first, Origin origin, String label) {
    LoopFrame frame = new LoopFrame(label);
    loops.push(frame);
    Lowered loweredBody = list(body, false);
    loops.pop();
    Set<Variable> outer = new LinkedHashSet<>(loweredBody.flags());
    outer.remove(frame.breakFlag);
    outer.remove(frame.continueFlag);
    Set<Variable> exits = new LinkedHashSet<>(outer);
    if (frame.breakFlag != null) {
      exits.add(frame.breakFlag);
    }
    List<Stmt> newBody = new ArrayList<>();
    if (first != null) {
      newBody.add(new Stmt.Assign(first, Expr.Literal.ofBoolean(false), null));
    }
    if (frame.continueFlag != null) {
      newBody.add(new Stmt.Declare(frame.continueFlag, Expr.Literal.ofBoolean(false), null));
    }
    newBody.addAll(loweredBody.statements());
    List<Stmt> loweredUpdate = list(update, false).statements();
    if (!loweredUpdate.isEmpty() && !exits.isEmpty()) {
      newBody.add(new Stmt.If(noneSet(exits), loweredUpdate, List.of(), null));
    } else {
      newBody.addAll(loweredUpdate);
    }
    List<Stmt> out = new ArrayList<>(init);
    if (frame.breakFlag != null) {
      out.add(new Stmt.Declare(frame.breakFlag, Expr.Literal.ofBoolean(false), null));
    }
    Expr guarded = exits.isEmpty() ? condition : Exprs.and(noneSet(exits), condition);
    out.add(new Stmt.While(guarded, newBody, origin, null));
    return new Lowered(out, outer);
  }

  /** The frame a jump leaves: a {@code continue} without label skips switches. */
  private LoopFrame target(String label, boolean continues) {
    for (LoopFrame frame : loops) {
      if (label == null ? !(continues && frame.isSwitch) : label.equals(frame.label)) {
        return frame;
      }
    }
    throw new IllegalStateException("no loop for label " + label);
  }

  /**
   * A switch as {@code if}s ({@link SwitchLowering}), lowered with the switch as the target of
   * {@code break}: its flag guards the rest of the switch and is not seen after it.
   */
  private Lowered switchStatement(Stmt.Switch s, boolean tail) {
    LoopFrame frame = new LoopFrame(s.label(), true);
    loops.push(frame);
    Lowered body = list(SwitchLowering.of(s), tail);
    loops.pop();
    Set<Variable> outer = new LinkedHashSet<>(body.flags());
    outer.remove(frame.breakFlag);
    List<Stmt> out = new ArrayList<>();
    if (frame.breakFlag != null) {
      out.add(new Stmt.Declare(frame.breakFlag, Expr.Literal.ofBoolean(false), null));
    }
    out.addAll(body.statements());
    return new Lowered(out, outer);
  }

  private static Variable flag(String kind, String label) {
    String suffix = label == null ? "Loop" : Character.toUpperCase(label.charAt(0))
        + label.substring(1);
    return Variable.generated(kind + suffix, Type.BOOLEAN);
  }

  private static Lowered setFlag(Variable flag, Origin origin) {
    return new Lowered(List.of(new Stmt.Assign(flag, Expr.Literal.ofBoolean(true), origin)),
        Set.of(flag));
  }

  private static Lowered plain(Stmt statement) {
    return new Lowered(List.of(statement), Set.of());
  }

  private static Lowered plain(List<Stmt> before, Stmt statement) {
    List<Stmt> out = new ArrayList<>(before);
    out.add(statement);
    return new Lowered(out, Set.of());
  }

  /** {@code !a && !b && ...}. */
  private static Expr noneSet(Set<Variable> flags) {
    Expr all = null;
    for (Variable flag : flags) {
      all = Exprs.and(all, Exprs.not(Exprs.ref(flag)));
    }
    return all;
  }

  private static boolean containsReturn(List<Stmt> statements) {
    for (Stmt s : statements) {
      if (s instanceof Stmt.Return) {
        return true;
      }
      for (List<Stmt> child : Children.of(s)) {
        if (containsReturn(child)) {
          return true;
        }
      }
    }
    return false;
  }
}
