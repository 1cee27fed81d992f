package dev.cotangent.processor.differentiate.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Exprs;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@link FusedLaneLoops} and {@link LaneLocals} on hand-built tangent code, through
 * {@link LaneSweep}: which loops over the directions fuse (not across a statement that writes
 * what the pending loop reads, nor across a call), which lane temporaries become locals and
 * which must stay {@code double[k]}: read by a later loop the first could not fuse with (before
 * a loop of the method, or after a write the first reads), summed over the trips of the method's
 * loop, or pinned for the writer; a dead write is dropped, and a loop left empty with it.
 */
class LaneLocalsUnitTest {
  private final Variable x = new Variable("x", Type.DOUBLE, Variable.Role.PARAMETER, false);
  private final Variable xDot = new Variable("xDot", Type.DOUBLE, Variable.Role.PARAMETER, false);
  private final Variable xLanes =
      new Variable("xDot", Type.DOUBLE_ARRAY, Variable.Role.PARAMETER, false);
  private final Variable k = new Variable("k", Type.INT, Variable.Role.PARAMETER, false);
  private final Variable c = Variable.generated("c", Type.DOUBLE);
  private final Variable t = Variable.generated("t", Type.DOUBLE);
  private final Variable i = Variable.generated("i", Type.INT);
  private final Variable tDot = Variable.generated("tDot", Type.DOUBLE);
  private final Variable uDot = Variable.generated("uDot", Type.DOUBLE);
  private final Variable vDot = Variable.generated("vDot", Type.DOUBLE);
  private final Variable sDot = Variable.generated("sDot", Type.DOUBLE);
  private final Variable wDot = Variable.generated("wDot", Type.DOUBLE);

  private static Expr times(Expr a, Expr b) {
    return new Expr.Binary(BinaryOp.MULTIPLY, a, b, Type.DOUBLE);
  }

  private static Expr plus(Expr a, Expr b) {
    return new Expr.Binary(BinaryOp.ADD, a, b, a.type());
  }

  private static Expr two() {
    return Expr.Literal.ofDouble(2);
  }

  private LaneSweep sweep(List<Stmt> code) {
    return new LaneSweep(List.of(code), List.of(xDot), Map.of(xDot, xLanes), k, Map.of());
  }

  /** The loops over the directions (with locals in them, after {@code LaneLocals}). */
  private static List<Stmt.For> laneLoops(LaneSweep sweep, List<Stmt> code) {
    return Children.flatten(code).stream().filter(s -> s instanceof Stmt.For f
        && f.init().size() == 1 && f.init().get(0) instanceof Stmt.Declare decl
        && decl.variable() == sweep.d()).map(s -> (Stmt.For) s).toList();
  }

  private static Set<String> hoisted(LaneSweep sweep) {
    return sweep.hoisted().stream().map(Variable::name).collect(Collectors.toSet());
  }

  private static final Predicate<String> ALL = name -> true;

  /**
   * {@code tDot = 2 xDot; t = 2 x; uDot = t tDot; c = c + t; vDot = c tDot + uDot;} then a loop
   * {@code while (i < 3) { wDot = c vDot; sDot = sDot + wDot; i = i + 1; }}.
   */
  private List<Stmt> code() {
    return List.of(
        new Stmt.Declare(sDot, Expr.Literal.ofDouble(0), null),
        new Stmt.Declare(tDot, times(two(), Exprs.ref(xDot)), null),
        new Stmt.Declare(t, times(two(), Exprs.ref(x)), null),
        new Stmt.Declare(uDot, times(Exprs.ref(t), Exprs.ref(tDot)), null),
        new Stmt.Assign(c, plus(Exprs.ref(c), Exprs.ref(t)), null),
        new Stmt.Declare(vDot, plus(times(Exprs.ref(c), Exprs.ref(tDot)), Exprs.ref(uDot)),
            null),
        new Stmt.While(new Expr.Binary(BinaryOp.LESS, Exprs.ref(i), Expr.Literal.ofInt(3),
            Type.BOOLEAN), List.of(
                new Stmt.Declare(wDot, times(Exprs.ref(c), Exprs.ref(vDot)), null),
                new Stmt.Assign(sDot, plus(Exprs.ref(sDot), Exprs.ref(wDot)), null),
                new Stmt.Assign(i, plus(Exprs.ref(i), Expr.Literal.ofInt(1)), null)),
            null, null));
  }

  @Test
  void thePassListIsTheOneTheOptionKnows() {
    assertTrue(dev.cotangent.processor.differentiate.Passes.names().containsAll(LaneSweep.PASSES));
  }

  @Test
  void withoutThePassesEveryLaneTemporaryIsAnArray() {
    LaneSweep sweep = sweep(code());
    List<Stmt> out = sweep.optimised(sweep.statements(code()), List.of(), name -> false);
    assertEquals(Set.of("sDot", "tDot", "uDot", "vDot", "wDot"), hoisted(sweep));
    assertEquals(4, laneLoops(sweep, out).size(), out.toString());
  }

  @Test
  void fusesAcrossTheMethodsStatementsButNotAcrossAWriteTheLoopReads() {
    LaneSweep sweep = sweep(code());
    List<Stmt> out = sweep.optimised(sweep.statements(code()), List.of(), ALL);
    // sDot = 0, tDot, uDot fuse (t = 2x moves ahead); c = c + t is read by vDot's statement
    // but not by the pending loop, so it moves ahead too: vDot joins them
    List<Stmt.For> loops = laneLoops(sweep, out);
    assertEquals(2, loops.size(), out.toString());
    assertInstanceOf(Stmt.Declare.class, out.get(0)); // double t = 2 * x;
    assertInstanceOf(Stmt.Assign.class, out.get(1)); // c = c + t;
  }

  @Test
  void aTemporaryReadByAnUnfusedLaterLoopStaysAnArray() {
    // a write of t between the loops, which the first one reads; wDot is the writer's
    List<Stmt> code = List.of(
        new Stmt.Declare(tDot, times(two(), Exprs.ref(xDot)), null),
        new Stmt.Declare(uDot, times(Exprs.ref(t), Exprs.ref(tDot)), null),
        new Stmt.Assign(t, plus(Exprs.ref(t), Exprs.ref(x)), null),
        new Stmt.Declare(vDot, times(Exprs.ref(t), Exprs.ref(tDot)), null),
        new Stmt.Declare(wDot, plus(Exprs.ref(uDot), Exprs.ref(vDot)), null));
    LaneSweep sweep = sweep(code);
    List<Stmt> out = sweep.optimised(sweep.statements(code), List.of(wDot), ALL);
    assertEquals(2, laneLoops(sweep, out).size(), out.toString());
    assertEquals(Set.of("tDot", "uDot", "wDot"), hoisted(sweep), out.toString());
  }

  @Test
  void aSumOverTheTripsAndAValueReadInsideALaterLoopStayArrays() {
    LaneSweep sweep = sweep(code());
    sweep.optimised(sweep.statements(code()), List.of(), ALL);
    // sDot sums over the while loop's trips, vDot is read in it; tDot, uDot, wDot live within
    // their loops
    assertEquals(Set.of("sDot", "vDot"), hoisted(sweep));
  }

  @Test
  void aPinnedTemporaryStaysAnArray() {
    LaneSweep sweep = sweep(code());
    sweep.optimised(sweep.statements(code()), List.of(tDot), ALL);
    assertEquals(Set.of("sDot", "tDot", "vDot"), hoisted(sweep));
  }

  @Test
  void aDeadWriteIsDroppedAndALoopLeftEmptyWithIt() {
    List<Stmt> code = List.of(
        new Stmt.Declare(tDot, times(two(), Exprs.ref(xDot)), null),
        new Stmt.Declare(uDot, times(Exprs.ref(x), Exprs.ref(tDot)), null),
        new Stmt.Assign(tDot, Expr.Literal.ofDouble(0), null),
        new Stmt.Evaluate(new Expr.Runtime(LaneSweep.lanesClass(), "toString", List.of(),
            Type.DOUBLE)), // a barrier: a call
        new Stmt.Assign(tDot, Expr.Literal.ofDouble(0), null));
    LaneSweep sweep = sweep(code);
    List<Stmt> out = sweep.optimised(sweep.statements(code), List.of(uDot), ALL);
    List<Stmt.For> loops = laneLoops(sweep, out);
    assertEquals(1, loops.size(), out.toString()); // the second loop held a dead write only
    assertEquals(List.of(Stmt.Declare.class, Stmt.ArrayWrite.class),
        loops.get(0).body().stream().map(Object::getClass).toList(), out.toString());
    assertFalse(hoisted(sweep).contains("tDot"), out.toString());
    assertTrue(hoisted(sweep).contains("uDot"), out.toString()); // pinned: the writer reads it
  }
}
