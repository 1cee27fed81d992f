package dev.cotangent.processor.differentiate.tape;

import dev.cotangent.processor.analyse.Activity;
import dev.cotangent.processor.analyse.Aliases;
import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.CompanionNames;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.StatementRewriter;
import dev.cotangent.processor.ir.UnaryOp;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads of a work array's elements captured in locals: {@code sqnorm += q[j] * q[j]} becomes
 * {@code double qJ = q[j]; sqnorm += qJ * qJ;}. The reverse sweep then reads the local, which is
 * taped once per read, instead of the array, whose every overwrite would otherwise be taped to
 * restore it. Only reads whose value a partial derivative needs are captured (not those that are
 * only added or subtracted), and never inside a branch of {@code ?:}, {@code &&} or {@code ||},
 * which may not be evaluated.
 */
public final class Captures extends StatementRewriter {
  private final Predicate<Variable> captured;
  private final Activity activity;
  private final List<Variable> introduced = new ArrayList<>();

  private Captures(Predicate<Variable> captured, Activity activity) {
    this.captured = captured;
    this.activity = activity;
  }

  /** The rewritten body, and the new locals that carry derivatives. */
  public record Rewritten(List<Stmt> body, List<Variable> active) {}

  /** The body with the nonlinear reads of the arrays {@code captured} accepts taken into locals. */
  public static Rewritten rewrite(List<Stmt> body, Predicate<Variable> captured,
      Activity activity) {
    Captures captures = new Captures(captured, activity);
    List<Stmt> out = captures.list(body);
    return new Rewritten(out, captures.introduced);
  }

  /** The distinct element reads of {@code value} that a partial derivative would need. */
  static List<Expr.ArrayRead> nonlinearReads(Expr value, Predicate<Variable> array) {
    List<Expr.ArrayRead> out = new ArrayList<>();
    collect(value, true, array, out);
    return out;
  }

  @Override
  protected void statement(Stmt s, List<Stmt> out) {
    if (s instanceof Stmt.Assign a) {
      Map<Expr, Expr> temps = declare(a.value(), activity.isActive(a.variable()), out);
      out.add(new Stmt.Assign(a.variable(), replace(a.value(), temps), a.origin()));
    } else if (s instanceof Stmt.Declare d) {
      Map<Expr, Expr> temps = declare(d.init(), activity.isActive(d.variable()), out);
      out.add(new Stmt.Declare(d.variable(), replace(d.init(), temps), d.origin()));
    } else if (s instanceof Stmt.ArrayWrite w) {
      Variable root = Aliases.root(w.array());
      Map<Expr, Expr> temps = declare(w.value(), root != null && activity.isActive(root), out);
      out.add(new Stmt.ArrayWrite(w.array(), w.index(), replace(w.value(), temps), w.origin()));
    } else {
      super.statement(s, out);
    }
  }

  /**
   * Declares the captured reads of a statement's value; {@code active}: whether the statement's
   * target carries a derivative. A local carries one when its read does and reaches the target
   * through active sub-expressions only (not through {@code floor}, say).
   */
  private Map<Expr, Expr> declare(Expr value, boolean active, List<Stmt> out) {
    Map<Expr, Expr> temps = new LinkedHashMap<>();
    java.util.Set<Expr.ArrayRead> differentiable = new java.util.HashSet<>();
    if (active) {
      activeReads(value, differentiable);
    }
    for (Expr.ArrayRead read : nonlinearReads(value, captured)) {
      Variable temp = Variable.generated(name(read), read.type());
      out.add(new Stmt.Declare(temp, read, null));
      temps.put(read, new Expr.Ref(temp));
      if (differentiable.contains(read)) {
        introduced.add(temp);
      }
    }
    return temps;
  }

  /** The element reads that {@link #collect} visits along active sub-expressions only. */
  private void activeReads(Expr e, java.util.Set<Expr.ArrayRead> out) {
    if (!activity.isActive(e)) {
      return;
    }
    if (e instanceof Expr.ArrayRead read) {
      out.add(read);
    } else if (e instanceof Expr.Binary b && b.op().isArithmetic()) {
      activeReads(b.left(), out);
      activeReads(b.right(), out);
    } else if (e instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
      activeReads(u.operand(), out);
    } else if (e instanceof Expr.Cast c) {
      activeReads(c.operand(), out);
    } else if (e instanceof Expr.MathCall call) {
      call.args().forEach(arg -> activeReads(arg, out));
    }
  }

  public static String name(Expr.ArrayRead read) {
    Variable root = Aliases.root(read);
    String base = root == null ? "element" : root.name();
    String index = indexWord(read.index());
    return base + (index == null ? "Element" : index);
  }

  /** {@code i}: I, {@code i + 1}: IPlus1, {@code i - 2}: IMinus2, {@code 3}: At3; else null. */
  private static String indexWord(Expr index) {
    if (index instanceof Expr.Ref ref) {
      return CompanionNames.capitalise(ref.variable().name());
    }
    if (index instanceof Expr.Literal literal && literal.text().matches("[0-9]+")) {
      return "At" + literal.text();
    }
    if (index instanceof Expr.Binary b && b.left() instanceof Expr.Ref ref
        && b.right() instanceof Expr.Literal literal && literal.text().matches("[0-9]+")
        && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUBTRACT)) {
      return CompanionNames.capitalise(ref.variable().name())
          + (b.op() == BinaryOp.ADD ? "Plus" : "Minus") + literal.text();
    }
    return null;
  }

  private static void collect(Expr e, boolean linear, Predicate<Variable> array,
      List<Expr.ArrayRead> out) {
    if (e instanceof Expr.ArrayRead read) {
      Variable root = Aliases.root(read);
      if (!linear && !read.type().isArray() && root != null && array.test(root)
          && !out.contains(read) && !readsArray(read.index(), array)) {
        out.add(read);
      }
    } else if (e instanceof Expr.Binary b && (b.op() == BinaryOp.ADD
        || b.op() == BinaryOp.SUBTRACT)) {
      collect(b.left(), linear, array, out);
      collect(b.right(), linear, array, out);
    } else if (e instanceof Expr.Binary b && (b.op() == BinaryOp.MULTIPLY
        || b.op() == BinaryOp.DIVIDE || b.op() == BinaryOp.REMAINDER)) {
      collect(b.left(), false, array, out);
      collect(b.right(), false, array, out);
    } else if (e instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
      collect(u.operand(), linear, array, out);
    } else if (e instanceof Expr.Cast c) {
      collect(c.operand(), linear, array, out);
    } else if (e instanceof Expr.MathCall call) {
      call.args().forEach(arg -> collect(arg, false, array, out));
    }
  }

  private static boolean readsArray(Expr e, Predicate<Variable> array) {
    if (e instanceof Expr.ArrayRead read && Aliases.root(read) != null
        && array.test(Aliases.root(read))) {
      return true;
    }
    return dev.cotangent.processor.ir.Subexpressions.of(e).stream()
        .anyMatch(part -> readsArray(part, array));
  }

  private static Expr replace(Expr e, Map<Expr, Expr> temps) {
    if (temps.isEmpty()) {
      return e;
    }
    Expr temp = temps.get(e);
    if (temp != null) {
      return temp;
    }
    if (e instanceof Expr.Binary b) {
      return new Expr.Binary(b.op(), replace(b.left(), temps), replace(b.right(), temps),
          b.type());
    }
    if (e instanceof Expr.Unary u) {
      return new Expr.Unary(u.op(), replace(u.operand(), temps), u.type());
    }
    if (e instanceof Expr.Cast c) {
      return new Expr.Cast(c.type(), replace(c.operand(), temps));
    }
    if (e instanceof Expr.MathCall call) {
      return new Expr.MathCall(call.function(), call.owner(),
          call.args().stream().map(arg -> replace(arg, temps)).toList(), call.type());
    }
    return e;
  }
}
