package dev.cotangent.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import dev.cotangent.processor.analyse.Activity;
import dev.cotangent.processor.analyse.MethodFacts;
import dev.cotangent.processor.differentiate.rules.Callees;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.MethodIR;
import dev.cotangent.processor.lower.LoweredMethod;
import dev.cotangent.processor.lower.Lowering;
import dev.cotangent.processor.read.ArrayWrites;
import dev.cotangent.processor.read.DerivativeRules;
import dev.cotangent.processor.read.Diagnostics;
import dev.cotangent.processor.read.MethodReader;
import dev.cotangent.processor.read.Problem;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.ExecutableElement;
import javax.tools.Diagnostic;

/**
 * Reads the {@code @Differentiable} methods and, transitively, every method they call with a
 * differentiable argument: a callee with source in this compilation is differentiated too (it
 * gets companions in its own class's companion classes); one compiled earlier must have
 * companions already. A method whose callee cannot be differentiated fails with it.
 */
final class CallGraph {
  private final ProcessingEnvironment environment;
  private final Trees trees;
  private final DerivativeRules rules;
  private final Diagnostics diagnostics;
  private final Map<ExecutableElement, Differentiated> methods = new LinkedHashMap<>();
  private final Set<String> reportedFields = new HashSet<>();

  CallGraph(ProcessingEnvironment environment, Trees trees, DerivativeRules rules,
      Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
    this.environment = environment;
    this.trees = trees;
    this.rules = rules;
  }

  Map<ExecutableElement, Differentiated> read(List<ExecutableElement> roots) {
    MethodReader reader = new MethodReader(trees, environment.getElementUtils(), rules);
    Deque<ExecutableElement> todo = new ArrayDeque<>(roots);
    while (!todo.isEmpty()) {
      ExecutableElement method = todo.poll();
      if (!methods.containsKey(method)) {
        methods.put(method, readOne(reader, method, todo));
      }
    }
    failWithCallees();
    return methods;
  }

  private Differentiated readOne(MethodReader reader, ExecutableElement method,
      Deque<ExecutableElement> todo) {
    try {
      MethodReader.Result result = reader.read(method);
      for (Problem problem : result.problems()) {
        if (firstReport(problem, result.unit())) {
          diagnostics.report(problem, result.unit());
        }
      }
      if (result.method().isEmpty()) {
        return Differentiated.failed();
      }
      MethodIR ir = result.method().get();
      LoweredMethod lowered = Lowering.lower(ir);
      MethodFacts facts = MethodFacts.of(lowered);
      boolean ok = true;
      for (Expr.Call call : facts.activeCalls()) {
        ok &= callable(call, result.unit(), todo, facts.activity());
      }
      return new Differentiated(lowered, facts, result.unit(), ok);
    } catch (RuntimeException | StackOverflowError e) {
      error(method, Message.INTERNAL.format(method.getEnclosingElement().getSimpleName() + "."
          + method.getSimpleName(), e));
      return Differentiated.failed();
    }
  }

  /** Whether the callee's derivatives will exist; queues callees with source. */
  private boolean callable(Expr.Call call, CompilationUnitTree unit,
      Deque<ExecutableElement> todo, Activity activity) {
    ExecutableElement callee = call.callee();
    if (call.type().isArray()) {
      report(call, unit, Message.CALL_SHAPE.format(call.name(), "returns an array; calls to"
          + " vector-valued methods with differentiable arguments are not differentiable yet:"
          + " call a method that returns one element, or inline the computation"));
      return false;
    }
    if (call.hasRules()) {
      return hasRuleForEveryActiveArgument(call, unit, activity);
    }
    boolean arrays = call.args().stream().anyMatch(arg -> arg.type().isArray());
    if (arrays && ArrayWrites.in(trees, callee)) {
      report(call, unit, Message.CALL_SHAPE.format(call.name(), "writes into arrays (or its"
          + " source is not available to check that it does not); calls to it with array"
          + " arguments are not differentiable yet: inline its loop"));
      return false;
    }
    if (trees.getPath(callee) != null) {
      todo.add(callee);
      return true;
    }
    String holder = Callees.holder(call).canonicalName();
    if (environment.getElementUtils().getTypeElement(holder) == null) {
      report(call, unit, Message.NO_DERIVATIVE_KNOWN.format(call.name()));
      return false;
    }
    return true;
  }

  /** With user rules, every argument that carries a derivative needs its rule. */
  private boolean hasRuleForEveryActiveArgument(Expr.Call call, CompilationUnitTree unit,
      Activity activity) {
    for (int i = 0; i < call.args().size(); i++) {
      if (call.rules().get(i) == null && activity.isActive(call.args().get(i))) {
        String parameter = call.callee().getParameters().get(i).getSimpleName().toString();
        report(call, unit, Message.NO_RULE.format(call.name(), parameter, parameter));
        return false;
      }
    }
    return true;
  }

  /** A method fails when a callee with source in this compilation failed. */
  private void failWithCallees() {
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Differentiated method : methods.values()) {
        if (!method.ok()) {
          continue;
        }
        for (Expr.Call call : method.calls()) {
          Differentiated callee = methods.get(call.callee());
          if (callee != null && !callee.ok()) {
            report(call, method.unit(), Message.CALLEE_FAILED.format(call.name()));
            method.fail();
            changed = true;
            break;
          }
        }
      }
    }
  }

  /**
   * False for a repeated {@code COTANGENT-PRIVATE-FIELD} message in the same file: a private
   * field is reported at its first use only (the message names the field; the method fails
   * either way).
   */
  private boolean firstReport(Problem problem, CompilationUnitTree unit) {
    return !problem.message().startsWith("[" + Message.PRIVATE_FIELD.id() + "]")
        || reportedFields.add(unit.getSourceFile().toUri() + " " + problem.message());
  }

  private void report(Expr.Call call, CompilationUnitTree unit, String message) {
    diagnostics.at(Diagnostic.Kind.ERROR, message, (Tree) call.site(), unit);
  }

  private void error(ExecutableElement method, String message) {
    diagnostics.error(method, message);
  }
}
