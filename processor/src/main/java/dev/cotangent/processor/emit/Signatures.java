package dev.cotangent.processor.emit;

import com.palantir.javapoet.MethodSpec;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;

/** What generated methods and holders share with the original method. */
final class Signatures {
  private Signatures() {}

  /** The original's visibility: private methods get package-private companions. */
  static Modifier[] visibility(ExecutableElement method) {
    Set<Modifier> modifiers = method.getModifiers();
    if (modifiers.contains(Modifier.PUBLIC)) {
      return new Modifier[] {Modifier.PUBLIC};
    }
    if (modifiers.contains(Modifier.PROTECTED)) {
      return new Modifier[] {Modifier.PROTECTED};
    }
    return new Modifier[0];
  }

  static MethodSpec.Builder method(ExecutableElement original) {
    return MethodSpec.methodBuilder(original.getSimpleName().toString())
        .addModifiers(visibility(original))
        .addModifiers(Modifier.STATIC);
  }

  /** The user's locals declared anywhere in these statements, to be named first. */
  static List<Variable> userLocals(List<Stmt> statements) {
    List<Variable> locals = new ArrayList<>();
    collect(statements, locals);
    return locals;
  }

  private static void collect(List<Stmt> statements, List<Variable> out) {
    for (Stmt s : statements) {
      if (s instanceof Stmt.Declare d && d.variable().role() == Variable.Role.LOCAL) {
        out.add(d.variable());
      }
      for (List<Stmt> child : dev.cotangent.processor.ir.Children.of(s)) {
        collect(child, out);
      }
    }
  }
}
