package dev.cotangent.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.cotangent.processor.analyse.ResultLength;
import dev.cotangent.processor.ir.MethodIR;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Writes the two {@code fJacobian} methods of a vector-valued {@code f}: the dense m×n matrix
 * J[i][j] = ∂f_i/∂p_j over the differentiable inputs flattened in order, either in a new matrix
 * or into a caller's matrix with a caller's gradient holder as workspace (for calling it once per
 * observation without allocating). It takes m reverse sweeps (one pullback per row) when m ≤ n,
 * and otherwise forward sweeps: one batched tangent ({@code fBatch}) per block of up to
 * {@code Lanes.WIDTH} columns (one tangent per column for a method with float values). The number of results comes from the
 * source when every {@code return} fixes it ({@link ResultLength}), else from one call of f (the
 * allocating method) or from the caller's matrix (checked by the sweeps against the result). Array
 * arguments are reset to their entry values before each sweep, so a function that updates its
 * arguments in place is differentiated at the same point each time.
 */
final class JacobianWriter {
  private final MethodIR method;
  private final ClassName holder;
  private final boolean writes;
  private Namer namer;

  JacobianWriter(MethodIR method, ClassName holder) {
    this.method = method;
    this.holder = holder;
    // Each sweep must start from the caller's arrays: a method that writes into them needs them
    // saved and put back; one that only reads them does not.
    this.writes = dev.cotangent.processor.read.Assignments.writesParameterArrays(
        method.parameters(), method.body());
  }

  List<MethodSpec> methods() {
    return List.of(allocating(), intoCallers());
  }

  /** {@code double[][] fJacobian(args)}: a new matrix, through {@link #intoCallers}. */
  private MethodSpec allocating() {
    namer = new Namer();
    namer.reserve(method.parameters());
    String rows = namer.fresh("rows", false);
    String columns = namer.fresh("columns", false);
    CodeBlock.Builder body = CodeBlock.builder();
    OptionalInt fixedRows = ResultLength.of(method.body());
    if (fixedRows.isPresent()) {
      // every return gives an array of this length: no need to call the method to learn it
      body.addStatement("int $N = $L", rows, fixedRows.getAsInt());
    } else {
      List<Variable> arrays = writtenArrays();
      List<String> entries = snapshots(body, arrays);
      valueRows(body, namer.fresh("value", false), rows);
      body.add(restore(arrays, entries));
    }
    body.addStatement("int $N = $L", columns, columnCount());
    List<String> shapes = inputs().stream().filter(p -> p.type().isArray()).map(namer::name).toList();
    body.addStatement("return $N($L, new double[$N][$N], new $T($L))", method.name() + "Jacobian",
        arguments(List.of()), rows, columns, holder, String.join(", ", shapes));
    MethodSpec.Builder m = signature()
        .addJavadoc("The Jacobian of {@link $L}: {@code J[i][j]} is the derivative of result"
            + " {@code i} with respect to input {@code j}, the differentiable parameters"
            + " flattened in order (arrays row by row). Uses one reverse sweep per result when"
            + " there are no more results than inputs, one forward sweep per input otherwise.\n",
            method.companion().link());
    return m.addCode(body.build()).build();
  }

  /** {@code double[][] fJacobian(args, into, work)}: the caller's matrix and holder, reused. */
  private MethodSpec intoCallers() {
    namer = new Namer();
    namer.reserve(method.parameters());
    String into = namer.fresh("into", false);
    String work = namer.fresh("work", false);
    String rows = namer.fresh("rows", false);
    String columns = namer.fresh("columns", false);
    List<Variable> inputs = inputs();
    CodeBlock.Builder body = CodeBlock.builder();
    body.addStatement("int $N = $N.length", rows, into);
    body.addStatement("int $N = $L", columns, columnCount());
    OptionalInt fixedRows = ResultLength.of(method.body());
    body.addStatement("$T.matrixShape($N, $L, $N, $S)", AdjointWriter.CHECKS, into,
        fixedRows.isPresent() ? fixedRows.getAsInt() : -1, columns, into);
    for (Variable p : inputs) {
      if (p.type().isArray()) {
        body.addStatement("$T.sameShape($N.$N, $N, $S)", AdjointWriter.CHECKS, work, p.name(),
            namer.name(p), work + "." + p.name());
      }
    }
    List<Variable> arrays = writtenArrays();
    List<String> entries = snapshots(body, arrays);
    CodeBlock restore = restore(arrays, entries);
    body.beginControlFlow("if ($N <= $N)", rows, columns);
    reverseSweeps(body, inputs, restore, rows, into, work);
    body.nextControlFlow("else");
    if (dev.cotangent.processor.differentiate.BatchMethod.applies(method)) {
      batchedSweeps(body, inputs, restore, rows, columns, into);
    } else {
      forwardSweeps(body, inputs, restore, rows, into);
    }
    body.endControlFlow();
    body.addStatement("return $N", into);
    MethodSpec.Builder m = signature()
        .addJavadoc("The Jacobian of {@link $L} written into {@code $L}, which must have a row"
            + " per result and a column per differentiable input, and is returned. {@code $L}, a"
            + " holder made from arguments of these shapes, is the workspace of the reverse"
            + " sweeps and ends holding the last row's gradient: reusing both, a call with no"
            + " more results than inputs allocates nothing beyond what {@code $L} itself"
            + " allocates.\n",
            method.companion().link(), into, work, method.name());
    return m.addParameter(double[][].class, into).addParameter(holder, work)
        .addCode(body.build()).build();
  }

  private MethodSpec.Builder signature() {
    MethodSpec.Builder m = Signatures.method(method.name(), method.companion())
        .setName(method.name() + "Jacobian")
        .returns(double[][].class);
    for (Variable p : method.parameters()) {
      m.addParameter(StatementWriter.typeOf(p), namer.name(p));
    }
    return m;
  }

  private List<Variable> inputs() {
    return method.differentiableParameters();
  }

  private List<Variable> writtenArrays() {
    return !writes ? List.of()
        : method.parameters().stream().filter(p -> p.type().isArray()).toList();
  }

  /** {@code double[] aEntry = ArrayState.snapshot(a);} for each array; the snapshots' names. */
  private List<String> snapshots(CodeBlock.Builder body, List<Variable> arrays) {
    List<String> entries = new ArrayList<>();
    for (Variable array : arrays) {
      String entry = namer.fresh(array.name() + "Entry", false);
      entries.add(entry);
      body.addStatement("$L $N = $T.snapshot($N)", array.type().javaName(), entry,
          AdjointWriter.ARRAY_STATE, namer.name(array));
    }
    return entries;
  }

  private CodeBlock columnCount() {
    List<Variable> inputs = inputs();
    return inputs.isEmpty() ? CodeBlock.of("0")
        : inputs.stream().map(this::size).collect(CodeBlock.joining(" + "));
  }

  /** {@code double[] value = f(args); int rows = value.length;} */
  private void valueRows(CodeBlock.Builder body, String value, String rows) {
    if (!method.companion().callable()) {
      body.addStatement("double[] $N = $T.$N($L)", value, method.companion().adjoint(),
          method.companion().primal(), arguments(List.of()));
    } else if (!method.parameters().isEmpty() && method.parameters().get(0).isReceiver()) {
      List<String> rest = new ArrayList<>();
      method.parameters().subList(1, method.parameters().size())
          .forEach(p -> rest.add(namer.name(p)));
      body.addStatement("double[] $N = $N.$N($L)", value, namer.name(method.parameters().get(0)),
          method.name(), String.join(", ", rest));
    } else {
      body.addStatement("double[] $N = $T.$N($L)", value, method.companion().original(),
          method.name(),
          arguments(List.of()));
    }
    body.addStatement("int $N = $N.length", rows, value);
  }

  private void reverseSweeps(CodeBlock.Builder body, List<Variable> inputs, CodeBlock restore,
      String rows, String jacobian, String gradient) {
    String seed = namer.fresh("seed", false);
    String i = namer.fresh("i", false);
    String column = namer.fresh("column", false);
    body.addStatement("double[] $N = $N.$N($N)", seed, gradient, AdjointWriter.JACOBIAN_SEED, rows);
    body.beginControlFlow("for (int $N = 0; $N < $N; $N++)", i, i, rows, i);
    body.add(restore);
    body.addStatement("$N.clear()", gradient);
    body.addStatement("$N[$N] = 1.0", seed, i);
    body.addStatement("$N($L)", method.name(), arguments(List.of(seed, gradient)));
    body.addStatement("$N[$N] = 0.0", seed, i);
    body.addStatement("int $N = 0", column);
    for (Variable p : inputs) {
      if (p.type().isArray()) {
        body.addStatement("$N = $T.putRow($N[$N], $N, $N.$N)", column, AdjointWriter.ARRAY_STATE,
            jacobian, i, column, gradient, p.name());
      } else {
        body.addStatement("$N[$N][$N++] = $N.$N", jacobian, i, column, gradient, p.name());
      }
    }
    body.endControlFlow();
  }

  /**
   * m > n: one batched tangent ({@code fBatch}) per block of at most {@code Lanes.WIDTH}
   * columns, the unit directions in its lanes, so that the method runs once per block.
   */
  private void batchedSweeps(CodeBlock.Builder body, List<Variable> inputs, CodeBlock restore,
      String rows, String columns, String jacobian) {
    String blocks = namer.fresh("blocks", false);
    String k = namer.fresh("k", false);
    String resultDot = namer.fresh("resultDot", false);
    String lanes = namer.fresh("lanes", false);
    String first = namer.fresh("first", false);
    String offset = namer.fresh("offset", false);
    body.addStatement("int $N = Math.max(1, ($N + $T.WIDTH - 1) / $T.WIDTH)", blocks, columns,
        BatchWriter.LANES, BatchWriter.LANES);
    body.addStatement("int $N = Math.max(1, ($N + $N - 1) / $N)", k, columns, blocks, blocks);
    List<String> directions = new ArrayList<>();
    for (Variable p : inputs) {
      String dot = namer.fresh(p.name() + "Dot", false);
      directions.add(dot);
      if (p.type().isArray()) {
        body.addStatement("$L $N = $T.zerosLike($N, $N)", p.type().javaName(), dot,
            BatchWriter.LANES, namer.name(p), k);
      } else {
        body.addStatement("double[] $N = new double[$N]", dot, k);
      }
    }
    body.addStatement("double[] $N = new double[$N * $N]", resultDot, rows, k);
    body.addStatement("$T $N = new $T()", HessianWriter.WORKSPACE, lanes,
        HessianWriter.WORKSPACE);
    body.beginControlFlow("for (int $N = 0; $N < $N; $N += $N)", first, first, columns, first, k);
    body.add(restore);
    body.addStatement("int $N = 0", offset);
    for (String dot : directions) {
      body.addStatement("$N = $T.units($N, $N, $N, $N)", offset, BatchWriter.LANES, dot, k,
          offset, first);
    }
    List<String> args = new ArrayList<>();
    int at = 0;
    for (Variable p : method.parameters()) {
      args.add(namer.name(p));
      if (p.isDifferentiableParameter()) {
        args.add(directions.get(at++));
      }
    }
    args.addAll(List.of(k, resultDot, lanes));
    body.addStatement("$T.$N($L)", method.companion().tangent(), method.name() + "Batch",
        String.join(", ", args));
    body.addStatement("$T.putColumns($N, 0, $N, Math.min($N, $N - $N), $N, $N)",
        BatchWriter.LANES, jacobian, first, k, columns, first, resultDot, k);
    body.endControlFlow();
  }

  private void forwardSweeps(CodeBlock.Builder body, List<Variable> inputs, CodeBlock restore,
      String rows, String jacobian) {
    String resultDot = namer.fresh("resultDot", false);
    String column = namer.fresh("column", false);
    body.addStatement("double[] $N = new double[$N]", resultDot, rows);
    body.addStatement("int $N = 0", column);
    List<String> directions = new ArrayList<>();
    String packed = method.companion().packedTangent() ? namer.fresh("tangents", false) : null;
    if (packed != null) { // the scalars' directions are the entries of one array
      body.addStatement("double[] $N = new double[$L]", packed,
          inputs.stream().filter(p -> !p.type().isArray()).count());
    }
    int scalar = 0;
    for (Variable p : inputs) {
      if (packed != null && !p.type().isArray()) {
        directions.add(packed + "[" + scalar++ + "]");
        continue;
      }
      String dot = namer.fresh(p.name() + "Dot", false);
      directions.add(dot);
      if (p.type().isArray()) {
        body.addStatement("$L $N = $T.zerosLike($N)", p.type().javaName(), dot,
            AdjointWriter.ARRAY_STATE, namer.name(p));
      } else {
        body.addStatement("$L $N = 0", p.type().javaName(), dot);
      }
    }
    ClassName tangent = method.companion().tangent();
    CodeBlock.Builder reset = CodeBlock.builder();
    for (int k = 0; k < inputs.size(); k++) {
      if (inputs.get(k).type().isArray()) {
        // The tangent updates the tangents of arrays written in place: start each column clean.
        reset.addStatement("$T.fill($N, 0)", AdjointWriter.ARRAY_STATE, directions.get(k));
      }
    }
    CodeBlock clean = reset.build();
    CodeBlock call = CodeBlock.builder()
        .add(restore)
        .addStatement("$T.$N($L)", tangent, method.name(),
            tangentArguments(directions, resultDot, packed))
        .addStatement("$T.putColumn($N, $N++, $N)", AdjointWriter.ARRAY_STATE, jacobian, column,
            resultDot)
        .build();
    for (int k = 0; k < inputs.size(); k++) {
      Variable p = inputs.get(k);
      String dot = directions.get(k);
      if (p.type().dimensions() == 0) {
        body.add(clean).addStatement("$N = 1", dot).add(call).addStatement("$N = 0", dot);
      } else if (p.type().dimensions() == 1) {
        String e = namer.fresh("e", false);
        body.beginControlFlow("for (int $N = 0; $N < $N.length; $N++)", e, e, dot, e)
            .add(clean).addStatement("$N[$N] = 1", dot, e).add(call)
            .endControlFlow();
      } else {
        String r = namer.fresh("r", false);
        String e = namer.fresh("e", false);
        body.beginControlFlow("for (int $N = 0; $N < $N.length; $N++)", r, r, dot, r)
            .beginControlFlow("for (int $N = 0; $N < $N[$N].length; $N++)", e, e, dot, r, e)
            .add(clean).addStatement("$N[$N][$N] = 1", dot, r, e).add(call)
            .endControlFlow().endControlFlow();
      }
    }
  }

  private CodeBlock size(Variable p) {
    return switch (p.type()) {
      case DOUBLE, FLOAT -> CodeBlock.of("1");
      case DOUBLE_ARRAY, FLOAT_ARRAY -> CodeBlock.of("$N.length", namer.name(p));
      default -> CodeBlock.of("$T.count($N)", AdjointWriter.ARRAY_STATE, namer.name(p));
    };
  }

  private CodeBlock restore(List<Variable> arrays, List<String> entries) {
    CodeBlock.Builder code = CodeBlock.builder();
    for (int k = 0; k < arrays.size(); k++) {
      code.addStatement("$T.restore($N, $N)", AdjointWriter.ARRAY_STATE, entries.get(k),
          namer.name(arrays.get(k)));
    }
    return code.build();
  }

  private String arguments(List<String> extra) {
    List<String> args = new ArrayList<>();
    method.parameters().forEach(p -> args.add(namer.name(p)));
    args.addAll(extra);
    return String.join(", ", args);
  }

  private String tangentArguments(List<String> directions, String resultDot, String packed) {
    List<String> args = new ArrayList<>();
    int k = 0;
    for (Variable p : method.parameters()) {
      args.add(namer.name(p));
      if (p.isDifferentiableParameter()) {
        String direction = directions.get(k++);
        if (packed == null || p.type().isArray()) {
          args.add(direction);
        }
      }
    }
    if (packed != null) {
      args.add(packed);
    }
    args.add(resultDot);
    return String.join(", ", args);
  }
}
