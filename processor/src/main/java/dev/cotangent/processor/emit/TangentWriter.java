package dev.cotangent.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.cotangent.processor.differentiate.TangentMethod;
import dev.cotangent.processor.differentiate.rules.TangentClasses;
import dev.cotangent.processor.ir.MethodIR;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one method's forward-mode companions: {@code Dual f(args, dots)} for a scalar result;
 * for an array result {@code VectorDual f(args, dots)} (the result and its tangent; {@code
 * MatrixDual}, {@code FloatVectorDual} for {@code double[][]} and {@code float[]}), which callers
 * use, and {@code double[] f(args, dots, resultDot)}, which writes the tangent into the caller's
 * array and calls the first; {@code void f(args, dots)} for a method that returns nothing (the
 * tangents of the arrays it writes into are updated in place, as for every method).
 */
final class TangentWriter {
  static final ClassName DUAL = ClassName.get("dev.cotangent.runtime", "Dual");

  private TangentWriter() {}

  static List<MethodSpec> methods(TangentMethod tangent) {
    MethodIR method = tangent.source().source();
    if (!method.returnType().isArray()) {
      return List.of(method(tangent));
    }
    return List.of(intoResultDot(tangent), method(tangent));
  }

  private static MethodSpec method(TangentMethod tangent) {
    MethodIR method = tangent.source().source();
    Type resultType = method.returnType();
    Namer namer = new Namer();
    namer.reserve(method.parameters());
    namer.reserve(tangent.tangentParameters().values());
    namer.reserve(Signatures.userLocals(tangent.source().body()));
    StatementWriter writer = new StatementWriter(namer, TapeLocals.none());
    boolean none = resultType == Type.VOID;
    ClassName dual = TangentClasses.dualOf(resultType);
    MethodSpec.Builder m = Signatures.method(method.name(), method.companion())
        .returns(none ? TypeName.VOID : dual)
        .addJavadoc("Value and directional derivative of {@link $L}: the tangent is the sum over"
            + " the differentiable parameters {@code p} of ∂$L/∂p · pDot.\n",
            method.companion().link(), method.name());
    if (resultType.isArray()) {
      m.addJavadoc("The result and its tangent J·ẋ are returned together.\n");
    }
    parameters(tangent, namer, m, new ArrayList<>());
    CodeBlock.Builder body = CodeBlock.builder();
    body.add(AdjointWriter.distinctArrays(method, namer));
    writer.write(tangent.body(), body);
    if (none || !dev.cotangent.processor.ir.Reachability.completesNormally(tangent.body())) {
      return m.addCode(body.build()).build(); // nothing returned, or the method always throws
    }
    String result = namer.name(tangent.result());
    if (resultType.isArray()) {
      CodeBlock resultTangent = tangent.resultTangent() == null
          ? CodeBlock.of("$T.zerosLike($N)", AdjointWriter.ARRAY_STATE, result)
          : CodeBlock.of("$N", namer.name(tangent.resultTangent()));
      body.addStatement("return new $T($N, $L)", dual, result, resultTangent);
    } else if (tangent.resultTangent() == null) {
      body.addStatement("return new $T($N, 0.0)", DUAL, result);
    } else {
      body.addStatement("return new $T($N, $N)", DUAL, result, namer.name(tangent.resultTangent()));
    }
    return m.addCode(body.build()).build();
  }

  /** {@code double[] f(args, dots, resultDot)}: the tangent into the caller's array. */
  private static MethodSpec intoResultDot(TangentMethod tangent) {
    MethodIR method = tangent.source().source();
    Type resultType = method.returnType();
    Namer namer = new Namer();
    namer.reserve(method.parameters());
    namer.reserve(tangent.tangentParameters().values());
    TypeName array = TypeName.get(AdjointWriter.javaType(resultType));
    MethodSpec.Builder m = Signatures.method(method.name(), method.companion())
        .returns(array)
        .addJavadoc("Value and directional derivative of {@link $L}: the result is returned and"
            + " its tangent J·ẋ, the sum over the differentiable parameters {@code p} of"
            + " ∂$L/∂p · pDot, is written into {@code resultDot}, which must have the result's"
            + " shape.\n", method.companion().link(), method.name());
    List<String> args = new ArrayList<>();
    parameters(tangent, namer, m, args);
    String resultDot = namer.fresh("resultDot", false);
    m.addParameter(array, resultDot);
    String both = namer.fresh("tangent", false);
    ClassName dual = TangentClasses.dualOf(resultType);
    return m.addStatement("$T $N = $N($L)", dual, both, method.name(), String.join(", ", args))
        .addStatement("$T.copyInto($N.tangent(), $N, $S)", AdjointWriter.ARRAY_STATE, both,
            resultDot, "resultDot")
        .addStatement("return $N.value()", both)
        .build();
  }

  /** Each parameter, and after each differentiable one its tangent; their names into {@code args}. */
  private static void parameters(TangentMethod tangent, Namer namer, MethodSpec.Builder m,
      List<String> args) {
    for (Variable p : tangent.source().source().parameters()) {
      m.addParameter(StatementWriter.typeOf(p), namer.name(p));
      args.add(namer.name(p));
      Variable dot = tangent.tangentParameters().get(p);
      if (dot != null) {
        m.addParameter(StatementWriter.typeOf(dot), namer.name(dot));
        args.add(namer.name(dot));
      }
    }
  }
}
