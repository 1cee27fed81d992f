package dev.cotangent.processor.differentiate.reverse;

import dev.cotangent.processor.analyse.Activity;
import dev.cotangent.processor.analyse.Aliases;
import dev.cotangent.processor.differentiate.rules.Derivatives;
import dev.cotangent.processor.differentiate.rules.Shadows;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.List;

/**
 * The derivative code of a stored row reference, {@code m[i] = r} (a row swap, a replaced row),
 * and of a matrix's shallow {@code clone()}.
 *
 * <p>Soundness: shadow memory mirrors primal memory at reference level. Whenever the primal
 * stores a row reference, the derivative code stores the corresponding shadow reference in the
 * same place of the shadow matrix ({@code mBar[i] = rBar}; a clone's shadow is the shadow's
 * clone). By induction over the statements, each primal row object {@code P} reached as
 * {@code m[i]} has exactly one shadow row, reached as {@code mBar[i]}, and two primal paths reach
 * the same row exactly when their shadow paths do: a write through one alias and a read through
 * another meet in the shadow as they meet in the primal. Storing a reference is no arithmetic,
 * so it adds nothing to any adjoint; the reverse sweep only puts the overwritten references
 * back (primal and shadow, from the tape's reference stack, in reverse order), so every later
 * reverse statement sees the row objects its forward statement saw. {@code Aliases} joins
 * {@code m} with {@code r}, so activity and the taping of element writes treat them as one
 * array. The reader refuses the shapes this cannot follow ({@code read/RowWrites}).
 */
public final class RowReferences {
  private RowReferences() {}

  /** Whether {@code value} is a matrix's clone: a new outer array sharing the rows. */
  public static boolean sharesRows(Expr value) {
    return value instanceof Expr.CloneArray clone && clone.type().element().isArray();
  }

  /** The reverse sweep of {@code m[i] = r}: tape the old references when needed, store both. */
  static ReverseSweep.Sweep reverse(Stmt.ArrayWrite w, boolean taped, Activity activity,
      Derivatives bars) {
    Variable root = Aliases.root(w.array());
    boolean active = activity.isActive(root);
    Expr.ArrayRead old = new Expr.ArrayRead(w.array(), w.index(), w.value().type());
    List<Stmt> forward = new ArrayList<>();
    List<Stmt> reverse = new ArrayList<>();
    Expr shadow = active ? Shadows.of(w.array(), bars) : null;
    if (taped) {
      forward.add(new Stmt.Push(old));
      if (active) {
        forward.add(new Stmt.Push(new Expr.ArrayRead(shadow, w.index(), w.value().type())));
        reverse.add(new Stmt.ArrayWrite(shadow, w.index(), new Expr.Pop(w.value().type()), null));
      }
      reverse.add(new Stmt.ArrayWrite(w.array(), w.index(), new Expr.Pop(w.value().type()),
          null));
    }
    forward.add(new Stmt.ArrayWrite(w.array(), w.index(), w.value(), null));
    if (active) {
      forward.add(new Stmt.ArrayWrite(shadow, w.index(), shadowOf(w.value(), activity, bars),
          null));
    }
    if (!reverse.isEmpty() && w.origin() != null) {
      reverse.add(0, new Stmt.Comment(w.origin().toString()));
    }
    return new ReverseSweep.Sweep(forward, reverse);
  }

  /** The tangent of {@code m[i] = r}: {@code mDot[i] = rDot}, then the primal store. */
  public static List<Stmt> tangent(Stmt.ArrayWrite w, Activity activity, Derivatives dots) {
    Expr shadow = Shadows.of(w.array(), dots);
    return List.of(
        new Stmt.ArrayWrite(shadow, w.index(), shadowOf(w.value(), activity, dots), null),
        new Stmt.ArrayWrite(w.array(), w.index(), w.value(), null));
  }

  /** The stored row's shadow: the row and the matrix are one alias class, so it has one. */
  private static Expr shadowOf(Expr row, Activity activity, Derivatives derivatives) {
    if (!activity.isActive(row)) {
      throw new IllegalStateException("a row stored into an active matrix has no shadow: " + row);
    }
    return Shadows.of(row, derivatives);
  }
}
