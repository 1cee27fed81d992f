package dev.cotangent.processor.differentiate;

import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the generated IR of a pullback's sweeps or a tangent's body as the Java that {@code
 * emit/StatementWriter} and {@code ExpressionWriter} write for it would run: every statement kind
 * of generated code, every expression kind, Java's arithmetic ({@link JavaArithmetic}), the tape
 * ({@link TapeModel}), and through {@link Linkage} the runtime, constants and calls of other
 * methods and companions.
 *
 * <p>An element update that the writer prints as {@code a[i] += e} evaluates {@code a} and
 * {@code i} once, as Java does (they may pop the tape). A budget of executed statements stops a
 * loop that would not end ({@link Runaway}).
 */
final class SweepInterpreter {
  /** Statements one run may execute. */
  static final long BUDGET = 3_000_000;

  /** A run that used up its budget: a pass made a loop that does not end? */
  static final class Runaway extends RuntimeException {
    Runaway() {
      super("more than " + BUDGET + " statements executed");
    }
  }

  /** Code the interpreter does not know (a gap in it, or in the generated code). */
  static final class Unsupported extends RuntimeException {
    Unsupported(String what) {
      super("not interpreted: " + what);
    }
  }

  final Map<Variable, Object> variables = new IdentityHashMap<>();
  final TapeModel tape = new TapeModel();
  private final Linkage linkage;
  private long executed;

  SweepInterpreter(Linkage linkage) {
    this.linkage = linkage;
  }

  void bind(Variable v, Object value) {
    variables.put(v, JavaArithmetic.convert(value, v.type()));
  }

  Object get(Variable v) {
    if (!variables.containsKey(v)) {
      throw new IllegalStateException("unbound variable " + v.name());
    }
    return variables.get(v);
  }

  void run(List<Stmt> statements) {
    for (Stmt s : statements) {
      execute(s);
    }
  }

  private void execute(Stmt statement) {
    if (++executed > BUDGET) {
      throw new Runaway();
    }
    if (statement instanceof Stmt.Declare d) {
      bind(d.variable(), eval(d.init()));
    } else if (statement instanceof Stmt.Assign a) {
      bind(a.variable(), eval(a.value()));
    } else if (statement instanceof Stmt.ArrayWrite w) {
      arrayWrite(w);
    } else if (statement instanceof Stmt.If i) {
      run(condition(i.condition()) ? i.then() : i.otherwise());
    } else if (statement instanceof Stmt.While w) {
      while (condition(w.condition())) {
        run(w.body());
        if (++executed > BUDGET) {
          throw new Runaway();
        }
      }
    } else if (statement instanceof Stmt.Repeat r) {
      // for (int counter = times; counter > 0; counter--) body
      bind(r.counter(), eval(r.times()));
      while ((Integer) get(r.counter()) > 0) {
        run(r.body());
        bind(r.counter(), (Integer) get(r.counter()) - 1);
        if (++executed > BUDGET) {
          throw new Runaway();
        }
      }
    } else if (statement instanceof Stmt.Block b) {
      run(b.body());
    } else if (statement instanceof Stmt.Evaluate e) {
      eval(e.call());
    } else if (statement instanceof Stmt.Invoke i) {
      eval(i.call());
    } else if (statement instanceof Stmt.Throw t) {
      throw (RuntimeException) linkage.construct(t.exception(), evalAll(t.args()));
    } else if (statement instanceof Stmt.Assert a) {
      if (!condition(a.condition())) { // surefire runs with -ea, as the compiled code does here
        throw a.message() == null ? new AssertionError() : new AssertionError(eval(a.message()));
      }
    } else if (statement instanceof Stmt.Require r) {
      if (!condition(r.condition())) {
        throw new IllegalArgumentException(r.message());
      }
    } else if (statement instanceof Stmt.Push p) {
      tape.push(eval(p.value()), p.value().type(), p.reserved());
    } else if (statement instanceof Stmt.Reserve r && r.to().type() == Type.LONG) {
      eval(r.to()); // NestReservations' size for a nest: no pushes marked reserved by it
    } else if (statement instanceof Stmt.Reserve r) {
      tape.reserve(r.type(), r.perTrip(), (Integer) eval(r.from()), (Integer) eval(r.to()));
    } else if (!(statement instanceof Stmt.Comment)) {
      throw new Unsupported(statement.getClass().getSimpleName() + " " + statement);
    }
  }

  /**
   * {@code a[i] = e}, or {@code a[i] op= e} when the writer prints it so ({@code a[i] = a[i] op
   * e}, maybe under a cast to the element's type): then {@code a[i]} is evaluated once.
   */
  private void arrayWrite(Stmt.ArrayWrite w) {
    Object array = eval(w.array());
    int index = JavaArithmetic.index(eval(w.index()));
    Type element = w.array().type().element();
    Expr target = new Expr.ArrayRead(w.array(), w.index(), element);
    Expr value = w.value();
    Expr inner = value instanceof Expr.Cast cast && cast.type() == element ? cast.operand() : value;
    Object stored;
    if (inner instanceof Expr.Binary b && b.left().equals(target) && compoundable(b.op())) {
      Object current = Array.get(array, index);
      stored = JavaArithmetic.binary(b.op(), current, eval(b.right()));
    } else {
      stored = eval(value);
      if (array == null) {
        throw new NullPointerException("array write into null");
      }
    }
    Array.set(array, index, JavaArithmetic.convert(stored, element));
  }

  private static boolean compoundable(BinaryOp op) {
    return op.isArithmetic() || op.isShift() || op.isBitwise();
  }

  private boolean condition(Expr e) {
    return (Boolean) eval(e);
  }

  Object eval(Expr e) {
    if (e instanceof Expr.Literal literal) {
      return JavaArithmetic.literal(literal);
    } else if (e instanceof Expr.Ref ref) {
      return get(ref.variable());
    } else if (e instanceof Expr.Binary b) {
      return binary(b);
    } else if (e instanceof Expr.ArrayRead read) {
      Object array = eval(read.array());
      int index = JavaArithmetic.index(eval(read.index()));
      return Array.get(array, index);
    } else if (e instanceof Expr.Unary u) {
      return JavaArithmetic.unary(u.op(), eval(u.operand()));
    } else if (e instanceof Expr.MathCall call) {
      boolean strict = call.owner().simpleName().equals("StrictMath");
      return JavaArithmetic.math(call.function(), strict, evalAll(call.args()));
    } else if (e instanceof Expr.Pop pop) {
      return tape.pop(pop.type());
    } else if (e instanceof Expr.Conditional c) {
      Object value = condition(c.condition()) ? eval(c.ifTrue()) : eval(c.ifFalse());
      return conditionalType(c, value);
    } else if (e instanceof Expr.Cast cast) {
      return JavaArithmetic.cast(cast.type(), eval(cast.operand()));
    } else if (e instanceof Expr.Length length) {
      return Array.getLength(eval(length.array()));
    } else if (e instanceof Expr.StaticField field) {
      return linkage.staticField(field.owner(), field.name());
    } else if (e instanceof Expr.NewArray array) {
      return newArray(array.type(), evalAll(array.dimensions()), 0);
    } else if (e instanceof Expr.ArrayLiteral literal) {
      return arrayLiteral(literal);
    } else if (e instanceof Expr.CloneArray clone) {
      return cloneArray(eval(clone.array()));
    } else if (e instanceof Expr.Detach detach) {
      return ((Number) eval(detach.operand())).doubleValue(); // Cotangent.detach(double)
    } else if (e instanceof Expr.Runtime call) {
      return linkage.callStatic(call.owner(), call.method(), evalAll(call.args()));
    } else if (e instanceof Expr.Call call) {
      if (call.receiver() != null) {
        throw new Unsupported("a call on a receiver: " + call.name());
      }
      List<String> types = call.callee().getParameters().stream()
          .map(p -> p.asType().toString()).toList();
      return linkage.callStatic(call.owner(), call.name(), types, evalAll(call.args()));
    } else if (e instanceof Expr.New creation) {
      return linkage.construct(creation.owner(), evalAll(creation.args()));
    } else if (e instanceof Expr.Field field) {
      return Linkage.field(eval(field.target()), field.name());
    } else if (e instanceof Expr.InstanceCall call) {
      return linkage.callInstance(eval(call.target()), call.method(), evalAll(call.args()));
    }
    throw new Unsupported(e.getClass().getSimpleName() + " " + e);
  }

  private List<Object> evalAll(List<Expr> args) {
    List<Object> values = new ArrayList<>(args.size());
    for (Expr arg : args) {
      values.add(eval(arg));
    }
    return values;
  }

  private Object binary(Expr.Binary b) {
    if (b.op() == BinaryOp.CONDITIONAL_AND) {
      return condition(b.left()) && condition(b.right());
    }
    if (b.op() == BinaryOp.CONDITIONAL_OR) {
      return condition(b.left()) || condition(b.right());
    }
    Object left = eval(b.left());
    return JavaArithmetic.binary(b.op(), left, eval(b.right()));
  }

  /** {@code c ? a : b} of two numeric types has their promoted type, as in Java. */
  private static Object conditionalType(Expr.Conditional c, Object value) {
    if (!(value instanceof Number)) {
      return value;
    }
    Type a = staticType(c.ifTrue());
    Type b = staticType(c.ifFalse());
    if (!a.isNumeric() || !b.isNumeric()) {
      return value;
    }
    return JavaArithmetic.convert(value, Type.promote(a, b));
  }

  /** The Java type of an expression as written (a literal by its text). */
  private static Type staticType(Expr e) {
    if (e instanceof Expr.Literal literal) {
      Object value = JavaArithmetic.literal(literal);
      return value == null ? literal.type() : JavaArithmetic.typeOf(value);
    }
    if (e instanceof Expr.Binary b && b.op().isArithmetic()) {
      Type l = staticType(b.left());
      Type r = staticType(b.right());
      return l.isNumeric() && r.isNumeric() ? Type.promote(l, r) : b.type();
    }
    if (e instanceof Expr.Conditional c) {
      Type l = staticType(c.ifTrue());
      Type r = staticType(c.ifFalse());
      return l.isNumeric() && r.isNumeric() ? Type.promote(l, r) : c.type();
    }
    return e.type();
  }

  private static Object newArray(Type type, List<Object> dimensions, int at) {
    int length = JavaArithmetic.index(dimensions.get(at));
    Type element = type.element();
    Object array = Array.newInstance(javaClass(element), length);
    if (at + 1 < dimensions.size()) {
      for (int i = 0; i < length; i++) {
        Array.set(array, i, newArray(element, dimensions, at + 1));
      }
    }
    return array;
  }

  private Object arrayLiteral(Expr.ArrayLiteral literal) {
    Type element = literal.type().element();
    Object array = Array.newInstance(javaClass(element), literal.elements().size());
    for (int i = 0; i < literal.elements().size(); i++) {
      Expr e = literal.elements().get(i);
      Object value = e instanceof Expr.ArrayLiteral row ? arrayLiteral(row) : eval(e);
      Array.set(array, i, JavaArithmetic.convert(value, element));
    }
    return array;
  }

  private static Object cloneArray(Object array) {
    if (array instanceof double[] a) {
      return a.clone();
    } else if (array instanceof float[] a) {
      return a.clone();
    } else if (array instanceof int[] a) {
      return a.clone();
    } else if (array instanceof byte[] a) {
      return a.clone();
    } else if (array instanceof short[] a) {
      return a.clone();
    } else if (array instanceof char[] a) {
      return a.clone();
    } else if (array instanceof Object[] a) {
      return a.clone();
    }
    throw new NullPointerException("clone of " + array);
  }

  static Class<?> javaClass(Type type) {
    return switch (type) {
      case DOUBLE -> double.class;
      case FLOAT -> float.class;
      case INT -> int.class;
      case LONG -> long.class;
      case BOOLEAN -> boolean.class;
      case DOUBLE_ARRAY -> double[].class;
      case FLOAT_ARRAY -> float[].class;
      case INT_ARRAY -> int[].class;
      case DOUBLE_MATRIX -> double[][].class;
      case FLOAT_MATRIX -> float[][].class;
      case CHAR -> char.class;
      case BYTE -> byte.class;
      case SHORT -> short.class;
      case CHAR_ARRAY -> char[].class;
      case BYTE_ARRAY -> byte[].class;
      case SHORT_ARRAY -> short[].class;
      case INT_MATRIX -> int[][].class;
      case STRING -> String.class;
      case ENUM, OBJECT -> Object.class;
      case VOID -> void.class;
    };
  }
}
