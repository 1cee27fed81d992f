package dev.cotangent.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.cotangent.processor.differentiate.TangentMethod;
import dev.cotangent.processor.ir.MethodIR;
import dev.cotangent.processor.ir.Variable;

/** Writes one method's forward-mode companion. */
final class TangentWriter {
  static final ClassName DUAL = ClassName.get("dev.cotangent.runtime", "Dual");

  private TangentWriter() {}

  static MethodSpec method(TangentMethod tangent) {
    MethodIR method = tangent.source().source();
    Namer namer = new Namer();
    namer.reserve(method.parameters());
    namer.reserve(tangent.tangentParameters().values());
    namer.reserve(Signatures.userLocals(tangent.source().body()));
    StatementWriter writer = new StatementWriter(namer, TapeLocals.none());
    boolean vector = method.isVectorValued();
    MethodSpec.Builder m = Signatures.method(method.name(), method.companion())
        .returns(vector ? TypeName.get(double[].class) : DUAL)
        .addJavadoc("Value and directional derivative of {@link $L}: the tangent is the sum over"
            + " the differentiable parameters {@code p} of ∂$L/∂p · pDot.\n",
            method.companion().link(), method.name());
    for (Variable p : method.parameters()) {
      m.addParameter(StatementWriter.typeOf(p), namer.name(p));
      Variable dot = tangent.tangentParameters().get(p);
      if (dot != null) {
        m.addParameter(StatementWriter.typeOf(dot), namer.name(dot));
      }
    }
    String resultDot = vector ? namer.fresh("resultDot", false) : null;
    if (vector) {
      m.addParameter(double[].class, resultDot);
      m.addJavadoc("For this vector-valued function the result is returned and its tangent J·ẋ"
          + " is written into {@code $N}, which must have the result's length.\n", resultDot);
    }
    CodeBlock.Builder body = CodeBlock.builder();
    body.add(AdjointWriter.distinctArrays(method, namer));
    writer.write(tangent.body(), body);
    if (!dev.cotangent.processor.ir.Reachability.completesNormally(tangent.body())) {
      return m.addCode(body.build()).build(); // the method always throws
    }
    String result = namer.name(tangent.result());
    if (vector) {
      if (tangent.resultTangent() == null) {
        body.addStatement("$T.sameLength($N, $N, $S)", AdjointWriter.CHECKS, result, resultDot,
            "resultDot");
        body.addStatement("$T.fill($N, 0.0)", AdjointWriter.ARRAY_STATE, resultDot);
      } else {
        body.addStatement("$T.copyInto($N, $N, $S)", AdjointWriter.ARRAY_STATE,
            namer.name(tangent.resultTangent()), resultDot, "resultDot");
      }
      return m.addCode(body.addStatement("return $N", result).build()).build();
    }
    if (tangent.resultTangent() == null) {
      body.addStatement("return new $T($N, 0.0)", DUAL, result);
    } else {
      body.addStatement("return new $T($N, $N)", DUAL, result, namer.name(tangent.resultTangent()));
    }
    return m.addCode(body.build()).build();
  }
}
