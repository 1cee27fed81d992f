package dev.cotangent.processor.differentiate;

import static dev.cotangent.processor.differentiate.IrCode.at;
import static dev.cotangent.processor.differentiate.IrCode.inc;
import static dev.cotangent.processor.differentiate.IrCode.plusOne;
import static dev.cotangent.processor.differentiate.IrCode.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cotangent.processor.analyse.Aliases;
import dev.cotangent.processor.differentiate.passes.AscendingReplays;
import dev.cotangent.processor.differentiate.rules.Algebra;
import dev.cotangent.processor.differentiate.rules.Derivatives;
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
 * {@link AscendingReplays} on hand-built replays: which it turns upwards and which it must leave,
 * and that every rewritten loop leaves the same state as the descending one (to rounding: sums
 * are added in another order) for trip counts from none (and a start above the end) to eight,
 * with a second counter that carries on across loops.
 */
class AscendingReplaysUnitTest {
  private final Variable a = Variable.generated("a", Type.DOUBLE_ARRAY);
  private final Variable b = Variable.generated("b", Type.DOUBLE_ARRAY);
  private final Variable c = Variable.generated("c", Type.DOUBLE_ARRAY);
  private final Variable aBar = Variable.generated("aBar", Type.DOUBLE_ARRAY);
  private final Variable bBar = Variable.generated("bBar", Type.DOUBLE_ARRAY);
  private final Variable cBar = Variable.generated("cBar", Type.DOUBLE_ARRAY);
  private final Variable sBar = Variable.generated("sBar", Type.DOUBLE);
  private final Variable tBar = Variable.generated("tBar", Type.DOUBLE);
  private final Variable j = Variable.generated("j", Type.INT);
  private final Variable lo = Variable.generated("lo", Type.INT);
  private final Variable k = Variable.generated("k", Type.INT);
  private final Variable q = Variable.generated("q", Type.DOUBLE);
  private final Derivatives bars = new Derivatives("Bar");

  AscendingReplaysUnitTest() {
    bars.bind(a, aBar);
    bars.bind(b, bBar);
    bars.bind(c, cBar);
  }

  private static Stmt down(Variable v) {
    return new Stmt.Assign(v,
        new Expr.Binary(BinaryOp.SUBTRACT, ref(v), Expr.Literal.ofInt(1), Type.INT), null);
  }

  /** {@code while (j > lo) { j--; k--; body }}, as the reverse sweep replays a counted loop. */
  private Stmt replay(Stmt... body) {
    List<Stmt> all = new ArrayList<>(List.of(new Stmt.Comment("j++"), down(j),
        new Stmt.Comment("k++"), down(k)));
    all.addAll(List.of(body));
    return new Stmt.While(new Expr.Binary(BinaryOp.GREATER, ref(j), ref(lo), Type.BOOLEAN), all,
        null, null);
  }

  private List<Stmt> rewrite(Stmt loop, Aliases aliases) {
    return AscendingReplays.rewrite(List.of(loop), bars, aliases);
  }

  private List<Stmt> rewrite(Stmt loop) {
    return rewrite(loop, Aliases.of(List.of()));
  }

  /** The replay was turned upwards: {@code if (j > lo) { ... while (j < jEnd) ... }}. */
  private static void assertAscending(List<Stmt> rewritten) {
    Stmt.If guard = assertInstanceOf(Stmt.If.class, rewritten.get(0));
    Stmt.While loop = (Stmt.While) guard.then().stream()
        .filter(s -> s instanceof Stmt.While).findFirst().orElseThrow();
    assertEquals(BinaryOp.LESS, ((Expr.Binary) loop.condition()).op());
  }

  @Test
  void incrementsIntoElementsAndSumsRunUpwards() {
    // the triangular product: cBar[k] += b[j] * aBar[j]; sBar += c[k] * aBar[j]
    Stmt loop = replay(
        new Stmt.Declare(q, at(aBar, ref(j)), null),
        inc(cBar, ref(k), Algebra.mul(at(b, ref(j)), ref(q))),
        inc(sBar, Algebra.mul(at(c, ref(k)), ref(q))));
    List<Stmt> rewritten = rewrite(loop);
    assertAscending(rewritten);
    assertSameEffect(List.of(loop), rewritten);
  }

  @Test
  void aSumForOneElementMovesUnderTheGuardWithItsFlush() {
    Variable sum = Variable.generated("aBarLo", Type.DOUBLE);
    List<Stmt> code = List.of(
        new Stmt.Declare(sum, Algebra.number(0.0), null),
        replay(inc(sum, at(bBar, ref(j))), inc(cBar, ref(k), ref(sBar))),
        flush(sum),
        new Stmt.Assign(tBar, Algebra.mul(ref(tBar), ref(sBar)), null));
    List<Stmt> rewritten = AscendingReplays.rewrite(code, bars, Aliases.of(List.of()));
    assertAscending(rewritten);
    Stmt.If guard = (Stmt.If) rewritten.get(0);
    assertEquals(code.get(0), guard.then().get(1));
    assertEquals(((Stmt.If) code.get(2)).then().get(0),
        guard.then().get(guard.then().size() - 3)); // then the rewind of j and k
    assertEquals(code.get(3), rewritten.get(1));
    assertEquals(2, rewritten.size());
    assertSameEffect(code, rewritten);
  }

  @Test
  void aSumReadAfterItsFlushStaysWhereItWas() {
    Variable sum = Variable.generated("aBarLo", Type.DOUBLE);
    List<Stmt> code = List.of(
        new Stmt.Declare(sum, Algebra.number(0.0), null),
        replay(inc(sum, at(bBar, ref(j)))),
        flush(sum),
        new Stmt.Assign(tBar, Algebra.mul(ref(tBar), ref(sum)), null));
    List<Stmt> rewritten = AscendingReplays.rewrite(code, bars, Aliases.of(List.of()));
    assertEquals(code.get(0), rewritten.get(0));
    assertAscending(rewritten.subList(1, 2));
    assertEquals(code.subList(2, 4), rewritten.subList(2, 4));
    assertSameEffect(code, rewritten);
  }

  @Test
  void aFlushIndexedByACounterStaysAfterTheLoop() {
    // under the guard the flush would run before the counters are rewound
    Variable sum = Variable.generated("aBarK", Type.DOUBLE);
    List<Stmt> code = List.of(
        new Stmt.Declare(sum, Algebra.number(0.0), null),
        replay(inc(sum, at(bBar, ref(j)))),
        flush(sum, ref(k)));
    List<Stmt> rewritten = AscendingReplays.rewrite(code, bars, Aliases.of(List.of()));
    assertEquals(code.get(0), rewritten.get(0));
    assertAscending(rewritten.subList(1, 2));
    assertEquals(code.get(2), rewritten.get(2));
    assertSameEffect(code, rewritten);
  }

  /** {@code if (sum != 0.0) { aBar[lo] += sum; }}, as {@link Accumulators} writes it. */
  private Stmt flush(Variable sum) {
    return flush(sum, ref(lo));
  }

  private Stmt flush(Variable sum, Expr index) {
    return new Stmt.If(
        new Expr.Binary(BinaryOp.NOT_EQUAL, ref(sum), Algebra.number(0.0), Type.BOOLEAN),
        List.of(inc(aBar, index, ref(sum))), List.of(), null);
  }

  @Test
  void anElementReadAndZeroedAtTheTripsOwnIndexRunsUpwards() {
    Stmt loop = replay(
        new Stmt.Declare(q, at(aBar, ref(j)), null),
        inc(bBar, ref(k), Algebra.mul(at(c, ref(j)), ref(q))),
        new Stmt.ArrayWrite(ref(aBar), ref(j), Algebra.number(0.0), null));
    List<Stmt> rewritten = rewrite(loop);
    assertAscending(rewritten);
    assertSameEffect(List.of(loop), rewritten);
  }

  @Test
  void incrementsThatMayHitOneElementStillCommute() {
    Stmt loop = replay(inc(aBar, ref(j), ref(sBar)), inc(aBar, ref(k), at(b, ref(j))));
    List<Stmt> rewritten = rewrite(loop);
    assertAscending(rewritten);
    assertSameEffect(List.of(loop), rewritten);
  }

  @Test
  void aRecurrenceThroughAnAdjointArrayStaysDescending() {
    // aBar[j] += 0.5 * aBar[j + 1]: each trip reads what the trip before it added
    Stmt loop = replay(inc(aBar, ref(j), Algebra.mul(Algebra.number(0.5), at(aBar, plusOne(j)))));
    assertEquals(List.of(loop), rewrite(loop));
    assertUpwardsWouldDiffer(loop);
  }

  @Test
  void anElementZeroedAndIncrementedAtAnotherIndexStaysDescending() {
    Stmt loop = replay(
        new Stmt.Declare(q, at(aBar, plusOne(j)), null),
        new Stmt.ArrayWrite(ref(aBar), plusOne(j), Algebra.number(0.0), null),
        inc(aBar, ref(j), Algebra.mul(Algebra.number(0.5), ref(q))));
    assertEquals(List.of(loop), rewrite(loop));
    assertUpwardsWouldDiffer(loop);
  }

  @Test
  void aSumThatTheTripsReadStaysDescending() {
    Stmt loop = replay(inc(tBar, at(c, ref(j))), inc(aBar, ref(j), ref(tBar)));
    assertEquals(List.of(loop), rewrite(loop));
    assertUpwardsWouldDiffer(loop);
  }

  @Test
  void shadowsOfArraysThatMayBeOneStayDescending() {
    // bBar[j] += aBar[j + 1]: with b = a, the same recurrence as above
    Stmt loop = replay(inc(bBar, ref(j), at(aBar, plusOne(j))));
    assertAscending(rewrite(loop)); // a and b apart
    Aliases shared = Aliases.of(List.of(new Stmt.Declare(b, ref(a), null)));
    assertEquals(List.of(loop), rewrite(loop, shared));
  }

  @Test
  void aTripThatPopsTheTapeStaysDescending() {
    Stmt loop = replay(inc(aBar, ref(j), new Expr.Pop(Type.DOUBLE)));
    assertEquals(List.of(loop), rewrite(loop));
  }

  @Test
  void aScalarAssignedOtherThanByAnIncrementStaysDescending() {
    Stmt loop = replay(inc(aBar, ref(j), ref(tBar)),
        new Stmt.Assign(tBar, Algebra.mul(Algebra.number(0.5), ref(tBar)), null));
    assertEquals(List.of(loop), rewrite(loop));
  }

  /** The interpreter and the comparison see a wrong order: the rules above are needed. */
  private void assertUpwardsWouldDiffer(Stmt loop) {
    Stmt.While w = (Stmt.While) loop;
    List<Stmt> body = w.body().subList(4, w.body().size());
    List<Stmt> forced = new ArrayList<>();
    forceUpwards(body, forced);
    assertThrows(AssertionError.class, () -> assertSameEffect(List.of(loop), forced));
  }

  /** What the rewrite would produce if it ignored the order: trips from lo up to j. */
  private void forceUpwards(List<Stmt> body, List<Stmt> out) {
    Variable end = Variable.generated("jEnd", Type.INT);
    Expr trips = new Expr.Binary(BinaryOp.SUBTRACT, ref(end), ref(j), Type.INT);
    Stmt rewindK = new Stmt.Assign(k,
        new Expr.Binary(BinaryOp.SUBTRACT, ref(k), trips, Type.INT), null);
    List<Stmt> upBody = new ArrayList<>(body);
    upBody.add(new Stmt.Assign(k, plusOne(k), null));
    upBody.add(new Stmt.Assign(j, plusOne(j), null));
    out.add(new Stmt.If(new Expr.Binary(BinaryOp.GREATER, ref(j), ref(lo), Type.BOOLEAN), List.of(
        new Stmt.Declare(end, ref(j), null), new Stmt.Assign(j, ref(lo), null), rewindK,
        new Stmt.While(new Expr.Binary(BinaryOp.LESS, ref(j), ref(end), Type.BOOLEAN), upBody,
            null, null),
        new Stmt.Assign(j, ref(lo), null), rewindK), List.of(), null));
  }

  // ---- states ----

  /**
   * Runs both from the same random states (j from lo - 2 to lo + 8, k anywhere it stays inside
   * the arrays) and compares every scalar exactly when it is an int, and to rounding otherwise.
   */
  private void assertSameEffect(List<Stmt> before, List<Stmt> after) {
    Random random = new Random(7);
    for (int trial = 0; trial < 60; trial++) {
      Map<Variable, Object> start = state(random);
      Map<Variable, Object> expected = IrInterpreter.run(before, IrInterpreter.copy(start));
      Map<Variable, Object> actual = IrInterpreter.run(after, IrInterpreter.copy(start));
      for (Variable v : List.of(a, b, c, aBar, bBar, cBar, sBar, tBar, j, k, lo)) {
        Object want = expected.get(v);
        Object got = actual.get(v);
        if (want instanceof double[] array) {
          for (int e = 0; e < array.length; e++) {
            near(array[e], ((double[]) got)[e], v + "[" + e + "] in trial " + trial);
          }
        } else if (want instanceof Double d) {
          near(d, (Double) got, v + " in trial " + trial);
        } else {
          assertEquals(want, got, v + " in trial " + trial);
        }
      }
    }
  }

  private static void near(double want, double got, String what) {
    assertEquals(want, got, 1e-12 * Math.max(1, Math.abs(want)), what);
  }

  private Map<Variable, Object> state(Random random) {
    Map<Variable, Object> s = new IdentityHashMap<>();
    int low = random.nextInt(3);
    int trips = random.nextInt(11) - 2;
    s.put(lo, low);
    s.put(j, low + trips);
    s.put(k, 10 + random.nextInt(3));
    s.put(sBar, random.nextDouble() * 4 - 2);
    s.put(tBar, random.nextDouble() * 4 - 2);
    for (Variable v : List.of(a, b, c, aBar, bBar, cBar)) {
      double[] values = new double[16];
      for (int e = 0; e < values.length; e++) {
        values[e] = random.nextDouble() * 4 - 2;
      }
      s.put(v, values);
    }
    return s;
  }
}
