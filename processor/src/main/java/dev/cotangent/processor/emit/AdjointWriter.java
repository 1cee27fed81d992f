package dev.cotangent.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.cotangent.processor.differentiate.AdjointMethod;
import dev.cotangent.processor.ir.CompanionModel;
import dev.cotangent.processor.ir.Exprs;
import dev.cotangent.processor.ir.MethodIR;
import dev.cotangent.processor.ir.Variable;
import dev.cotangent.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/** Writes one method's reverse-mode companion: its gradient holder, gradient and pullback. */
final class AdjointWriter {
  private static final ClassName TAPE = ClassName.get("dev.cotangent.runtime", "Tape");
  static final ClassName ARRAY_STATE = ClassName.get("dev.cotangent.runtime", "ArrayState");
  static final ClassName CHECKS = ClassName.get("dev.cotangent.runtime", "Checks");
  /** The holder's private method giving the Jacobian's seed array ({@link JacobianWriter}). */
  static final String JACOBIAN_SEED = "jacobianSeed";

  private final AdjointMethod adjoint;
  private final MethodIR method;
  private final ClassName holder;
  private final Splitting splitting;
  /** The frame of a pullback too large for one method ({@link FramedBody}), or null. */
  private TypeSpec frameType;

  AdjointWriter(AdjointMethod adjoint, ClassName companion, Splitting splitting) {
    this.adjoint = adjoint;
    this.method = adjoint.source().source();
    this.holder = method.companion().holder();
    this.splitting = splitting;
  }

  /** The holder, and the pullback's frame when it is split (call after {@link #methods}). */
  List<TypeSpec> types() {
    return frameType == null ? List.of(holderType()) : List.of(holderType(), frameType);
  }

  List<MethodSpec> methods() {
    if (hasJacobian()) {
      List<MethodSpec> methods = new ArrayList<>(List.of(pullback()));
      methods.addAll(new JacobianWriter(method, holder).methods());
      return methods;
    }
    if (method.isVectorValued()) {
      return List.of(pullback()); // the Jacobian calls the original, which is private
    }
    return List.of(gradient(), pullback());
  }

  private TypeSpec holderType() {
    String name = method.name();
    TypeSpec.Builder type = TypeSpec.classBuilder(holder)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("Value and gradient of {@link $L}.\n", method.companion().link())
        .addField(FieldSpec.builder(TypeName.get(javaType(method.returnType())),
                CompanionModel.VALUE,
                Modifier.PUBLIC)
            .addJavadoc("{@code $L}'s value at the last evaluation.\n", name).build());
    CodeBlock.Builder clear = CodeBlock.builder()
        .addStatement("value = $L", zero(method.returnType()));
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC);
    boolean shaped = false;
    for (Variable p : method.differentiableParameters()) {
      if (p.type().isArray()) {
        type.addField(FieldSpec.builder(TypeName.get(javaType(p)), p.name(), Modifier.PUBLIC,
                Modifier.FINAL)
            .addJavadoc("∂$L/∂$L, element by element, in the shape of the argument.\n", name,
                p.name()).build());
        constructor.addParameter(TypeName.get(javaType(p)), p.name())
            .addStatement("this.$N = $T.zerosLike($N)", p.name(), ARRAY_STATE, p.name());
        shaped = true;
        clear.addStatement("$T.fill(this.$N, 0.0)", ARRAY_STATE, p.name());
      } else {
        type.addField(FieldSpec.builder(TypeName.get(javaType(p)), p.name(), Modifier.PUBLIC)
            .addJavadoc("∂$L/∂$L.\n", name, p.name()).build());
        clear.addStatement("$N = $L", p.name(), zero(p.type()));
      }
    }
    if (adjoint.usesTape()) {
      type.addField(FieldSpec.builder(TAPE, tapeField(), Modifier.PRIVATE, Modifier.FINAL)
          .initializer("new $T()", TAPE)
          .addJavadoc("The pullback's tape, kept so that pullbacks into this holder reuse its"
              + " memory.\n").build());
    }
    if (hasJacobian()) {
      jacobianSeed(type);
    }
    if (shaped) {
      constructor.addJavadoc("A zero gradient for arguments of these shapes.\n");
      type.addMethod(constructor.build());
    }
    type.addMethod(MethodSpec.methodBuilder("clear").addModifiers(Modifier.PUBLIC)
        .addJavadoc("Sets the value and every derivative to zero, for reuse.\n")
        .addCode(clear.build()).build());
    return type.build();
  }

  private MethodSpec gradient() {
    Namer namer = new Namer();
    namer.reserve(method.parameters());
    String gradient = namer.fresh("gradient", false);
    List<String> args = new ArrayList<>();
    MethodSpec.Builder m = Signatures.method(method.name(), method.companion()).returns(holder)
        .addJavadoc("Value and gradient of {@link $L}.\n", method.companion().link());
    for (Variable p : method.parameters()) {
      m.addParameter(StatementWriter.typeOf(p), namer.name(p));
      args.add(namer.name(p));
    }
    List<String> shapes = method.differentiableParameters().stream()
        .filter(p -> p.type().isArray()).map(namer::name).toList();
    return m.addStatement("$T $N = new $T($L)", holder, gradient, holder, String.join(", ", shapes))
        .addStatement("$N($L, $L, $N)", method.name(), String.join(", ", args),
            method.returnType() == dev.cotangent.processor.ir.Type.FLOAT ? "1.0f" : "1.0", gradient)
        .addStatement("return $N", gradient)
        .build();
  }

  private MethodSpec pullback() {
    Namer namer = new Namer();
    namer.reserve(method.parameters());
    namer.reserve(Signatures.userLocals(adjoint.source().body()));
    boolean vector = method.isVectorValued();
    String seed = namer.fresh(vector ? "resultBar" : "seed", false);
    String into = namer.fresh("into", false);
    TapeLocals tape = TapeLocals.fresh(namer);
    StatementWriter writer = new StatementWriter(namer, tape);
    TypeName returns = TypeName.get(javaType(method.returnType()));
    MethodSpec.Builder m = Signatures.method(method.name(), method.companion()).returns(returns);
    if (vector) {
      m.addJavadoc("Pullback of {@link $L}: sets {@code $N.value} to the result, adds"
          + " Jᵀ·{@code $N} (the result's cotangent, of the result's length) into {@code $N}, and"
          + " returns the result.\n", method.companion().link(), into, seed, into);
    } else {
      m.addJavadoc("Pullback of {@link $L}: sets {@code $N.value} to the value, adds {@code $N}"
          + " times the derivative with respect to each differentiable parameter into {@code"
          + " $N}, and returns the value.\n", method.companion().link(), into, seed,
          into);
    }
    List<String> arguments = new ArrayList<>();
    for (Variable p : method.parameters()) {
      m.addParameter(StatementWriter.typeOf(p), namer.name(p));
      arguments.add(namer.name(p));
    }
    m.addParameter(returns, seed).addParameter(holder, into);
    arguments.add(seed);
    arguments.add(into);
    int estimate = estimate(adjoint);
    FramedBody frame = splitting.splits(estimate) ? frame(namer, tape, seed, into) : null;
    CodeBlock.Builder body = CodeBlock.builder();
    body.add(distinctArrays(method, namer));
    for (AdjointMethod.ArrayParameter array : adjoint.arrayParameters()) {
      Variable p = array.parameter();
      if (array.direct()) {
        declare(body, frame, array.adjoint(), namer, CodeBlock.of("$N.$N", into, p.name()));
      } else {
        declare(body, frame, array.adjoint(), namer,
            CodeBlock.of("$T.zerosLike($N)", ARRAY_STATE, namer.name(p)));
      }
    }
    if (adjoint.usesTape()) {
      body.add(tapeLocals(tape, into, frame));
    }
    for (Variable local : adjoint.locals()) {
      if (frame == null) { // a frame's fields start at these values
        body.addStatement("$T $N = $L", StatementWriter.typeOf(local), namer.name(local),
            writer.expressions().write(Exprs.defaultValue(local.type())));
      }
    }
    if (adjoint.adjointsFirst()) {
      body.add("\n// Adjoints (a loop's reverse trips run with its forward ones)\n");
      declareAdjoints(body, seed, vector, namer, frame);
    }
    body.add("\n// Forward sweep\n");
    sweep(writer, frame, "forward sweep", adjoint.forward(), body);
    if (vector) {
      body.addStatement("$T.sameLength($N, $N, $S)", CHECKS, namer.name(adjoint.returned()), seed,
          "resultBar");
    }
    String result = namer.name(adjoint.returned());
    body.addStatement("$N.value = $N", into, result);
    if (!adjoint.reverse().isEmpty() || !adjoint.gradient().isEmpty()
        || !adjoint.arrayParameters().isEmpty()) {
      if (!adjoint.adjointsFirst()) {
        body.add("\n// Reverse sweep\n");
        declareAdjoints(body, seed, vector, namer, frame);
      } else if (!adjoint.reverse().isEmpty()) {
        body.add("\n// Reverse sweep (the loop above ran its reverse trips with its forward ones)\n");
      }
      sweep(writer, frame, "reverse sweep", adjoint.reverse(), body);
      body.add("\n");
      adjoint.gradient().forEach((p, bar) ->
          body.addStatement("$N.$N += $N", into, p.name(), namer.name(bar)));
      for (AdjointMethod.ArrayParameter array : adjoint.arrayParameters()) {
        if (!array.direct() && array.parameter().isDifferentiableParameter()) {
          body.addStatement("$T.addInto($N, $N.$N)", ARRAY_STATE, namer.name(array.adjoint()),
              into, array.parameter().name());
        }
      }
    }
    body.addStatement("return $N", result);
    if (frame == null) {
      return m.addCode(body.build()).build();
    }
    MethodSpec run = MethodSpec.methodBuilder("pullback").returns(returns)
        .addJavadoc("The pullback's code, with its sweeps in parts.\n")
        .addCode(body.build()).build();
    frameType = frame.type(run, "the pullback of {@link " + method.companion().link() + "}");
    return frame.wrapper(m, arguments, "pullback", estimate, "pullback");
  }

  /** The frame of a pullback too large for one method: its sweeps, and what the prologue uses. */
  private FramedBody frame(Namer namer, TapeLocals tape, String seed, String into) {
    Map<String, List<Stmt>> sweeps = new LinkedHashMap<>();
    sweeps.put("forward sweep", adjoint.forward());
    sweeps.put("reverse sweep", adjoint.reverse());
    List<Variable> specials = new ArrayList<>(method.parameters());
    adjoint.arrayParameters().forEach(array -> specials.add(array.adjoint()));
    specials.addAll(adjoint.locals());
    specials.addAll(adjoint.adjoints());
    if (adjoint.resultAdjoint() != null) {
      specials.add(adjoint.resultAdjoint());
    }
    specials.addAll(adjoint.gradient().values());
    specials.add(adjoint.returned());
    FramedBody frame = new FramedBody(holder.peerClass(FramedBody.name(holder)), namer, tape, splitting,
        sweeps, Map.of("forward sweep", "forward", "reverse sweep", "reverse"), specials);
    frame.field(seed, TypeName.get(javaType(method.returnType())));
    frame.field(into, holder);
    if (adjoint.usesTape()) {
      frame.tapeFields(TapeLocals.uses(adjoint.forward(), TapeLocals.Stack.DOUBLES),
          TapeLocals.uses(adjoint.forward(), TapeLocals.Stack.INTS));
    }
    return frame;
  }

  /**
   * The bound ({@link BytecodeSize}) on the pullback's code: both sweeps, and what the prologue
   * and epilogue write for each parameter, local and adjoint.
   */
  static int estimate(AdjointMethod adjoint) {
    MethodIR method = adjoint.source().source();
    int arrays = (int) method.parameters().stream().filter(p -> p.type().isArray()).count();
    int lines = arrays * arrays + adjoint.arrayParameters().size() * 2
        + adjoint.gradient().size() + 8;
    int declarations = adjoint.locals().size() + adjoint.adjoints().size();
    return BytecodeSize.of(adjoint.forward()) + BytecodeSize.of(adjoint.reverse())
        + 24 * lines + 8 * declarations;
  }

  private static void sweep(StatementWriter writer, FramedBody frame, String label,
      List<Stmt> statements, CodeBlock.Builder body) {
    if (frame == null) {
      writer.write(statements, body);
    } else {
      frame.write(label, body);
    }
  }

  /** {@code T v = init}, or in a frame {@code v = init} (v is a field). */
  private static void declare(CodeBlock.Builder body, FramedBody frame, Variable v, Namer namer,
      CodeBlock init) {
    if (frame == null) {
      body.addStatement("$T $N = $L", StatementWriter.typeOf(v), namer.name(v), init);
    } else {
      frame.declare(body, namer.name(v), init);
    }
  }

  /** The result's adjoint, the seed, and every other adjoint the sweeps use, at zero. */
  private void declareAdjoints(CodeBlock.Builder body, String seed, boolean vector,
      Namer namer, FramedBody frame) {
    if (adjoint.resultAdjoint() != null && vector) {
      body.addStatement("$T.addInto($N, $N)", ARRAY_STATE, seed,
          namer.name(adjoint.resultAdjoint()));
    } else if (adjoint.resultAdjoint() != null) {
      declare(body, frame, adjoint.resultAdjoint(), namer, CodeBlock.of("$N", seed));
    }
    for (Variable bar : adjoint.adjoints()) {
      if (frame == null) { // a frame's fields start at zero
        body.addStatement("double $N = 0.0", namer.name(bar));
      }
    }
  }

  /** The holder's tape, and the stacks this pullback records on with their tops at 0. */
  private CodeBlock tapeLocals(TapeLocals tape, String into, FramedBody frame) {
    CodeBlock.Builder code = CodeBlock.builder();
    CodeBlock reset = CodeBlock.of("$N.$N.reset()", into, tapeField());
    if (frame == null) {
      code.addStatement("$T $N = $L", TAPE, tape.tape(), reset);
    } else {
      frame.declare(code, tape.tape(), reset);
    }
    if (TapeLocals.uses(adjoint.forward(), TapeLocals.Stack.DOUBLES)) {
      CodeBlock doubles = CodeBlock.of("$N.doubles()", tape.tape());
      if (frame == null) {
        code.addStatement("double[] $N = $L", tape.doubles(), doubles)
            .addStatement("int $N = 0", tape.doubleTop());
      } else {
        frame.declare(code, tape.doubles(), doubles);
      }
    }
    if (TapeLocals.uses(adjoint.forward(), TapeLocals.Stack.INTS)) {
      CodeBlock ints = CodeBlock.of("$N.ints()", tape.tape());
      if (frame == null) {
        code.addStatement("int[] $N = $L", tape.ints(), ints)
            .addStatement("int $N = 0", tape.intTop());
      } else {
        frame.declare(code, tape.ints(), ints);
      }
    }
    return code.build();
  }

  /** A vector-valued method callable from the companion gets {@code fJacobian} methods. */
  private boolean hasJacobian() {
    return method.companion().hasJacobian();
  }

  /**
   * The holder's {@code jacobianSeed(rows)}: the reverse sweeps' seed array, kept in the holder so
   * that {@code fJacobian(..., into, work)} allocates nothing when {@code work} is reused.
   */
  private void jacobianSeed(TypeSpec.Builder type) {
    String field = holderField("jacobianSeed");
    type.addField(FieldSpec.builder(double[].class, field, Modifier.PRIVATE)
        .addJavadoc("The seeds of the Jacobian's reverse sweeps, kept for reuse.\n").build());
    type.addMethod(MethodSpec.methodBuilder(JACOBIAN_SEED).addModifiers(Modifier.PRIVATE)
        .returns(double[].class).addParameter(int.class, "rows")
        .addJavadoc("A zero array of {@code rows} entries for the Jacobian's seeds.\n")
        .beginControlFlow("if ($N == null || $N.length != rows)", field, field)
        .addStatement("$N = new double[rows]", field)
        .nextControlFlow("else")
        .addStatement("$T.fill($N, 0.0)", ARRAY_STATE, field)
        .endControlFlow()
        .addStatement("return $N", field)
        .build());
  }

  /** The holder's private tape field: {@code tape}, unless a parameter already has that name. */
  private String tapeField() {
    return holderField("tape");
  }

  /** A private field name of the holder that no gradient field (named after a parameter) takes. */
  private String holderField(String base) {
    return method.companion().holderField(base);
  }

  /**
   * Two array parameters that are one array, in a method that writes into its array
   * parameters, would be differentiated wrongly: refuse them. (A method that only reads them is a
   * function of their values, which aliasing does not change.)
   */
  static CodeBlock distinctArrays(MethodIR method, Namer namer) {
    CodeBlock.Builder code = CodeBlock.builder();
    if (!dev.cotangent.processor.read.Assignments.writesParameterArrays(method.parameters(),
        method.body())) {
      return code.build();
    }
    List<Variable> arrays = method.parameters().stream()
        .filter(p -> p.type().isDifferentiable() && p.type().isArray()).toList();
    for (int i = 0; i < arrays.size(); i++) {
      for (int j = i + 1; j < arrays.size(); j++) {
        Variable a = arrays.get(i);
        Variable b = arrays.get(j);
        if (a.type() == b.type()) {
          code.addStatement("$T.distinct($N, $N, $S, $S)", CHECKS, namer.name(a), namer.name(b),
              a.name(), b.name());
        }
      }
    }
    return code.build();
  }

  private static String zero(dev.cotangent.processor.ir.Type type) {
    return type.isArray() ? "null" : type == dev.cotangent.processor.ir.Type.FLOAT ? "0.0f" : "0.0";
  }

  static Class<?> javaType(Variable v) {
    return javaType(v.type());
  }

  static Class<?> javaType(dev.cotangent.processor.ir.Type type) {
    return switch (type) {
      case DOUBLE -> double.class;
      case INT -> int.class;
      case LONG -> long.class;
      case BOOLEAN -> boolean.class;
      case DOUBLE_ARRAY -> double[].class;
      case DOUBLE_MATRIX -> double[][].class;
      case INT_ARRAY -> int[].class;
      case OBJECT -> Object.class;
      case FLOAT -> float.class;
      case FLOAT_ARRAY -> float[].class;
      case FLOAT_MATRIX -> float[][].class;
    };
  }
}
