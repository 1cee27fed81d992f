package dev.cotangent.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.cotangent.processor.differentiate.AdjointMethod;
import dev.cotangent.processor.ir.CompanionModel;
import dev.cotangent.processor.ir.MethodIR;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The companions of a method that writes into its differentiable array arguments (an
 * out-parameter, {@code matVec(a, x, y)}, or an update in place, {@code axpy(alpha, x, y)}). Its
 * callers differentiate the call through the pullback overload
 *
 * <pre>{@code
 * R f(args, R seed, FGradient into, double[] yBar)   // void f(args, FGradient into, double[] yBar)
 * }</pre>
 *
 * whose contract is: on entry the arrays hold their contents at the call (the caller restored
 * them) and {@code yBar} holds the cotangent of what the call leaves in {@code y}; the overload
 * runs the method (the arrays end as the original leaves them), adds {@code seed} times the
 * derivatives into {@code into}'s other fields, and updates {@code yBar} in place to the
 * cotangent of {@code y}'s contents on entry ({@code into.y} is left alone). The plain pullback
 * {@code f(args, seed, into)} calls it with zero cotangents and adds them into {@code into.y}.
 * The holder states what callers compiled later must know in constants: {@code WRITES}, the
 * positions of the parameters the method may write into, and {@code FRESH_RESULT}, whether an
 * array result is always a new array ({@link CompanionModel.Effects}).
 */
final class OutArguments {
  private final AdjointMethod adjoint;
  private final MethodIR method;
  private final List<AdjointMethod.ArrayParameter> written = new ArrayList<>();

  OutArguments(AdjointMethod adjoint) {
    this.adjoint = adjoint;
    this.method = adjoint.source().source();
    CompanionModel companion = method.companion();
    for (AdjointMethod.ArrayParameter array : adjoint.arrayParameters()) {
      Variable p = array.parameter();
      if (!p.isDifferentiableParameter()) {
        continue;
      }
      // The effects (from the source, by names) decide: the IR's aliases join every array a
      // variable is ever assigned, so it may count as written what the effects know is not.
      if (companion.writes(method.position(p))) {
        written.add(array);
      }
    }
  }

  boolean isEmpty() {
    return written.isEmpty();
  }

  boolean contains(AdjointMethod.ArrayParameter array) {
    return written.contains(array);
  }

  /** The cotangent parameters of the overload, each checked against its argument's shape. */
  void parameters(MethodSpec.Builder m, CodeBlock.Builder body, Namer namer, String into) {
    List<String> names = new ArrayList<>();
    for (AdjointMethod.ArrayParameter array : written) {
      Variable p = array.parameter();
      String bar = namer.name(array.adjoint());
      names.add(bar);
      m.addParameter(TypeName.get(AdjointWriter.javaType(p)), bar);
      body.addStatement("$T.sameShape($N, $N, $S)", AdjointWriter.CHECKS, bar, namer.name(p), bar);
    }
    m.addJavadoc("<p>For a caller that passes arrays this method writes into: on entry they hold"
        + " their contents at the call, and {@code $L} the cotangent of what the call leaves in"
        + " them; on return the arrays hold what the original leaves in them and {@code $L} the"
        + " cotangent of their contents on entry (updated in place; {@code $N} receives the other"
        + " derivatives).\n", String.join(", ", names), String.join(", ", names), into);
  }

  /** {@code R f(args, seed, into)}: the overload with zero cotangents, then added into {@code into}. */
  MethodSpec plainPullback(ClassName holder) {
    Namer namer = new Namer();
    namer.reserve(method.parameters());
    boolean vector = method.returnType().isArray();
    String seed = namer.fresh(vector ? "resultBar" : "seed", false);
    String into = namer.fresh("into", false);
    TypeName result = TypeName.get(AdjointWriter.javaType(method.returnType()));
    MethodSpec.Builder m = Signatures.method(method.name(), method.companion()).returns(result)
        .addJavadoc("Pullback of {@link $L}: sets {@code $N.value} to the result, adds {@code $N}"
            + " times the derivatives with respect to the differentiable parameters (their"
            + " contents on entry, for arrays) into {@code $N}, and returns the result; the"
            + " arrays end as the original leaves them.\n", method.companion().link(), into, seed,
            into);
    List<String> args = new ArrayList<>();
    for (Variable p : method.parameters()) {
      m.addParameter(StatementWriter.typeOf(p), namer.name(p));
      args.add(namer.name(p));
    }
    m.addParameter(result, seed).addParameter(holder, into);
    args.add(seed);
    args.add(into);
    CodeBlock.Builder body = CodeBlock.builder();
    List<String> bars = new ArrayList<>();
    for (AdjointMethod.ArrayParameter array : written) {
      String bar = namer.fresh(array.parameter().name() + "Bar", false);
      bars.add(bar);
      body.addStatement("$L $N = $T.zerosLike($N)", array.parameter().type().javaName(), bar,
          AdjointWriter.ARRAY_STATE, namer.name(array.parameter()));
    }
    args.addAll(bars);
    String value = namer.fresh("value", false);
    body.addStatement("$T $N = $N($L)", result, value, method.name(), String.join(", ", args));
    for (int k = 0; k < written.size(); k++) {
      body.addStatement("$T.addInto($N, $N.$N)", AdjointWriter.ARRAY_STATE, bars.get(k), into,
          written.get(k).parameter().name());
    }
    return m.addCode(body.addStatement("return $N", value).build()).build();
  }

  /** The holder's constants for callers compiled later, for a method with array arguments. */
  static void constants(MethodIR method, TypeSpec.Builder holder) {
    CompanionModel.Effects effects = method.companion().effects();
    boolean arrays = method.parameters().stream().anyMatch(p -> p.type().isArray());
    if (effects == null || !arrays && !method.returnType().isArray()) {
      return;
    }
    holder.addField(FieldSpec.builder(String.class,
            method.companion().holderField(CompanionModel.Effects.WRITES),
            Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .initializer("$S", effects.positions())
        .addJavadoc("The positions (from 0) of the parameters whose arrays {@code $L} may write"
            + " into, for Cotangent when it compiles a caller.\n", method.name()).build());
    if (method.returnType().isArray()) {
      holder.addField(FieldSpec.builder(boolean.class,
              method.companion().holderField(CompanionModel.Effects.FRESH_RESULT),
              Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
          .initializer("$L", effects.freshResult())
          .addJavadoc("Whether {@code $L} always returns a new array, for Cotangent when it"
              + " compiles a caller.\n", method.name()).build());
    }
  }
}
