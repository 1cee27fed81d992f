package dev.cotangent.processor.read;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.Tree;
import dev.cotangent.processor.Message;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads array expressions: element reads, {@code length}, {@code new}, initialisers, clone. */
final class ArrayExpressions {
  private final ExpressionReader expressions;
  private final SourceText source;

  ArrayExpressions(ExpressionReader expressions, SourceText source) {
    this.expressions = expressions;
    this.source = source;
  }

  /** {@code a[i]} or {@code m[i][j]}. */
  Expr element(ArrayAccessTree tree) throws ReadException {
    List<Expr> earlier = new ArrayList<>(List.of(
        named(tree.getExpression(), array(tree.getExpression()))));
    Expr index = expressions.effects().next(tree, earlier,
        () -> expressions.read(tree.getIndex()));
    Expr array = earlier.get(0);
    if (index.type() != Type.INT && !index.type().isNarrow()) {
      throw new ReadException(tree.getIndex(), Message.TYPE, index.type().javaName(),
          "as an array index (use an int)");
    }
    return new Expr.ArrayRead(array, index, array.type().element());
  }

  /** An expression that must be an array. */
  Expr array(ExpressionTree tree) throws ReadException {
    Expr array = expressions.read(tree);
    if (!array.type().isArray()) {
      throw new ReadException(tree, Message.TYPE, array.type().javaName(), "where an array is"
          + " expected");
    }
    return array;
  }

  /**
   * Element reads need an array with a name: a variable, a field, or a row of one, or the result
   * of a call (lowering gives it a name: {@code f(x)[i]}).
   */
  Expr named(Tree tree, Expr array) throws ReadException {
    Expr root = array;
    while (root instanceof Expr.ArrayRead row) {
      root = row.array();
    }
    if (!(root instanceof Expr.Ref || root instanceof Expr.StaticField
        || root instanceof Expr.Field || root instanceof Expr.Call)) {
      throw new ReadException(tree, Message.UNSUPPORTED, "using a new array without a name",
          "store it in a local variable first");
    }
    return array;
  }

  /**
   * The array of an element write: a local array, never a static field, an instance field, or
   * a local alias of one (the companions would change the field without its derivative).
   */
  void checkWritable(Tree tree, Expr array) throws ReadException {
    Expr root = array;
    while (root instanceof Expr.ArrayRead row) {
      root = row.array();
    }
    if (root instanceof Expr.StaticField field) {
      throw new ReadException(tree, Message.FIELD_WRITE, "an element of the field " + field.name());
    }
    if (root instanceof Expr.Field field) {
      throw new ReadException(tree, Message.FIELD_WRITE, "an element of the field " + field.name());
    }
    if (!(root instanceof Expr.Ref ref)) {
      throw new ReadException(tree, Message.UNSUPPORTED, "writing into this array expression",
          "write into a local array variable");
    }
    if (fieldAliases.contains(ref.variable())) {
      throw new ReadException(tree, Message.FIELD_WRITE, "an element of a field's array through"
          + " the local variable " + ref.variable().name());
    }
  }

  /**
   * {@code double[][]} locals declared with an outer array of their own ({@code new}, an
   * initialiser, {@code clone()}) and not reassigned since: the only matrices whose rows may be
   * replaced ({@link RowWrites}).
   */
  private final java.util.Set<dev.cotangent.processor.ir.Variable> ownOuter =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
  /** Matrices a row replacement wrote into: they may not be reassigned. */
  private final java.util.Set<dev.cotangent.processor.ir.Variable> rowsReplaced =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

  /** A declaration {@code v = init}: does {@code v} own its outer array? */
  void declared(dev.cotangent.processor.ir.Variable v, Expr init) {
    if (v.type().dimensions() == 2 && (init instanceof Expr.NewArray
        || init instanceof Expr.ArrayLiteral || init instanceof Expr.CloneArray)) {
      ownOuter.add(v);
    }
  }

  /** {@code v = value} for an existing matrix variable: it no longer owns its outer array. */
  void reassigned(Tree tree, dev.cotangent.processor.ir.Variable v) throws ReadException {
    if (v.type().dimensions() != 2) {
      return;
    }
    ownOuter.remove(v);
    if (rowsReplaced.contains(v)) {
      throw RowWrites.reassigned(tree, v);
    }
  }

  /** Whether {@code m[i] = row} may write into {@code v}; it then may not be reassigned. */
  boolean rowsReplaceable(dev.cotangent.processor.ir.Variable v) {
    if (!ownOuter.contains(v)) {
      return false;
    }
    rowsReplaced.add(v);
    return true;
  }

  /** Local arrays that may refer to a field's array: they are never written. */
  private final java.util.Set<dev.cotangent.processor.ir.Variable> fieldAliases =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

  /** Whether a variable may refer to a field's array. */
  boolean isFieldAlias(dev.cotangent.processor.ir.Variable v) {
    return fieldAliases.contains(v);
  }

  /** Records {@code v = value} for an array variable: is {@code v} now a field's alias? */
  void assigned(dev.cotangent.processor.ir.Variable v, Expr value) {
    Expr root = value;
    while (root instanceof Expr.ArrayRead row) {
      root = row.array();
    }
    boolean field = root instanceof Expr.StaticField || root instanceof Expr.Field
        || root instanceof Expr.Ref ref && fieldAliases.contains(ref.variable());
    if (field) {
      fieldAliases.add(v);
    }
  }

  Expr length(MemberSelectTree tree) throws ReadException {
    return new Expr.Length(array(tree.getExpression()));
  }

  /**
   * {@code a.clone()}: of a one-dimensional array a copy; of a {@code double[][]} a new outer
   * array whose rows are {@code a}'s (Java's shallow clone: the shadow is cloned the same way,
   * so writes through the clone reach {@code a}'s rows and their adjoints alike).
   */
  Expr cloned(Tree call, ExpressionTree target) throws ReadException {
    Expr array = array(target);
    if (array.type().dimensions() == 2 && array.type().scalar() == Type.DOUBLE) {
      checkWritable(call, array); // its rows become writable through the clone
      return new Expr.CloneArray(array);
    }
    if (array.type().dimensions() == 2) {
      String name = array.type().javaName();
      String element = array.type().scalar().javaName();
      throw new ReadException(call, Message.UNSUPPORTED, "clone() of a " + name + " (it shares"
          + " the rows)", "allocate a new " + element + "[n][m] and copy the rows element by"
          + " element");
    }
    return new Expr.CloneArray(array);
  }

  /**
   * {@code new double[n]}, {@code new double[n][m]}, {@code new double[] {...}}, or an
   * initialiser {@code {...}} whose type the declaration gives.
   */
  Expr create(NewArrayTree tree, Type expected) throws ReadException {
    Type type = expected;
    if (tree.getType() != null) {
      // new double[n][] names the element type double[] and one dimension.
      Optional<Type> element = Types.of(tree.getType());
      int depth = tree.getDimensions().isEmpty() ? 1 : tree.getDimensions().size();
      Type declared = element.orElse(null);
      for (int i = 0; i < depth && declared != null; i++) {
        declared = declared.arrayOf();
      }
      if (declared == null) {
        throw new ReadException(tree, Message.TYPE, source.text(tree), "as an array type"
            + " (use double[], double[][], float[], float[][], int[], int[][], byte[], short[] or"
            + " char[])");
      }
      type = declared;
    }
    if (type == null || !type.isArray()) {
      throw new ReadException(tree, Message.TYPE, "an array initialiser", "here");
    }
    if (tree.getInitializers() == null) {
      List<Expr> dimensions = new ArrayList<>();
      for (ExpressionTree dimension : tree.getDimensions()) {
        Expr size = expressions.read(dimension);
        if (size.type() != Type.INT && !size.type().isNarrow()) {
          throw new ReadException(dimension, Message.TYPE, size.type().javaName(),
              "as an array size");
        }
        dimensions.add(size);
      }
      return new Expr.NewArray(type, dimensions);
    }
    List<Expr> elements = new ArrayList<>();
    for (ExpressionTree element : tree.getInitializers()) {
      elements.add(elementOf(element, type.element()));
    }
    return new Expr.ArrayLiteral(type, elements);
  }

  private Expr elementOf(ExpressionTree tree, Type type) throws ReadException {
    if (tree instanceof NewArrayTree nested) {
      return create(nested, type);
    }
    Expr value = expressions.read(tree);
    boolean fits = value.type() == type
        || type.isFloatingPoint() && value.type().isNumeric()
            && type == Type.promote(type, value.type())
        // {3, -2} for byte[], {'a', 1} for char[], {b, c} for int[]: javac checked the constants
        || type.isIntegral() && type != Type.LONG && value.type().isIntegral()
            && value.type() != Type.LONG
        || type == Type.LONG && value.type().isIntegral();
    if (!fits) {
      throw new ReadException(tree, Message.TYPE, value.type().javaName(),
          "in an initialiser of " + type.javaName() + " elements");
    }
    return value;
  }
}
