package dev.cotangent.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.cotangent.processor.differentiate.BatchMethod;
import dev.cotangent.processor.differentiate.TangentMethod;
import dev.cotangent.processor.ir.MethodIR;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a method's vector forward mode, {@code fBatch}: its tangent along k directions in one
 * sweep ({@code dev.cotangent.runtime.Lanes}: the direction index innermost, a scalar's k
 * tangents a {@code double[k]}, an array's packed {@code [i * k + d]}), with the method's own
 * values computed once. One overload keeps its scalar lanes in a caller's {@code Workspace}, so
 * that calling it again allocates nothing of its own.
 */
final class BatchWriter {
  static final ClassName LANES = ClassName.get("dev.cotangent.runtime", "Lanes");

  private BatchWriter() {}

  /**
   * {@code fBatch} with and without a workspace; when the sweep is too large for one method
   * ({@link FramedBody}), its frame class is added to {@code types}.
   */
  static List<MethodSpec> methods(TangentMethod tangent, BatchMethod batch, Splitting splitting,
      List<com.palantir.javapoet.TypeSpec> types) {
    return List.of(allocating(tangent, batch), withWorkspace(tangent, batch, splitting, types));
  }

  /** The bound ({@link BytecodeSize}) on the sweep's code. */
  static int estimate(TangentMethod tangent, BatchMethod batch) {
    MethodIR method = tangent.source().source();
    int arrays = (int) method.parameters().stream().filter(p -> p.type().isArray()).count();
    return BytecodeSize.of(batch.parts().get(0)) + 24 * (arrays * arrays + 2 * arrays + 4)
        + 12 * batch.sweep().hoisted().size();
  }

  private static Namer namer(TangentMethod tangent, BatchMethod batch) {
    Namer namer = new Namer();
    MethodIR method = tangent.source().source();
    namer.reserve(method.parameters());
    namer.reserve(batch.parameterLanes().values());
    namer.reserve(Signatures.userLocals(tangent.source().body())); // user names win
    return namer;
  }

  /** The original parameters, each direction parameter's lanes after it, then k. */
  static List<String> parameters(MethodIR method, java.util.Map<Variable, Variable> directions,
      BatchMethod batch, Namer namer, MethodSpec.Builder m) {
    List<String> names = new ArrayList<>();
    for (Variable p : method.parameters()) {
      m.addParameter(StatementWriter.typeOf(p), namer.name(p));
      names.add(namer.name(p));
      Variable dot = directions.get(p);
      if (dot != null) {
        Variable lanes = batch.parameterLanes().get(dot);
        m.addParameter(StatementWriter.typeOf(lanes), namer.name(lanes));
        names.add(namer.name(lanes));
      }
    }
    m.addParameter(int.class, namer.name(batch.k()));
    names.add(namer.name(batch.k()));
    return names;
  }

  private static MethodSpec.Builder start(TangentMethod tangent, BatchMethod batch, Namer namer,
      List<String> names, String resultDot) {
    MethodIR method = tangent.source().source();
    boolean vector = method.isVectorValued();
    MethodSpec.Builder m = Signatures.method(method.name() + "Batch", method.companion())
        .returns(vector ? TypeName.get(double[].class)
            : TypeName.get(AdjointWriter.javaType(method.returnType())))
        .addJavadoc("Value and directional derivatives of {@link $L} along k directions in one"
            + " sweep (vector forward mode): each differentiable parameter is followed by its"
            + " tangents in k lanes ({@code Lanes}: a scalar's {@code double[k]}, an array's"
            + " element {@code i} of direction {@code d} at {@code [i * k + d]}). $L"
            + " Returns the value.\n", method.companion().link(), vector
            ? "The result's tangents go into {@code " + resultDot + "}, packed the same way"
                + " ({@code [i * k + d]}, the result's length times k)."
            : "Direction {@code d}'s tangent goes into {@code " + resultDot + "[d]}.");
    names.addAll(parameters(method, tangent.tangentParameters(), batch, namer, m));
    m.addParameter(double[].class, resultDot);
    return m;
  }

  /** {@code fBatch(args with lanes, k, resultDot)}: a new workspace. */
  private static MethodSpec allocating(TangentMethod tangent, BatchMethod batch) {
    Namer namer = namer(tangent, batch);
    String resultDot = namer.fresh("resultDot", false);
    List<String> names = new ArrayList<>();
    MethodSpec.Builder m = start(tangent, batch, namer, names, resultDot);
    names.add(resultDot);
    return m.addStatement("return $N($L, new $T())", tangent.source().source().name() + "Batch",
        String.join(", ", names), HessianWriter.WORKSPACE).build();
  }

  /** {@code fBatch(args with lanes, k, resultDot, workspace)}: the sweep. */
  private static MethodSpec withWorkspace(TangentMethod tangent, BatchMethod batch,
      Splitting splitting, List<com.palantir.javapoet.TypeSpec> types) {
    MethodIR method = tangent.source().source();
    Namer namer = namer(tangent, batch);
    String resultDot = namer.fresh("resultDot", false);
    String workspace = namer.fresh("workspace", false);
    MethodSpec.Builder m = start(tangent, batch, namer, new ArrayList<>(), resultDot)
        .addParameter(HessianWriter.WORKSPACE, workspace)
        .addJavadoc("{@code $N} keeps the scalar tangents' lanes for the next call.\n",
            workspace);
    List<String> arguments = new ArrayList<>(parameters(method, tangent.tangentParameters(),
        batch, namer, MethodSpec.methodBuilder("probe")));
    arguments.add(resultDot);
    arguments.add(workspace);
    int estimate = estimate(tangent, batch);
    FramedBody frame = null;
    if (splitting.splits(estimate)) {
      List<Variable> specials = new ArrayList<>(method.parameters());
      specials.addAll(batch.parameterLanes().values());
      specials.add(batch.k());
      specials.addAll(batch.sweep().hoisted());
      specials.add(tangent.result());
      if (tangent.resultTangent() != null && batch.sweep().isLane(tangent.resultTangent())) {
        specials.add(tangent.resultTangent().type().isArray() ? tangent.resultTangent()
            : batch.sweep().laneArray(tangent.resultTangent()));
      }
      String holder = FramedBody.name(method.companion().holder());
      frame = new FramedBody(method.companion().tangent().nestedClass(holder + "Batch"), namer,
          TapeLocals.none(), splitting, java.util.Map.of("sweep", batch.parts().get(0)),
          java.util.Map.of("sweep", "lanes"), specials);
      frame.field(resultDot, TypeName.get(double[].class));
      frame.field(workspace, HessianWriter.WORKSPACE);
    }
    CodeBlock.Builder body = CodeBlock.builder();
    String k = namer.name(batch.k());
    checks(method, tangent.tangentParameters(), batch, namer, body);
    copies(batch, namer, workspace, body);
    body.add(AdjointWriter.distinctArrays(method, namer));
    hoisted(batch, namer, workspace, 0, body, frame);
    if (frame == null) {
      new StatementWriter(namer, TapeLocals.none()).write(batch.parts().get(0), body);
    } else {
      frame.write("sweep", body);
    }
    String result = namer.name(tangent.result());
    Variable resultTangent = tangent.resultTangent();
    String length = method.isVectorValued() ? namer.name(tangent.result()) + ".length * " + k : k;
    if (resultTangent == null || !batch.sweep().isLane(resultTangent)) {
      body.addStatement("$T.check($N, $L, 1, $S)", LANES, resultDot, length, resultDot);
      body.addStatement("$T.fill($N, 0.0)", AdjointWriter.ARRAY_STATE, resultDot);
    } else {
      Variable lanes = resultTangent.type().isArray() ? resultTangent
          : batch.sweep().laneArray(resultTangent);
      body.addStatement("$T.copyInto($N, $N, $S)", AdjointWriter.ARRAY_STATE, namer.name(lanes),
          resultDot, resultDot);
    }
    body.addStatement("return $N", result);
    if (frame == null) {
      return m.addCode(body.build()).build();
    }
    MethodSpec run = MethodSpec.methodBuilder("lanes").returns(m.build().returnType())
        .addJavadoc("The sweep's code, in parts.\n").addCode(body.build()).build();
    types.add(frame.type(run, "the vector mode of {@link " + method.companion().link() + "}"));
    return frame.wrapper(m, arguments, "lanes", estimate, "vector-mode tangent");
  }

  /** Each direction parameter must have k lanes per entry of its argument. */
  static void checks(MethodIR method, java.util.Map<Variable, Variable> directions,
      BatchMethod batch, Namer namer, CodeBlock.Builder body) {
    String k = namer.name(batch.k());
    for (Variable p : method.parameters()) {
      Variable dot = directions.get(p);
      if (dot == null) {
        continue;
      }
      String lanes = namer.name(batch.parameterLanes().get(dot));
      if (p.type().dimensions() == 2) {
        body.addStatement("$T.check($N, $N, $N, $S)", LANES, lanes, namer.name(p), k, lanes);
      } else {
        body.addStatement("$T.check($N, $L, $N, $S)", LANES, lanes,
            p.type().isArray() ? namer.name(p) + ".length" : "1", k, lanes);
      }
    }
  }

  /**
   * A scalar parameter the method reassigns has its lanes written by the sweep: they are copied
   * into the workspace first (the slots after the hoisted lanes'), so that the caller's
   * direction array is left as it was.
   */
  private static void copies(BatchMethod batch, Namer namer, String workspace,
      CodeBlock.Builder body) {
    int slot = batch.sweep().hoisted().size();
    for (Variable lanes : writtenLanes(batch)) {
      body.addStatement("$N = $N.copyOf($L, $N)", namer.name(lanes), workspace, slot++,
          namer.name(lanes));
    }
  }

  /**
   * The lanes parameters of scalar directions that the sweep writes into, or passes to a call
   * (which might write), in parameter order.
   */
  static List<Variable> writtenLanes(BatchMethod batch) {
    List<Variable> out = new ArrayList<>();
    List<dev.cotangent.processor.ir.Stmt> all =
        dev.cotangent.processor.ir.Children.flatten(batch.parts().get(0));
    batch.parameterLanes().forEach((dot, lanes) -> {
      if (dot.type().isArray()) {
        return; // an array's packed tangent ends as its final contents' tangent
      }
      boolean written = all.stream().anyMatch(s ->
          s instanceof dev.cotangent.processor.ir.Stmt.ArrayWrite w
              && dev.cotangent.processor.analyse.Aliases.root(w.array()) == lanes
          || s instanceof dev.cotangent.processor.ir.Stmt.Evaluate e
              && dev.cotangent.processor.analyse.Variables.in(e.call()).contains(lanes));
      if (written) {
        out.add(lanes);
      }
    });
    return out;
  }

  /** The scalar tangents' k lanes, from slots {@code first, first + 1, ...} of the workspace. */
  static void hoisted(BatchMethod batch, Namer namer, String workspace, int first,
      CodeBlock.Builder body) {
    hoisted(batch, namer, workspace, first, body, null);
  }

  private static void hoisted(BatchMethod batch, Namer namer, String workspace, int first,
      CodeBlock.Builder body, FramedBody frame) {
    int slot = first;
    for (Variable lanes : batch.sweep().hoisted()) {
      CodeBlock zeros = CodeBlock.of("$N.zeros($L, $N)", workspace, slot++,
          namer.name(batch.k()));
      if (frame == null) {
        body.addStatement("$T $N = $L", StatementWriter.typeOf(lanes), namer.name(lanes), zeros);
      } else {
        frame.declare(body, namer.name(lanes), zeros);
      }
    }
  }
}
