package dev.cotangent.processor.differentiate;

import dev.cotangent.processor.ir.Stmt;
import java.util.List;

/**
 * One optimisation of generated code: a rewrite of a statement list (the tangent's body, or one
 * sweep of the adjoint) into code that computes the same values and derivatives, faster or more
 * readably. Every pass can be switched off ({@code -Acotangent.passes=-Name}); the code is right
 * without it, which the random-program tests check pass by pass. {@link Passes} lists them in the
 * order they run; each pass's Javadoc states when it applies (its soundness condition) and what
 * it gains.
 *
 * <p>A pass that must see both sweeps of an adjoint at once is a {@link TwoSweepPass}.
 */
public interface Pass {
  /** The name the option and the pass trace use: the class's simple name. */
  default String name() {
    return getClass().getSimpleName();
  }

  /** The statements rewritten; the input is not changed. */
  List<Stmt> apply(List<Stmt> statements, PassContext context);
}
