package dev.cotangent.processor;

import com.sun.source.tree.CompilationUnitTree;
import dev.cotangent.processor.analyse.MethodFacts;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.MethodIR;
import dev.cotangent.processor.lower.LoweredMethod;
import java.util.List;

/** A method read for differentiation, with the calls whose derivatives it needs. */
final class Differentiated {
  private final LoweredMethod lowered;
  private final MethodFacts facts;
  private final CompilationUnitTree unit;
  private boolean ok;

  Differentiated(LoweredMethod lowered, MethodFacts facts, CompilationUnitTree unit,
      boolean ok) {
    this.lowered = lowered;
    this.facts = facts;
    this.unit = unit;
    this.ok = ok;
  }

  static Differentiated failed() {
    return new Differentiated(null, null, null, false);
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

  List<Expr.Call> calls() {
    return facts == null ? List.of() : facts.activeCalls();
  }

  CompilationUnitTree unit() {
    return unit;
  }

  boolean ok() {
    return ok;
  }

  void fail() {
    ok = false;
  }
}
