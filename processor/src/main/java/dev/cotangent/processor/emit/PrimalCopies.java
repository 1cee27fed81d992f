package dev.cotangent.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.cotangent.processor.ir.MethodIR;
import dev.cotangent.processor.ir.Reachability;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import dev.cotangent.processor.lower.LoweredMethod;

/**
 * The copy of a private method that the companions call instead of it (they are other classes):
 * {@code static double hPrimal(double x)}, package-private, in the adjoint companion of the
 * method's class. Its body is the method's lowered code, the same operations in the same order,
 * so it returns what the method returns, bit for bit; a private instance method's copy takes the
 * receiver first. Calls to other private methods in it call their copies.
 */
final class PrimalCopies {
  private PrimalCopies() {}

  static MethodSpec of(LoweredMethod lowered) {
    MethodIR method = lowered.source();
    Namer namer = new Namer();
    namer.reserve(method.parameters());
    namer.reserve(Signatures.userLocals(lowered.body()));
    StatementWriter writer = new StatementWriter(namer, TapeLocals.none());
    boolean none = method.returnType() == Type.VOID;
    MethodSpec.Builder m = MethodSpec.methodBuilder(method.companion().primal())
        .addModifiers(javax.lang.model.element.Modifier.STATIC)
        .returns(none ? TypeName.VOID : StatementWriter.typeOf(lowered.result()))
        .addJavadoc("A copy of the private {@link $L}, which the companions (other classes)"
            + " cannot call: the same code, so the same values, bit for bit.\n",
            method.companion().link());
    for (Variable p : method.parameters()) {
      m.addParameter(StatementWriter.typeOf(p), namer.name(p));
    }
    CodeBlock.Builder body = CodeBlock.builder();
    writer.write(lowered.body(), body);
    if (!none && Reachability.completesNormally(lowered.body())) {
      body.addStatement("return $N", namer.name(lowered.result()));
    }
    return m.addCode(body.build()).build();
  }
}
