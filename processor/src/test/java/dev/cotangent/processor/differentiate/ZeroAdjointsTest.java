package dev.cotangent.processor.differentiate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cotangent.processor.differentiate.passes.ZeroAdjoints;
import dev.cotangent.processor.differentiate.rules.Algebra;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link ZeroAdjoints}: which first increments become assignments, and which must stay. */
class ZeroAdjointsTest {
  private final Variable aBar = Variable.generated("aBar", Type.DOUBLE);
  private final Variable uBar = Variable.generated("uBar", Type.DOUBLE);
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

  private static Stmt dec(Variable v, Expr delta) {
    return set(v, Algebra.sub(ref(v), delta));
  }

  private static Stmt zero(Variable v) {
    return set(v, Expr.Literal.ofDouble(0.0));
  }

  private List<Stmt> rewrite(Set<Variable> zeroOnEntry, Stmt... code) {
    return ZeroAdjoints.assignFirstIncrements(List.of(code), zeroOnEntry,
        v -> v.name().endsWith("Bar"));
  }

  @Test
  void theFirstIncrementOfADeclaredAdjointIsAnAssignment() {
    List<Stmt> out = rewrite(Set.of(aBar), inc(aBar, ref(x)), inc(aBar, ref(uBar)));
    assertEquals(List.of(set(aBar, ref(x)), inc(aBar, ref(uBar))), out);
  }

  @Test
  void aDecrementBecomesANegatedAssignment() {
    List<Stmt> out = rewrite(Set.of(), zero(aBar), dec(aBar, ref(x)));
    assertEquals(List.of(zero(aBar), set(aBar, Algebra.neg(ref(x)))), out);
  }

  @Test
  void anAdjointResetAtTheEndOfEveryTripIsZeroAtItsStart() {
    Stmt loop = new Stmt.While(ref(flag),
        List.of(inc(aBar, ref(x)), inc(uBar, ref(aBar)), zero(aBar)), null, null);
    List<Stmt> out = rewrite(Set.of(aBar, uBar), loop);
    // uBar accumulates over the trips: only its value on entry is zero
    assertEquals(List.of(new Stmt.While(ref(flag),
        List.of(set(aBar, ref(x)), inc(uBar, ref(aBar)), zero(aBar)), null, null)), out);
  }

  @Test
  void notWhenItIsNonZeroOnEntryToTheLoop() {
    Stmt loop = new Stmt.While(ref(flag), List.of(inc(aBar, ref(x)), zero(aBar)), null, null);
    assertEquals(List.of(inc(aBar, ref(uBar)), loop), rewrite(Set.of(), inc(aBar, ref(uBar)),
        loop));
  }

  @Test
  void anIfKeepsWhatBothBranchesKeep() {
    Stmt oneSide = new Stmt.If(ref(flag), List.of(set(aBar, ref(x))), List.of(), null);
    assertEquals(List.of(oneSide, inc(aBar, ref(x))),
        rewrite(Set.of(aBar), oneSide, inc(aBar, ref(x))));
    Stmt bothReset = new Stmt.If(ref(flag), List.of(zero(aBar)), List.of(zero(aBar)), null);
    assertEquals(List.of(bothReset, set(aBar, ref(x))),
        rewrite(Set.of(), bothReset, inc(aBar, ref(x))));
  }

  @Test
  void nothingIsKnownAfterAStatementWhoseBodyThePassDoesNotFollow() {
    // a do-while is lowered away before the sweep; should one reach it, its writes must count
    Stmt unknown = new Stmt.DoWhile(List.of(set(aBar, ref(x))), ref(flag), null, null);
    assertEquals(List.of(unknown, inc(aBar, ref(x))),
        rewrite(Set.of(aBar), unknown, inc(aBar, ref(x))));
  }

  @Test
  void notForPrimalVariables() {
    assertEquals(List.of(zero(x), inc(x, ref(uBar))), rewrite(Set.of(), zero(x), inc(x, ref(uBar))));
  }
}
