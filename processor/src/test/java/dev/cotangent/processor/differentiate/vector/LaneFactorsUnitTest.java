package dev.cotangent.processor.differentiate.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Exprs;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link LaneFactors} on hand-built tangent code, through {@link LaneSweep}: a product of a
 * value the same in every lane and a power of two times a tangent becomes the power of two
 * times that value, times the tangent; not for a factor that is not a power of two, an
 * {@code int} value, a value the loop writes, or a tangent on both sides.
 */
class LaneFactorsUnitTest {
  private final Variable x = new Variable("x", Type.DOUBLE, Variable.Role.PARAMETER, false);
  private final Variable xDot = new Variable("xDot", Type.DOUBLE, Variable.Role.PARAMETER, false);
  private final Variable xLanes =
      new Variable("xDot", Type.DOUBLE_ARRAY, Variable.Role.PARAMETER, false);
  private final Variable k = new Variable("k", Type.INT, Variable.Role.PARAMETER, false);
  private final Variable n = new Variable("n", Type.INT, Variable.Role.PARAMETER, false);
  private final Variable t = Variable.generated("t", Type.DOUBLE);
  private final Variable tDot = Variable.generated("tDot", Type.DOUBLE);
  private final Variable uDot = Variable.generated("uDot", Type.DOUBLE);
  private final Variable vDot = Variable.generated("vDot", Type.DOUBLE);
  private final Variable wDot = Variable.generated("wDot", Type.DOUBLE);
  private final Variable yDot = Variable.generated("yDot", Type.DOUBLE);
  private final Variable zDot = Variable.generated("zDot", Type.DOUBLE);

  private static Expr times(Expr a, Expr b) {
    return new Expr.Binary(BinaryOp.MULTIPLY, a, b, Type.DOUBLE);
  }

  private static Expr plus(Expr a, Expr b) {
    return new Expr.Binary(BinaryOp.ADD, a, b, Type.DOUBLE);
  }

  private static Expr lit(double value) {
    return Expr.Literal.ofDouble(value);
  }

  /** {@code e} as a string, fully parenthesised, lanes as {@code v[d]}. */
  private static String text(Expr e) {
    if (e instanceof Expr.Binary b) {
      return "(" + text(b.left()) + " " + b.op().symbol() + " " + text(b.right()) + ")";
    } else if (e instanceof Expr.Ref r) {
      return r.variable().name();
    } else if (e instanceof Expr.Literal l) {
      return l.text();
    } else if (e instanceof Expr.ArrayRead a) {
      return text(a.array()) + "[" + text(a.index()) + "]";
    }
    return e.toString();
  }

  /** Each tangent's value in the one loop over the directions, by the tangent's name. */
  private static Map<String, String> lanes(List<Stmt> code) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Stmt s : Children.flatten(code)) {
      if (s instanceof Stmt.Declare d && d.init() != null && d.variable().name().endsWith("Dot")) {
        out.put(d.variable().name(), text(d.init()));
      } else if (s instanceof Stmt.ArrayWrite w && w.array() instanceof Expr.Ref r) {
        out.put(r.variable().name(), text(w.value()));
      }
    }
    return out;
  }

  private Map<String, String> run(boolean factors) {
    Expr int2 = Expr.Literal.ofInt(2);
    List<Stmt> code = List.of(
        new Stmt.Declare(t, times(lit(2), Exprs.ref(x)), null),
        new Stmt.Declare(tDot, times(lit(3), Exprs.ref(xDot)), null),
        // t * (2 * tDot) -> (2 * t) * tDot
        new Stmt.Declare(uDot, times(Exprs.ref(t), times(lit(2), Exprs.ref(tDot))), null),
        // (tDot * 0.5) * t -> (0.5 * t) * tDot
        new Stmt.Declare(vDot, times(times(Exprs.ref(tDot), lit(0.5)), Exprs.ref(t)), null),
        // not a power of two: stays
        new Stmt.Declare(wDot, times(Exprs.ref(t), times(lit(3), Exprs.ref(tDot))), null),
        // an int factor (2 * n would be int arithmetic): stays
        new Stmt.Declare(yDot, times(Exprs.ref(n), times(int2, Exprs.ref(tDot))), null),
        // a tangent on both sides: stays
        new Stmt.Declare(zDot, plus(times(Exprs.ref(uDot), times(lit(2), Exprs.ref(vDot))),
            Exprs.ref(wDot)), null));
    LaneSweep sweep = new LaneSweep(List.of(code), List.of(xDot), Map.of(xDot, xLanes), k,
        Map.of());
    List<Stmt> out = sweep.optimised(sweep.statements(code),
        List.of(uDot, vDot, wDot, yDot, zDot),
        name -> factors || !name.equals(LaneFactors.NAME));
    return lanes(out);
  }

  @Test
  void aLaneInvariantValueTakesThePowerOfTwo() {
    Map<String, String> on = run(true);
    assertEquals("((2.0 * t) * tDot)", on.get("uDot"), on.toString());
    assertEquals("((0.5 * t) * tDot)", on.get("vDot"), on.toString());
    Map<String, String> off = run(false);
    assertEquals("(t * (2.0 * tDot))", off.get("uDot"), off.toString());
    assertEquals("((tDot * 0.5) * t)", off.get("vDot"), off.toString());
  }

  @Test
  void otherProductsStay() {
    Map<String, String> on = run(true);
    Map<String, String> off = run(false);
    for (String name : List.of("wDot", "yDot", "zDot")) {
      assertEquals(off.get(name), on.get(name), name);
    }
    assertTrue(on.get("zDot").contains("(2.0 * vDot"), on.toString());
  }

  @Test
  void powersOfTwo() {
    for (double p : new double[] {2, 4, 0.5, -2, 1024, 0.125}) {
      assertTrue(LaneFactors.powerOfTwo(lit(p)), String.valueOf(p));
    }
    for (double p : new double[] {1, -1, 0, 3, 0.3, 100, Double.MIN_VALUE}) {
      assertFalse(LaneFactors.powerOfTwo(lit(p)), String.valueOf(p));
    }
    assertTrue(LaneFactors.powerOfTwo(Expr.Literal.ofInt(2)));
    assertFalse(LaneFactors.powerOfTwo(Exprs.ref(x)));
  }
}
