package dev.cotangent.processor.differentiate.checkpoint;

import com.palantir.javapoet.ClassName;
import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Exprs;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.List;

/**
 * The code that stores a checkpointed loop's state in the slot its {@code Checkpoints} names and
 * loads it back: doubles and floats (scalars, then arrays, row after row) into the double
 * storage, ints, chars, bytes, shorts and booleans (as 0 and 1, then {@code int[]}, {@code
 * int[][]}, {@code byte[]}, {@code short[]} and {@code char[]} arrays) into the int storage, longs
 * through the object's own methods.
 *
 * <pre>{@code
 * double[] saved = checkpoints.doubles();
 * int at = checkpoints.doubleOffset();
 * saved[at] = theta;
 * saved[at + 1] = omega;
 * Snapshots.save(u, saved, at + 2);
 * }</pre>
 */
final class SnapshotCode {
  static final ClassName CHECKPOINTS = ClassName.get("dev.cotangent.runtime", "Checkpoints");
  static final ClassName SNAPSHOTS = ClassName.get("dev.cotangent.runtime", "Snapshots");

  /** The storage a value goes to. */
  enum Storage { DOUBLES, INTS, LONGS }

  private final Variable checkpoints;
  private final List<Variable> scalars;
  private final List<Variable> arrays;

  SnapshotCode(Variable checkpoints, LoopState state) {
    this.checkpoints = checkpoints;
    this.scalars = state.scalars();
    this.arrays = state.arrays();
  }

  static Storage storageOf(Type type) {
    Type scalar = type.scalar();
    if (scalar == Type.DOUBLE || scalar == Type.FLOAT) {
      return Storage.DOUBLES;
    }
    return scalar == Type.LONG ? Storage.LONGS : Storage.INTS;
  }

  /** How many values of {@code storage} one snapshot holds (computed when the loop starts). */
  Expr size(Storage storage) {
    int count = count(storage);
    Expr size = count == 0 ? null : Expr.Literal.ofInt(count);
    for (Variable a : arrays(storage)) {
      size = size == null ? length(a) : new Expr.Binary(BinaryOp.ADD, size, length(a), Type.INT);
    }
    return size == null ? Expr.Literal.ofInt(0) : size;
  }

  private static Expr length(Variable a) {
    return a.type().dimensions() == 2
        ? new Expr.Runtime(SNAPSHOTS, "size", List.of(Exprs.ref(a)), Type.INT)
        : new Expr.Length(Exprs.ref(a));
  }

  private int count(Storage storage) {
    return (int) scalars.stream().filter(v -> storageOf(v.type()) == storage).count();
  }

  private List<Variable> arrays(Storage storage) {
    return arrays.stream().filter(a -> storageOf(a.type()) == storage).toList();
  }

  /** Stores the state in the current slot. */
  List<Stmt> save() {
    return code(true);
  }

  /** Loads the state from the current slot. */
  List<Stmt> restore() {
    return code(false);
  }

  private List<Stmt> code(boolean save) {
    List<Stmt> out = new ArrayList<>();
    for (Storage storage : List.of(Storage.DOUBLES, Storage.INTS)) {
      List<Variable> values = scalars.stream().filter(v -> storageOf(v.type()) == storage)
          .toList();
      List<Variable> elements = arrays(storage);
      if (values.isEmpty() && elements.isEmpty()) {
        continue;
      }
      boolean doubles = storage == Storage.DOUBLES;
      Variable saved = Variable.generated(doubles ? "saved" : "savedInts",
          doubles ? Type.DOUBLE_ARRAY : Type.INT_ARRAY);
      Variable at = Variable.generated(doubles ? "at" : "atInt", Type.INT);
      out.add(new Stmt.Declare(saved, call(doubles ? "doubles" : "ints", saved.type()), null));
      out.add(new Stmt.Declare(at, call(doubles ? "doubleOffset" : "intOffset", Type.INT), null));
      Expr offset = Exprs.ref(at);
      for (Variable v : values) {
        Expr.ArrayRead slot = new Expr.ArrayRead(Exprs.ref(saved), offset,
            saved.type().element());
        out.add(save ? new Stmt.ArrayWrite(Exprs.ref(saved), offset, stored(v), null)
            : new Stmt.Assign(v, loaded(v, slot), null));
        offset = plus(offset, Expr.Literal.ofInt(1));
      }
      for (Variable a : elements) {
        List<Expr> args = save ? List.of(Exprs.ref(a), Exprs.ref(saved), offset)
            : List.of(Exprs.ref(saved), offset, Exprs.ref(a));
        out.add(new Stmt.Evaluate(new Expr.Runtime(SNAPSHOTS, save ? "save" : "restore", args,
            Type.INT)));
        offset = plus(offset, length(a));
      }
    }
    int k = 0;
    for (Variable v : scalars) {
      if (storageOf(v.type()) == Storage.LONGS) {
        Expr index = Expr.Literal.ofInt(k++);
        out.add(save
            ? new Stmt.Evaluate(new Expr.InstanceCall(Exprs.ref(checkpoints), "putLong",
                List.of(index, Exprs.ref(v)), Type.INT))
            : new Stmt.Assign(v, new Expr.InstanceCall(Exprs.ref(checkpoints), "getLong",
                List.of(index), Type.LONG), null));
      }
    }
    return out;
  }

  private Expr call(String method, Type type) {
    return new Expr.InstanceCall(Exprs.ref(checkpoints), method, List.of(), type);
  }

  /** {@code at}, {@code at + 1}, {@code at + 1 + u.length}: literals folded. */
  private static Expr plus(Expr offset, Expr more) {
    if (offset instanceof Expr.Binary b && b.op() == BinaryOp.ADD
        && b.right() instanceof Expr.Literal left && more instanceof Expr.Literal right) {
      return new Expr.Binary(BinaryOp.ADD, b.left(),
          Expr.Literal.ofInt((int) (left.value() + right.value())), Type.INT);
    }
    return new Expr.Binary(BinaryOp.ADD, offset, more, Type.INT);
  }

  private static Expr stored(Variable v) {
    if (v.type() == Type.BOOLEAN) {
      return new Expr.Conditional(Exprs.ref(v), Expr.Literal.ofInt(1), Expr.Literal.ofInt(0),
          Type.INT);
    }
    return Exprs.ref(v);
  }

  private static Expr loaded(Variable v, Expr slot) {
    if (v.type() == Type.BOOLEAN) {
      return new Expr.Binary(BinaryOp.NOT_EQUAL, slot, Expr.Literal.ofInt(0), Type.BOOLEAN);
    }
    if (v.type() == Type.FLOAT || v.type().isNarrow()) {
      return new Expr.Cast(v.type(), slot);
    }
    return slot;
  }
}
