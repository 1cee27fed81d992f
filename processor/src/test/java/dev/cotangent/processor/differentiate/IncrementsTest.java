package dev.cotangent.processor.differentiate;

import static dev.cotangent.processor.differentiate.IrCode.at;
import static dev.cotangent.processor.differentiate.IrCode.inc;
import static dev.cotangent.processor.differentiate.IrCode.plusOne;
import static dev.cotangent.processor.differentiate.IrCode.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.cotangent.processor.differentiate.passes.Increments;
import dev.cotangent.processor.differentiate.rules.Algebra;
import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Increments} on hand-built adjoint code: what it merges, what it must leave alone, and
 * that the result computes the same values as the input. A small interpreter runs both lists on
 * random states (arrays that may alias included) and compares every variable and element.
 */
class IncrementsTest {
  private final Variable uBar = Variable.generated("uBar", Type.DOUBLE);
  private final Variable vBar = Variable.generated("vBar", Type.DOUBLE);
  private final Variable sBar = Variable.generated("sBar", Type.DOUBLE);
  private final Variable x = Variable.generated("x", Type.DOUBLE);
  private final Variable y = Variable.generated("y", Type.DOUBLE);
  private final Variable w = Variable.generated("w", Type.DOUBLE);
  private final Variable t = Variable.generated("t", Type.DOUBLE);
  private final Variable i = Variable.generated("i", Type.INT);
  private final Variable j = Variable.generated("j", Type.INT);
  private final Variable flag = Variable.generated("flag", Type.BOOLEAN);
  private final Variable xs = Variable.generated("xs", Type.DOUBLE_ARRAY);
  private final Variable xsBar = Variable.generated("xsBar", Type.DOUBLE_ARRAY);
  private final Variable zsBar = Variable.generated("zsBar", Type.DOUBLE_ARRAY);

  private static Expr num(double value) {
    return Expr.Literal.ofDouble(value);
  }

  private static Expr times(Expr a, Expr b) {
    return Algebra.mul(a, b);
  }

  private static List<Stmt> merge(Stmt... code) {
    return Increments.merge(List.of(code), v -> v.name().endsWith("Bar"));
  }

  @Test
  void adjacentIncrementsOfOneAdjointBecomeOne() {
    List<Stmt> code = List.of(inc(uBar, times(ref(x), ref(sBar))), inc(uBar, ref(sBar)));
    List<Stmt> merged = merge(code.toArray(Stmt[]::new));
    assertEquals(List.of(inc(uBar, Algebra.add(times(ref(x), ref(sBar)), ref(sBar)))), merged);
    assertSameEffect(code, merged);
  }

  @Test
  void subtractionsMergeIntoOneSubtraction() {
    Expr a = times(ref(x), ref(sBar));
    Expr b = times(ref(y), ref(sBar));
    // uBar -= a; uBar -= b  ->  uBar -= a + b
    List<Stmt> both = List.of(inc(uBar, Algebra.neg(a)), inc(uBar, Algebra.neg(b)));
    List<Stmt> merged = merge(both.toArray(Stmt[]::new));
    assertEquals(List.of(new Stmt.Assign(uBar,
        new Expr.Binary(BinaryOp.SUBTRACT, ref(uBar), Algebra.add(a, b), Type.DOUBLE), null)),
        merged);
    assertSameEffect(both, merged);
    // uBar -= a; uBar += b  and  uBar += a; uBar -= b: one statement, same values
    for (List<Stmt> mixed : List.of(
        List.of(inc(uBar, Algebra.neg(a)), inc(uBar, b)),
        List.of(inc(uBar, a), inc(uBar, Algebra.neg(b))))) {
      List<Stmt> one = merge(mixed.toArray(Stmt[]::new));
      assertEquals(1, one.size(), one.toString());
      assertSameEffect(mixed, one);
    }
  }

  @Test
  void equalIncrementsBecomeTwice() {
    Expr a = times(ref(x), ref(sBar));
    List<Stmt> code = List.of(inc(uBar, Algebra.neg(a)), inc(uBar, Algebra.neg(a)));
    List<Stmt> merged = merge(code.toArray(Stmt[]::new));
    // uBar -= 2 * (x * sBar)
    assertEquals(List.of(inc(uBar, Algebra.neg(times(Expr.Literal.ofInt(2), a)))), merged);
    assertSameEffect(code, merged);
  }

  @Test
  void incrementsThatCancelDisappear() {
    List<Stmt> code = List.of(inc(uBar, num(1.0)), inc(uBar, num(-1.0)));
    List<Stmt> merged = merge(code.toArray(Stmt[]::new));
    assertEquals(List.of(), merged);
    assertSameEffect(code, merged);
  }

  @Test
  void mergesAcrossUnrelatedStatementsIntoTheLaterOne() {
    // uBar += x * sBar; vBar += y * sBar; double t = 2 * sBar; uBar += w * t;
    Stmt declare = new Stmt.Declare(t, times(num(2.0), ref(sBar)), null);
    List<Stmt> code = List.of(inc(uBar, times(ref(x), ref(sBar))),
        inc(vBar, times(ref(y), ref(sBar))), declare, inc(uBar, times(ref(w), ref(t))));
    List<Stmt> merged = merge(code.toArray(Stmt[]::new));
    assertEquals(List.of(code.get(1), declare,
        inc(uBar, Algebra.add(times(ref(x), ref(sBar)), times(ref(w), ref(t))))), merged);
    assertSameEffect(code, merged);
  }

  @Test
  void noMergeWhenTheTargetIsReadInBetween() {
    // uBar += x; vBar = uBar * y; uBar += w: vBar must see uBar + x
    List<Stmt> code = List.of(inc(uBar, ref(x)),
        new Stmt.Assign(vBar, times(ref(uBar), ref(y)), null), inc(uBar, ref(w)));
    assertUnchanged(code);
  }

  @Test
  void theLaterIncrementMovesUpWhenTheEarlierOnesInputChangesInBetween() {
    // uBar += x * sBar; sBar = 0.0; uBar += w: moving the first down would read the new sBar,
    // moving the second up is fine
    List<Stmt> code = List.of(inc(uBar, times(ref(x), ref(sBar))),
        new Stmt.Assign(sBar, num(0.0), null), inc(uBar, ref(w)));
    List<Stmt> merged = merge(code.toArray(Stmt[]::new));
    assertEquals(List.of(inc(uBar, Algebra.add(times(ref(x), ref(sBar)), ref(w))),
        new Stmt.Assign(sBar, num(0.0), null)), merged);
    assertSameEffect(code, merged);
  }

  @Test
  void noMergeWhenBothIncrementsInputsChangeInBetween() {
    // uBar += x * sBar; sBar = 0.0; w = y; uBar += w: neither can move
    List<Stmt> code = List.of(inc(uBar, times(ref(x), ref(sBar))),
        new Stmt.Assign(sBar, num(0.0), null), new Stmt.Assign(w, ref(y), null),
        inc(uBar, ref(w)));
    assertUnchanged(code);
  }

  @Test
  void aSweepMergesAcrossStatementsInsideLoopBodies() {
    // Rosenbrock's reversed trip: xsBar[i] -= sBar; sBar = 0.0; xsBar[i + 1] += uBar;
    // xsBar[i] -= xs[i] * uBar  ->  xsBar[i] -= sBar + xs[i] * uBar; sBar = 0.0; xsBar[i + 1] += uBar
    List<Stmt> body = List.of(inc(xsBar, ref(i), Algebra.neg(ref(sBar))),
        new Stmt.Assign(sBar, num(0.0), null), new Stmt.Comment("line 14"),
        inc(xsBar, plusOne(i), ref(uBar)),
        inc(xsBar, ref(i), Algebra.neg(times(at(xs, ref(i)), ref(uBar)))));
    Stmt loop = new Stmt.While(ref(flag), body, null, null);
    List<Stmt> swept = Increments.mergeSweep(List.of(loop), v -> v.name().endsWith("Bar"));
    List<Stmt> merged = ((Stmt.While) swept.get(0)).body();
    Expr both = Algebra.add(ref(sBar), times(at(xs, ref(i)), ref(uBar)));
    assertEquals(List.of(new Stmt.ArrayWrite(ref(xsBar), ref(i),
            new Expr.Binary(BinaryOp.SUBTRACT, at(xsBar, ref(i)), both, Type.DOUBLE), null),
        new Stmt.Assign(sBar, num(0.0), null), new Stmt.Comment("line 14"),
        inc(xsBar, plusOne(i), ref(uBar))), merged);
    assertSameEffect(body.stream().filter(s -> !(s instanceof Stmt.Comment)).toList(),
        merged.stream().filter(s -> !(s instanceof Stmt.Comment)).toList());
    // merge() alone, on one statement's code, leaves loops to the sweep
    assertEquals(List.of(loop), merge(loop));
  }

  @Test
  void noMergeWhenTheLaterIncrementReadsTheTarget() {
    // uBar += x; uBar += uBar * y: the second reads uBar after the first
    List<Stmt> code = List.of(inc(uBar, ref(x)), inc(uBar, times(ref(uBar), ref(y))));
    assertUnchanged(code);
  }

  @Test
  void noMergeAcrossNestedStatements() {
    Stmt branch = new Stmt.If(ref(flag), List.of(inc(vBar, ref(x))), List.of(), null);
    List<Stmt> code = List.of(inc(uBar, ref(x)), branch, inc(uBar, ref(y)));
    assertUnchanged(code);
  }

  @Test
  void mergesInsideTheBranchesOfAnIf() {
    Stmt branch = new Stmt.If(ref(flag), List.of(inc(uBar, ref(x)), inc(uBar, ref(y))),
        List.of(inc(vBar, ref(x)), inc(vBar, ref(x))), null);
    List<Stmt> merged = merge(branch);
    Stmt.If one = assertInstanceOf(Stmt.If.class, merged.get(0));
    assertEquals(1, one.then().size(), one.toString());
    assertEquals(1, one.otherwise().size(), one.toString());
    assertSameEffect(List.of(branch), merged);
  }

  @Test
  void shadowElementIncrementsWithTheSameIndexMerge() {
    // xsBar[i] -= xs[i] * sBar; xsBar[i] -= xs[i] * sBar  ->  xsBar[i] -= 2 * (xs[i] * sBar)
    Expr a = times(at(xs, ref(i)), ref(sBar));
    List<Stmt> code = List.of(inc(xsBar, ref(i), Algebra.neg(a)),
        inc(xsBar, ref(i), Algebra.neg(a)));
    List<Stmt> merged = merge(code.toArray(Stmt[]::new));
    assertEquals(List.of(inc(xsBar, ref(i), Algebra.neg(times(Expr.Literal.ofInt(2), a)))),
        merged);
    assertSameEffect(code, merged);
  }

  @Test
  void elementIncrementsMergeAcrossOtherElementsAndPrimalReads() {
    // xsBar[i] += sBar; xsBar[i + 1] += sBar; vBar += xs[i] * sBar; xsBar[i] += x * sBar
    List<Stmt> code = List.of(inc(xsBar, ref(i), ref(sBar)),
        inc(xsBar, plusOne(i), ref(sBar)),
        inc(vBar, times(at(xs, ref(i)), ref(sBar))),
        inc(xsBar, ref(i), times(ref(x), ref(sBar))));
    List<Stmt> merged = merge(code.toArray(Stmt[]::new));
    assertEquals(3, merged.size(), merged.toString());
    assertSameEffect(code, merged);
  }

  @Test
  void noMergeAcrossAnElementThatMayBeTheSame() {
    // xsBar[i] += x; xsBar[j] += xsBar[j] * y; xsBar[i] += w  (j may be i)
    List<Stmt> code = List.of(inc(xsBar, ref(i), ref(x)),
        new Stmt.ArrayWrite(ref(xsBar), ref(j), times(at(xsBar, ref(j)), ref(y)), null),
        inc(xsBar, ref(i), ref(w)));
    assertUnchanged(code);
  }

  @Test
  void noMergeAcrossAReadOfAnotherShadowThatMayAlias() {
    // xsBar[i] += x; vBar += zsBar[i]; xsBar[i] += w  (zsBar may be xsBar: aliases are mirrored)
    List<Stmt> code = List.of(inc(xsBar, ref(i), ref(x)), inc(vBar, at(zsBar, ref(i))),
        inc(xsBar, ref(i), ref(w)));
    assertUnchanged(code);
  }

  @Test
  void noMergeWhenTheIndexChangesInBetween() {
    List<Stmt> code = List.of(inc(xsBar, ref(i), ref(x)), new Stmt.Assign(i, ref(j), null),
        inc(xsBar, ref(i), ref(w)));
    assertUnchanged(code);
  }

  private void assertUnchanged(List<Stmt> code) {
    assertEquals(code, merge(code.toArray(Stmt[]::new)));
  }

  // ---- a small interpreter for the statements above ----

  /**
   * Runs both lists from the same random states, some with {@code zsBar} the same array as
   * {@code xsBar} and {@code j == i}, and compares every scalar and element (to rounding).
   */
  private void assertSameEffect(List<Stmt> before, List<Stmt> after) {
    Random random = new Random(42);
    for (int trial = 0; trial < 50; trial++) {
      Map<Variable, Object> start = state(random, trial % 2 == 0);
      Map<Variable, Object> expected = IrInterpreter.run(before, IrInterpreter.copy(start));
      Map<Variable, Object> actual = IrInterpreter.run(after, IrInterpreter.copy(start));
      for (Map.Entry<Variable, Object> e : expected.entrySet()) {
        Object want = e.getValue();
        Object got = actual.get(e.getKey());
        if (want instanceof double[] array) {
          double[] gotArray = (double[]) got;
          for (int k = 0; k < array.length; k++) {
            near(array[k], gotArray[k], e.getKey() + "[" + k + "] in trial " + trial);
          }
        } else if (want instanceof Double d) {
          near(d, (Double) got, e.getKey() + " in trial " + trial);
        } else {
          assertEquals(want, got, e.getKey() + " in trial " + trial);
        }
      }
    }
  }

  private static void near(double want, double got, String what) {
    assertEquals(want, got, 1e-12 * Math.max(1, Math.abs(want)), what);
  }

  private Map<Variable, Object> state(Random random, boolean aliased) {
    Map<Variable, Object> s = new IdentityHashMap<>();
    for (Variable v : List.of(uBar, vBar, sBar, x, y, w, t)) {
      s.put(v, random.nextDouble() * 4 - 2);
    }
    int index = random.nextInt(3);
    s.put(i, index);
    s.put(j, aliased ? index : random.nextInt(3));
    s.put(flag, random.nextBoolean());
    s.put(xs, randomArray(random));
    double[] shadow = randomArray(random);
    s.put(xsBar, shadow);
    s.put(zsBar, aliased ? shadow : randomArray(random));
    return s;
  }

  private static double[] randomArray(Random random) {
    double[] a = new double[4];
    for (int k = 0; k < a.length; k++) {
      a[k] = random.nextDouble() * 4 - 2;
    }
    return a;
  }

  /** The interpreter itself: a wrong merge would be caught. */
  @Test
  void theInterpreterSeesAWrongMerge() {
    List<Stmt> code = List.of(inc(uBar, ref(x)),
        new Stmt.Assign(vBar, times(ref(uBar), ref(y)), null), inc(uBar, ref(w)));
    List<Stmt> wrong = new ArrayList<>(List.of(code.get(1),
        inc(uBar, Algebra.add(ref(x), ref(w)))));
    org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
        () -> assertSameEffect(code, wrong));
  }
}
