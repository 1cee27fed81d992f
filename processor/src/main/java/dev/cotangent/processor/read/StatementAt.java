package dev.cotangent.processor.read;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import javax.lang.model.element.ExecutableElement;

/**
 * The tree of a method's statement on a given line, for diagnostics found after reading (on the
 * IR, whose statements keep their line): the first expression statement or declaration that
 * starts on that line, or the method itself if there is none.
 */
public final class StatementAt {
  private StatementAt() {}

  public static Tree find(Trees trees, CompilationUnitTree unit, ExecutableElement method,
      long line) {
    TreePath path = trees.getPath(method);
    Tree methodTree = path.getLeaf();
    Tree[] found = {null};
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        if (found[0] == null && tree != null
            && (tree instanceof ExpressionStatementTree || tree instanceof VariableTree)
            && lineOf(trees, unit, tree) == line) {
          found[0] = tree;
          return null;
        }
        return super.scan(tree, unused);
      }
    }.scan(methodTree, null);
    return found[0] == null ? methodTree : found[0];
  }

  private static long lineOf(Trees trees, CompilationUnitTree unit, Tree tree) {
    long start = trees.getSourcePositions().getStartPosition(unit, tree);
    return start < 0 ? -1 : unit.getLineMap().getLineNumber(start);
  }
}
