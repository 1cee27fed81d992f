package dev.cotangent.processor.read;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import dev.cotangent.processor.ir.CompanionModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.util.Elements;

/**
 * What a caller must know about a method besides its companions ({@link CompanionModel.Effects}):
 * which array arguments it may write into, and whether its array result is always a new array.
 * From the method's source, without attribution: names are followed through the locals that may
 * refer to a parameter's array (aliases, rows {@code m[i]}, enhanced {@code for} over rows), into
 * element writes, {@code System.arraycopy}, {@code Arrays.fill}/{@code sort}/..., and into calls
 * of methods with source (their own effects, transitively; a method in a cycle of calls being
 * found counts as writing every array it is given, and a call Cotangent cannot follow writes
 * every array passed to it). For a method compiled earlier, the constants of its gradient holder
 * say it ({@link CompanionModel.Effects#fromHolder}); without them the effects are unknown.
 */
public final class CalleeEffects {
  /** Library classes whose static methods change no array they are given. */
  private static final Set<String> PURE = Set.of("java.lang.Math", "java.lang.StrictMath",
      "java.lang.String", "java.lang.Double", "java.lang.Float", "java.lang.Integer",
      "java.lang.Long", "java.lang.Character", "java.lang.Boolean", "java.util.Objects",
      "dev.cotangent.runtime.Cotangent");
  /** {@code java.util.Arrays} methods that write into their first argument. */
  private static final Set<String> ARRAYS_WRITING = Set.of("fill", "sort", "parallelSort",
      "setAll", "parallelSetAll", "parallelPrefix");

  private final Trees trees;
  private final Elements elements;
  private final Map<ExecutableElement, CompanionModel.Effects> known = new HashMap<>();
  private final Set<ExecutableElement> inProgress = new HashSet<>();

  public CalleeEffects(Trees trees, Elements elements) {
    this.trees = trees;
    this.elements = elements;
  }

  /** The effects of {@code method}, or null when neither its source nor its holder tells. */
  public CompanionModel.Effects of(ExecutableElement method) {
    CompanionModel.Effects found = known.get(method);
    if (found != null) {
      return found;
    }
    TreePath path = trees == null ? null : trees.getPath(method);
    if (path == null || !(path.getLeaf() instanceof MethodTree tree) || tree.getBody() == null) {
      return CompanionModel.Effects.fromHolder(method, elements);
    }
    if (!inProgress.add(method)) {
      return CompanionModel.Effects.writingAll(method); // a cycle: assume the worst
    }
    try {
      CompanionModel.Effects effects = new Scan(method, tree, path.getCompilationUnit()).run();
      known.put(method, effects);
      return effects;
    } finally {
      inProgress.remove(method);
    }
  }

  /** One method's scan: aliases of its array parameters first, then writes and returns. */
  private final class Scan extends TreeScanner<Void, Void> {
    private final ExecutableElement method;
    private final MethodTree tree;
    private final CallResolver calls;
    private final NameResolver names;
    private final Map<String, Integer> parameters = new HashMap<>();
    /** How many array dimensions each array parameter and array local has. */
    private final Map<String, Integer> dimensions = new HashMap<>();
    private final Map<String, Set<Integer>> aliases = new HashMap<>();
    private final Map<String, Boolean> freshLocals = new HashMap<>();
    private final Set<Integer> written = new HashSet<>();
    private boolean freshResult = true;
    private boolean aliasing = true;
    private boolean changed;

    Scan(ExecutableElement method, MethodTree tree, CompilationUnitTree unit) {
      this.method = method;
      this.tree = tree;
      TypeElement owner = (TypeElement) method.getEnclosingElement();
      this.calls = new CallResolver(elements, owner, null, CalleeEffects.this);
      this.names = new NameResolver(elements, owner, unit);
      for (int i = 0; i < method.getParameters().size(); i++) {
        if (method.getParameters().get(i).asType() instanceof ArrayType array) {
          String name = method.getParameters().get(i).getSimpleName().toString();
          parameters.put(name, i);
          dimensions.put(name, array.getComponentType() instanceof ArrayType ? 2 : 1);
        }
      }
    }

    CompanionModel.Effects run() {
      do {
        changed = false;
        scan(tree.getBody(), null);
      } while (changed);
      aliasing = false;
      scan(tree.getBody(), null);
      List<Boolean> writes = new ArrayList<>();
      for (int i = 0; i < method.getParameters().size(); i++) {
        writes.add(written.contains(i));
      }
      return new CompanionModel.Effects(List.copyOf(writes), freshResult);
    }

    // ------------------------------------------------------------ what an expression refers to

    /** The parameters whose arrays (or rows) {@code e} may be. */
    private Set<Integer> roots(ExpressionTree e) {
      Set<Integer> out = new HashSet<>();
      if (e instanceof IdentifierTree id) {
        String name = id.getName().toString();
        if (parameters.containsKey(name)) {
          out.add(parameters.get(name));
        }
        out.addAll(aliases.getOrDefault(name, Set.of()));
      } else if (e instanceof ArrayAccessTree access) {
        out.addAll(roots(access.getExpression()));
      } else if (e instanceof ParenthesizedTree p) {
        out.addAll(roots(p.getExpression()));
      } else if (e instanceof TypeCastTree c) {
        out.addAll(roots(c.getExpression()));
      } else if (e instanceof ConditionalExpressionTree c) {
        out.addAll(roots(c.getTrueExpression()));
        out.addAll(roots(c.getFalseExpression()));
      } else if (e instanceof AssignmentTree a) {
        out.addAll(roots(a.getExpression()));
      } else if (e instanceof MethodInvocationTree call && !fresh(call)) {
        call.getArguments().forEach(arg -> out.addAll(roots(arg))); // it may return an argument
        if (call.getMethodSelect() instanceof MemberSelectTree select
            && select.getIdentifier().contentEquals("clone")) {
          out.addAll(roots(select.getExpression())); // m.clone(): the rows are m's
        }
      } else if (e instanceof NewArrayTree array && array.getInitializers() != null) {
        for (ExpressionTree element : array.getInitializers()) {
          if (dimensions(element) != 0) { // {p, q}: a matrix whose rows are p and q
            out.addAll(roots(element));
          }
        }
      }
      return out;
    }

    /** An expression's array dimensions: 0 for a number, -1 when the source does not say. */
    private int dimensions(ExpressionTree e) {
      if (e instanceof IdentifierTree id) {
        return dimensions.getOrDefault(id.getName().toString(), 0);
      }
      if (e instanceof ArrayAccessTree access) {
        int outer = dimensions(access.getExpression());
        return outer <= 0 ? outer : outer - 1;
      }
      if (e instanceof ParenthesizedTree p) {
        return dimensions(p.getExpression());
      }
      return e instanceof NewArrayTree ? 1 : e instanceof MethodInvocationTree
          || e instanceof ConditionalExpressionTree ? -1 : 0;
    }

    /** Whether {@code e} is certainly a new array. */
    private boolean fresh(ExpressionTree e) {
      if (e instanceof NewArrayTree array) {
        return array.getInitializers() == null || array.getInitializers().stream()
            .allMatch(element -> dimensions(element) == 0 || fresh(element));
      }
      if (e instanceof ParenthesizedTree p) {
        return fresh(p.getExpression());
      }
      if (e instanceof ConditionalExpressionTree c) {
        return fresh(c.getTrueExpression()) && fresh(c.getFalseExpression());
      }
      if (e instanceof IdentifierTree id) {
        return freshLocals.getOrDefault(id.getName().toString(), false);
      }
      if (e instanceof MethodInvocationTree call) {
        String name = name(call);
        if (name.equals("clone") && call.getArguments().isEmpty()
            && call.getMethodSelect() instanceof MemberSelectTree select) {
          return dimensions(select.getExpression()) == 1; // a matrix's clone shares its rows
        }
        if (owner(call).filter(o -> o.getQualifiedName().contentEquals("java.util.Arrays"))
            .isPresent()) {
          return name.equals("copyOf") || name.equals("copyOfRange");
        }
        List<ExecutableElement> candidates = candidates(call);
        return !candidates.isEmpty() && candidates.stream().allMatch(c -> {
          CompanionModel.Effects effects = of(c);
          return effects != null && effects.freshResult();
        });
      }
      return false;
    }

    // ------------------------------------------------------------ aliases (first pass)

    private void aliased(String name, ExpressionTree value, boolean fresh) {
      if (!aliasing || parameters.containsKey(name) || !dimensions.containsKey(name)) {
        return; // only array locals can refer to a parameter's array
      }
      Set<Integer> roots = roots(value);
      Set<Integer> current = aliases.computeIfAbsent(name, k -> new HashSet<>());
      changed |= current.addAll(roots);
      Boolean was = freshLocals.get(name);
      boolean now = (was == null || was) && fresh;
      if (was == null || was != now) {
        changed |= was != null;
        freshLocals.put(name, now);
      }
    }

    @Override
    public Void visitVariable(VariableTree node, Void unused) {
      int depth = 0;
      for (Tree t = node.getType(); t instanceof ArrayTypeTree a; t = a.getType()) {
        depth++;
      }
      if (depth > 0 || node.getType() == null || isVar(node.getType())) {
        // var r = ...: an array only if its value is one, which aliasing decides below
        dimensions.putIfAbsent(node.getName().toString(), depth > 0 ? depth : -1);
      }
      if (node.getInitializer() != null) {
        aliased(node.getName().toString(), node.getInitializer(),
            fresh(node.getInitializer()));
      }
      return super.visitVariable(node, unused);
    }

    @Override
    public Void visitEnhancedForLoop(EnhancedForLoopTree node, Void unused) {
      int outer = dimensions(node.getExpression());
      if (outer != 1) { // for (double[] row : m): row is a row of m
        dimensions.putIfAbsent(node.getVariable().getName().toString(), Math.max(outer - 1, -1));
      }
      aliased(node.getVariable().getName().toString(), node.getExpression(), false);
      return super.visitEnhancedForLoop(node, unused);
    }

    private boolean isVar(Tree type) {
      return type instanceof IdentifierTree id && id.getName().contentEquals("var");
    }

    // ------------------------------------------------------------ writes and returns

    @Override
    public Void visitAssignment(AssignmentTree node, Void unused) {
      if (node.getVariable() instanceof ArrayAccessTree target) {
        writes(target.getExpression());
        ExpressionTree base = target.getExpression();
        while (base instanceof ArrayAccessTree outer) {
          base = outer.getExpression();
        }
        if (base instanceof IdentifierTree matrix && dimensions(target) != 0
            && dimensions(node.getExpression()) != 0) {
          // m[i] = r: m's rows may now be r (or a parameter's row)
          aliased(matrix.getName().toString(), node.getExpression(), false);
        }
      } else if (node.getVariable() instanceof IdentifierTree id) {
        aliased(id.getName().toString(), node.getExpression(), fresh(node.getExpression()));
      }
      return super.visitAssignment(node, unused);
    }

    @Override
    public Void visitCompoundAssignment(CompoundAssignmentTree node, Void unused) {
      if (node.getVariable() instanceof ArrayAccessTree target) {
        writes(target.getExpression());
      }
      return super.visitCompoundAssignment(node, unused);
    }

    @Override
    public Void visitUnary(UnaryTree node, Void unused) {
      boolean step = switch (node.getKind()) {
        case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT -> true;
        default -> false;
      };
      if (step && node.getExpression() instanceof ArrayAccessTree target) {
        writes(target.getExpression());
      }
      return super.visitUnary(node, unused);
    }

    @Override
    public Void visitReturn(ReturnTree node, Void unused) {
      if (!aliasing && node.getExpression() != null) {
        freshResult &= fresh(node.getExpression());
      }
      return super.visitReturn(node, unused);
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
      if (!aliasing) {
        calls(call);
      }
      return super.visitMethodInvocation(call, unused);
    }

    private void writes(ExpressionTree array) {
      if (!aliasing) {
        written.addAll(roots(array));
      }
    }

    /** The arrays a call may write: as its callee's effects say, or all it is given. */
    private void calls(MethodInvocationTree call) {
      List<? extends ExpressionTree> args = call.getArguments();
      String name = name(call);
      Optional<TypeElement> owner = owner(call);
      String ownerName = owner.map(o -> o.getQualifiedName().toString()).orElse("");
      if (ownerName.equals("java.lang.System") && name.equals("arraycopy") && args.size() == 5) {
        writes(args.get(2));
        return;
      }
      if (ownerName.equals("java.util.Arrays")) {
        if (ARRAYS_WRITING.contains(name) && !args.isEmpty()) {
          writes(args.get(0));
        }
        return;
      }
      if (PURE.contains(ownerName) || name.equals("clone") && args.isEmpty()) {
        return;
      }
      List<ExecutableElement> candidates = candidates(call);
      for (int k = 0; k < args.size(); k++) {
        int position = k;
        boolean mayWrite = candidates.isEmpty() || candidates.stream().anyMatch(c -> {
          CompanionModel.Effects effects = of(c);
          return effects == null || position >= effects.writes().size()
              || effects.writes().get(position);
        });
        if (mayWrite) {
          writes(args.get(k));
        }
      }
    }

    private String name(MethodInvocationTree call) {
      ExpressionTree select = call.getMethodSelect();
      return select instanceof MemberSelectTree member ? member.getIdentifier().toString()
          : ((IdentifierTree) select).getName().toString();
    }

    /** The class a qualified call names ({@code Arrays.fill}), if it names one. */
    private Optional<TypeElement> owner(MethodInvocationTree call) {
      return call.getMethodSelect() instanceof MemberSelectTree member
          ? names.type(member.getExpression()) : Optional.empty();
    }

    /** The methods the call may be (by name and number of arguments); empty if unknown. */
    private List<ExecutableElement> candidates(MethodInvocationTree call) {
      ExpressionTree select = call.getMethodSelect();
      Optional<TypeElement> owner = owner(call);
      boolean onThis = select instanceof MemberSelectTree member
          && member.getExpression() instanceof IdentifierTree id
          && id.getName().contentEquals("this");
      if (select instanceof MemberSelectTree && owner.isEmpty() && !onThis) {
        return List.of(); // a method of an object
      }
      String name = name(call);
      return calls.candidates(onThis ? Optional.empty() : owner, name,
              names.staticImportOwners(name)).stream()
          .filter(m -> m.getParameters().size() == call.getArguments().size())
          .toList();
    }
  }
}
