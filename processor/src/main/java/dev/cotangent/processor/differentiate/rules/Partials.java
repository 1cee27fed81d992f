package dev.cotangent.processor.differentiate.rules;

import static dev.cotangent.processor.differentiate.rules.Algebra.add;
import static dev.cotangent.processor.differentiate.rules.Algebra.div;
import static dev.cotangent.processor.differentiate.rules.Algebra.mul;
import static dev.cotangent.processor.differentiate.rules.Algebra.neg;

import dev.cotangent.processor.analyse.Activity;
import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.UnaryOp;
import java.util.ArrayList;
import java.util.List;

/**
 * The derivative rule of every expression kind, written once for both modes: an expression's
 * partial derivative with respect to each of its active operands ({@code (child, ∂)} pairs). The
 * tangent sums {@code ∂ · u̇} over them; the reverse sweep adds {@code ∂ · v̄} into each
 * {@code ū}. {@link #needs} says which values the partials read, so that {@link Linearization}
 * computes them once. {@code Math} functions' partials come from {@link MathRules}, a user's
 * {@code @DerivativeOf} rules from {@link Callees#partial}. A variable or an element is a leaf and
 * a {@code ?:} a selection (each mode takes the branch the condition picks): neither has partials.
 */
public final class Partials {
  private Partials() {}

  private static final com.palantir.javapoet.ClassName MATH =
      com.palantir.javapoet.ClassName.get("java.lang", "Math");

  /**
   * {@code ∂ = ±factor / divisor}: {@code factor} null where the partial is a structural zero,
   * {@code divisor} null where there is none.
   */
  public record Partial(Expr child, Expr factor, boolean negated, Expr divisor,
      boolean zeroDirectionIsZero) {
    Partial(Expr child, Expr factor, boolean negated, Expr divisor) {
      this(child, factor, negated, divisor, false);
    }

    static Partial of(Expr child, Expr factor) {
      return new Partial(child, factor, false, null);
    }

    static Partial one(Expr child) {
      return of(child, Algebra.number(1.0));
    }

    /** {@code ∂ · d}: the tangent's term for the child's tangent {@code d}, or the adjoint's. */
    public Expr times(Expr d) {
      Expr term = mul(factor, d);
      if (divisor != null) {
        term = div(term, divisor);
      }
      return guarded(d, negated ? neg(term) : term);
    }

    /** {@code ±factor · d} without the divisor, for sums over a common one. */
    private Expr timesNumerator(Expr d) {
      Expr term = mul(factor, d);
      return guarded(d, negated ? neg(term) : term);
    }

    /**
     * {@code d == 0 ? 0 : term} where a zero direction must contribute exactly zero even though
     * the partial is NaN or infinite ({@code pow(a, b)}'s exponent at {@code a <= 0}).
     */
    private Expr guarded(Expr d, Expr term) {
      return zeroDirectionIsZero && term != null
          ? Algebra.cond(Algebra.compare(BinaryOp.EQUAL, d, Algebra.number(0.0)), null, term)
          : term;
    }
  }

  /**
   * The partials of {@code node} with respect to its active operands, in operand order, over the
   * values {@code linear} computed; empty for leaves.
   */
  public static List<Partial> of(Linearization linear, Expr node) {
    List<Partial> out = new ArrayList<>();
    if (node instanceof Expr.Unary u) {
      if (linear.isActive(u.operand())) {
        out.add(new Partial(u.operand(), Algebra.number(1.0), u.op() == UnaryOp.NEGATE, null));
      }
    } else if (node instanceof Expr.Cast c) {
      if (linear.isActive(c.operand())) {
        out.add(Partial.one(c.operand()));
      }
    } else if (node instanceof Expr.MathCall call) {
      List<Expr> args = call.args().stream().map(linear::value).toList();
      for (int i = 0; i < args.size(); i++) {
        if (linear.isActive(call.args().get(i))) {
          Expr factor = MathRules.partial(call.function(), call.owner(), i, args,
              linear.value(call));
          out.add(new Partial(call.args().get(i), factor, false, null,
              MathRules.zeroDirectionIsZero(call.function(), i)));
        }
      }
    } else if (node instanceof Expr.Call call) {
      List<Expr> args = call.args().stream().map(linear::value).toList();
      for (int i = 0; i < args.size(); i++) {
        if (linear.isActive(call.args().get(i))) {
          out.add(Partial.of(call.args().get(i), Callees.partial(call, i, args)));
        }
      }
    } else if (node instanceof Expr.Binary b) {
      binary(linear, b, out);
    }
    return out;
  }

  private static void binary(Linearization linear, Expr.Binary b, List<Partial> out) {
    ScaledSquare square = ScaledSquare.of(linear, b);
    if (square != null) {
      // u * u, (k * u) * u: ∂ = 2 * (k * u), one product instead of the product rule's two
      out.add(Partial.of(square.operand(),
          mul(Expr.Literal.ofInt(2), linear.value(square.scaled()))));
      return;
    }
    boolean left = linear.isActive(b.left());
    boolean right = linear.isActive(b.right());
    switch (b.op()) {
      case ADD, SUBTRACT -> {
        if (left) {
          out.add(Partial.one(b.left()));
        }
        if (right) {
          out.add(new Partial(b.right(), Algebra.number(1.0), b.op() == BinaryOp.SUBTRACT,
              null));
        }
      }
      case MULTIPLY -> {
        if (left) {
          out.add(Partial.of(b.left(), linear.value(b.right())));
        }
        if (right) {
          out.add(Partial.of(b.right(), linear.value(b.left())));
        }
      }
      case DIVIDE -> {
        Expr denominator = linear.value(b.right());
        if (left) {
          out.add(new Partial(b.left(), Algebra.number(1.0), false, denominator));
        }
        if (right) { // ∂(a / b)/∂b = -(a / b) / b
          out.add(new Partial(b.right(), linear.value(b), true, denominator));
        }
      }
      case REMAINDER -> { // x % y = x - n * y on doubles and floats, n truncated (MathRules)
        if (left) {
          out.add(Partial.one(b.left()));
        }
        if (right) {
          Expr n = MathRules.quotient(MATH, linear.value(b.left()), linear.value(b.right()),
              linear.value(b));
          out.add(new Partial(b.right(), n, true, null));
        }
      }
      default -> throw new IllegalStateException("no derivative for " + b.op());
    }
  }

  /**
   * The tangent of a node with these partials, given its operands' tangents {@code dots} (null
   * where zero): {@code Σ ∂ · u̇}, over a common divisor once ({@code (ȧ - q · ḃ) / b}).
   */
  public static Expr sum(List<Partial> partials, List<Expr> dots) {
    Expr divisor = partials.isEmpty() ? null : partials.get(0).divisor();
    boolean common = divisor != null
        && partials.stream().allMatch(p -> divisor.equals(p.divisor()));
    Expr sum = null;
    for (int k = 0; k < partials.size(); k++) {
      if (dots.get(k) != null) {
        sum = add(sum, common ? partials.get(k).timesNumerator(dots.get(k))
            : partials.get(k).times(dots.get(k)));
      }
    }
    return common ? div(sum, divisor) : sum;
  }

  /** The values the partials of an active {@code node} read, for {@link Linearization}. */
  static List<Expr> needs(Expr node, Activity activity) {
    List<Expr> out = new ArrayList<>();
    if (node instanceof Expr.Conditional c) {
      out.add(c.condition()); // a selection reads its condition
    } else if (node instanceof Expr.Call call && call.hasRules()) {
      out.addAll(call.args());
    } else if (node instanceof Expr.MathCall call) {
      List<Boolean> active = call.args().stream().map(activity::isActive).toList();
      if (MathRules.usesArguments(call.function())) {
        out.addAll(call.args());
      }
      if (MathRules.usesResult(call.function(), active)) {
        out.add(call);
      }
    } else if (node instanceof Expr.Binary b && b.op() == BinaryOp.MULTIPLY) {
      if (activity.isActive(b.left())) {
        out.add(b.right());
      }
      if (activity.isActive(b.right())) {
        out.add(b.left());
      }
    } else if (node instanceof Expr.Binary b && b.op() == BinaryOp.REMAINDER) {
      if (activity.isActive(b.right())) {
        out.add(b.left());
        out.add(b.right());
        out.add(b);
      }
    } else if (node instanceof Expr.Binary b && b.op() == BinaryOp.DIVIDE) {
      out.add(b.right());
      if (activity.isActive(b.right())) {
        out.add(b);
      }
    }
    return out;
  }
}
