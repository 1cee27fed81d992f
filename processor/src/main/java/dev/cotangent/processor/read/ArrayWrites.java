package dev.cotangent.processor.read;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import javax.lang.model.element.ExecutableElement;

/**
 * Whether a method's source writes into arrays: a callee that does cannot yet be
 * differentiated through its array arguments, since its caller would not tape what it
 * overwrites.
 */
public final class ArrayWrites extends TreeScanner<Boolean, Void> {
  public static boolean in(Trees trees, ExecutableElement method) {
    TreePath path = trees.getPath(method);
    if (path == null) {
      return true; // no source: assume the worst
    }
    Boolean found = new ArrayWrites().scan(path.getLeaf(), null);
    return found != null && found;
  }

  @Override
  public Boolean reduce(Boolean a, Boolean b) {
    return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
  }

  @Override
  public Boolean visitAssignment(AssignmentTree tree, Void unused) {
    return tree.getVariable() instanceof ArrayAccessTree
        || Boolean.TRUE.equals(super.visitAssignment(tree, unused));
  }

  @Override
  public Boolean visitCompoundAssignment(CompoundAssignmentTree tree, Void unused) {
    return tree.getVariable() instanceof ArrayAccessTree
        || Boolean.TRUE.equals(super.visitCompoundAssignment(tree, unused));
  }

  @Override
  public Boolean visitUnary(UnaryTree tree, Void unused) {
    boolean step = switch (tree.getKind()) {
      case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT -> true;
      default -> false;
    };
    return step && tree.getExpression() instanceof ArrayAccessTree
        || Boolean.TRUE.equals(super.visitUnary(tree, unused));
  }

  @Override
  public Boolean visitMethodInvocation(MethodInvocationTree tree, Void unused) {
    String name = tree.getMethodSelect().toString();
    return name.endsWith("arraycopy") || name.endsWith("fill")
        || Boolean.TRUE.equals(super.visitMethodInvocation(tree, unused));
  }
}
