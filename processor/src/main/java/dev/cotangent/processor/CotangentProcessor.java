package dev.cotangent.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import com.sun.source.util.Trees;
import dev.cotangent.processor.differentiate.Adjoint;
import dev.cotangent.processor.differentiate.Tangent;
import dev.cotangent.processor.emit.CompanionFiles;
import dev.cotangent.processor.read.DerivativeRules;
import dev.cotangent.processor.lower.LoweredMethod;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Generates the {@code Adjoint} and {@code Tangent} companions of every class with
 * {@code @Differentiable} methods: read (javac trees to IR), lower (to the structured core),
 * differentiate (both modes), emit (JavaPoet). A method that cannot be differentiated is
 * reported and skipped; the others are still generated.
 */
@AutoService(Processor.class)
public final class CotangentProcessor extends AbstractProcessor {
  static final String DIFFERENTIABLE = "dev.cotangent.Differentiable";

  private Trees trees;
  private String treesUnavailable;
  private String missingDependency;
  private boolean missingReported;
  private final Set<String> written = new java.util.HashSet<>();
  private final Set<Object> scannedUnits = new java.util.HashSet<>();

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(DIFFERENTIABLE, DerivativeRules.ANNOTATION);
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(CompanionReport.OPTION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public synchronized void init(ProcessingEnvironment environment) {
    super.init(environment);
    missingDependency = Dependencies.missing();
    try {
      trees = Trees.instance(JavacEnvironment.unwrap(environment));
    } catch (IllegalArgumentException | LinkageError e) {
      treesUnavailable = environment.getClass().getName();
    }
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (missingDependency != null) {
      if (!annotations.isEmpty() && !missingReported) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
            Message.MISSING_DEPENDENCY.format(missingDependency));
        missingReported = true;
      }
      return false;
    }
    try {
      processRound(round);
    } catch (RuntimeException | StackOverflowError e) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          Message.INTERNAL.format("this round", e));
    }
    return false;
  }

  private void processRound(RoundEnvironment round) {
    TypeElement annotation = processingEnv.getElementUtils().getTypeElement(DIFFERENTIABLE);
    if (annotation == null) {
      return;
    }
    Map<TypeElement, List<ExecutableElement>> byClass = new LinkedHashMap<>();
    for (Element element : round.getElementsAnnotatedWith(annotation)) {
      if (element instanceof ExecutableElement method
          && method.getEnclosingElement() instanceof TypeElement owner) {
        byClass.computeIfAbsent(owner, k -> new ArrayList<>()).add(method);
      }
    }
    if (trees == null) {
      if (!byClass.isEmpty()) {
        error(byClass.keySet().iterator().next(), Message.NO_TREES.format(treesUnavailable));
      }
      return;
    }
    LocalClassMethods.report(round, trees, scannedUnits);
    TypeElement ruleAnnotation =
        processingEnv.getElementUtils().getTypeElement(DerivativeRules.ANNOTATION);
    DerivativeRules rules = DerivativeRules.collect(ruleAnnotation == null ? List.of()
        : round.getElementsAnnotatedWith(ruleAnnotation), processingEnv.getTypeUtils(),
        processingEnv.getMessager());
    if (byClass.isEmpty()) {
      return;
    }
    List<ExecutableElement> annotated = new ArrayList<>();
    byClass.values().forEach(annotated::addAll);
    Map<ExecutableElement, Differentiated> methods =
        new CallGraph(processingEnv, trees, rules).read(annotated);
    Map<TypeElement, List<Differentiated>> ready = new LinkedHashMap<>();
    methods.forEach((method, d) -> {
      if (d.ok()) {
        ready.computeIfAbsent((TypeElement) method.getEnclosingElement(), k -> new ArrayList<>())
            .add(d);
      }
    });
    ready.forEach(this::generate);
  }

  private void generate(TypeElement type, List<Differentiated> methods) {
    List<CompanionFiles.Companion> companions = new ArrayList<>();
    boolean report = Boolean.parseBoolean(processingEnv.getOptions().get(CompanionReport.OPTION));
    for (Differentiated method : methods) {
      try {
        CompanionFiles.Companion companion = differentiate(method.lowered());
        companions.add(companion);
        if (report) {
          processingEnv.getMessager().printMessage(Diagnostic.Kind.NOTE,
              CompanionReport.of(companion.adjoint()), method.ir().element());
        }
      } catch (RuntimeException | StackOverflowError e) {
        error(method.ir().element(), Message.INTERNAL.format(
            type.getSimpleName() + "." + method.ir().name(), e));
      }
    }
    if (companions.isEmpty()) {
      return;
    }
    var elements = processingEnv.getElementUtils();
    boolean generated = elements.getTypeElement("javax.annotation.processing.Generated") != null;
    String pkg = elements.getPackageOf(type).getQualifiedName().toString();
    CompanionFiles files = new CompanionFiles(generated,
        simple -> elements.getTypeElement(pkg.isEmpty() ? simple : pkg + "." + simple) != null);
    try {
      List<JavaFile> javaFiles = files.files(type, companions);
      for (JavaFile file : javaFiles) {
        String name = file.packageName().isEmpty() ? file.typeSpec().name()
            : file.packageName() + "." + file.typeSpec().name();
        if (written.contains(name) || elements.getTypeElement(name) != null) {
          String other = written.contains(name) ? "the companion of another class" : "the class "
              + name;
          error(type, Message.NAME_CLASH.format(name, other));
          return;
        }
      }
      for (JavaFile file : javaFiles) {
        written.add(file.packageName().isEmpty() ? file.typeSpec().name()
            : file.packageName() + "." + file.typeSpec().name());
        file.writeTo(processingEnv.getFiler());
      }
    } catch (IOException | RuntimeException e) {
      error(type, Message.INTERNAL.format(type.getSimpleName(), e));
    }
  }

  private static CompanionFiles.Companion differentiate(LoweredMethod lowered) {
    return new CompanionFiles.Companion(Adjoint.of(lowered), Tangent.of(lowered));
  }

  private void error(Element element, String message) {
    processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message, element);
  }
}
