package dev.cotangent.processor.read;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import dev.cotangent.processor.Message;
import dev.cotangent.processor.analyse.Variables;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Origin;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.TypeElement;

/**
 * Arrays of records as locals ({@link RecordArray}): {@code new Vec3[n]} (one {@code new
 * double[n]} per leaf; elements never assigned read as zeros, where Java would throw a
 * NullPointerException), initialisers {@code {a, b}}, element reads {@code ps[i]} (a record),
 * element writes {@code ps[i] = v}, {@code ps.length} and aliases {@code Vec3[] qs = ps}.
 */
final class RecordArrays {
  private final Records records;
  private final ExpressionReader expressions;
  private final Scope scope;
  private final NameResolver names;

  RecordArrays(Records records, ExpressionReader expressions, Scope scope, NameResolver names) {
    this.records = records;
    this.expressions = expressions;
    this.scope = scope;
    this.names = names;
  }

  /** The record array an expression names (a local), or null. */
  RecordArray array(ExpressionTree tree) {
    while (tree instanceof ParenthesizedTree p) {
      tree = p.getExpression();
    }
    if (tree instanceof IdentifierTree id && scope.lookup(id.getName().toString()) == null
        && scope.bound(id.getName().toString()) instanceof RecordArray array) {
      return array;
    }
    return null;
  }

  /** {@code ps[i]}, a record, or null if {@code ps} is no record array. */
  RecordValue element(ArrayAccessTree tree) throws ReadException {
    RecordArray array = array(tree.getExpression());
    if (array == null) {
      return null;
    }
    Expr index = expressions.read(tree.getIndex());
    if (!index.type().isIntegral() || index.type() == Type.LONG) {
      throw new ReadException(tree.getIndex(), Message.TYPE, index.type().javaName(),
          "as an array index");
    }
    return array.element(index);
  }

  /** The record class of a declared {@code R[]}, if R is a record. */
  Optional<TypeElement> elementRecord(Tree type) {
    if (type instanceof ArrayTypeTree array && array.getType() instanceof ExpressionTree e) {
      return names.type(e).filter(RecordShape::isRecord);
    }
    return Optional.empty();
  }

  /** The leaf arrays' types; an error for leaves the IR has no array of. */
  static List<Type> arrayTypes(RecordShape shape, Tree at) throws ReadException {
    List<Type> out = new ArrayList<>();
    for (Type leaf : shape.leafTypes()) {
      if (!Set.of(Type.DOUBLE, Type.FLOAT, Type.INT).contains(leaf)) {
        throw new ReadException(at, Message.RECORD, "an array of " + shape + ", which has a "
            + leaf.javaName() + " component", "arrays of records need double, float or int"
            + " components; use parallel arrays for the others");
      }
      out.add(leaf.arrayOf());
    }
    return out;
  }

  /** {@code R[] ps = init;}: one array local per leaf. */
  List<Stmt> declare(VariableTree tree, TypeElement type, Origin origin) throws ReadException {
    String name = tree.getName().toString();
    RecordShape shape;
    List<Type> types;
    try {
      shape = RecordShape.of(type, tree.getType(), records.context().trees());
      types = arrayTypes(shape, tree.getType());
    } catch (ReadException e) {
      scope.declareUnsupported(name);
      throw e;
    }
    List<Variable> variables = new ArrayList<>();
    List<String> suffixes = shape.leafSuffixes();
    for (int i = 0; i < types.size(); i++) {
      variables.add(new Variable(name + suffixes.get(i), types.get(i), Variable.Role.LOCAL,
          false));
    }
    List<Expr> init = null;
    try {
      if (tree.getInitializer() != null) {
        Records.refuseEffects(tree.getInitializer());
        init = initial(tree.getInitializer(), shape, types);
      }
    } finally {
      scope.bind(name, RecordArray.of(shape, variables));
    }
    List<Stmt> out = new ArrayList<>();
    for (int i = 0; i < variables.size(); i++) {
      Expr value = init == null ? null : init.get(i);
      out.add(new Stmt.Declare(variables.get(i), value, origin));
      if (value != null) {
        expressions.arrays().assigned(variables.get(i), value);
      }
    }
    return out;
  }

  /** The leaf arrays of {@code new R[n]}, {@code {a, b}} or another record array. */
  private List<Expr> initial(ExpressionTree tree, RecordShape shape, List<Type> types)
      throws ReadException {
    RecordArray other = array(tree);
    if (other != null) {
      if (!other.shape().sameRecord(shape)) {
        throw new ReadException(tree, Message.TYPE, other.shape() + "[]", "where a " + shape
            + "[] is expected");
      }
      return other.arrays();
    }
    if (!(tree instanceof NewArrayTree array)) {
      throw new ReadException(tree, Message.RECORD, "this array of records", "make it with new "
          + shape + "[n] or {a, b, ...}, or name another local array of records");
    }
    List<Expr> out = new ArrayList<>();
    if (array.getInitializers() == null) {
      if (array.getDimensions().size() != 1) {
        throw new ReadException(tree, Message.RECORD, "a matrix of records", "use one array");
      }
      Expr n = expressions.read(array.getDimensions().get(0));
      for (Type t : types) {
        out.add(new Expr.NewArray(t, List.of(n)));
      }
      return out;
    }
    List<List<Expr>> columns = new ArrayList<>();
    types.forEach(t -> columns.add(new ArrayList<>()));
    for (ExpressionTree element : array.getInitializers()) {
      RecordValue value = records.value(element);
      if (!value.shape().sameRecord(shape)) {
        throw new ReadException(element, Message.TYPE, value.shape().toString(), "where a "
            + shape + " is expected");
      }
      for (int i = 0; i < types.size(); i++) {
        columns.get(i).add(RecordInliner.convert(value.leaves().get(i), types.get(i).element(),
            element));
      }
    }
    for (int i = 0; i < types.size(); i++) {
      out.add(new Expr.ArrayLiteral(types.get(i), columns.get(i)));
    }
    return out;
  }

  /**
   * {@code for (R p : ps) body}: {@code for (int pIndex = 0; pIndex < ps.length; pIndex++)
   * { R p = ps[pIndex]; body }}, the body read by {@code body} once {@code p} is declared.
   */
  Stmt forEach(VariableTree variable, RecordArray array, Origin origin, String label,
      ReadBody body) throws ReadException {
    String name = variable.getName().toString();
    Variable index = new Variable(name + "Index", Type.INT, Variable.Role.LOCAL, false);
    scope.enter();
    try {
      RecordValue element = array.element(new Expr.Ref(index));
      List<Variable> leaves = new ArrayList<>();
      List<String> suffixes = array.shape().leafSuffixes();
      List<Stmt> loop = new ArrayList<>();
      for (int i = 0; i < element.leaves().size(); i++) {
        Expr leaf = element.leaves().get(i);
        Variable v = new Variable(name + suffixes.get(i), leaf.type(), Variable.Role.LOCAL, false);
        leaves.add(v);
        loop.add(new Stmt.Declare(v, leaf, origin));
      }
      scope.bind(name, RecordValue.of(array.shape(), leaves));
      loop.addAll(body.read());
      Expr length = new Expr.Length(array.arrays().get(0));
      return new Stmt.For(List.of(new Stmt.Declare(index, Expr.Literal.ofInt(0), null)),
          new Expr.Binary(dev.cotangent.processor.ir.BinaryOp.LESS, new Expr.Ref(index), length,
              Type.BOOLEAN),
          List.of(new Stmt.Assign(index, new Expr.Binary(dev.cotangent.processor.ir.BinaryOp.ADD,
              new Expr.Ref(index), Expr.Literal.ofInt(1), Type.INT), null)),
          loop, origin, label);
    } finally {
      scope.exit();
    }
  }

  /** Reads a loop's body. */
  interface ReadBody {
    List<Stmt> read() throws ReadException;
  }

  /** Whether {@code tree} writes an element of a record array or reassigns one. */
  boolean assigns(AssignmentTree tree) {
    return tree.getVariable() instanceof ArrayAccessTree access
        && array(access.getExpression()) != null || array(tree.getVariable()) != null;
  }

  /** {@code ps[i] = v;} (each leaf array's element) or {@code ps = qs;} (each leaf array). */
  Stmt assign(AssignmentTree tree, Origin origin) throws ReadException {
    Records.refuseEffects(tree.getExpression());
    if (tree.getVariable() instanceof ArrayAccessTree indexed) {
      Records.refuseEffects(indexed.getIndex());
    }
    if (!(tree.getVariable() instanceof ArrayAccessTree access)) {
      RecordArray target = array(tree.getVariable());
      List<Expr> arrays = initial(tree.getExpression(), target.shape(),
          arrayTypes(target.shape(), tree));
      List<Stmt> out = new ArrayList<>();
      for (int i = 0; i < arrays.size(); i++) {
        Variable v = target.variables().get(i);
        out.add(new Stmt.Assign(v, arrays.get(i), origin));
        expressions.arrays().assigned(v, arrays.get(i));
      }
      return new Stmt.Block(out);
    }
    RecordArray target = array(access.getExpression());
    Expr index = expressions.read(access.getIndex());
    RecordValue value = records.value(tree.getExpression());
    if (!value.shape().sameRecord(target.shape())) {
      throw new ReadException(tree.getExpression(), Message.TYPE, value.shape().toString(),
          "where a " + target.shape() + " is expected");
    }
    List<Stmt> out = new ArrayList<>();
    List<Expr> leaves = new ArrayList<>(value.leaves());
    for (int j = 0; j < leaves.size(); j++) {
      Set<Variable> reads = Variables.in(leaves.get(j));
      boolean stale = false;
      for (int i = 0; i < j; i++) {
        stale |= reads.contains(target.variables().get(i));
      }
      if (stale) {
        Variable next = new Variable(target.variables().get(j).name() + "Next",
            leaves.get(j).type(), Variable.Role.LOCAL, false);
        out.add(new Stmt.Declare(next, leaves.get(j), origin));
        leaves.set(j, new Expr.Ref(next));
      }
    }
    if (!(index instanceof Expr.Literal) && !(index instanceof Expr.Ref)) {
      Variable at = new Variable("at", index.type(), Variable.Role.LOCAL, false);
      out.add(new Stmt.Declare(at, index, origin));
      index = new Expr.Ref(at);
    }
    for (int i = 0; i < leaves.size(); i++) {
      Expr array = target.arrays().get(i);
      out.add(new Stmt.ArrayWrite(array, index, RecordInliner.convert(leaves.get(i),
          array.type().element(), tree), origin));
    }
    return new Stmt.Block(out);
  }
}
