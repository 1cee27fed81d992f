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
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

  /**
   * The tangent companions; when the tangent is too large for one method ({@link FramedBody}),
   * its frame class is added to {@code types}.
   */
  static List<MethodSpec> methods(TangentMethod tangent, Splitting splitting,
      List<TypeSpec> types) {
    MethodIR method = tangent.source().source();
    if (!method.returnType().isArray()) {
      return List.of(method(tangent, splitting, types));
    }
    return List.of(intoResultDot(tangent), method(tangent, splitting, types));
  }

  private static MethodSpec method(TangentMethod tangent, Splitting splitting,
      List<TypeSpec> types) {
    MethodIR method = tangent.source().source();
    Type resultType = method.returnType();
    Namer namer = new Namer();
    namer.reserve(method.parameters());
    namer.reserve(tangent.tangentParameters().values());
    namer.reserve(Signatures.userLocals(tangent.source().body()));
    StatementWriter writer = new StatementWriter(namer, TapeLocals.none());
    boolean none = resultType == Type.VOID;
    ClassName dual = TangentClasses.dualOf(resultType);
    TypeName returns = none ? TypeName.VOID : dual;
    MethodSpec.Builder m = Signatures.method(method.name(), method.companion())
        .returns(returns)
        .addJavadoc("Value and directional derivative of {@link $L}: the tangent is the sum over"
            + " the differentiable parameters {@code p} of ∂$L/∂p · pDot.\n",
            method.companion().link(), method.name());
    if (resultType.isArray()) {
      m.addJavadoc("The result and its tangent J·ẋ are returned together.\n");
    }
    List<String> arguments = new ArrayList<>();
    List<Variable> packedDots = new ArrayList<>();
    String packedName = parameters(tangent, namer, m, arguments, packedDots);
    int estimate = estimate(tangent);
    FramedBody frame = null;
    if (splitting.splits(estimate)) {
      List<Variable> specials = new ArrayList<>(method.parameters());
      specials.addAll(tangent.tangentParameters().values());
      specials.add(tangent.result());
      if (tangent.resultTangent() != null) {
        specials.add(tangent.resultTangent());
      }
      frame = new FramedBody(method.companion().tangent().nestedClass(
              FramedBody.name(method.companion().holder())), namer, TapeLocals.none(),
          splitting, Map.of("tangent", tangent.body()), Map.of("tangent", "tangent"), specials);
      if (packedName != null) {
        frame.field(packedName, TypeName.get(double[].class));
      }
    }
    CodeBlock.Builder body = CodeBlock.builder();
    body.add(AdjointWriter.distinctArrays(method, namer));
    if (packedName != null) {
      unpack(body, packedName, packedDots, namer, frame);
    }
    if (frame == null) {
      writer.write(tangent.body(), body);
      if (none
          || !dev.cotangent.processor.ir.Reachability.completesNormally(tangent.body())) {
        return m.addCode(body.build()).build(); // nothing returned, or the method always throws
      }
    } else {
      frame.write("tangent", body);
    }
    String result = namer.name(tangent.result());
    if (none) {
      body.add("// nothing is returned\n");
    } else if (resultType.isArray()) {
      CodeBlock resultTangent = tangent.resultTangent() == null
          ? CodeBlock.of("$T.zerosLike($N)", AdjointWriter.ARRAY_STATE, result)
          : CodeBlock.of("$N", namer.name(tangent.resultTangent()));
      body.addStatement("return new $T($N, $L)", dual, result, resultTangent);
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
    parameters(tangent, namer, m, args, new ArrayList<>());
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

  /**
   * Each parameter, and after each differentiable one its tangent; their names into {@code
   * args}. A packed tangent ({@link dev.cotangent.processor.ir.CompanionModel#packedTangent})
   * takes the scalar parameters' tangents in one {@code double[]} after the parameters instead:
   * those tangents go to {@code packedDots}, and the array's name is returned (else null).
   */
  private static String parameters(TangentMethod tangent, Namer namer, MethodSpec.Builder m,
      List<String> args, List<Variable> packedDots) {
    MethodIR method = tangent.source().source();
    boolean packed = method.companion().packedTangent();
    for (Variable p : method.parameters()) {
      m.addParameter(StatementWriter.typeOf(p), namer.name(p));
      args.add(namer.name(p));
      Variable dot = tangent.tangentParameters().get(p);
      if (dot != null) {
        if (packed && !dot.type().isArray()) {
          packedDots.add(dot);
          continue;
        }
        m.addParameter(StatementWriter.typeOf(dot), namer.name(dot));
        args.add(namer.name(dot));
      }
    }
    if (!packed) {
      return null;
    }
    String packedName = namer.fresh("tangents", false);
    m.addParameter(double[].class, packedName);
    args.add(packedName);
    m.addJavadoc("The $L parameters and their tangents would need more than the JVM's $L"
        + " parameter slots: {@code $N} holds the tangents of the scalar parameters, in"
        + " order.\n", method.parameters().size(),
        dev.cotangent.processor.ir.CompanionModel.PARAMETER_SLOTS, packedName);
    return packedName;
  }
}
