package dev.cotangent.processor.lower;

import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Exprs;
import dev.cotangent.processor.ir.Origin;
import dev.cotangent.processor.ir.StatementRewriter;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs before {@link Lowering}: an array passed to a call that is not a variable or a row
 * ({@code f(new double[] {x})}, {@code f(a.clone())}, {@code f(Arrays.copyOfRange(x, 1, 3))})
 * gets a local of its own, declared before the statement, so that the array the callee's
 * pullback fills has a shadow; and {@code Arrays.copyOf}/{@code copyOfRange} of a {@code
 * double[]} or {@code float[]} assigned to a variable become a new array and a counted loop of
 * element copies, which both modes differentiate as usual. Only the values of declarations,
 * assignments, element writes and returns are rewritten (their order of evaluation is kept
 * among the hoisted arrays; a loop's or branch's condition keeps its calls), and the arguments of
 * calls as statements.
 */
final class ArrayArguments extends StatementRewriter {
  private static final String ARRAYS = "java.util.Arrays";

  static List<Stmt> of(List<Stmt> body) {
    return new ArrayArguments().list(body);
  }

  @Override
  protected void statement(Stmt s, List<Stmt> out) {
    List<Stmt> before = new ArrayList<>();
    if (s instanceof Stmt.Declare d && d.init() != null) {
      Expr init = hoist(d.init(), before);
      out.addAll(before);
      if (isCopy(init)) {
        copy(d.variable(), (Expr.Call) init, true, d.origin(), out);
      } else {
        out.add(new Stmt.Declare(d.variable(), init, d.origin()));
      }
    } else if (s instanceof Stmt.Assign a) {
      Expr value = hoist(a.value(), before);
      out.addAll(before);
      if (isCopy(value)) {
        copy(a.variable(), (Expr.Call) value, false, a.origin(), out);
      } else {
        out.add(a.withValue(value));
      }
    } else if (s instanceof Stmt.ArrayWrite w) {
      Expr value = hoist(w.value(), before);
      out.addAll(before);
      out.add(new Stmt.ArrayWrite(w.array(), w.index(), value, w.origin()));
    } else if (s instanceof Stmt.Return r && r.value() != null) {
      Expr value = hoist(r.value(), before);
      if (isCopy(value) || value.type().isArray() && !names(value)) {
        value = local("copy", value, before);
      }
      out.addAll(before);
      out.add(new Stmt.Return(value, r.origin()));
    } else if (s instanceof Stmt.Invoke i) {
      Expr call = hoist(i.call(), before);
      out.addAll(before);
      out.add(new Stmt.Invoke((Expr.Call) call, i.origin()));
    } else if (s instanceof Stmt.For f) {
      // Children.map leaves the lists of for, do and switch alone (lowering removes those
      // statements); here they are still there (random seed 270039: an argument in a for body)
      out.add(new Stmt.For(f.init(), f.condition(), f.update(), list(f.body()), f.origin(),
          f.label()));
    } else if (s instanceof Stmt.DoWhile w) {
      out.add(new Stmt.DoWhile(list(w.body()), w.condition(), w.origin(), w.label()));
    } else if (s instanceof Stmt.Switch w) {
      out.add(new Stmt.Switch(w.selector(), w.cases().stream().map(c -> new Stmt.Switch.Case(
          c.labels(), list(c.body()), c.arrow())).toList(), w.origin(), w.label()));
    } else {
      out.add(nested(s));
    }
  }

  /** {@code e} with every array argument of its calls that names no array in a local. */
  private Expr hoist(Expr e, List<Stmt> before) {
    if (e instanceof Expr.Call call) {
      List<Expr> args = new ArrayList<>();
      for (Expr arg : call.args()) {
        Expr a = hoist(arg, before);
        args.add(a.type().isArray() && !names(a) && !isCopy(call)
            ? local("argument", a, before) : a);
      }
      return call.withArgs(args);
    }
    if (e instanceof Expr.Binary b) {
      Expr left = hoist(b.left(), before);
      return b.op().isConditional() ? new Expr.Binary(b.op(), left, b.right(), b.type())
          : new Expr.Binary(b.op(), left, hoist(b.right(), before), b.type());
    }
    if (e instanceof Expr.Unary u) {
      return new Expr.Unary(u.op(), hoist(u.operand(), before), u.type());
    }
    if (e instanceof Expr.Cast c) {
      return new Expr.Cast(c.type(), hoist(c.operand(), before));
    }
    if (e instanceof Expr.Conditional c) {
      return new Expr.Conditional(hoist(c.condition(), before), c.ifTrue(), c.ifFalse(),
          c.type());
    }
    if (e instanceof Expr.MathCall m) {
      List<Expr> args = new ArrayList<>();
      for (Expr arg : m.args()) {
        args.add(hoist(arg, before));
      }
      return new Expr.MathCall(m.function(), m.owner(), args, m.type());
    }
    if (e instanceof Expr.ArrayLiteral l) {
      List<Expr> elements = new ArrayList<>();
      for (Expr element : l.elements()) {
        elements.add(hoist(element, before));
      }
      return new Expr.ArrayLiteral(l.type(), elements);
    }
    if (e instanceof Expr.Detach d) {
      return new Expr.Detach(d.owner(), hoist(d.operand(), before));
    }
    return e;
  }

  /** A local holding {@code value} (a copy call expanded), declared at the end of {@code out}. */
  private Expr local(String name, Expr value, List<Stmt> out) {
    Variable v = Variable.generated(name, value.type());
    if (isCopy(value)) {
      copy(v, (Expr.Call) value, true, null, out);
    } else {
      out.add(new Stmt.Declare(v, value, null));
    }
    return new Expr.Ref(v);
  }

  private static boolean names(Expr array) {
    return array instanceof Expr.Ref || array instanceof Expr.ArrayRead;
  }

  /** {@code Arrays.copyOf(double[] or float[], n)} or {@code copyOfRange(..., from, to)}. */
  static boolean isCopy(Expr e) {
    if (!(e instanceof Expr.Call call) || !call.owner().canonicalName().equals(ARRAYS)
        || call.receiver() != null) {
      return false;
    }
    boolean shape = call.name().equals("copyOf") && call.args().size() == 2
        || call.name().equals("copyOfRange") && call.args().size() == 3;
    Type t = call.type();
    return shape && (t == Type.DOUBLE_ARRAY || t == Type.FLOAT_ARRAY)
        && call.args().get(0).type() == t;
  }

  /**
   * {@code v = Arrays.copyOfRange(src, from, to)} as {@code int from' = from; int to' = to;
   * require 0 <= from' <= src.length, from' <= to'; v = new T[to' - from']; for (int k = 0; k <
   * min(to', src.length) - from'; k++) v[k] = src[from' + k];} ({@code copyOf}: from 0).
   */
  private void copy(Variable v, Expr.Call call, boolean declare, Origin origin, List<Stmt> out) {
    Expr source = call.args().get(0);
    if (!(source instanceof Expr.Ref ref) || ref.variable() == v) {
      source = local("source", source, out);
    }
    boolean range = call.args().size() == 3;
    Expr from = range ? intLocal("from", call.args().get(1), out) : Expr.Literal.ofInt(0);
    Expr to = intLocal("to", call.args().get(range ? 2 : 1), out);
    Expr length = new Expr.Length(source);
    Expr valid = Exprs.and(Exprs.and(
        new Expr.Binary(BinaryOp.LESS_EQUAL, Expr.Literal.ofInt(0), from, Type.BOOLEAN),
        new Expr.Binary(BinaryOp.LESS_EQUAL, from, length, Type.BOOLEAN)),
        new Expr.Binary(BinaryOp.LESS_EQUAL, from, to, Type.BOOLEAN));
    out.add(new Stmt.Require(valid, "Arrays." + call.name() + ": the range is not within the"
        + " array, or ends before it starts"));
    Expr size = range ? new Expr.Binary(BinaryOp.SUBTRACT, to, from, Type.INT) : to;
    Expr array = new Expr.NewArray(call.type(), List.of(size));
    out.add(declare ? new Stmt.Declare(v, array, origin) : new Stmt.Assign(v, array, origin));
    Expr end = new Expr.Conditional(
        new Expr.Binary(BinaryOp.LESS, to, length, Type.BOOLEAN), to, length, Type.INT);
    Variable count = Variable.generated("copied", Type.INT);
    out.add(new Stmt.Declare(count, range
        ? new Expr.Binary(BinaryOp.SUBTRACT, end, from, Type.INT) : end, null));
    Variable k = Variable.generated("k", Type.INT);
    Expr kRef = new Expr.Ref(k);
    Expr read = new Expr.ArrayRead(source,
        range ? new Expr.Binary(BinaryOp.ADD, from, kRef, Type.INT) : kRef, call.type().element());
    out.add(new Stmt.For(
        List.of(new Stmt.Declare(k, Expr.Literal.ofInt(0), null)),
        new Expr.Binary(BinaryOp.LESS, kRef, new Expr.Ref(count), Type.BOOLEAN),
        List.of(new Stmt.Assign(k, new Expr.Binary(BinaryOp.ADD, kRef, Expr.Literal.ofInt(1),
            Type.INT), null)),
        List.of(new Stmt.ArrayWrite(new Expr.Ref(v), kRef, read, origin)),
        origin, null));
  }

  /** An int argument, in a local unless it is a literal. */
  private Expr intLocal(String name, Expr value, List<Stmt> out) {
    if (value instanceof Expr.Literal) {
      return value;
    }
    Variable v = Variable.generated(name, Type.INT);
    out.add(new Stmt.Declare(v, value, null));
    return new Expr.Ref(v);
  }
}
