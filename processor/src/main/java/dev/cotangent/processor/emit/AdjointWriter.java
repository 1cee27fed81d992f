package dev.cotangent.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.cotangent.processor.differentiate.AdjointMethod;
import dev.cotangent.processor.differentiate.checkpoint.CheckpointedLoop;
import dev.cotangent.processor.ir.CompanionModel;
import dev.cotangent.processor.ir.Exprs;
import dev.cotangent.processor.ir.MethodIR;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import dev.cotangent.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/** Writes one method's reverse-mode companion: its gradient holder, gradient and pullback. */
final class AdjointWriter {
  static final ClassName TAPE = ClassName.get("dev.cotangent.runtime", "Tape");
  private static final ClassName CHECKPOINTS =
      ClassName.get("dev.cotangent.runtime", "Checkpoints");
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

  private final OutArguments written;

  AdjointWriter(AdjointMethod adjoint, ClassName companion, Splitting splitting) {
    this.adjoint = adjoint;
    this.method = adjoint.source().source();
    this.holder = method.companion().holder();
    this.splitting = splitting;
    this.written = new OutArguments(adjoint);
  }

  /** The holder, and the pullback's frame when it is split (call after {@link #methods}). */
  List<TypeSpec> types() {
    return frameType == null ? List.of(holderType()) : List.of(holderType(), frameType);
  }

  /**
   * The gradient (for a scalar result), the pullback, and, when the method writes into
   * differentiable array arguments, the pullback taking their final contents' cotangents
   * ({@link OutArguments}), which the plain pullback then calls; the Jacobians of a {@code
   * double[]} result.
   */
  List<MethodSpec> methods() {
    List<MethodSpec> methods = new ArrayList<>();
    Type result = method.returnType();
    if (!result.isArray() && result != Type.VOID) {
      methods.add(gradient());
    }
    if (written.isEmpty()) {
      methods.add(pullback(false));
    } else {
      if (result != Type.VOID) {
        methods.add(written.plainPullback(holder));
      }
      methods.add(pullback(true));
    }
    if (hasJacobian()) {
      methods.addAll(new JacobianWriter(method, holder).methods());
    }
    return methods;
  }

  private TypeSpec holderType() {
    String name = method.name();
    TypeSpec.Builder type = TypeSpec.classBuilder(holder)
        // the companions' visibility
        .addModifiers(method.companion().visibility().toArray(Modifier[]::new))
        .addModifiers(Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("Value and gradient of {@link $L}.\n", method.companion().link());
    CodeBlock.Builder clear = CodeBlock.builder();
    if (method.returnType() != Type.VOID) {
      type.addField(FieldSpec.builder(TypeName.get(javaType(method.returnType())),
              CompanionModel.VALUE, Modifier.PUBLIC)
          .addJavadoc("{@code $L}'s value at the last evaluation.\n", name).build());
      clear.addStatement("value = $L", zero(method.returnType()));
    }
    OutArguments.constants(method, type);
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
    checkpointFields(type);
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

  /**
   * The pullback; {@code bars}: the overload that takes, after the holder, the cotangent of the
   * final contents of each array argument the method writes into, and updates it in place to
   * the cotangent of the argument's contents on entry ({@link OutArguments}).
   */
  private MethodSpec pullback(boolean bars) {
    Namer namer = new Namer();
    namer.reserve(method.parameters());
    namer.reserve(Signatures.userLocals(adjoint.source().body()));
    Type resultType = method.returnType();
    boolean none = resultType == Type.VOID;
    boolean vector = resultType.isArray();
    String seed = none ? null : namer.fresh(vector ? "resultBar" : "seed", false);
    String into = namer.fresh("into", false);
    TapeLocals tape = TapeLocals.fresh(namer);
    StatementWriter writer = new StatementWriter(namer, tape);
    TypeName returns = TypeName.get(javaType(resultType));
    MethodSpec.Builder m = Signatures.method(method.name(), method.companion()).returns(returns);
    if (vector) {
      m.addJavadoc("Pullback of {@link $L}: sets {@code $N.value} to the result, adds"
          + " Jᵀ·{@code $N} (the result's cotangent, of the result's shape) into {@code $N}, and"
          + " returns the result.\n", method.companion().link(), into, seed, into);
    } else if (!none) {
      m.addJavadoc("Pullback of {@link $L}: sets {@code $N.value} to the value, adds {@code $N}"
          + " times the derivative with respect to each differentiable parameter into {@code"
          + " $N}, and returns the value.\n", method.companion().link(), into, seed,
          into);
    } else {
      m.addJavadoc("Pullback of {@link $L}, which returns nothing and writes into its array"
          + " arguments.\n", method.companion().link());
    }
    List<String> arguments = new ArrayList<>();
    for (Variable p : method.parameters()) {
      m.addParameter(StatementWriter.typeOf(p), namer.name(p));
      arguments.add(namer.name(p));
    }
    if (!none) {
      m.addParameter(returns, seed);
      arguments.add(seed);
    }
    m.addParameter(holder, into);
    arguments.add(into);
    int estimate = estimate(adjoint);
    FramedBody frame = splitting.splits(estimate) ? frame(namer, tape, seed, into, bars) : null;
    CodeBlock.Builder body = CodeBlock.builder();
    if (bars) {
      written.parameters(m, body, namer, into);
      for (AdjointMethod.ArrayParameter array : adjoint.arrayParameters()) {
        if (written.contains(array)) {
          arguments.add(namer.name(array.adjoint()));
        }
      }
    }
    body.add(distinctArrays(method, namer));
    for (AdjointMethod.ArrayParameter array : adjoint.arrayParameters()) {
      Variable p = array.parameter();
      if (bars && written.contains(array)) {
        continue; // the caller's cotangent array, updated in place
      } else if (array.direct()) {
        declare(body, frame, array.adjoint(), namer, CodeBlock.of("$N.$N", into, p.name()));
      } else {
        declare(body, frame, array.adjoint(), namer,
            CodeBlock.of("$T.zerosLike($N)", ARRAY_STATE, namer.name(p)));
      }
    }
    if (adjoint.usesTape()) {
      body.add(tapeLocals(tape, into, frame));
    }
    List<CheckpointedLoop> loops = adjoint.checkpointed();
    for (int i = 0; i < loops.size(); i++) {
      CodeBlock checkpoints = CodeBlock.of("$N.$N", into, checkpointField(i));
      if (frame == null) {
        body.addStatement("$T $N = $L", CHECKPOINTS, namer.name(loops.get(i).local()),
            checkpoints);
      } else {
        frame.declare(body, namer.name(loops.get(i).local()), checkpoints);
      }
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
    if (frame == null
        && !dev.cotangent.processor.ir.Reachability.completesNormally(adjoint.forward())) {
      return m.addCode(body.build()).build(); // the method always throws
    }
    if (vector) {
      body.addStatement("$T.sameLength($N, $N, $S)", CHECKS, namer.name(adjoint.returned()), seed,
          "resultBar");
    }
    String result = namer.name(adjoint.returned());
    if (!none) {
      body.addStatement("$N.value = $N", into, result);
    }
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
        if (!array.direct() && array.parameter().isDifferentiableParameter()
            && !(bars && written.contains(array))) {
          body.addStatement("$T.addInto($N, $N.$N)", ARRAY_STATE, namer.name(array.adjoint()),
              into, array.parameter().name());
        }
      }
    }
    if (!none) {
      body.addStatement("return $N", result);
    }
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
  private FramedBody frame(Namer namer, TapeLocals tape, String seed, String into,
      boolean bars) {
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
    adjoint.checkpointed().forEach(loop -> specials.add(loop.local()));
    FramedBody frame = new FramedBody(holder.peerClass(FramedBody.name(holder)), namer, tape,
        splitting, sweeps, Map.of("forward sweep", "forward", "reverse sweep", "reverse"),
        specials);
    if (seed != null) {
      frame.field(seed, TypeName.get(javaType(method.returnType())));
    }
    frame.field(into, holder);
    if (adjoint.usesTape()) {
      frame.tapeFields(TapeLocals.uses(recording(), TapeLocals.Stack.DOUBLES),
          TapeLocals.uses(recording(), TapeLocals.Stack.INTS));
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
    if (frame == null) {
      return tapeLocals(tape, into, tapeField(), recording());
    }
    CodeBlock.Builder code = CodeBlock.builder();
    frame.declare(code, tape.tape(), CodeBlock.of("$N.$N.reset()", into, tapeField()));
    if (TapeLocals.uses(recording(), TapeLocals.Stack.DOUBLES)) {
      frame.declare(code, tape.doubles(), CodeBlock.of("$N.doubles()", tape.tape()));
    }
    if (TapeLocals.uses(recording(), TapeLocals.Stack.INTS)) {
      frame.declare(code, tape.ints(), CodeBlock.of("$N.ints()", tape.tape()));
    }
    return code.build();
  }

  /** The code that records on the tape: both sweeps (a checkpointed trip records in the reverse). */
  private List<Stmt> recording() {
    List<Stmt> recording = new ArrayList<>(adjoint.forward());
    recording.addAll(adjoint.reverse());
    return recording;
  }

  /**
   * {@code Tape tape = into.tape.reset();} and the stacks the {@code forward} code records on
   * (a pullback's sweeps, a Hessian-vector product's), with their tops at 0.
   */
  static CodeBlock tapeLocals(TapeLocals tape, String into, String tapeField,
      List<dev.cotangent.processor.ir.Stmt> forward) {
    CodeBlock.Builder code = CodeBlock.builder()
        .addStatement("$T $N = $N.$N.reset()", TAPE, tape.tape(), into, tapeField);
    if (TapeLocals.uses(forward, TapeLocals.Stack.DOUBLES)) {
      code.addStatement("double[] $N = $N.doubles()", tape.doubles(), tape.tape())
          .addStatement("int $N = 0", tape.doubleTop());
    }
    if (TapeLocals.uses(forward, TapeLocals.Stack.INTS)) {
      code.addStatement("int[] $N = $N.ints()", tape.ints(), tape.tape())
          .addStatement("int $N = 0", tape.intTop());
    }
    return code.build();
  }

  /**
   * A holder field with the {@code Checkpoints} of each loop reversed from snapshots, kept so
   * that later pullbacks reuse their storage, and read-only access to them and to the tape's
   * size (how much memory the pullback keeps).
   */
  private void checkpointFields(TypeSpec.Builder type) {
    List<CheckpointedLoop> loops = adjoint.checkpointed();
    if (loops.isEmpty()) {
      return;
    }
    MethodSpec.Builder access = MethodSpec.methodBuilder("checkpoints")
        .addModifiers(Modifier.PUBLIC).returns(CHECKPOINTS).addParameter(int.class, "loop")
        .addJavadoc("The schedule and snapshots of the method's {@code loop}-th checkpointed"
            + " loop (from 0, in source order): its trip count, the trips the last pullback ran"
            + " again, the bytes its snapshots keep. For inspection; do not drive it.\n");
    for (int i = 0; i < loops.size(); i++) {
      CheckpointedLoop loop = loops.get(i);
      type.addField(FieldSpec.builder(CHECKPOINTS, checkpointField(i), Modifier.PRIVATE,
              Modifier.FINAL)
          .initializer("new $T()", CHECKPOINTS)
          .addJavadoc("The snapshots of the loop at line $L, kept for the next pullback.\n",
              loop.origin() == null ? "?" : loop.origin().line()).build());
      access.beginControlFlow("if (loop == $L)", i)
          .addStatement("return $N", checkpointField(i))
          .endControlFlow();
    }
    type.addMethod(access.addStatement("throw new $T($S + loop)",
        IndexOutOfBoundsException.class, "no checkpointed loop ").build());
    MethodSpec.Builder tapeBytes = MethodSpec.methodBuilder("tapeBytes")
        .addModifiers(Modifier.PUBLIC).returns(long.class)
        .addJavadoc("The bytes of tape this holder keeps for its pullbacks (with checkpoints,"
            + " about one trip's records).\n");
    type.addMethod(adjoint.usesTape()
        ? tapeBytes.addStatement("return $N.bytes()", tapeField()).build()
        : tapeBytes.addStatement("return 0").build());
  }

  private String checkpointField(int loop) {
    return holderField(loop == 0 ? "checkpoints" : "checkpoints" + (loop + 1));
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
        } else if (a.type().scalar() == b.type().scalar()) {
          Variable row = a.type().dimensions() == 1 ? a : b;
          Variable matrix = row == a ? b : a;
          code.addStatement("$T.notRowOf($N, $N, $S, $S)", CHECKS, namer.name(row),
              namer.name(matrix), row.name(), matrix.name());
        }
      }
    }
    return code.build();
  }

  static String zero(dev.cotangent.processor.ir.Type type) {
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
      case CHAR -> char.class;
      case BYTE -> byte.class;
      case SHORT -> short.class;
      case CHAR_ARRAY -> char[].class;
      case BYTE_ARRAY -> byte[].class;
      case SHORT_ARRAY -> short[].class;
      case INT_MATRIX -> int[][].class;
      case STRING -> String.class;
      case ENUM -> throw new IllegalStateException("an enum type is named by its class");
      case VOID -> void.class;
    };
  }
}
