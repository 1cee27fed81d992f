package dev.cotangent.processor.read;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * The one channel every diagnostic of the processor goes through: on a tree (the exact line of a
 * method body), on an element (a method, a class, a rule's annotation), or on none. Messages come
 * from the {@code Message} catalogue, with their stable ids.
 */
public final class Diagnostics {
  private final Messager messager;
  private final Trees trees;

  /** @param trees javac's trees, or null when the compiler has none (then only elements) */
  public Diagnostics(Messager messager, Trees trees) {
    this.messager = messager;
    this.trees = trees;
  }

  /** A problem found while reading a method of {@code unit}, on its tree. */
  public void report(Problem problem, CompilationUnitTree unit) {
    at(problem.kind(), problem.message(), problem.tree(), unit);
  }

  /** A message on a tree of {@code unit}. */
  public void at(Diagnostic.Kind kind, String message, Tree tree, CompilationUnitTree unit) {
    trees.printMessage(kind, message, tree, unit);
  }

  /** A message on an element (a method, a class); {@code element} may be null. */
  public void on(Diagnostic.Kind kind, String message, Element element) {
    if (element == null) {
      messager.printMessage(kind, message);
    } else {
      messager.printMessage(kind, message, element);
    }
  }

  /** A message on an annotation of an element. */
  public void on(Diagnostic.Kind kind, String message, Element element,
      AnnotationMirror annotation) {
    messager.printMessage(kind, message, element, annotation);
  }

  public void error(Element element, String message) {
    on(Diagnostic.Kind.ERROR, message, element);
  }
}
