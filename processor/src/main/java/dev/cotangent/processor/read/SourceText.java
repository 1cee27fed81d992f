package dev.cotangent.processor.read;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.SourcePositions;
import dev.cotangent.processor.ir.Origin;
import java.io.IOException;

/** The user's source text and line of a tree, for the comments in generated code. */
final class SourceText {
  private static final int MAX_LENGTH = 100;

  private final CompilationUnitTree unit;
  private final SourcePositions positions;
  private final CharSequence source;

  SourceText(CompilationUnitTree unit, SourcePositions positions) {
    this.unit = unit;
    this.positions = positions;
    this.source = contentOf(unit);
  }

  private static CharSequence contentOf(CompilationUnitTree unit) {
    try {
      return unit.getSourceFile().getCharContent(true);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  long line(Tree tree) {
    long start = positions.getStartPosition(unit, tree);
    return start < 0 ? 0 : unit.getLineMap().getLineNumber(start);
  }

  /** The statement's text; for a compound statement only its header, e.g. {@code while (y >= 0)}. */
  Origin origin(Tree tree) {
    return new Origin(line(tree), shorten(header(tree)));
  }

  private String header(Tree tree) {
    if (tree instanceof LabeledStatementTree labeled) {
      return labeled.getLabel() + ": " + header(labeled.getStatement());
    }
    if (tree instanceof IfTree ifTree) {
      return textBetween(tree, ifTree.getThenStatement());
    }
    if (tree instanceof WhileLoopTree loop) {
      return textBetween(tree, loop.getStatement());
    }
    if (tree instanceof ForLoopTree loop) {
      return textBetween(tree, loop.getStatement());
    }
    if (tree instanceof EnhancedForLoopTree loop) {
      return textBetween(tree, loop.getStatement());
    }
    if (tree instanceof VariableTree variable) {
      // One declarator of "double a = 1, b = 2;" is written as a declaration of its own.
      String type = variable.getType() == null ? "var" : text(variable.getType());
      String init = variable.getInitializer() == null ? "" : " = " + text(variable.getInitializer());
      return type + " " + variable.getName() + init + ";";
    }
    if (tree instanceof DoWhileLoopTree loop) {
      return "do ... while (" + text(loop.getCondition()) + ");";
    }
    return text(tree);
  }

  /** The text of a tree, or javac's rendering of it when the source is not available. */
  String text(Tree tree) {
    long start = positions.getStartPosition(unit, tree);
    long end = positions.getEndPosition(unit, tree);
    if (source == null || start < 0 || end < start || end > source.length()) {
      return tree.toString();
    }
    return source.subSequence((int) start, (int) end).toString();
  }

  private String textBetween(Tree outer, Tree inner) {
    long start = positions.getStartPosition(unit, outer);
    long end = positions.getStartPosition(unit, inner);
    if (source == null || start < 0 || end < start || end > source.length()) {
      return outer.toString();
    }
    return source.subSequence((int) start, (int) end).toString();
  }

  private static String shorten(String text) {
    String oneLine = text.strip().replaceAll("\\s+", " ");
    if (oneLine.length() <= MAX_LENGTH) {
      return oneLine;
    }
    return oneLine.substring(0, MAX_LENGTH - 3) + "...";
  }
}
