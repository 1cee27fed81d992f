package dev.cotangent.processor;

import com.sun.source.tree.CompilationUnitTree;
import dev.cotangent.processor.analyse.MethodFacts;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.MethodIR;
import dev.cotangent.processor.lower.LoweredMethod;
import java.util.List;

/**
 * A method read for the companions: differentiated (it gets companions), or only copied (a
 * private method the companions call, which they cannot call in its class), or both; with the
 * calls whose callees it needs (the active ones, and those of private methods).
 */
final class Differentiated {
  private final LoweredMethod lowered;
  private final MethodFacts facts;
  private final CompilationUnitTree unit;
  private final boolean companions;
  private final List<Expr.Call> needed;
  private boolean ok;
  private boolean copy;

  Differentiated(LoweredMethod lowered, MethodFacts facts, CompilationUnitTree unit,
      boolean companions, List<Expr.Call> needed, boolean ok) {
    this.lowered = lowered;
    this.facts = facts;
    this.unit = unit;
    this.companions = companions;
    this.needed = needed;
    this.ok = ok;
  }

  static Differentiated failed(boolean companions) {
    return new Differentiated(null, null, null, companions, List.of(), false);
  }

  LoweredMethod lowered() {
    return lowered;
  }

  MethodIR ir() {
    return lowered.source();
  }

  /** What analysis found, computed once and handed to both modes. */
  MethodFacts facts() {
    return facts;
  }

  /** The calls whose callees must exist: active ones, and those of private methods. */
  List<Expr.Call> calls() {
    return needed;
  }

  CompilationUnitTree unit() {
    return unit;
  }

  /** Whether the method gets companions (it is differentiated). */
  boolean companions() {
    return companions;
  }

  /** Whether generated code calls the method's copy ({@code emit.PrimalCopies}). */
  boolean copy() {
    return copy;
  }

  void needsCopy() {
    copy = true;
  }

  boolean ok() {
    return ok;
  }

  void fail() {
    ok = false;
  }
}
