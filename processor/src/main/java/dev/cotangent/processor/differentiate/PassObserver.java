package dev.cotangent.processor.differentiate;

import dev.cotangent.processor.ir.Stmt;
import java.util.List;

/**
 * Sees every pass run on every method, with the code before and after it: the tests use it to
 * run both through an IR interpreter and compare (equivalence tests of each registered pass). The
 * processor's default observer does nothing.
 */
public interface PassObserver {
  /** One pass run: its label in the trace, and the code it received and returned. */
  record Step<T>(String pass, T before, T after) {}

  PassObserver NONE = new PassObserver() {};

  /** The finished pullback and each step of its pipeline (the first step's input is the sweep). */
  default void adjoint(AdjointMethod method, List<Step<AdjointCode>> steps) {}

  /** The finished tangent and each step of its pipeline. */
  default void tangent(TangentMethod method, List<Step<List<Stmt>>> steps) {}
}
