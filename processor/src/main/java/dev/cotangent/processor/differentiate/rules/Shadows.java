package dev.cotangent.processor.differentiate.rules;

import com.palantir.javapoet.ClassName;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Variable;
import java.util.List;

/**
 * The derivative arrays ("shadows") of arrays: {@code aDot} or {@code aBar} has the shape of
 * {@code a}, and aliasing among arrays is mirrored among their shadows.
 */
public final class Shadows {
  static final ClassName ARRAY_STATE = ClassName.get("dev.cotangent.runtime", "ArrayState");

  private Shadows() {}

  /** The shadow of an array expression that names an array: {@code aBar}, {@code mBar[i]}. */
  public static Expr of(Expr array, Derivatives derivatives) {
    if (array instanceof Expr.Ref ref) {
      return new Expr.Ref(derivatives.of(ref.variable()));
    }
    if (array instanceof Expr.ArrayRead row) {
      return new Expr.ArrayRead(of(row.array(), derivatives), row.index(), row.type());
    }
    throw new IllegalStateException("no shadow for " + array);
  }

  /** Whether the array expression names an existing array (rather than making a new one). */
  public static boolean names(Expr array) {
    return array instanceof Expr.Ref || array instanceof Expr.ArrayRead;
  }

  /** A new zero array of the shape of {@code v}'s current value. */
  public static Expr zerosLike(Variable v) {
    return call("zerosLike", v.type(), new Expr.Ref(v));
  }

  public static Expr call(String method, dev.cotangent.processor.ir.Type type, Expr... args) {
    return new Expr.Runtime(ARRAY_STATE, method, List.of(args), type);
  }
}
