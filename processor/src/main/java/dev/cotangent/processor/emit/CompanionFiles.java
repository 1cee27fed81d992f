package dev.cotangent.processor.emit;

import dev.cotangent.processor.ir.CompanionNames;
import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.cotangent.processor.differentiate.AdjointMethod;
import dev.cotangent.processor.differentiate.TangentMethod;
import java.util.List;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/** Assembles the {@code Adjoint} and {@code Tangent} companion files of one class. */
public final class CompanionFiles {
  private static final String PROCESSOR = "dev.cotangent.processor.CotangentProcessor";

  /** The simple names of the classes generated code refers to. */
  private static final List<String> REFERENCED = List.of("Math", "StrictMath", "Double", "Tape",
      "Dual", "ArrayState", "Checks", "IllegalArgumentException", "Generated");

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

  /** One differentiated method, in both modes. */
  public record Companion(AdjointMethod adjoint, TangentMethod tangent) {}

  public List<JavaFile> files(TypeElement type, List<Companion> companions) {
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
      writer.methods().forEach(adjoint::addMethod);
      writer.types().forEach(adjoint::addType);
      List<TypeSpec> frames = new java.util.ArrayList<>();
      tangent.addMethod(TangentWriter.method(companion.tangent(), splitting, frames));
      frames.forEach(tangent::addType);
      adjoint.addOriginatingElement(companion.adjoint().source().source().element());
      tangent.addOriginatingElement(companion.adjoint().source().source().element());
    }
    String[] qualified = clashes(companions).toArray(String[]::new);
    adjoint.alwaysQualify(qualified);
    tangent.alwaysQualify(qualified);
    return List.of(file(adjointName, adjoint), file(tangentName, tangent));
  }

  /**
   * Class names generated code must write in full: those a class of the package hides, and
   * those a parameter or local variable of the same name would shadow ({@code double Math}).
   */
  private java.util.Set<String> clashes(List<Companion> companions) {
    java.util.Set<String> names = new java.util.TreeSet<>();
    for (String simple : REFERENCED) {
      if (typeInPackage.test(simple)) {
        names.add(simple);
      }
    }
    for (Companion companion : companions) {
      List<dev.cotangent.processor.ir.Variable> variables = new java.util.ArrayList<>(
          companion.adjoint().source().source().parameters());
      variables.addAll(Signatures.userLocals(companion.adjoint().source().body()));
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
