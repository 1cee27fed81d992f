package dev.cotangent.processor;

import com.sun.source.tree.Tree;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.read.Diagnostics;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;

/**
 * Which methods get second-order companions: those marked {@code @Differentiable(order = 2)}
 * and, transitively, every method they call with derivatives (its Hessian-vector product calls
 * theirs). A method compiled earlier must have its {@code Hessian} companion already. The
 * {@code @DerivativeOf} rules these methods use are differentiated too (their tangents give the
 * rules' derivatives), so they are read like helpers. A method returning {@code double[]} cannot
 * have order 2; any order but 1 and 2 is an error.
 */
final class SecondOrderPlan {
  private final CallGraph graph;
  private final Map<ExecutableElement, Differentiated> methods;
  private final Elements elements;
  private final Diagnostics diagnostics;
  private final Set<ExecutableElement> failed = identitySet();

  private SecondOrderPlan(CallGraph graph, Map<ExecutableElement, Differentiated> methods,
      Elements elements, Diagnostics diagnostics) {
    this.graph = graph;
    this.methods = methods;
    this.elements = elements;
    this.diagnostics = diagnostics;
  }

  /** The methods with second-order companions, after reading the rules they use. */
  static Set<ExecutableElement> of(List<ExecutableElement> annotated, CallGraph graph,
      Map<ExecutableElement, Differentiated> methods, Elements elements,
      Diagnostics diagnostics) {
    return new SecondOrderPlan(graph, methods, elements, diagnostics).plan(annotated);
  }

  /** The {@code order} of a {@code @Differentiable} method: 1 unless it says otherwise. */
  static int order(ExecutableElement method) {
    for (AnnotationMirror annotation : method.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) annotation.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(CotangentProcessor.DIFFERENTIABLE)) {
        for (var entry : annotation.getElementValues().entrySet()) {
          if (entry.getKey().getSimpleName().contentEquals("order")) {
            AnnotationValue value = entry.getValue();
            return value.getValue() instanceof Integer order ? order : 1;
          }
        }
      }
    }
    return 1;
  }

  private Set<ExecutableElement> plan(List<ExecutableElement> annotated) {
    Deque<ExecutableElement> todo = new ArrayDeque<>();
    for (ExecutableElement method : annotated) {
      int order = order(method);
      if (order == 2) {
        todo.add(method);
      } else if (order != 1) {
        diagnostics.error(method, Message.ORDER.format(order, method.getSimpleName()));
      }
    }
    Set<ExecutableElement> second = new LinkedHashSet<>();
    Map<ExecutableElement, List<Expr.Call>> ruleUsers = new IdentityHashMap<>();
    while (!todo.isEmpty()) {
      ExecutableElement method = todo.poll();
      Differentiated d = methods.get(method);
      if (!second.add(method) || d == null || !d.ok()) {
        continue;
      }
      if (d.ir().isVectorValued()) {
        String what = method.getReturnType().getKind() == javax.lang.model.type.TypeKind.DECLARED
            ? method.getSimpleName() + " (its record result is returned as a double[] of the"
                + " components)" : method.getSimpleName().toString();
        diagnostics.error(method, Message.ORDER_VECTOR.format(what));
        failed.add(method);
        continue;
      }
      if (dev.cotangent.processor.differentiate.checkpoint.CheckpointRequest.of(method) > 0) {
        diagnostics.error(method, Message.ORDER_CHECKPOINTS.format(method.getSimpleName()));
        failed.add(method);
        continue;
      }
      for (Expr.Call call : d.calls()) {
        if (call.hasRules()) {
          ruleUsers.computeIfAbsent(method, k -> new ArrayList<>()).add(call);
        } else if (methods.containsKey(call.callee())) {
          todo.add(call.callee());
        } else if (elements.getTypeElement(call.companion().hvpHolder().canonicalName())
            == null) {
          report(call, d, "it was compiled without them (there is no "
              + call.companion().hvpHolder().canonicalName() + ")", "compile it with"
              + " @Differentiable(order = 2), or pass it only values without derivatives");
          failed.add(method);
        }
      }
    }
    readRules(ruleUsers);
    propagateFailures(second);
    second.removeAll(failed);
    second.removeIf(m -> methods.get(m) == null || !methods.get(m).ok());
    return second;
  }

  /** Reads the rules the methods use; a method whose rule cannot be differentiated fails. */
  private void readRules(Map<ExecutableElement, List<Expr.Call>> users) {
    List<ExecutableElement> rules = new ArrayList<>();
    users.forEach((method, calls) -> calls.forEach(call -> rules.addAll(used(call, method))));
    graph.read(rules);
    users.forEach((method, calls) -> {
      for (Expr.Call call : calls) {
        for (ExecutableElement rule : used(call, method)) {
          Differentiated read = methods.get(rule);
          if (read == null || !read.ok()) {
            report(call, methods.get(method), "at second order its @DerivativeOf rule "
                + rule.getSimpleName() + " is differentiated too, and cannot be (see the errors"
                + " reported there)", "give the functions the rule calls @DerivativeOf rules of"
                + " their own, or write the rule with what Cotangent differentiates");
            failed.add(method);
          }
        }
      }
    });
  }

  /** The rules of {@code call} for its arguments that carry derivatives. */
  private List<ExecutableElement> used(Expr.Call call, ExecutableElement caller) {
    var activity = methods.get(caller).facts().activity();
    List<ExecutableElement> out = new ArrayList<>();
    for (int i = 0; i < call.args().size(); i++) {
      ExecutableElement rule = call.rules().get(i);
      if (rule != null && activity.isActive(call.args().get(i))) {
        out.add(rule);
      }
    }
    return out;
  }

  /** A method fails when a method it calls failed. */
  private void propagateFailures(Set<ExecutableElement> second) {
    boolean changed = true;
    while (changed) {
      changed = false;
      for (ExecutableElement method : second) {
        Differentiated d = methods.get(method);
        if (failed.contains(method) || d == null) {
          continue;
        }
        for (Expr.Call call : d.calls()) {
          if (failed.contains(call.callee())) {
            report(call, d, "its second-order companions cannot be generated (see the errors"
                + " reported there)", "fix it, or pass it only values without derivatives");
            failed.add(method);
            changed = true;
            break;
          }
        }
      }
    }
  }

  private void report(Expr.Call call, Differentiated caller, String why, String advice) {
    diagnostics.at(Diagnostic.Kind.ERROR, Message.NO_SECOND_ORDER.format(call.name(), why,
        advice), (Tree) call.site(), caller.unit());
  }

  private static Set<ExecutableElement> identitySet() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }
}
