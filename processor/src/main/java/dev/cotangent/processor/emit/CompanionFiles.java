package dev.cotangent.processor.emit;

import dev.cotangent.processor.ir.CompanionNames;
import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.cotangent.processor.differentiate.AdjointMethod;
import dev.cotangent.processor.differentiate.BatchMethod;
import dev.cotangent.processor.differentiate.HvpMethod;
import dev.cotangent.processor.differentiate.TangentMethod;
import java.util.List;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/** Assembles the {@code Adjoint} and {@code Tangent} companion files of one class. */
public final class CompanionFiles {
  private static final String PROCESSOR = "dev.cotangent.processor.CotangentProcessor";

  /** The simple names of the classes generated code refers to. */
  private static final List<String> REFERENCED = List.of("Math", "StrictMath", "Double", "Tape",
      "Dual", "ArrayDual", "ArrayState", "Checks", "Checkpoints", "Snapshots",
      "IllegalArgumentException", "Generated", "String", "Objects", "Arrays", "Integer", "Long",
      "Float", "Workspace", "Hessians", "Lanes");

  /** The option that lowers the size above which a companion is split ({@link Splitting}). */
  public static final String SPLIT_OPTION = Splitting.OPTION;

  private final boolean generatedAvailable;
  private final java.util.function.Predicate<String> typeInPackage;
  private final Splitting splitting;

  /**
   * @param generatedAvailable whether {@code javax.annotation.processing.Generated} exists
   * @param typeInPackage whether the package of the classes being generated has a type of this
   *     simple name, which would hide a class of {@code java.lang} or of the runtime
   */
  public CompanionFiles(boolean generatedAvailable,
      java.util.function.Predicate<String> typeInPackage) {
    this(generatedAvailable, typeInPackage, null);
  }

  /**
   * @param splitAbove the {@code -Acotangent.splitAbove} option ({@link Splitting}); null for the
   *     default
   */
  public CompanionFiles(boolean generatedAvailable,
      java.util.function.Predicate<String> typeInPackage, String splitAbove) {
    this.generatedAvailable = generatedAvailable;
    this.typeInPackage = typeInPackage;
    Splitting parsed = Splitting.parse(splitAbove);
    this.splitting = parsed == null ? Splitting.DEFAULT : parsed;
  }

  /** Whether {@code -Acotangent.splitAbove} has a valid value (a number of bytes, or absent). */
  public static boolean validSplitOption(String value) {
    return Splitting.parse(value) != null;
  }

  /**
   * One differentiated method, in both modes; {@code batch} its tangent in vector mode
   * ({@code fBatch}), or null when it has none.
   */
  public record Companion(AdjointMethod adjoint, TangentMethod tangent, BatchMethod batch) {}

  /**
   * One method's second-order companion: its Hessian-vector product, and the product in vector
   * mode for the dense Hessian (null when it has none).
   */
  public record Hessian(HvpMethod product, BatchMethod lanes) {}

  /**
   * The companion files of {@code type}: the companions of its differentiated methods, and in
   * the adjoint class the copies of its private methods that generated code calls
   * ({@link PrimalCopies}). The tangent file is written only when there are companions.
   */
  public List<JavaFile> files(TypeElement type, List<Companion> companions,
      List<dev.cotangent.processor.lower.LoweredMethod> copies) {
    ClassName adjointName = CompanionNames.adjoint(type);
    TypeSpec.Builder adjoint = start(adjointName, type,
        "Reverse-mode derivatives of {@link $T}: for each {@code @Differentiable} method"
            + " {@code f}, a holder {@code FGradient}, {@code f(...)} returning the value and"
            + " gradient, and the pullback {@code f(..., seed, into)}.\n");
    ClassName tangentName = CompanionNames.tangent(type);
    TypeSpec.Builder tangent = start(tangentName, type,
        "Forward-mode derivatives of {@link $T}: for each {@code @Differentiable} method,"
            + " its value and directional derivative.\n");
    for (Companion companion : companions) {
      AdjointWriter writer = new AdjointWriter(companion.adjoint(), adjointName, splitting);
      dev.cotangent.processor.ir.MethodIR source = companion.adjoint().source().source();
      // methods first: splitting a method adds its frame to the writer's types
      writer.methods().forEach(adjoint::addMethod);
      writer.types().forEach(t -> adjoint.addType(
          t.name().equals(source.companion().holder().simpleName())
              ? RecordFacades.holder(source, t) : t));
      RecordFacades.adjoint(source, source.companion().holder()).forEach(adjoint::addMethod);
      List<TypeSpec> frames = new java.util.ArrayList<>();
      TangentWriter.methods(companion.tangent(), splitting, frames).forEach(tangent::addMethod);
      RecordFacades.tangent(source).forEach(tangent::addMethod);
      if (companion.batch() != null) {
        BatchWriter.methods(companion.tangent(), companion.batch(), splitting, frames)
            .forEach(tangent::addMethod);
      }
      frames.forEach(tangent::addType);
      adjoint.addOriginatingElement(companion.adjoint().source().source().element());
      tangent.addOriginatingElement(companion.adjoint().source().source().element());
    }
    for (dev.cotangent.processor.lower.LoweredMethod copy : copies) {
      adjoint.addMethod(PrimalCopies.of(copy));
      adjoint.addOriginatingElement(copy.source().element());
    }
    List<dev.cotangent.processor.lower.LoweredMethod> written = new java.util.ArrayList<>(copies);
    companions.forEach(c -> written.add(c.adjoint().source()));
    String[] qualified = clashes(written).toArray(String[]::new);
    adjoint.alwaysQualify(qualified);
    tangent.alwaysQualify(qualified);
    if (companions.isEmpty()) {
      return List.of(file(adjointName, adjoint));
    }
    return List.of(file(adjointName, adjoint), file(tangentName, tangent));
  }

  /**
   * The {@code <Class>Hessian} file of the methods of {@code type} with second-order companions
   * ({@link HessianWriter}); none when there are none.
   */
  public List<JavaFile> hessianFiles(TypeElement type, List<Hessian> methods) {
    if (methods.isEmpty()) {
      return List.of();
    }
    ClassName name = CompanionNames.hessian(ClassName.get(type));
    TypeSpec.Builder hessian = start(name, type,
        "Second-order derivatives of {@link $T}: for each {@code @Differentiable(order = 2)}"
            + " method {@code f}, a holder {@code FHvp}, the Hessian-vector product {@code"
            + " f(...)} with a direction after each differentiable parameter, and the dense"
            + " Hessian {@code fHessian(...)}.\n");
    for (Hessian method : methods) {
      HessianWriter writer = new HessianWriter(method.product(), method.lanes());
      writer.types().forEach(hessian::addType);
      writer.methods().forEach(hessian::addMethod);
      RecordHessianFacades.methods(method.product().adjoint().source().source())
          .forEach(hessian::addMethod);
      hessian.addOriginatingElement(method.product().adjoint().source().source().element());
    }
    hessian.alwaysQualify(clashes(methods.stream().map(m -> m.product().adjoint().source()).toList())
        .toArray(String[]::new));
    return List.of(file(name, hessian));
  }

  /**
   * Class names generated code must write in full: those a class of the package hides, and
   * those a parameter or local variable of the same name would shadow ({@code double Math}).
   */
  private java.util.Set<String> clashes(List<dev.cotangent.processor.lower.LoweredMethod> methods) {
    java.util.Set<String> names = new java.util.TreeSet<>();
    for (String simple : REFERENCED) {
      if (typeInPackage.test(simple)) {
        names.add(simple);
      }
    }
    for (dev.cotangent.processor.lower.LoweredMethod method : methods) {
      List<dev.cotangent.processor.ir.Variable> variables = new java.util.ArrayList<>(
          method.source().parameters());
      variables.addAll(Signatures.userLocals(method.body()));
      for (dev.cotangent.processor.ir.Variable v : variables) {
        if (Character.isUpperCase(v.name().charAt(0))) {
          names.add(v.name());
        }
      }
    }
    return names;
  }

  private TypeSpec.Builder start(ClassName name, TypeElement type, String javadoc) {
    TypeSpec.Builder builder = TypeSpec.classBuilder(name)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addOriginatingElement(type)
        .addJavadoc(javadoc, ClassName.get(type))
        .addJavadoc("\n<p>Generated by Cotangent; regenerated on every build, do not edit.\n")
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    if (generatedAvailable) {
      builder.addAnnotation(AnnotationSpec.builder(
              ClassName.get("javax.annotation.processing", "Generated"))
          .addMember("value", "$S", PROCESSOR)
          .build());
    }
    return builder;
  }

  private static JavaFile file(ClassName name, TypeSpec.Builder type) {
    return JavaFile.builder(name.packageName(), type.build())
        .skipJavaLangImports(true)
        .indent("    ")
        .build();
  }
}
