package dev.cotangent.processor.differentiate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.UnaryOp;
import dev.cotangent.processor.ir.Variable;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs hand-built IR on a state of doubles, ints, booleans and {@code double[]}s, so that a
 * transform's output can be compared with its input on the same states. Knows the statements and
 * operators the transforms under test produce; anything else fails the test.
 */
final class IrInterpreter {
  private IrInterpreter() {}

  /** Runs {@code code} on {@code s} (changed in place) and returns it. */
  static Map<Variable, Object> run(List<Stmt> code, Map<Variable, Object> s) {
    code.forEach(statement -> execute(statement, s));
    return s;
  }

  /** A copy with fresh arrays, keeping which variables share one. */
  static Map<Variable, Object> copy(Map<Variable, Object> s) {
    Map<Object, Object> arrays = new IdentityHashMap<>();
    Map<Variable, Object> out = new IdentityHashMap<>();
    s.forEach((v, value) -> out.put(v, value instanceof double[] a
        ? arrays.computeIfAbsent(a, k -> a.clone()) : value));
    return out;
  }

  private static void execute(Stmt statement, Map<Variable, Object> s) {
    if (statement instanceof Stmt.Declare d) {
      s.put(d.variable(), eval(d.init(), s));
    } else if (statement instanceof Stmt.Assign a) {
      Object value = eval(a.value(), s);
      s.put(a.variable(), a.variable().type() == Type.INT ? (Object) ((Number) value).intValue()
          : (Object) ((Number) value).doubleValue());
    } else if (statement instanceof Stmt.ArrayWrite aw) {
      double[] array = (double[]) eval(aw.array(), s);
      array[((Number) eval(aw.index(), s)).intValue()] =
          ((Number) eval(aw.value(), s)).doubleValue();
    } else if (statement instanceof Stmt.If branch) {
      run((Boolean) eval(branch.condition(), s) ? branch.then() : branch.otherwise(), s);
    } else if (statement instanceof Stmt.While loop) {
      while ((Boolean) eval(loop.condition(), s)) {
        run(loop.body(), s);
      }
    } else if (!(statement instanceof Stmt.Comment)) {
      throw new IllegalArgumentException("not interpreted: " + statement);
    }
  }

  private static Object eval(Expr e, Map<Variable, Object> s) {
    if (e instanceof Expr.Literal literal) {
      return literal.type() == Type.INT ? (Object) (int) literal.value() : literal.value();
    }
    if (e instanceof Expr.Ref ref) {
      assertTrue(s.containsKey(ref.variable()), "unbound " + ref.variable());
      return s.get(ref.variable());
    }
    if (e instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
      return -((Number) eval(u.operand(), s)).doubleValue();
    }
    if (e instanceof Expr.ArrayRead read) {
      return ((double[]) eval(read.array(), s))[((Number) eval(read.index(), s)).intValue()];
    }
    if (e instanceof Expr.Binary b) {
      Number l = (Number) eval(b.left(), s);
      Number r = (Number) eval(b.right(), s);
      return switch (b.op()) {
        case LESS -> l.doubleValue() < r.doubleValue();
        case GREATER -> l.doubleValue() > r.doubleValue();
        case NOT_EQUAL -> l.doubleValue() != r.doubleValue();
        default -> b.type() == Type.INT ? integer(b, l.intValue(), r.intValue())
            : real(b, l.doubleValue(), r.doubleValue());
      };
    }
    throw new IllegalArgumentException("not interpreted: " + e);
  }

  private static Object integer(Expr.Binary b, int l, int r) {
    return switch (b.op()) {
      case ADD -> l + r;
      case SUBTRACT -> l - r;
      default -> throw new IllegalArgumentException("not interpreted: " + b);
    };
  }

  private static Object real(Expr.Binary b, double l, double r) {
    return switch (b.op()) {
      case ADD -> l + r;
      case SUBTRACT -> l - r;
      case MULTIPLY -> l * r;
      case DIVIDE -> l / r;
      default -> throw new IllegalArgumentException("not interpreted: " + b);
    };
  }
}
