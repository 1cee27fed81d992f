package dev.cotangent.processor.differentiate.passes;

import dev.cotangent.processor.analyse.CertainReads;
import dev.cotangent.processor.analyse.PrivateArrays;
import dev.cotangent.processor.analyse.Variables;
import dev.cotangent.processor.differentiate.Pass;
import dev.cotangent.processor.differentiate.PassContext;
import dev.cotangent.processor.differentiate.tape.Captures;
import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Subexpressions;
import dev.cotangent.processor.ir.Substitution;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An element read repeated in consecutive statements is read once, into a local. Rosenbrock's
 * tangent reads {@code x[i]} four times and {@code xDot[i]} twice in one trip:
 *
 * <pre>{@code
 * double xI = x[i];
 * double xDotI = xDot[i];
 * double aDot = xDot[i + 1] - 2 * xI * xDotI;
 * double a = x[i + 1] - xI * xI;
 * }</pre>
 *
 * The local is declared before the statement that first reads the element (where the read is
 * certainly evaluated) and replaces the reads up to the first statement that may change the
 * element, its index or its array ({@link PrivateArrays#mayWrite}); a statement with a
 * body ({@code if}, a loop) ends the run. The JIT may do this itself, but not always (in
 * Rosenbrock's tangent it did not, and the locals made the trip about 20 % faster).
 */
public final class RepeatedReads implements Pass {
  private final PrivateArrays own;

  /** The pass, as {@code Passes} lists it (each run makes its own worker). */
  public RepeatedReads() {
    this(null);
  }

  @Override
  public List<Stmt> apply(List<Stmt> statements, PassContext context) {
    return share(statements, context.privateArrays());
  }

  private RepeatedReads(PrivateArrays own) {
    this.own = own;
  }

  public static List<Stmt> share(List<Stmt> statements, PrivateArrays own) {
    return new RepeatedReads(own).list(statements);
  }

  private List<Stmt> list(List<Stmt> statements) {
    List<Stmt> current = new ArrayList<>();
    for (Stmt s : statements) {
      current.add(Children.map(s, this::list));
    }
    for (int k = 0; k < current.size(); k++) {
      if (!simple(current.get(k))) {
        continue;
      }
      for (Expr.ArrayRead read : CertainReads.of(current.get(k), RepeatedReads::plain)) {
        int end = window(current, k, read);
        if (occurrences(current.subList(k, end), read) >= 2) {
          Variable local = Variable.generated(Captures.name(read), read.type());
          Map<Expr, Expr> replacement = Map.of(read, new Expr.Ref(local));
          List<Stmt> replaced = Substitution.statements(current.subList(k, end), replacement);
          for (int m = k; m < end; m++) {
            current.set(m, replaced.get(m - k));
          }
          current.add(k, new Stmt.Declare(local, read, null));
          k++;
        }
      }
    }
    return current;
  }


  /**
   * The longest run the sharing passes look at, in statements: it keeps them linear in the
   * length of a long straight-line method (a value shared further away saves nothing
   * measurable).
   */
  static final int LONGEST_RUN = 256;

  /** A statement without a body (a run of these is what the sharing passes look at). */
  static boolean simple(Stmt s) {
    return s instanceof Stmt.Declare || s instanceof Stmt.Assign || s instanceof Stmt.ArrayWrite
        || s instanceof Stmt.Push || s instanceof Stmt.Comment;
  }

  /** Variables, literals, {@code +}, {@code -}, {@code *} and reads of rows {@code m[i]}. */
  private static boolean plain(Expr e) {
    if (e instanceof Expr.Ref || e instanceof Expr.Literal) {
      return true;
    }
    if (e instanceof Expr.Binary b && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUBTRACT
        || b.op() == BinaryOp.MULTIPLY)) {
      return plain(b.left()) && plain(b.right());
    }
    if (e instanceof Expr.ArrayRead read) {
      return plain(read.array()) && plain(read.index());
    }
    return false;
  }

  /**
   * The end (exclusive) of the run of statements from {@code k} in which {@code read} keeps its
   * value: up to and including the first statement that may change it, before the first one
   * with a body, and at most {@link #LONGEST_RUN} statements.
   */
  private int window(List<Stmt> statements, int k, Expr.ArrayRead read) {
    Set<Variable> uses = Variables.read(List.of(new Stmt.Evaluate(read)));
    int last = Math.min(statements.size(), k + LONGEST_RUN);
    for (int m = k; m < last; m++) {
      Stmt s = statements.get(m);
      if (!simple(s) || dev.cotangent.processor.analyse.CallWrites.mayWrite(s)) {
        return m; // a call may write the element
      }
      if (s instanceof Stmt.ArrayWrite w
          && new Expr.ArrayRead(w.array(), w.index(), read.type()).equals(read)) {
        return m; // v[i] += e keeps its form: the run ends before it
      }
      if (s instanceof Stmt.Declare d && uses.contains(d.variable())
          || s instanceof Stmt.Assign a && uses.contains(a.variable())
          || s instanceof Stmt.ArrayWrite w && writes(w.array(), read)) {
        return m + 1;
      }
    }
    return last;
  }

  /** Whether a write into {@code target} may change {@code read} or a row it reads through. */
  private boolean writes(Expr target, Expr.ArrayRead read) {
    Expr e = read;
    while (e instanceof Expr.ArrayRead r) {
      if (own.mayWrite(target, r)) {
        return true;
      }
      e = r.array();
    }
    return false;
  }

  /** How often {@code read} occurs in these statements, nested ones included. */
  static int occurrences(List<Stmt> statements, Expr read) {
    int count = 0;
    for (Stmt s : statements) {
      for (Expr e : Subexpressions.ofStatement(s)) {
        count += occurrences(e, read);
      }
      for (List<Stmt> child : Children.of(s)) {
        count += occurrences(child, read);
      }
    }
    return count;
  }

  private static int occurrences(Expr e, Expr read) {
    if (e.equals(read)) {
      return 1;
    }
    int count = 0;
    for (Expr part : Subexpressions.of(e)) {
      count += occurrences(part, read);
    }
    return count;
  }
}
