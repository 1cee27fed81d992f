package dev.cotangent.processor.differentiate.passes;

import dev.cotangent.processor.analyse.CertainReads;
import dev.cotangent.processor.analyse.CountedLoop;
import dev.cotangent.processor.analyse.LoopFacts;
import dev.cotangent.processor.analyse.PrivateArrays;
import dev.cotangent.processor.analyse.Writes;
import dev.cotangent.processor.differentiate.tape.Captures;
import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Substitution;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An element read that the next trip of a counted loop makes again, one element further on, is
 * carried to that trip in a local instead. Every trip of Rosenbrock's tangent reads {@code x[i]}
 * and {@code x[i + 1]}; what one trip reads as {@code x[i + 1]} the next reads as {@code x[i]}:
 *
 * <pre>{@code
 * if (i + 1 < x.length) {
 *   double xI = x[i];
 *   while (i + 1 < x.length) {
 *     double xIPlus1 = x[i + 1];
 *     ... xI ... xIPlus1 ...
 *     i++;
 *     xI = xIPlus1;
 *   }
 * }}</pre>
 *
 * Each element is read once instead of twice, and the JIT, which does not do this itself, keeps
 * the value in a register (Rosenbrock's tangent: about 12 % fewer cycles per element).
 *
 * <p>The loop's last statement is {@code i = i + 1} for an {@code int i} that nothing else in the
 * body assigns. The array is a variable the loop does not assign, and the loop writes no element
 * that may be one of its ({@link PrivateArrays#mayWrite}). Both {@code a[i + k]} and
 * {@code a[i + k + 1]} are read on every trip ({@link CertainReads}, in a statement directly in
 * the body), so the reads before the loop and at the start of each trip read nothing the loop
 * would not have read. The caller puts the reads before the loop under the loop's condition, and
 * leaves loops that call anything alone.
 */
final class CarriedReads {
  /** The loop after carrying, and the declarations of the carried locals to put before it. */
  record Carried(List<Stmt> before, Stmt.While loop) {}

  private CarriedReads() {}

  static Carried of(Stmt.While w, LoopFacts facts, PrivateArrays own) {
    List<Stmt> body = w.body();
    Variable i = counter(body);
    if (i == null) {
      return new Carried(List.of(), w);
    }
    Map<Variable, TreeMap<Integer, Expr.ArrayRead>> reads = new LinkedHashMap<>();
    for (Stmt s : body.subList(0, body.size() - 1)) {
      if (s instanceof Stmt.While || s instanceof Stmt.Repeat) {
        continue;
      }
      for (Expr.ArrayRead read : CertainReads.of(s, read -> offset(read.index(), i) != null)) {
        if (read.array() instanceof Expr.Ref array
            && !facts.assigned().contains(array.variable())
            && facts.writes().stream().noneMatch(target -> own.mayWrite(target, read))) {
          reads.computeIfAbsent(array.variable(), v -> new TreeMap<>())
              .putIfAbsent(offset(read.index(), i), read);
        }
      }
    }
    List<Stmt> before = new ArrayList<>();
    List<Stmt> start = new ArrayList<>();
    List<Stmt> end = new ArrayList<>();
    Map<Expr, Expr> locals = new LinkedHashMap<>();
    for (TreeMap<Integer, Expr.ArrayRead> offsets : reads.values()) {
      if (offsets.keySet().stream().noneMatch(k -> offsets.containsKey(k + 1))) {
        continue;
      }
      Map<Integer, Variable> named = new HashMap<>();
      offsets.forEach((k, read) -> {
        Variable local = Variable.generated(Captures.name(read), read.type());
        named.put(k, local);
        locals.put(read, new Expr.Ref(local));
        boolean carried = offsets.containsKey(k + 1);
        (carried ? before : start).add(new Stmt.Declare(local, read, null));
      });
      offsets.keySet().stream().filter(k -> offsets.containsKey(k + 1)).forEach(k ->
          end.add(new Stmt.Assign(named.get(k), new Expr.Ref(named.get(k + 1)), null)));
    }
    if (before.isEmpty()) {
      return new Carried(List.of(), w);
    }
    List<Stmt> carried = new ArrayList<>(start);
    carried.addAll(Substitution.statements(body.subList(0, body.size() - 1), locals));
    carried.add(body.get(body.size() - 1));
    carried.addAll(end);
    return new Carried(before, new Stmt.While(w.condition(), carried, w.origin(), w.label()));
  }

  /** The {@code int} that the body's last statement, and only that, steps by one. */
  private static Variable counter(List<Stmt> body) {
    if (body.isEmpty() || !(body.get(body.size() - 1) instanceof Stmt.Assign step)) {
      return null;
    }
    Variable i = step.variable();
    if (i.type() != Type.INT || !CountedLoop.isIncrement(step, i)
        || Writes.variables(body.subList(0, body.size() - 1)).contains(i)) {
      return null;
    }
    return i;
  }

  /** {@code k} when {@code index} is {@code i}, {@code i + k} or {@code i - k}; else null. */
  private static Integer offset(Expr index, Variable i) {
    if (index instanceof Expr.Ref ref) {
      return ref.variable() == i ? 0 : null;
    }
    if (index instanceof Expr.Binary b && b.left() instanceof Expr.Ref ref
        && ref.variable() == i && b.right() instanceof Expr.Literal literal
        && literal.type() == Type.INT
        && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUBTRACT)) {
      int k = (int) literal.value();
      return b.op() == BinaryOp.ADD ? k : -k;
    }
    return null;
  }
}
