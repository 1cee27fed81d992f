package dev.cotangent.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.cotangent.processor.ir.MethodIR;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the two {@code fHessian} methods of a scalar {@code f}: the dense symmetric n×n
 * Hessian over the differentiable inputs flattened in order (arrays row by row, as
 * {@code fJacobian} flattens them), in a new matrix or into a caller's matrix with a caller's
 * Hessian-vector product holder as workspace. Row j is the product with the j-th unit direction;
 * the matrix is then made exactly symmetric (mirrored entries differ by rounding). Array
 * arguments are reset to their entry values before each product, so a function that updates
 * them in place is differentiated at one point.
 */
final class HessianMatrixWriter {
  private final MethodIR method;
  private final ClassName holder;
  private final String workspace;
  private final boolean writes;
  private final dev.cotangent.processor.differentiate.BatchMethod lanes;
  private Namer namer;

  HessianMatrixWriter(MethodIR method, ClassName holder, String workspace,
      dev.cotangent.processor.differentiate.BatchMethod lanes) {
    this.method = method;
    this.holder = holder;
    this.workspace = workspace;
    this.lanes = lanes;
    this.writes = dev.cotangent.processor.read.Assignments.writesParameterArrays(
        method.parameters(), method.body());
  }

  List<MethodSpec> methods() {
    return List.of(allocating(), intoCallers());
  }

  private MethodSpec.Builder signature() {
    MethodSpec.Builder m = Signatures.method(method.name() + "Hessian", method.companion())
        .returns(double[][].class);
    for (Variable p : method.parameters()) {
      m.addParameter(StatementWriter.typeOf(p), namer.name(p));
    }
    return m;
  }

  private void start() {
    namer = new Namer();
    namer.reserve(method.parameters());
  }

  /** {@code double[][] fHessian(args)}. */
  private MethodSpec allocating() {
    start();
    String n = namer.fresh("n", false);
    List<String> shapes = inputs().stream().filter(p -> p.type().isArray()).map(namer::name)
        .toList();
    return signature()
        .addJavadoc("The Hessian of {@link $L}: {@code H[i][j]} is the second derivative with"
            + " respect to inputs {@code i} and {@code j}, the differentiable parameters"
            + " flattened in order (arrays row by row). Symmetric.\n",
            method.companion().link())
        .addStatement("int $N = $L", n, count())
        .addStatement("return $N($L, new double[$N][$N], new $T($L))", method.name() + "Hessian",
            arguments(), n, n, holder, String.join(", ", shapes))
        .build();
  }

  /** {@code double[][] fHessian(args, into, work)}: one product per input, into reused memory. */
  private MethodSpec intoCallers() {
    start();
    String into = namer.fresh("into", false);
    String work = namer.fresh("work", false);
    String n = namer.fresh("n", false);
    String row = namer.fresh("row", false);
    CodeBlock.Builder body = CodeBlock.builder();
    body.addStatement("int $N = $L", n, count());
    body.addStatement("$T.matrixShape($N, $N, $N, $S)", AdjointWriter.CHECKS, into, n, n, into);
    List<Variable> inputs = inputs();
    for (Variable p : inputs) {
      if (p.type().isArray()) {
        body.addStatement("$T.sameShape($N.$N, $N, $S)", AdjointWriter.CHECKS, work, p.name(),
            namer.name(p), work + "." + p.name());
      }
    }
    List<Variable> written = writes
        ? method.parameters().stream().filter(p -> p.type().isArray()).toList() : List.of();
    CodeBlock.Builder restore = CodeBlock.builder();
    for (Variable array : written) {
      String entry = namer.fresh(array.name() + "Entry", false);
      body.addStatement("$L $N = $T.snapshot($N)", array.type().javaName(), entry,
          AdjointWriter.ARRAY_STATE, namer.name(array));
      restore.addStatement("$T.restore($N, $N)", AdjointWriter.ARRAY_STATE, entry,
          namer.name(array));
    }
    if (lanes != null) {
      blocks(body, inputs, restore.build(), into, work, n);
      return finish(body, into, work, restore.build());
    }
    List<String> directions = new ArrayList<>();
    int slot = 0;
    CodeBlock.Builder clean = CodeBlock.builder();
    for (Variable p : inputs) {
      String dot = namer.fresh(p.name() + "Dot", false);
      directions.add(dot);
      if (p.type().isArray()) {
        body.addStatement("$L $N = $N.$N.zerosLike($L, $N)", p.type().javaName(), dot, work,
            workspace, slot++, namer.name(p));
        // the product updates the directions of arrays written in place: start each row clean
        clean.addStatement("$T.fill($N, 0)", AdjointWriter.ARRAY_STATE, dot);
      } else {
        body.addStatement("$L $N = 0", p.type().javaName(), dot);
      }
    }
    String column = namer.fresh("column", false);
    body.addStatement("int $N = 0", row);
    body.addStatement("int $N", column);
    CodeBlock product = CodeBlock.builder()
        .add(restore.build())
        .addStatement("$N.clear()", work)
        .addStatement("$N($L, $N)", method.name(), productArguments(directions), work)
        .add(putRow(into, row, column, work))
        .build();
    for (int k = 0; k < inputs.size(); k++) {
      Variable p = inputs.get(k);
      String dot = directions.get(k);
      if (p.type().dimensions() == 0) {
        body.add(clean.build()).addStatement("$N = 1", dot).add(product)
            .addStatement("$N = 0", dot);
      } else if (p.type().dimensions() == 1) {
        String e = namer.fresh("e", false);
        body.beginControlFlow("for (int $N = 0; $N < $N.length; $N++)", e, e, dot, e)
            .add(clean.build()).addStatement("$N[$N] = 1", dot, e).add(product)
            .endControlFlow();
      } else {
        String r = namer.fresh("r", false);
        String e = namer.fresh("e", false);
        body.beginControlFlow("for (int $N = 0; $N < $N.length; $N++)", r, r, dot, r)
            .beginControlFlow("for (int $N = 0; $N < $N[$N].length; $N++)", e, e, dot, r, e)
            .add(clean.build()).addStatement("$N[$N][$N] = 1", dot, r, e).add(product)
            .endControlFlow().endControlFlow();
      }
    }
    return finish(body, into, work, restore.build());
  }

  private MethodSpec finish(CodeBlock.Builder body, String into, String work, CodeBlock restore) {
    body.add(restore);
    body.addStatement("$T.symmetrize($N)", HESSIANS, into);
    body.addStatement("return $N", into);
    return signature()
        .addJavadoc("The Hessian of {@link $L} written into {@code $L}, which must be n×n for the"
            + " n differentiable inputs, and returned. {@code $L}, a holder made from arguments"
            + " of these shapes, is the products' workspace: reusing both, a call allocates"
            + " nothing beyond what {@code $L} itself allocates.\n",
            method.companion().link(), into, work, method.name())
        .addParameter(double[][].class, into).addParameter(holder, work)
        .addCode(body.build()).build();
  }

  static final ClassName HESSIANS = ClassName.get("dev.cotangent.runtime", "Hessians");

  /**
   * The rows in blocks of at most {@code Lanes.WIDTH}: one vector-mode product ({@code fLanes})
   * per block, its directions the block's unit vectors, so that the method runs once per block.
   */
  private void blocks(CodeBlock.Builder body, List<Variable> inputs, CodeBlock restore,
      String into, String work, String n) {
    String blocks = namer.fresh("blocks", false);
    String k = namer.fresh("k", false);
    String first = namer.fresh("first", false);
    String offset = namer.fresh("offset", false);
    String column = namer.fresh("column", false);
    ClassName lanesClass = BatchWriter.LANES;
    body.addStatement("int $N = Math.max(1, ($N + $T.WIDTH - 1) / $T.WIDTH)", blocks, n,
        lanesClass, lanesClass);
    body.addStatement("int $N = Math.max(1, ($N + $N - 1) / $N)", k, n, blocks, blocks);
    int slot = lanes.sweep().hoisted().size(); // the slots before are the product's own lanes
    List<String> directions = new ArrayList<>();
    List<String> products = new ArrayList<>();
    List<String> hv = method.companion().hvFields();
    for (int j = 0; j < inputs.size(); j++) {
      Variable p = inputs.get(j);
      String dot = namer.fresh(p.name() + "Dot", false);
      String hvLanes = namer.fresh(hv.get(j), false);
      directions.add(dot);
      products.add(hvLanes);
      for (String name : List.of(dot, hvLanes)) {
        if (p.type().dimensions() == 2) {
          body.addStatement("double[][] $N = $N.$N.lanesLike($L, $N, $N)", name, work, workspace,
              slot++, namer.name(p), k);
        } else {
          body.addStatement("double[] $N = $N.$N.zeros($L, $L * $N)", name, work, workspace,
              slot++, p.type().isArray() ? namer.name(p) + ".length" : "1", k);
        }
      }
    }
    body.beginControlFlow("for (int $N = 0; $N < $N; $N += $N)", first, first, n, first, k);
    body.add(restore);
    body.addStatement("int $N = 0", offset);
    for (int j = 0; j < inputs.size(); j++) {
      body.addStatement("$N = $T.units($N, $N, $N, $N)", offset, lanesClass, directions.get(j),
          k, offset, first);
      body.addStatement("$T.fill($N, 0.0)", AdjointWriter.ARRAY_STATE, products.get(j));
    }
    body.addStatement("$N.clear()", work);
    List<String> args = new ArrayList<>();
    int at = 0;
    for (Variable p : method.parameters()) {
      args.add(namer.name(p));
      if (p.isDifferentiableParameter()) {
        args.add(directions.get(at++));
      }
    }
    args.add(k);
    args.add(method.returnType() == dev.cotangent.processor.ir.Type.FLOAT ? "1.0f" : "1.0");
    if (lanes.product().readsSeedTangent()) {
      args.add("0.0"); // the seed's tangent (none when the sweep was built with a constant seed)
    }
    args.addAll(products);
    args.add(work);
    body.addStatement("$N($L)", method.name() + "Lanes", String.join(", ", args));
    body.addStatement("int $N = 0", column);
    for (String product : products) {
      body.addStatement("$N = $T.putRows($N, $N, Math.min($N, $N - $N), $N, $N, $N)", column,
          lanesClass, into, first, k, n, first, column, product, k);
    }
    body.endControlFlow();
  }

  /** {@code column = 0; into[row][column++] = work.xHv; ... row++;} */
  private CodeBlock putRow(String into, String row, String column, String work) {
    CodeBlock.Builder code = CodeBlock.builder();
    code.addStatement("$N = 0", column);
    List<Variable> inputs = inputs();
    List<String> hv = method.companion().hvFields();
    for (int k = 0; k < inputs.size(); k++) {
      if (inputs.get(k).type().isArray()) {
        code.addStatement("$N = $T.putRow($N[$N], $N, $N.$N)", column, AdjointWriter.ARRAY_STATE,
            into, row, column, work, hv.get(k));
      } else {
        code.addStatement("$N[$N][$N++] = $N.$N", into, row, column, work, hv.get(k));
      }
    }
    return code.addStatement("$N++", row).build();
  }

  private List<Variable> inputs() {
    return method.differentiableParameters();
  }

  private CodeBlock count() {
    List<Variable> inputs = inputs();
    return inputs.isEmpty() ? CodeBlock.of("0")
        : inputs.stream().map(p -> switch (p.type()) {
          case DOUBLE, FLOAT -> CodeBlock.of("1");
          case DOUBLE_ARRAY, FLOAT_ARRAY -> CodeBlock.of("$N.length", namer.name(p));
          default -> CodeBlock.of("$T.count($N)", AdjointWriter.ARRAY_STATE, namer.name(p));
        }).collect(CodeBlock.joining(" + "));
  }

  private String arguments() {
    return String.join(", ", method.parameters().stream().map(namer::name).toList());
  }

  private String productArguments(List<String> directions) {
    List<String> args = new ArrayList<>();
    int k = 0;
    for (Variable p : method.parameters()) {
      args.add(namer.name(p));
      if (p.isDifferentiableParameter()) {
        args.add(directions.get(k++));
      }
    }
    return String.join(", ", args);
  }
}
