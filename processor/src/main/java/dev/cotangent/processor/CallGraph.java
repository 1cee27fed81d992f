package dev.cotangent.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import dev.cotangent.processor.analyse.Activity;
import dev.cotangent.processor.analyse.Calls;
import dev.cotangent.processor.analyse.MethodFacts;
import dev.cotangent.processor.differentiate.checkpoint.CheckpointShapes;
import dev.cotangent.processor.differentiate.rules.Callees;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.MethodIR;
import dev.cotangent.processor.lower.LoweredMethod;
import dev.cotangent.processor.lower.Lowering;
import dev.cotangent.processor.read.DerivativeRules;
import dev.cotangent.processor.read.Diagnostics;
import dev.cotangent.processor.read.MethodReader;
import dev.cotangent.processor.read.Problem;
import dev.cotangent.processor.read.StatementAt;
import java.util.ArrayDeque;
import java.util.ArrayList;
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
 * companions already. A private method that the methods read call (with or without
 * derivatives) is read too, for the copy the companions call instead ({@code emit.PrimalCopies}).
 * A method whose callee cannot be differentiated (or copied) fails with it.
 */
final class CallGraph {
  private final ProcessingEnvironment environment;
  private final Trees trees;
  private final DerivativeRules rules;
  private final Diagnostics diagnostics;
  private final Map<ExecutableElement, Differentiated> methods = new LinkedHashMap<>();
  private final Set<String> reportedFields = new HashSet<>();
  /** The problems reported, so that a method read twice (copied, then differentiated) reports each once. */
  private final java.util.Set<List<Object>> reported = new java.util.HashSet<>();

  CallGraph(ProcessingEnvironment environment, Trees trees, DerivativeRules rules,
      Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
    this.environment = environment;
    this.trees = trees;
    this.rules = rules;
  }

  /** A method to read: to differentiate it ({@code companions}) or only to copy it. */
  private record Need(ExecutableElement method, boolean companions) {}

  Map<ExecutableElement, Differentiated> read(List<ExecutableElement> roots) {
    MethodReader reader = new MethodReader(trees, environment.getElementUtils(), rules);
    Deque<Need> todo = new ArrayDeque<>();
    roots.forEach(root -> todo.add(new Need(root, true)));
    while (!todo.isEmpty()) {
      Need need = todo.poll();
      Differentiated known = methods.get(need.method());
      Differentiated d = known;
      if (known == null || need.companions() && !known.companions() && known.ok()) {
        d = readOne(reader, need.method(), need.companions(), todo);
        if (known != null && known.copy()) {
          d.needsCopy();
        }
        methods.put(need.method(), d);
      }
      if (!need.companions()) {
        d.needsCopy();
      }
    }
    failWithCallees();
    return methods;
  }

  private Differentiated readOne(MethodReader reader, ExecutableElement method,
      boolean companions, Deque<Need> todo) {
    try {
      MethodReader.Result result = reader.read(method, companions);
      for (Problem problem : result.problems()) {
        if (reported.add(List.of(problem.tree(), problem.message()))
            && firstReport(problem, result.unit())) {
          diagnostics.report(problem, result.unit());
        }
      }
      if (result.method().isEmpty()) {
        return Differentiated.failed(companions);
      }
      MethodIR ir = result.method().get();
      LoweredMethod lowered = Lowering.lower(ir);
      MethodFacts facts = MethodFacts.of(lowered);
      boolean ok = !companions || checkpointShapes(method, lowered, result.unit());
      List<Expr.Call> needed = new ArrayList<>();
      if (companions) {
        for (Expr.Call call : facts.activeCalls()) {
          ok &= callable(call, result.unit(), todo, facts.activity());
          needed.add(call);
        }
      }
      for (Expr.Call call : Calls.in(lowered.body())) {
        if (!call.companion().callable() && !call.hasRules()) {
          // the companions are other classes: they call a copy of the private method
          todo.add(new Need(call.callee(), false));
          needed.add(call);
        }
      }
      Differentiated d = new Differentiated(lowered, facts, result.unit(), companions, needed, ok);
      if (companions && ir.companion().hasJacobian() && !ir.companion().callable()) {
        d.needsCopy(); // fJacobian learns the result's length from the method's value
      }
      return d;
    } catch (RuntimeException | StackOverflowError e) {
      error(method, Message.INTERNAL.format(method.getEnclosingElement().getSimpleName() + "."
          + method.getSimpleName(), e));
      return Differentiated.failed(companions);
    }
  }

  /** Reports what {@code checkpoints = N} cannot reverse; whether there was nothing. */
  private boolean checkpointShapes(ExecutableElement method, LoweredMethod lowered,
      CompilationUnitTree unit) {
    List<CheckpointShapes.Problem> problems = CheckpointShapes.of(lowered);
    for (CheckpointShapes.Problem problem : problems) {
      String message = Message.CHECKPOINT.format(problem.what(), problem.instead());
      if (problem.origin() == null) {
        diagnostics.error(method, message);
      } else {
        diagnostics.at(Diagnostic.Kind.ERROR, message,
            StatementAt.find(trees, unit, method, problem.origin().line()), unit);
      }
    }
    return problems.isEmpty();
  }

  /** Whether the callee's derivatives will exist; queues callees with source. */
  private boolean callable(Expr.Call call, CompilationUnitTree unit,
      Deque<Need> todo, Activity activity) {
    ExecutableElement callee = call.callee();
    if (call.hasRules()) {
      return hasRuleForEveryActiveArgument(call, unit, activity);
    }
    String problem = OutArgumentCalls.problem(call, activity, environment.getElementUtils());
    if (problem != null) {
      report(call, unit, Message.CALL_SHAPE.format(call.name(), problem));
      return false;
    }
    if (trees.getPath(callee) != null) {
      todo.add(new Need(callee, true));
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
            report(call, method.unit(), call.companion().callable() || callee.companions()
                ? Message.CALLEE_FAILED.format(call.name())
                : Message.COPY_FAILED.format(call.name()));
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
