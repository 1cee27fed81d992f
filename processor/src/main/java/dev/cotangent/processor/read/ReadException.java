package dev.cotangent.processor.read;

import com.sun.source.tree.Tree;
import dev.cotangent.processor.Message;

/** A construct the reader cannot turn into IR: reported as an error on its tree. */
final class ReadException extends Exception {
  private final transient Tree tree;
  private final boolean alreadyReported;

  ReadException(Tree tree, Message message, Object... args) {
    super(message.format(args), null, false, false);
    this.tree = tree;
    this.alreadyReported = false;
  }

  private ReadException(Tree tree) {
    super("already reported", null, false, false);
    this.tree = tree;
    this.alreadyReported = true;
  }

  /** A use of something whose declaration was already reported: nothing new to say. */
  static ReadException alreadyReported(Tree tree) {
    return new ReadException(tree);
  }

  boolean isAlreadyReported() {
    return alreadyReported;
  }

  Tree tree() {
    return tree;
  }
}
