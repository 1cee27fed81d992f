package dev.cotangent.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import com.sun.source.util.Trees;
import dev.cotangent.processor.differentiate.Adjoint;
import dev.cotangent.processor.differentiate.Tangent;
import dev.cotangent.processor.emit.CompanionFiles;
import dev.cotangent.processor.ir.MethodIR;
import dev.cotangent.processor.lower.LoweredMethod;
import dev.cotangent.processor.lower.Lowering;
import dev.cotangent.processor.read.MethodReader;
import dev.cotangent.processor.read.Problem;
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
  private final Set<String> written = new java.util.HashSet<>();
  private final Set<Object> scannedUnits = new java.util.HashSet<>();

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(DIFFERENTIABLE);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public synchronized void init(ProcessingEnvironment environment) {
    super.init(environment);
    try {
      trees = Trees.instance(environment);
    } catch (IllegalArgumentException | LinkageError e) {
      treesUnavailable = environment.getClass().getName();
    }
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    TypeElement annotation = processingEnv.getElementUtils().getTypeElement(DIFFERENTIABLE);
    if (annotation == null) {
      return false;
    }
    if (trees != null) {
      LocalClassMethods.report(round, trees, scannedUnits);
    }
    Map<TypeElement, List<ExecutableElement>> byClass = new LinkedHashMap<>();
    for (Element element : round.getElementsAnnotatedWith(annotation)) {
      if (element instanceof ExecutableElement method
          && method.getEnclosingElement() instanceof TypeElement owner) {
        byClass.computeIfAbsent(owner, k -> new ArrayList<>()).add(method);
      }
    }
    if (byClass.isEmpty()) {
      return false;
    }
    if (trees == null) {
      error(byClass.keySet().iterator().next(), Message.NO_TREES.format(treesUnavailable));
      return false;
    }
    byClass.forEach(this::generate);
    return false;
  }

  private void generate(TypeElement type, List<ExecutableElement> methods) {
    MethodReader reader = new MethodReader(trees, processingEnv.getElementUtils());
    List<CompanionFiles.Companion> companions = new ArrayList<>();
    for (ExecutableElement method : methods) {
      try {
        MethodReader.Result result = reader.read(method);
        for (Problem problem : result.problems()) {
          trees.printMessage(problem.kind(), problem.message(), problem.tree(), result.unit());
        }
        if (result.method().isPresent()) {
          companions.add(differentiate(result.method().get()));
        }
      } catch (RuntimeException | StackOverflowError e) {
        error(method, Message.INTERNAL.format(type.getSimpleName() + "." + method.getSimpleName(),
            e));
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

  private static CompanionFiles.Companion differentiate(MethodIR method) {
    LoweredMethod lowered = Lowering.lower(method);
    return new CompanionFiles.Companion(Adjoint.of(lowered), Tangent.of(lowered));
  }

  private void error(Element element, String message) {
    processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message, element);
  }
}
