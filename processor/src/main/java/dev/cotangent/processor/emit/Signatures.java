package dev.cotangent.processor.emit;

import com.palantir.javapoet.MethodSpec;
import dev.cotangent.processor.ir.CompanionModel;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/** What generated methods and holders share with the original method. */
final class Signatures {
  private Signatures() {}

  /** A static companion method with the original's visibility ({@link CompanionModel}). */
  static MethodSpec.Builder method(String name, CompanionModel companion) {
    return MethodSpec.methodBuilder(name)
        .addModifiers(companion.visibility().toArray(Modifier[]::new))
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
