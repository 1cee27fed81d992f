package dev.cotangent.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.cotangent.processor.ir.MethodIR;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The record-shaped overloads in {@code <Class>Hessian} of an {@code order = 2} method with
 * record parameters (or arrays of records): the Hessian-vector product {@code f(Vec3 p, Vec3
 * pDot, double k, double kDot)} with a record direction after each record, and the dense
 * Hessian {@code fHessian(Vec3 p, double k)}, whose rows and columns are the differentiable
 * leaves in order ({@code pX, pY, pZ, k}; a record array's leaf arrays element by element). The
 * product's holder has a field per leaf ({@code pX}, and {@code pXHv} for H·v).
 */
final class RecordHessianFacades {
  private RecordHessianFacades() {}

  static List<MethodSpec> methods(MethodIR method) {
    if (method.records().isEmpty()) {
      return List.of();
    }
    ClassName holder = method.companion().hvpHolder();
    MethodSpec.Builder product = start(method, method.name(), "Value, gradient and"
        + " Hessian-vector product of {@link $L}, with records whole: each record's direction is"
        + " a record of the same class.\n").returns(holder);
    for (RecordFacades.Param p : RecordFacades.params(method)) {
      product.addParameter(p.type(), p.name());
      if (p.differentiable()) {
        product.addParameter(p.type(), p.name() + "Dot");
      }
    }
    RecordArrayFacades.call(product, method, true, holder, CodeBlock.of("$N($L)", method.name(),
        String.join(", ", RecordFacades.arguments(method, true, false))));
    MethodSpec.Builder dense = start(method, method.name() + "Hessian", "The Hessian of {@link"
        + " $L} over the differentiable leaves of its records, in order.\n")
        .returns(double[][].class);
    for (RecordFacades.Param p : RecordFacades.params(method)) {
      dense.addParameter(p.type(), p.name());
    }
    RecordArrayFacades.call(dense, method, false, TypeName.get(double[][].class),
        CodeBlock.of("$N($L)", method.name() + "Hessian",
            String.join(", ", RecordFacades.arguments(method, false, false))));
    return List.of(product.build(), dense.build());
  }

  private static MethodSpec.Builder start(MethodIR method, String name, String javadoc) {
    return MethodSpec.methodBuilder(name)
        .addModifiers(method.companion().visibility().toArray(Modifier[]::new))
        .addModifiers(Modifier.STATIC)
        .addJavadoc(javadoc, method.companion().link());
  }
}
