package dev.cotangent.processor;

import com.sun.source.tree.CompilationUnitTree;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.MethodIR;
import dev.cotangent.processor.lower.LoweredMethod;
import java.util.List;

/** A method read for differentiation, with the calls whose derivatives it needs. */
final class Differentiated {
  private final LoweredMethod lowered;
  private final List<Expr.Call> calls;
  private final CompilationUnitTree unit;
  private boolean ok;

  Differentiated(LoweredMethod lowered, List<Expr.Call> calls, CompilationUnitTree unit,
      boolean ok) {
    this.lowered = lowered;
    this.calls = calls;
    this.unit = unit;
    this.ok = ok;
  }

  static Differentiated failed() {
    return new Differentiated(null, List.of(), null, false);
  }

  LoweredMethod lowered() {
    return lowered;
  }

  MethodIR ir() {
    return lowered.source();
  }

  List<Expr.Call> calls() {
    return calls;
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
