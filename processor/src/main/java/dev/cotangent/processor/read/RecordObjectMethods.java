package dev.cotangent.processor.read;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import dev.cotangent.processor.Message;
import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A record's {@code equals}, {@code hashCode} and {@code toString} (the ones Java generates; a
 * record that declares its own has it inlined like any method). They carry no derivative:
 * <ul>
 *   <li>{@code a.equals(b)} is scalar-replaced into the comparison Java's record makes, component
 *       by component: {@code Double.compare(aX, bX) == 0 && ...} for {@code double} and
 *       {@code float} (so {@code NaN} equals {@code NaN} and {@code 0.0} does not equal
 *       {@code -0.0}, as in the original), {@code ==} for the others; a record of another class
 *       is {@code false}. A non-differentiable predicate, like {@code aX == bX}.
 *   <li>{@code hashCode()} and {@code toString()} (and a record in a printed or concatenated
 *       message) build the record from its leaves and ask it: Java leaves a record's hash
 *       combination unspecified, so only the record itself computes the same number.
 * </ul>
 * Records with array components are refused for {@code equals} and {@code hashCode} (Java
 * compares their arrays by identity, which scalar replacement does not keep).
 */
final class RecordObjectMethods {
  private RecordObjectMethods() {}

  private static final Set<String> NAMES = Set.of("equals", "hashCode", "toString");

  /** Whether {@code name} with {@code arity} arguments is one of the generated methods. */
  static boolean applies(String name, int arity) {
    return NAMES.contains(name) && arity == (name.equals("equals") ? 1 : 0);
  }

  /** The value of {@code self.name(args)}. */
  static Expr call(Records records, RecordValue self, String name, MethodInvocationTree tree)
      throws ReadException {
    if (name.equals("toString")) {
      return string(self, tree);
    }
    refuseArrays(self, name, tree);
    if (name.equals("hashCode")) {
      return new Expr.InstanceCall(record(self, tree), "hashCode", List.of(), Type.INT);
    }
    ExpressionTree arg = tree.getArguments().get(0);
    if (!records.isRecord(arg)) {
      throw new ReadException(arg, Message.RECORD, "equals between the " + self.shape()
          + " and something other than a record", "compare with a record (another " + self.shape()
          + "), or compare components");
    }
    Records.refuseEffects(arg);
    RecordValue other = records.value(arg);
    if (!other.shape().sameRecord(self.shape())) {
      return Expr.Literal.ofBoolean(false);
    }
    Expr out = null;
    for (int i = 0; i < self.leaves().size(); i++) {
      Expr same = same(self.leaves().get(i), other.leaves().get(i));
      out = out == null ? same : new Expr.Binary(BinaryOp.AND, out, same, Type.BOOLEAN);
    }
    return out;
  }

  /** {@code a} and {@code b} equal as a record's components compare. */
  private static Expr same(Expr a, Expr b) {
    if (a.type() == Type.DOUBLE || a.type() == Type.FLOAT) {
      ClassName owner = ClassName.get(a.type() == Type.DOUBLE ? Double.class : Float.class);
      return new Expr.Binary(BinaryOp.EQUAL, new Expr.Runtime(owner, "compare", List.of(a, b),
          Type.INT), Expr.Literal.ofInt(0), Type.BOOLEAN);
    }
    return new Expr.Binary(BinaryOp.EQUAL, a, b, Type.BOOLEAN);
  }

  /** {@code String.valueOf(r)}, the record's text as Java writes it. */
  static Expr string(RecordValue self, com.sun.source.tree.Tree at) throws ReadException {
    return new Expr.InstanceCall(record(self, at), "toString", List.of(), Type.STRING);
  }

  /** {@code new R(...)} from the leaves (nested records nested); R must be nameable. */
  private static Expr record(RecordValue value, com.sun.source.tree.Tree at)
      throws ReadException {
    for (javax.lang.model.element.Element e = value.shape().type();
        e instanceof javax.lang.model.element.TypeElement t; e = e.getEnclosingElement()) {
      if (t.getModifiers().contains(javax.lang.model.element.Modifier.PRIVATE)
          || t.getNestingKind() == javax.lang.model.element.NestingKind.LOCAL) {
        throw new ReadException(at, Message.RECORD, "hashCode or toString of the "
            + (t.getNestingKind() == javax.lang.model.element.NestingKind.LOCAL ? "local" : "private")
            + " record " + t.getSimpleName(), "the companions, other classes, build the record to"
            + " ask it: declare it package-private, outside any method");
      }
    }
    List<Expr> args = new ArrayList<>();
    for (Object c : value.components()) {
      args.add(c instanceof RecordValue nested ? record(nested, at) : (Expr) c);
    }
    return new Expr.New(ClassName.get(value.shape().type()), args);
  }

  private static void refuseArrays(RecordValue self, String name, MethodInvocationTree tree)
      throws ReadException {
    for (Expr leaf : self.leaves()) {
      if (leaf.type().isArray()) {
        throw new ReadException(tree, Message.RECORD, name + " on the record " + self.shape()
            + ", which has an array component", "Java compares and hashes a record's arrays by"
            + " identity, which Cotangent's scalar replacement does not keep: compare the"
            + " components (Arrays.equals)");
      }
    }
  }
}
