package dev.cotangent.processor.differentiate.passes;

import dev.cotangent.processor.analyse.Variables;
import dev.cotangent.processor.analyse.Writes;
import dev.cotangent.processor.differentiate.Pass;
import dev.cotangent.processor.differentiate.PassContext;
import dev.cotangent.processor.differentiate.rules.Algebra;
import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Subexpressions;
import dev.cotangent.processor.ir.Substitution;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.UnaryOp;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A tangent local that only negates a variable or an element, used once after it, is folded
 * into its use. In Rosenbrock's tangent
 *
 * <pre>{@code
 * double bDot = -xDotI;
 * double b = 1 - xI;
 * sumDot += 2 * (t0 * aDot + b * bDot);
 * }</pre>
 *
 * becomes {@code sumDot += 2 * (t0 * aDot - b * xDotI)}: the negation disappears into the
 * subtraction, one floating-point operation fewer, and the value is the same bit for bit
 * ({@code b * -x} is {@code -(b * x)}, {@code a + -y} is {@code a - y}).
 *
 * <p>Only when the one use is in a statement of the same list (not in a loop nested in it, which
 * would negate on every trip) and the operand has the same value there: nothing between the two
 * assigns its variables and, for an element, nothing between writes an element or calls.
 */
public final class NegatedCopies implements Pass {
  private final Predicate<Variable> derivative;

  /** The pass, as {@code Passes} lists it (each run makes its own worker). */
  public NegatedCopies() {
    this(null);
  }

  @Override
  public List<Stmt> apply(List<Stmt> statements, PassContext context) {
    return fold(statements, context::isDerivative);
  }

  private NegatedCopies(Predicate<Variable> derivative) {
    this.derivative = derivative;
  }

  /** Folds the negated copies among the locals {@code derivative} accepts (primal code stays). */
  public static List<Stmt> fold(List<Stmt> statements, Predicate<Variable> derivative) {
    return new NegatedCopies(derivative).fold(statements);
  }

  private List<Stmt> fold(List<Stmt> statements) {
    List<Stmt> list = new ArrayList<>();
    for (Stmt s : statements) {
      list.add(Children.map(s, this::fold));
    }
    for (int k = list.size() - 1; k >= 0; k--) {
      if (list.get(k) instanceof Stmt.Declare d && negated(d) != null) {
        foldAt(list, k, d);
      }
    }
    return list;
  }


  /**
   * The negated operand when {@code d} is {@code double v = -r;} or {@code double v = -a[i];}
   * for a {@code double r} or a {@code double[] a} and an index made of variables and literals.
   */
  private Expr negated(Stmt.Declare d) {
    if (derivative.test(d.variable()) && d.variable().type() == Type.DOUBLE && d.init() instanceof Expr.Unary u
        && u.op() == UnaryOp.NEGATE && u.operand().type() == Type.DOUBLE
        && (u.operand() instanceof Expr.Ref || u.operand() instanceof Expr.ArrayRead read
            && read.array() instanceof Expr.Ref && plain(read.index()))) {
      return u.operand();
    }
    return null;
  }

  private static boolean plain(Expr index) {
    if (index instanceof Expr.Ref || index instanceof Expr.Literal) {
      return true;
    }
    return index instanceof Expr.Binary b && plain(b.left()) && plain(b.right());
  }

  private void foldAt(List<Stmt> list, int k, Stmt.Declare d) {
    Variable copy = d.variable();
    List<Stmt> rest = list.subList(k + 1, list.size());
    if (Writes.variables(rest).contains(copy)) {
      return;
    }
    int use = -1;
    int count = 0;
    for (int u = 0; u < rest.size(); u++) {
      int here = 0;
      for (Stmt s : Children.flatten(List.of(rest.get(u)))) {
        for (Expr e : Subexpressions.ofStatement(s)) {
          here += uses(copy, e);
        }
      }
      if (here > 0) {
        use = u;
      }
      count += here;
    }
    if (count == 1 && (rest.get(use) instanceof Stmt.Declare
        || rest.get(use) instanceof Stmt.Assign || rest.get(use) instanceof Stmt.ArrayWrite)
        && unchanged(negated(d), rest.subList(0, use))) {
      Stmt folded = replace(rest.get(use), copy, d.init());
      if (Subexpressions.ofStatement(folded).stream().allMatch(e -> uses(copy, e) == 0)) {
        rest.set(use, folded);
        list.remove(k);
      }
    }
  }

  /**
   * Whether {@code operand} has the same value after {@code between}: none of its variables is
   * assigned there and, for an element, nothing there writes an element or calls anything.
   */
  private static boolean unchanged(Expr operand, List<Stmt> between) {
    Set<Variable> assigned = Writes.variables(between);
    if (Variables.in(operand).stream().anyMatch(assigned::contains)) {
      return false;
    }
    if (operand instanceof Expr.Ref) {
      return true;
    }
    for (Stmt s : Children.flatten(between)) {
      if (!(s instanceof Stmt.Declare || s instanceof Stmt.Assign || s instanceof Stmt.Comment
          || s instanceof Stmt.If || s instanceof Stmt.While)) {
        return false;
      }
      for (Expr e : Subexpressions.ofStatement(s)) {
        if (calls(e)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean calls(Expr e) {
    if (e instanceof Expr.Call || e instanceof Expr.InstanceCall || e instanceof Expr.Runtime
        || e instanceof Expr.New) {
      return true;
    }
    return Subexpressions.of(e).stream().anyMatch(NegatedCopies::calls);
  }

  private static Stmt replace(Stmt s, Variable copy, Expr by) {
    if (s instanceof Stmt.Declare d) {
      return new Stmt.Declare(d.variable(), replace(d.init(), copy, by), d.origin());
    } else if (s instanceof Stmt.Assign a) {
      return a.withValue(replace(a.value(), copy, by));
    }
    Stmt.ArrayWrite w = (Stmt.ArrayWrite) s;
    return new Stmt.ArrayWrite(w.array(), replace(w.index(), copy, by),
        replace(w.value(), copy, by), w.origin());
  }

  /**
   * {@code e} with the reference to {@code copy} replaced by {@code by}, the arithmetic on the
   * way up rebuilt by {@link Algebra} so that the negation folds.
   */
  private static Expr replace(Expr e, Variable copy, Expr by) {
    if (e instanceof Expr.Ref ref && ref.variable() == copy) {
      return by;
    }
    if (uses(copy, e) == 0) {
      return e;
    }
    if (e instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
      return Algebra.neg(replace(u.operand(), copy, by));
    }
    if (e instanceof Expr.Binary b && b.type() == Type.DOUBLE) {
      Expr l = replace(b.left(), copy, by);
      Expr r = replace(b.right(), copy, by);
      Expr rebuilt = switch (b.op()) {
        case ADD -> Algebra.add(l, r);
        case SUBTRACT -> Algebra.sub(l, r);
        case MULTIPLY -> Algebra.mul(l, r);
        case DIVIDE -> Algebra.div(l, r);
        default -> null;
      };
      return rebuilt != null ? rebuilt : new Expr.Binary(b.op(), l, r, b.type());
    }
    return Substitution.expr(e, Map.of(new Expr.Ref(copy), by));
  }

  /** How many times {@code e} reads {@code v}. */
  private static int uses(Variable v, Expr e) {
    if (e == null) {
      return 0;
    }
    if (e instanceof Expr.Ref ref) {
      return ref.variable() == v ? 1 : 0;
    }
    int n = 0;
    for (Expr part : Subexpressions.of(e)) {
      n += uses(v, part);
    }
    return n;
  }
}
