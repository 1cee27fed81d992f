package dev.cotangent.processor.differentiate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cotangent.processor.analyse.PrivateArrays;
import dev.cotangent.processor.differentiate.passes.RepeatedReads;
import dev.cotangent.processor.differentiate.rules.Algebra;
import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link RepeatedReads}: which repeated element reads share a local and where the sharing must
 * stop; and {@link Algebra}'s {@code 2 * u + 2 * v = 2 * (u + v)}.
 */
class RepeatedReadsTest {
  private final Variable x = Variable.generated("x", Type.DOUBLE_ARRAY);
  private final Variable q = Variable.generated("q", Type.DOUBLE_ARRAY);
  private final Variable i = Variable.generated("i", Type.INT);
  private final Variable j = Variable.generated("j", Type.INT);
  private final Variable a = Variable.generated("a", Type.DOUBLE);
  private final Variable b = Variable.generated("b", Type.DOUBLE);
  private final Variable flag = Variable.generated("flag", Type.BOOLEAN);

  private static Expr ref(Variable v) {
    return new Expr.Ref(v);
  }

  private Expr xAt(Variable index) {
    return new Expr.ArrayRead(ref(x), ref(index), Type.DOUBLE);
  }

  private static Stmt set(Variable v, Expr value) {
    return new Stmt.Assign(v, value, null);
  }

  private static Expr times(Expr l, Expr r) {
    return new Expr.Binary(BinaryOp.MULTIPLY, l, r, Type.DOUBLE);
  }

  private static List<Stmt> share(Set<Variable> privateArrays, Stmt... code) {
    return RepeatedReads.share(List.of(code), new PrivateArrays(privateArrays));
  }

  @Test
  void aReadRepeatedInTwoStatementsIsReadOnce() {
    List<Stmt> out = share(Set.of(), set(a, times(xAt(i), xAt(i))), set(b, xAt(i)));
    Stmt.Declare local = (Stmt.Declare) out.get(0);
    assertEquals("xI", local.variable().name());
    assertEquals(xAt(i), local.init());
    Expr xI = ref(local.variable());
    assertEquals(List.of(local, set(a, times(xI, xI)), set(b, xI)), out);
  }

  @Test
  void notPastAWriteIntoAnArrayThatMayBeTheSame() {
    Stmt write = new Stmt.ArrayWrite(ref(q), ref(j), ref(a), null);
    List<Stmt> code = List.of(set(a, xAt(i)), write, set(b, xAt(i)));
    assertEquals(code, RepeatedReads.share(code, new PrivateArrays(Set.of()))); // q may be x
    // q is the method's own array
    List<Stmt> out = RepeatedReads.share(code, new PrivateArrays(Set.of(q)));
    Expr xI = ref(((Stmt.Declare) out.get(0)).variable());
    assertEquals(List.of(out.get(0), set(a, xI), write, set(b, xI)), out);
  }

  @Test
  void notPastAnAssignmentOfTheIndex() {
    Stmt step = set(i, new Expr.Binary(BinaryOp.ADD, ref(i), Expr.Literal.ofInt(1), Type.INT));
    List<Stmt> code = List.of(set(a, xAt(i)), step, set(b, xAt(i)));
    assertEquals(code, RepeatedReads.share(code, new PrivateArrays(Set.of())));
  }

  @Test
  void anIncrementOfTheElementKeepsItsForm() {
    Stmt increment = new Stmt.ArrayWrite(ref(x), ref(i),
        new Expr.Binary(BinaryOp.ADD, xAt(i), ref(a), Type.DOUBLE), null);
    List<Stmt> code = List.of(set(a, xAt(i)), increment);
    assertEquals(code, RepeatedReads.share(code, new PrivateArrays(Set.of())));
  }

  @Test
  void aReadThatMayNotBeEvaluatedIsNotTheFirst() {
    Expr maybe = new Expr.Conditional(ref(flag), xAt(i), Expr.Literal.ofDouble(0.0), Type.DOUBLE);
    List<Stmt> code = List.of(set(a, maybe), set(b, xAt(i)));
    assertEquals(code, RepeatedReads.share(code, new PrivateArrays(Set.of())));
  }

  @Test
  void twiceUPlusTwiceVIsTwiceTheSum() {
    Expr two = Expr.Literal.ofInt(2);
    Expr u = times(times(two, ref(a)), xAt(i)); // 2 * a * x[i]
    Expr v = times(two, ref(b)); // 2 * b
    assertEquals(times(two, new Expr.Binary(BinaryOp.ADD, times(ref(a), xAt(i)), ref(b),
        Type.DOUBLE)), Algebra.add(u, v));
    assertEquals(times(two, new Expr.Binary(BinaryOp.SUBTRACT, times(ref(a), xAt(i)), ref(b),
        Type.DOUBLE)), Algebra.sub(u, v));
    Expr three = times(Expr.Literal.ofInt(3), ref(b)); // not a factor of 2: left as it is
    assertEquals(new Expr.Binary(BinaryOp.ADD, u, three, Type.DOUBLE), Algebra.add(u, three));
  }
}
