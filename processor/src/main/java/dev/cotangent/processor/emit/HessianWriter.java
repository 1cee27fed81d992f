package dev.cotangent.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.cotangent.processor.differentiate.AdjointMethod;
import dev.cotangent.processor.differentiate.BatchMethod;
import dev.cotangent.processor.differentiate.HvpMethod;
import dev.cotangent.processor.ir.CompanionModel;
import dev.cotangent.processor.ir.MethodIR;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes one method's second-order companion: its Hessian-vector product holder {@code FHvp}
 * (value, gradient, H·v), the product itself (allocating, into a reused holder, and the
 * pullback's tangent with a seed and its tangent, which callers' products call), and the dense
 * Hessian ({@link HessianMatrixWriter}).
 */
final class HessianWriter {
  /** The holder's private workspace, for the dense Hessian's directions. */
  static final ClassName WORKSPACE = ClassName.get("dev.cotangent.runtime", "Workspace");

  private final HvpMethod hvp;
  private final MethodIR method;
  private final CompanionModel model;
  private final ClassName holder;
  private final BatchMethod lanes;

  /** @param lanes the product in vector mode, for the dense Hessian; null: one product per row */
  HessianWriter(HvpMethod hvp, BatchMethod lanes) {
    this.hvp = hvp;
    this.lanes = lanes;
    this.method = hvp.adjoint().source().source();
    this.model = method.companion();
    this.holder = model.hvpHolder();
  }

  List<TypeSpec> types() {
    return List.of(holderType());
  }

  List<MethodSpec> methods() {
    List<MethodSpec> methods = new ArrayList<>(List.of(allocating(), intoHolder(), product()));
    if (lanes != null) {
      methods.add(lanesMethod());
    }
    methods.addAll(new HessianMatrixWriter(method, holder, workspaceField(), lanes).methods());
    return methods;
  }

  /** The holder's private field names avoid every public one. */
  private String privateField(String base) {
    String name = model.holderField(base);
    while (model.hvFields().contains(name)) {
      name = name + "_";
    }
    return name;
  }

  String workspaceField() {
    return privateField("workspace");
  }

  private TypeSpec holderType() {
    String name = method.name();
    TypeSpec.Builder type = TypeSpec.classBuilder(holder)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("Value, gradient and Hessian-vector product of {@link $L}.\n", model.link())
        .addField(FieldSpec.builder(TypeName.get(AdjointWriter.javaType(method.returnType())),
            CompanionModel.VALUE, Modifier.PUBLIC)
            .addJavadoc("{@code $L}'s value at the last evaluation.\n", name).build());
    CodeBlock.Builder clear = CodeBlock.builder()
        .addStatement("value = $L", AdjointWriter.zero(method.returnType()));
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC);
    List<Variable> parameters = method.differentiableParameters();
    List<String> hv = model.hvFields();
    for (int k = 0; k < parameters.size(); k++) {
      Variable p = parameters.get(k);
      field(type, clear, p, p.name(), "∂" + name + "/∂" + p.name());
      field(type, clear, p, hv.get(k), "The " + p.name() + " part of H·v, the derivative of ∂"
          + name + "/∂" + p.name() + " along the directions");
      if (p.type().isArray()) {
        constructor.addParameter(TypeName.get(AdjointWriter.javaType(p)), p.name())
            .addStatement("this.$N = $T.zerosLike($N)", p.name(), AdjointWriter.ARRAY_STATE,
                p.name())
            .addStatement("this.$N = $T.zerosLike($N)", hv.get(k), AdjointWriter.ARRAY_STATE,
                p.name());
      }
    }
    if (hvp.usesTape()) {
      type.addField(FieldSpec.builder(AdjointWriter.TAPE, privateField("tape"), Modifier.PRIVATE,
              Modifier.FINAL).initializer("new $T()", AdjointWriter.TAPE)
          .addJavadoc("The product's tape, kept so that products into this holder reuse its"
              + " memory.\n").build());
    }
    type.addField(FieldSpec.builder(WORKSPACE, workspaceField(), Modifier.PRIVATE, Modifier.FINAL)
        .initializer("new $T()", WORKSPACE)
        .addJavadoc("The dense Hessian's directions, kept for reuse.\n").build());
    if (parameters.stream().anyMatch(p -> p.type().isArray())) {
      constructor.addJavadoc("A zero holder for arguments of these shapes.\n");
      type.addMethod(constructor.build());
    }
    type.addMethod(MethodSpec.methodBuilder("clear").addModifiers(Modifier.PUBLIC)
        .addJavadoc("Sets the value and every derivative to zero, for reuse.\n")
        .addCode(clear.build()).build());
    return type.build();
  }

  private static void field(TypeSpec.Builder type, CodeBlock.Builder clear, Variable p,
      String field, String doc) {
    TypeName java = TypeName.get(AdjointWriter.javaType(p));
    if (p.type().isArray()) {
      type.addField(FieldSpec.builder(java, field, Modifier.PUBLIC, Modifier.FINAL)
          .addJavadoc("$L, element by element, in the shape of the argument.\n", doc).build());
      clear.addStatement("$T.fill(this.$N, 0.0)", AdjointWriter.ARRAY_STATE, field);
    } else {
      type.addField(FieldSpec.builder(java, field, Modifier.PUBLIC)
          .addJavadoc("$L.\n", doc).build());
      clear.addStatement("$N = $L", field, AdjointWriter.zero(p.type()));
    }
  }

  /** The original parameters with a direction after each differentiable one. */
  private List<String> parameters(MethodSpec.Builder m, Namer namer) {
    List<String> names = new ArrayList<>();
    for (Variable p : method.parameters()) {
      m.addParameter(StatementWriter.typeOf(p), namer.name(p));
      names.add(namer.name(p));
      Variable direction = hvp.tangentParameters().get(p);
      if (direction != null) {
        m.addParameter(StatementWriter.typeOf(direction), namer.name(direction));
        names.add(namer.name(direction));
      }
    }
    return names;
  }

  private Namer namer() {
    return namer(hvp);
  }

  private Namer namer(HvpMethod product) {
    Namer namer = new Namer();
    namer.reserve(method.parameters());
    namer.reserve(product.tangentParameters().values());
    return namer;
  }

  private String one() {
    return method.returnType() == dev.cotangent.processor.ir.Type.FLOAT ? "1.0f" : "1.0";
  }

  private String zero() {
    return AdjointWriter.zero(method.returnType());
  }

  /** {@code FHvp f(args with directions)}. */
  private MethodSpec allocating() {
    Namer namer = namer();
    String result = namer.fresh("hvp", false);
    MethodSpec.Builder m = Signatures.method(method.name(), model).returns(holder)
        .addJavadoc("Value, gradient and Hessian-vector product of {@link $L}: each"
            + " differentiable parameter is followed by its component of the direction v.\n",
            model.link());
    List<String> args = parameters(m, namer);
    List<String> shapes = method.differentiableParameters().stream()
        .filter(p -> p.type().isArray()).map(namer::name).toList();
    return m.addStatement("$T $N = new $T($L)", holder, result, holder, String.join(", ", shapes))
        .addStatement("$N($L, $L, $L, $N)", method.name(), String.join(", ", args), one(), zero(),
            result)
        .addStatement("return $N", result).build();
  }

  /** {@code double f(args with directions, FHvp into)}: seed 1. */
  private MethodSpec intoHolder() {
    Namer namer = namer();
    String into = namer.fresh("into", false);
    MethodSpec.Builder m = Signatures.method(method.name(), model)
        .returns(TypeName.get(AdjointWriter.javaType(method.returnType())))
        .addJavadoc("The Hessian-vector product of {@link $L} into a reused holder: sets {@code"
            + " $N.value}, adds the gradient and H·v into {@code $N}'s fields, and returns the"
            + " value.\n", model.link(), into, into);
    List<String> args = parameters(m, namer);
    m.addParameter(holder, into);
    return m.addStatement("return $N($L, $L, $L, $N)", method.name(), String.join(", ", args),
        one(), zero(), into).build();
  }

  /** {@code double f(args with directions, seed, seedDot, FHvp into)}: the pullback's tangent. */
  private MethodSpec product() {
    return sweep(null);
  }

  /**
   * {@code fLanes(args with k-lane directions, k, seed, seedDot, xHv..., into)}: the product
   * along k directions at once, adding each differentiable parameter's H·v lanes into the
   * {@code Hv} arrays given (for the dense Hessian); the gradient goes into {@code into}.
   */
  private MethodSpec lanesMethod() {
    return sweep(lanes);
  }

  private MethodSpec sweep(BatchMethod batch) {
    HvpMethod hvp = batch == null ? this.hvp : batch.product(); // the lanes' own product
    AdjointMethod adjoint = hvp.adjoint();
    Namer namer = namer(hvp);
    if (batch != null) {
      namer.reserve(batch.parameterLanes().values());
    }
    namer.reserve(Signatures.userLocals(adjoint.source().body())); // user names win
    String into = namer.fresh("into", false);
    TapeLocals tape = TapeLocals.fresh(namer);
    StatementWriter writer = new StatementWriter(namer, tape);
    String seed = namer.name(hvp.program().seed());
    String seedDot = namer.name(hvp.seedTangent());
    MethodSpec.Builder m;
    List<String> hv = model.hvFields();
    List<String> hvLanes = new ArrayList<>();
    if (batch == null) {
      m = Signatures.method(method.name(), model)
          .addJavadoc("The tangent of the pullback of {@link $L}, along the directions given"
              + " after the parameters and {@code $N} (the seed's tangent): sets {@code"
              + " $N.value}, adds {@code $N} times the gradient into {@code $N}'s gradient fields"
              + " and its tangent, {@code $N} times H·v plus {@code $N} times the gradient, into"
              + " their {@code Hv} fields, and returns the value. A caller's Hessian-vector"
              + " product calls this for each call it differentiates.\n", model.link(), seedDot,
              into, seed, into, seed, seedDot);
      parameters(m, namer);
    } else {
      m = MethodSpec.methodBuilder(method.name() + "Lanes")
          .addModifiers(javax.lang.model.element.Modifier.PRIVATE,
              javax.lang.model.element.Modifier.STATIC)
          .addJavadoc("The Hessian-vector product of {@link $L} along k directions at once (the"
              + " dense Hessian's sweep): the directions and the {@code Hv} arrays in k lanes"
              + " ({@code Lanes}); adds H·v into the {@code Hv} arrays and the gradient into"
              + " {@code $N}.\n", model.link(), into);
      BatchWriter.parameters(method, hvp.tangentParameters(), batch, namer, m);
    }
    m.returns(TypeName.get(AdjointWriter.javaType(method.returnType())))
        .addParameter(StatementWriter.typeOf(hvp.program().seed()), seed);
    if (batch == null || hvp.readsSeedTangent()) { // a constant seed's product has none
      m.addParameter(StatementWriter.typeOf(hvp.seedTangent()), seedDot);
    }
    if (batch != null) {
      for (int j = 0; j < hv.size(); j++) {
        Variable p = method.differentiableParameters().get(j);
        String name = namer.fresh(hv.get(j), false);
        hvLanes.add(name);
        m.addParameter(p.type().dimensions() == 2 ? double[][].class : double[].class, name);
      }
    }
    m.addParameter(holder, into);
    CodeBlock.Builder body = CodeBlock.builder();
    body.add(AdjointWriter.distinctArrays(method, namer));
    for (AdjointMethod.ArrayParameter array : adjoint.arrayParameters()) {
      Variable p = array.parameter();
      Variable tangent = hvp.arrayTangents().get(array.adjoint());
      String hvField = p.isDifferentiableParameter()
          ? (batch == null ? into + "." + hv.get(index(p)) : hvLanes.get(index(p))) : null;
      String type = p.type().javaName();
      if (array.direct()) {
        body.addStatement("$L $N = $N.$N", type, namer.name(array.adjoint()), into, p.name());
        if (tangent != null) {
          body.addStatement("$L $N = $L", type, namer.name(tangent), hvField);
        }
      } else {
        body.addStatement("$L $N = $T.zerosLike($N)", type, namer.name(array.adjoint()),
            AdjointWriter.ARRAY_STATE, namer.name(p));
        if (tangent != null && batch == null) {
          body.addStatement("$L $N = $T.zerosLike($N)", type, namer.name(tangent),
              AdjointWriter.ARRAY_STATE, namer.name(p));
        } else if (tangent != null) {
          body.addStatement("$L $N = $T.zerosLike($N, $N)", type, namer.name(tangent),
              BatchWriter.LANES, namer.name(p), namer.name(batch.k()));
        }
      }
    }
    List<dev.cotangent.processor.ir.Stmt> code = batch == null ? hvp.body()
        : batch.parts().get(0);
    if (new dev.cotangent.processor.differentiate.AdjointCode(code, List.of(), false)
        .usesTape()) {
      body.add(AdjointWriter.tapeLocals(tape, into, privateField("tape"), code));
    }
    if (batch != null) {
      BatchWriter.hoisted(batch, namer, into + "." + workspaceField(), 0, body);
    }
    writer.write(code, body);
    String result = namer.name(adjoint.returned());
    body.addStatement("$N.value = $N", into, result);
    adjoint.gradient().forEach((p, bar) -> {
      body.addStatement("$N.$N += $N", into, p.name(), namer.name(bar));
      Variable tangent = hvp.gradientTangents().get(bar);
      if (tangent != null && batch == null) {
        body.addStatement("$N.$N += $N", into, hv.get(index(p)), namer.name(tangent));
      } else if (tangent != null && batch.sweep().isLane(tangent)) {
        body.addStatement("$T.addInto($N, $N)", AdjointWriter.ARRAY_STATE,
            namer.name(batch.sweep().laneArray(tangent)), hvLanes.get(index(p)));
      }
    });
    for (AdjointMethod.ArrayParameter array : adjoint.arrayParameters()) {
      Variable p = array.parameter();
      if (!array.direct() && p.isDifferentiableParameter()) {
        body.addStatement("$T.addInto($N, $N.$N)", AdjointWriter.ARRAY_STATE,
            namer.name(array.adjoint()), into, p.name());
        Variable tangent = hvp.arrayTangents().get(array.adjoint());
        if (tangent != null) {
          body.addStatement("$T.addInto($N, $L)", AdjointWriter.ARRAY_STATE, namer.name(tangent),
              batch == null ? into + "." + hv.get(index(p)) : hvLanes.get(index(p)));
        }
      }
    }
    body.addStatement("return $N", result);
    return m.addCode(body.build()).build();
  }

  private int index(Variable p) {
    return method.differentiableParameters().indexOf(p);
  }

}
