package dev.cotangent.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.cotangent.processor.differentiate.TangentMethod;
import dev.cotangent.processor.ir.MethodIR;
import dev.cotangent.processor.ir.Variable;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes one method's forward-mode companion. */
final class TangentWriter {
  static final ClassName DUAL = ClassName.get("dev.cotangent.runtime", "Dual");

  private TangentWriter() {}

  /**
   * The tangent companion; when it is too large for one method ({@link FramedBody}), its frame
   * class is added to {@code types}.
   */
  static MethodSpec method(TangentMethod tangent, Splitting splitting, List<TypeSpec> types) {
    MethodIR method = tangent.source().source();
    Namer namer = new Namer();
    namer.reserve(method.parameters());
    namer.reserve(tangent.tangentParameters().values());
    namer.reserve(Signatures.userLocals(tangent.source().body()));
    StatementWriter writer = new StatementWriter(namer, TapeLocals.none());
    boolean vector = method.isVectorValued();
    TypeName returns = vector ? TypeName.get(double[].class) : DUAL;
    MethodSpec.Builder m = Signatures.method(method.name(), method.companion())
        .returns(returns)
        .addJavadoc("Value and directional derivative of {@link $L}: the tangent is the sum over"
            + " the differentiable parameters {@code p} of ∂$L/∂p · pDot.\n",
            method.companion().link(), method.name());
    List<String> arguments = new ArrayList<>();
    List<Variable> specials = new ArrayList<>();
    boolean packed = method.companion().packedTangent();
    List<Variable> packedDots = new ArrayList<>();
    for (Variable p : method.parameters()) {
      m.addParameter(StatementWriter.typeOf(p), namer.name(p));
      arguments.add(namer.name(p));
      specials.add(p);
      Variable dot = tangent.tangentParameters().get(p);
      if (dot != null) {
        specials.add(dot);
        if (packed && !dot.type().isArray()) {
          packedDots.add(dot);
          continue;
        }
        m.addParameter(StatementWriter.typeOf(dot), namer.name(dot));
        arguments.add(namer.name(dot));
      }
    }
    String packedName = packed ? namer.fresh("tangents", false) : null;
    if (packed) {
      m.addParameter(double[].class, packedName);
      arguments.add(packedName);
      m.addJavadoc("The $L parameters and their tangents would need more than the JVM's $L"
          + " parameter slots: {@code $N} holds the tangents of the scalar parameters, in"
          + " order.\n", method.parameters().size(),
          dev.cotangent.processor.ir.CompanionModel.PARAMETER_SLOTS, packedName);
    }
    String resultDot = vector ? namer.fresh("resultDot", false) : null;
    if (vector) {
      m.addParameter(double[].class, resultDot);
      arguments.add(resultDot);
      m.addJavadoc("For this vector-valued function the result is returned and its tangent J·ẋ"
          + " is written into {@code $N}, which must have the result's length.\n", resultDot);
    }
    int estimate = estimate(tangent);
    FramedBody frame = null;
    if (splitting.splits(estimate)) {
      specials.add(tangent.result());
      if (tangent.resultTangent() != null) {
        specials.add(tangent.resultTangent());
      }
      frame = new FramedBody(method.companion().tangent().nestedClass(
              FramedBody.name(method.companion().holder())), namer, TapeLocals.none(),
          splitting, Map.of("tangent", tangent.body()), Map.of("tangent", "tangent"), specials);
      if (vector) {
        frame.field(resultDot, TypeName.get(double[].class));
      }
      if (packed) {
        frame.field(packedName, TypeName.get(double[].class));
      }
    }
    CodeBlock.Builder body = CodeBlock.builder();
    body.add(AdjointWriter.distinctArrays(method, namer));
    if (packed) {
      unpack(body, packedName, packedDots, namer, frame);
    }
    if (frame == null) {
      writer.write(tangent.body(), body);
    } else {
      frame.write("tangent", body);
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
      body.addStatement("return $N", result);
    } else if (tangent.resultTangent() == null) {
      body.addStatement("return new $T($N, 0.0)", DUAL, result);
    } else {
      body.addStatement("return new $T($N, $N)", DUAL, result, namer.name(tangent.resultTangent()));
    }
    if (frame == null) {
      return m.addCode(body.build()).build();
    }
    MethodSpec run = MethodSpec.methodBuilder("tangent").returns(returns)
        .addJavadoc("The tangent's code, in parts.\n").addCode(body.build()).build();
    types.add(frame.type(run, "the tangent of {@link " + method.companion().link() + "}"));
    return frame.wrapper(m, arguments, "tangent", estimate, "tangent");
  }

  /** {@code double xDot = tangents[0];} ..., after a check of the array's length. */
  private static void unpack(CodeBlock.Builder body, String packed, List<Variable> dots,
      Namer namer, FramedBody frame) {
    body.beginControlFlow("if ($N.length != $L)", packed, dots.size())
        .addStatement("throw new $T($S + $N.length)", IllegalArgumentException.class,
            packed + " must hold the " + dots.size() + " tangents of the scalar parameters, not ",
            packed)
        .endControlFlow();
    for (int k = 0; k < dots.size(); k++) {
      Variable dot = dots.get(k);
      CodeBlock value = dot.type() == dev.cotangent.processor.ir.Type.FLOAT
          ? CodeBlock.of("(float) $N[$L]", packed, k) : CodeBlock.of("$N[$L]", packed, k);
      if (frame == null) {
        body.addStatement("$T $N = $L", StatementWriter.typeOf(dot), namer.name(dot), value);
      } else {
        frame.declare(body, namer.name(dot), value);
      }
    }
  }

  /** The bound ({@link BytecodeSize}) on the tangent's code. */
  static int estimate(TangentMethod tangent) {
    MethodIR method = tangent.source().source();
    int arrays = (int) method.parameters().stream().filter(p -> p.type().isArray()).count();
    return BytecodeSize.of(tangent.body()) + 24 * (arrays * arrays + 4);
  }
}
