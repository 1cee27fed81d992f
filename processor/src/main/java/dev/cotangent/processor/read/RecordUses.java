package dev.cotangent.processor.read;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import dev.cotangent.processor.Message;
import javax.lang.model.element.TypeElement;

/**
 * The uses of records that scalar replacement cannot give a meaning to, each a
 * {@code [COTANGENT-RECORD]} error with what to write instead: a record where a number is
 * expected, identity comparison, a record passed to a method other than its own, and objects
 * that are not records.
 */
final class RecordUses {
  private RecordUses() {}

  static ReadException recordAsNumber(Tree tree, RecordShape shape) {
    return new ReadException(tree, Message.RECORD, "the " + shape + " here, where a number is"
        + " expected", "read one of its components (" + components(shape) + ")");
  }

  private static String components(RecordShape shape) {
    StringBuilder out = new StringBuilder();
    for (RecordShape.Component c : shape.components()) {
      out.append(out.length() == 0 ? "" : ", ").append(c.name()).append("()");
    }
    return out.toString();
  }

  /** {@code new C(...)} where a number is expected: a record, a user's class, or a library's. */
  static ReadException asNumber(ExpressionReader reader, NewClassTree tree) throws ReadException {
    TypeElement type = reader.records().newType(tree);
    if (type != null && reader.records().context() != null
        && reader.records().context().trees().getTree(type) != null) {
      RecordShape shape = RecordShape.of(type, tree, reader.records().context().trees());
      return recordAsNumber(tree, shape);
    }
    return Unsupported.expression(tree);
  }

  /** {@code p == q} on records. */
  static void refuseIdentity(ExpressionReader reader, BinaryTree tree) throws ReadException {
    if (tree.getKind() != Tree.Kind.EQUAL_TO && tree.getKind() != Tree.Kind.NOT_EQUAL_TO) {
      return;
    }
    if (reader.records().isRecord(tree.getLeftOperand())
        || reader.records().isRecord(tree.getRightOperand())) {
      throw new ReadException(tree, Message.RECORD, "comparing records with "
          + (tree.getKind() == Tree.Kind.EQUAL_TO ? "==" : "!="), "records are values (Cotangent"
          + " keeps their components in locals, so they have no identity); compare their"
          + " components");
    }
  }

  /** A record argument of a call that is not a record's own method. */
  static void refuseRecordArguments(ExpressionReader reader, MethodInvocationTree tree)
      throws ReadException {
    for (ExpressionTree arg : tree.getArguments()) {
      if (reader.records().isRecord(arg)) {
        throw new ReadException(arg, Message.RECORD, "passing a record to "
            + tree.getMethodSelect() + " (only a record's own constructor and methods are"
            + " inlined)", "pass its components, or make the method a method of the record");
      }
    }
  }
}
