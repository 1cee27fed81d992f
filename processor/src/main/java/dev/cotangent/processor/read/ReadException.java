package dev.cotangent.processor.read;

import com.sun.source.tree.Tree;
import dev.cotangent.processor.Message;

/** A construct the reader cannot turn into IR: reported as an error on its tree. */
final class ReadException extends Exception {
  private final transient Tree tree;

  ReadException(Tree tree, Message message, Object... args) {
    super(message.format(args), null, false, false);
    this.tree = tree;
  }

  Tree tree() {
    return tree;
  }
}
