package dev.cotangent.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import com.sun.source.util.Trees;
import dev.cotangent.processor.differentiate.Adjoint;
import dev.cotangent.processor.differentiate.BatchMethod;
import dev.cotangent.processor.differentiate.TangentMethod;
import dev.cotangent.processor.differentiate.HvpMethod;
import dev.cotangent.processor.differentiate.PassObserver;
import dev.cotangent.processor.differentiate.Passes;
import dev.cotangent.processor.differentiate.SecondOrder;
import dev.cotangent.processor.differentiate.Tangent;
import dev.cotangent.processor.emit.CompanionFiles;
import dev.cotangent.processor.emit.Limits;
import dev.cotangent.processor.read.DerivativeRules;
import dev.cotangent.processor.read.Diagnostics;
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
 * {@code @Differentiable} methods. The whole flow, in the order {@link #processRound} and
 * {@link #generate} run it:
 *
 * <ol>
 *   <li><b>read</b>: {@link CallGraph} reads each method (javac trees to {@code ir.MethodIR},
 *       with its {@code ir.CompanionModel}) and, transitively, the methods it calls;
 *   <li><b>lower</b>: {@code lower.Lowering}, to declarations, assignments, {@code if} and
 *       {@code while};
 *   <li><b>analyse</b>: {@code analyse.MethodFacts}, activity and calls, computed once;
 *   <li><b>differentiate</b> and <b>optimise</b>: {@code differentiate.Adjoint} and
 *       {@code differentiate.Tangent}, each a sweep and then its pass list in
 *       {@code differentiate.Passes};
 *   <li><b>emit</b>: {@code emit.CompanionFiles}, to JavaPoet.
 * </ol>
 *
 * Every diagnostic goes through one {@code read.Diagnostics}. A method that cannot be
 * differentiated is reported and skipped; the others are still generated. ARCHITECTURE.md at
 * the repository's root is the map.
 */
@AutoService(Processor.class)
public final class CotangentProcessor extends AbstractProcessor {
  static final String DIFFERENTIABLE = "dev.cotangent.Differentiable";

  private Trees trees;
  private final PassObserver observer;
  private Passes passes = Passes.all();
  /** The {@code -Acotangent.splitAbove} option, or null for the default. */
  private String splitAbove;
  private Diagnostics diagnostics;
  private String treesUnavailable;
  private String missingDependency;
  private boolean missingReported;
  private final Set<String> written = new java.util.HashSet<>();
  private final Set<Object> scannedUnits = new java.util.HashSet<>();
  /** This round's methods with second-order companions ({@link SecondOrderPlan}). */
  private Set<ExecutableElement> second = Set.of();

  /** The processor javac finds as a service. */
  public CotangentProcessor() {
    this(PassObserver.NONE);
  }

  /** A processor that shows every pass run to {@code observer} (for tests of the passes). */
  public CotangentProcessor(PassObserver observer) {
    this.observer = observer;
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(DIFFERENTIABLE, DerivativeRules.ANNOTATION);
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(CompanionReport.OPTION, Passes.OPTION, CompanionFiles.SPLIT_OPTION);
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
    diagnostics = new Diagnostics(environment.getMessager(), trees);
    List<String> unknown = new ArrayList<>();
    java.util.Map<String, String> options = environment.getOptions();
    passes = Passes.parse(options == null ? null : options.get(Passes.OPTION), unknown)
        .observedBy(observer);
    for (String name : unknown) {
      diagnostics.on(Diagnostic.Kind.WARNING,
          Message.UNKNOWN_PASS.format(name, String.join(", ", Passes.names())), null);
    }
    splitAbove = options == null ? null : options.get(CompanionFiles.SPLIT_OPTION);
    if (!CompanionFiles.validSplitOption(splitAbove)) {
      diagnostics.on(Diagnostic.Kind.WARNING, Message.SPLIT_OPTION.format(splitAbove), null);
      splitAbove = null;
    }
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (missingDependency != null) {
      if (!annotations.isEmpty() && !missingReported) {
        diagnostics.on(Diagnostic.Kind.ERROR, Message.MISSING_DEPENDENCY.format(missingDependency),
            null);
        missingReported = true;
      }
      return false;
    }
    onLargeStack(() -> {
      try {
        processRound(round);
      } catch (RuntimeException | StackOverflowError e) {
        diagnostics.on(Diagnostic.Kind.ERROR, Message.INTERNAL.format("this round", e), null);
      }
    });
    return false;
  }

  /** The stack of the thread a round runs on: room for the deepest expression javac compiles. */
  private static final long STACK_BYTES = 256L << 20;

  /**
   * Runs {@code round} on a thread with a {@value #STACK_BYTES}-byte stack while javac's thread
   * waits for it (one thread at a time, as javac expects): reading, differentiating and writing
   * are recursive in an expression's depth, and javac itself compiles expressions of a thousand
   * terms that would exhaust a default stack here. Without a thread, the round runs here.
   */
  private static void onLargeStack(Runnable round) {
    Thread worker;
    Throwable[] thrown = new Throwable[1];
    try {
      worker = new Thread(null, () -> {
        try {
          round.run();
        } catch (RuntimeException | Error e) {
          thrown[0] = e; // rethrown on javac's thread, as if the round had run there
        }
      }, "cotangent", STACK_BYTES);
      worker.start();
    } catch (RuntimeException | OutOfMemoryError e) {
      round.run();
      return;
    }
    boolean interrupted = false;
    while (true) {
      try {
        worker.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (thrown[0] instanceof RuntimeException e) {
      throw e;
    }
    if (thrown[0] instanceof Error e) {
      throw e;
    }
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
    LocalClassMethods.report(round, trees, scannedUnits, diagnostics);
    TypeElement ruleAnnotation =
        processingEnv.getElementUtils().getTypeElement(DerivativeRules.ANNOTATION);
    DerivativeRules rules = DerivativeRules.collect(ruleAnnotation == null ? List.of()
        : round.getElementsAnnotatedWith(ruleAnnotation), processingEnv.getTypeUtils(),
        diagnostics);
    if (byClass.isEmpty()) {
      return;
    }
    List<ExecutableElement> annotated = new ArrayList<>();
    byClass.values().forEach(annotated::addAll);
    CallGraph graph = new CallGraph(processingEnv, trees, rules, diagnostics);
    Map<ExecutableElement, Differentiated> methods = graph.read(annotated);
    second = SecondOrderPlan.of(annotated, graph, methods, processingEnv.getElementUtils(),
        diagnostics);
    Map<TypeElement, List<Differentiated>> ready = new LinkedHashMap<>();
    methods.forEach((method, d) -> {
      if (d.ok() && (d.companions() || d.copy())) {
        ready.computeIfAbsent((TypeElement) method.getEnclosingElement(), k -> new ArrayList<>())
            .add(d);
      }
    });
    ready.forEach(this::generate);
  }

  private void generate(TypeElement type, List<Differentiated> methods) {
    List<CompanionFiles.Companion> companions = new ArrayList<>();
    List<dev.cotangent.processor.lower.LoweredMethod> copies = new ArrayList<>();
    List<CompanionFiles.Hessian> hessians = new ArrayList<>();
    boolean report = Boolean.parseBoolean(processingEnv.getOptions().get(CompanionReport.OPTION));
    for (Differentiated method : methods) {
      if (method.copy()) {
        copies.add(method.lowered());
      }
      if (!method.companions()) {
        continue;
      }
      try {
        CompanionFiles.Companion companion = differentiate(method, passes);
        String tooLarge = Limits.problem(companion, splitAbove);
        if (tooLarge != null) {
          error(method.ir().element(), Message.TOO_LARGE.format(tooLarge));
          continue;
        }
        if (second.contains(method.ir().element())) {
          HvpMethod product = SecondOrder.of(companion.adjoint(), method.facts(), passes);
          BatchMethod lanes = BatchMethod.applies(method.ir())
              ? BatchMethod.product(product, method.facts(), passes) : null;
          String hessianTooLarge = Limits.hessianProblem(product, lanes);
          if (hessianTooLarge != null) {
            error(method.ir().element(), Message.TOO_LARGE.format(hessianTooLarge));
            continue;
          }
          hessians.add(new CompanionFiles.Hessian(product, lanes));
        }
        companions.add(companion);
        if (report) {
          diagnostics.on(Diagnostic.Kind.NOTE, CompanionReport.of(companion),
              method.ir().element());
        }
      } catch (RuntimeException | StackOverflowError e) {
        error(method.ir().element(), Message.INTERNAL.format(
            type.getSimpleName() + "." + method.ir().name(), e));
      }
    }
    if (companions.isEmpty() && copies.isEmpty()) {
      return;
    }
    String tooLarge = Limits.classProblem(type.getSimpleName().toString(), companions, splitAbove);
    if (tooLarge != null) {
      error(type, Message.TOO_LARGE.format(tooLarge));
      return;
    }
    var elements = processingEnv.getElementUtils();
    boolean generated = elements.getTypeElement("javax.annotation.processing.Generated") != null;
    String pkg = elements.getPackageOf(type).getQualifiedName().toString();
    CompanionFiles files = new CompanionFiles(generated,
        simple -> elements.getTypeElement(pkg.isEmpty() ? simple : pkg + "." + simple) != null,
        splitAbove);
    try {
      List<JavaFile> javaFiles = new ArrayList<>(files.files(type, companions, copies));
      javaFiles.addAll(files.hessianFiles(type, hessians));
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

  private static CompanionFiles.Companion differentiate(Differentiated method, Passes passes) {
    TangentMethod tangent = Tangent.of(method.lowered(), method.facts(), passes);
    return new CompanionFiles.Companion(
        Adjoint.of(method.lowered(), method.facts(), passes), tangent,
        BatchMethod.applies(method.ir()) ? BatchMethod.tangent(tangent, passes) : null);
  }

  private void error(Element element, String message) {
    diagnostics.error(element, message);
  }
}
