package dev.cotangent.processor.differentiate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.cotangent.processor.differentiate.passes.DeadResets;
import dev.cotangent.processor.differentiate.rules.Algebra;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link DeadResets}: which resets {@code aBar = 0.0} are dead (overwritten before any read on
 * every path, or never read again) and which must stay (read by an increment, a branch not
 * taken, the loop's next trip or exit, or reported in the holder).
 */
class DeadResetsTest {
  private final Variable aBar = Variable.generated("aBar", Type.DOUBLE);
  private final Variable vBar = Variable.generated("vBar", Type.DOUBLE);
  private final Variable xBar = Variable.generated("xBar", Type.DOUBLE);
  private final Variable x = Variable.generated("x", Type.DOUBLE);
  private final Variable flag = Variable.generated("flag", Type.BOOLEAN);

  private static Expr ref(Variable v) {
    return new Expr.Ref(v);
  }

  private static Stmt set(Variable v, Expr value) {
    return new Stmt.Assign(v, value, null);
  }

  private static Stmt inc(Variable v, Expr delta) {
    return set(v, Algebra.add(ref(v), delta));
  }

  private static Stmt zero(Variable v) {
    return set(v, Expr.Literal.ofDouble(0.0));
  }

  private Stmt loop(Stmt... body) {
    return new Stmt.While(ref(flag), List.of(body), null, null);
  }

  private List<Stmt> rewrite(Set<Variable> outputs, Stmt... code) {
    return DeadResets.removeDeadResets(List.of(code), v -> v.name().endsWith("Bar")
        && !outputs.contains(v), outputs);
  }

  @Test
  void aResetOverwrittenInTheNextTripAndNotReadAfterTheLoopGoes() {
    // the golden Particle's shape: aBar = 0.01 * vBar; vBar += k * aBar; aBar = 0.0
    Stmt trip = loop(set(aBar, Algebra.mul(Expr.Literal.ofDouble(0.01), ref(vBar))),
        inc(vBar, Algebra.mul(ref(x), ref(aBar))), zero(aBar));
    Stmt without = loop(set(aBar, Algebra.mul(Expr.Literal.ofDouble(0.01), ref(vBar))),
        inc(vBar, Algebra.mul(ref(x), ref(aBar))));
    assertEquals(List.of(without, set(xBar, ref(vBar))),
        rewrite(Set.of(xBar), trip, set(xBar, ref(vBar))));
  }

  @Test
  void aResetTheNextTripIncrementsStays() {
    Stmt trip = loop(inc(aBar, ref(vBar)), inc(vBar, ref(aBar)), zero(aBar));
    List<Stmt> code = List.of(trip);
    assertSame(code.get(0), rewrite(Set.of(), trip).get(0));
  }

  @Test
  void aResetReadAfterTheLoopStays() {
    Stmt trip = loop(set(aBar, ref(vBar)), inc(vBar, ref(aBar)), zero(aBar));
    List<Stmt> code = List.of(trip, set(xBar, ref(aBar)));
    assertEquals(code, rewrite(Set.of(xBar), trip, set(xBar, ref(aBar))));
  }

  @Test
  void aReportedAdjointsResetStays() {
    assertEquals(List.of(set(xBar, ref(vBar)), zero(xBar)),
        rewrite(Set.of(xBar), set(xBar, ref(vBar)), zero(xBar)));
  }

  @Test
  void aResetReadOnOneBranchStays() {
    Stmt branch = new Stmt.If(ref(flag), List.of(inc(xBar, ref(aBar))),
        List.of(set(aBar, ref(x))), null);
    assertEquals(List.of(zero(aBar), branch),
        rewrite(Set.of(xBar), zero(aBar), branch));
  }

  @Test
  void aResetOverwrittenOnBothBranchesGoes() {
    Stmt branch = new Stmt.If(ref(flag), List.of(set(aBar, ref(vBar))),
        List.of(set(aBar, ref(x))), null);
    assertEquals(List.of(branch, set(xBar, ref(aBar))),
        rewrite(Set.of(xBar), zero(aBar), branch, set(xBar, ref(aBar))));
  }

  @Test
  void anAssignmentThatReadsItselfDoesNotKill() {
    // aBar = 2 * aBar reads the zero: the reset before it stays
    Stmt doubled = set(aBar, Algebra.mul(Expr.Literal.ofDouble(2), ref(aBar)));
    assertEquals(List.of(zero(aBar), doubled, set(xBar, ref(aBar))),
        rewrite(Set.of(xBar), zero(aBar), doubled, set(xBar, ref(aBar))));
  }

  @Test
  void codeWithAStatementItDoesNotModelIsLeftAsItIs() {
    List<Stmt> code = List.of(zero(aBar), new Stmt.Break(null, null));
    assertSame(code, DeadResets.removeDeadResets(code, v -> true, Set.of()));
  }
}
