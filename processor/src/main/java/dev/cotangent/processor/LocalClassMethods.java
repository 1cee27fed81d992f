package dev.cotangent.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dev.cotangent.processor.read.Diagnostics;
import java.util.Set;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Annotation processing never sees local and anonymous classes, so a {@code @Differentiable}
 * method inside one would silently get no companion. This scan of the source trees finds them
 * and says so.
 */
final class LocalClassMethods extends TreePathScanner<Void, Integer> {
  private final Diagnostics diagnostics;
  private final CompilationUnitTree unit;

  private LocalClassMethods(Diagnostics diagnostics, CompilationUnitTree unit) {
    this.diagnostics = diagnostics;
    this.unit = unit;
  }

  static void report(RoundEnvironment round, Trees trees, Set<Object> scannedUnits,
      Diagnostics diagnostics) {
    for (Element root : round.getRootElements()) {
      TreePath path = trees.getPath(root);
      if (path != null && scannedUnits.add(path.getCompilationUnit())) {
        new LocalClassMethods(diagnostics, path.getCompilationUnit())
            .scan(path.getCompilationUnit(), 0);
      }
    }
  }

  /** {@code depth}: how many local or anonymous classes enclose the current tree. */
  @Override
  public Void visitMethod(MethodTree tree, Integer depth) {
    if (depth > 0 && isDifferentiable(tree)) {
      diagnostics.at(Diagnostic.Kind.ERROR, Message.METHOD_SHAPE.format(tree.getName(),
          "is in a local or anonymous class, where it cannot get companions; move it to a"
              + " top-level or member class"), tree, unit);
    }
    return super.visitMethod(tree, depth);
  }

  @Override
  public Void visitClass(ClassTree tree, Integer depth) {
    Tree parent = getCurrentPath().getParentPath().getLeaf();
    boolean member = parent instanceof ClassTree || parent instanceof CompilationUnitTree;
    return super.visitClass(tree, member ? depth : depth + 1);
  }

  private static boolean isDifferentiable(MethodTree method) {
    for (AnnotationTree annotation : method.getModifiers().getAnnotations()) {
      String name = annotation.getAnnotationType().toString();
      if (name.equals("Differentiable") || name.equals(CotangentProcessor.DIFFERENTIABLE)) {
        return true;
      }
    }
    return false;
  }
}
