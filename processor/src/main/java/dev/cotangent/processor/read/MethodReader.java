package dev.cotangent.processor.read;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.cotangent.processor.Message;
import dev.cotangent.processor.ir.CompanionModel;
import dev.cotangent.processor.ir.MethodIR;
import dev.cotangent.processor.ir.RecordParameter;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;

/**
 * Reads one {@code @Differentiable} method into {@link MethodIR}: checks its signature, then its
 * body. Types come from declarations (parameters, locals, fields), so the body need not be
 * attributed: this works the same on every javac release.
 */
public final class MethodReader {
  private final Trees trees;
  private final Elements elements;
  private final DerivativeRules rules;
  private final CalleeEffects effects;

  public MethodReader(Trees trees, Elements elements, DerivativeRules rules) {
    this.trees = trees;
    this.elements = elements;
    this.rules = rules;
    this.effects = new CalleeEffects(trees, elements);
  }

  /** The outcome: the IR when there were no errors, and every problem found. */
  public record Result(Optional<MethodIR> method, List<Problem> problems,
      CompilationUnitTree unit) {
    public boolean hasErrors() {
      return problems.stream().anyMatch(p -> p.kind() == Diagnostic.Kind.ERROR);
    }
  }

  /** Reads a method to differentiate: its result must be one the companions can have. */
  public Result read(ExecutableElement method) {
    return read(method, true);
  }

  /**
   * Reads a method; {@code companions}: to differentiate it, else only to copy it (a private
   * helper the companions cannot call: then any result the IR knows, {@code void} included).
   */
  public Result read(ExecutableElement method, boolean companions) {
    TreePath path = trees.getPath(method);
    List<Problem> problems = new ArrayList<>();
    if (path == null || !(path.getLeaf() instanceof MethodTree tree)) {
      return new Result(Optional.empty(), problems, null);
    }
    CompilationUnitTree unit = path.getCompilationUnit();
    SourceText source = new SourceText(unit, trees.getSourcePositions());
    checkShape(method, tree, problems, companions);
    if (companions && problems.isEmpty() && method.getReturnType().getKind()
        == javax.lang.model.type.TypeKind.VOID && !writesDifferentiableArrays(method)) {
      problems.add(shape(tree.getReturnType(), method.getSimpleName().toString(), "returns"
          + " void and writes into no differentiable array parameter, so it has nothing to"
          + " differentiate; return the value, or write the results into a double[] parameter"));
    }
    if (!problems.isEmpty()) {
      return new Result(Optional.empty(), problems, unit);
    }
    Scope scope = new Scope();
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    List<Variable> parameters = new ArrayList<>();
    Variable receiver = null;
    if (!method.getModifiers().contains(Modifier.STATIC)) {
      String simple = owner.getSimpleName().toString();
      receiver = Variable.receiver(Character.toLowerCase(simple.charAt(0)) + simple.substring(1),
          com.palantir.javapoet.ClassName.get(owner));
      parameters.add(receiver);
    }
    List<RecordParameter> records = new ArrayList<>();
    parameters.addAll(parameters(method, tree, scope, problems, records));
    RecordParameter recordResult = null;
    RecordShape resultShape = null;
    if (companions && RecordShape.isRecord(method.getReturnType())) {
      try {
        recordResult = RecordParameters.result(method.getReturnType(), tree.getReturnType(),
            trees);
        resultShape = RecordParameters.shape(method.getReturnType(), tree.getReturnType(), trees);
      } catch (ReadException e) {
        problems.add(new Problem(Diagnostic.Kind.ERROR, e.tree(), e.getMessage()));
        return new Result(Optional.empty(), problems, unit);
      }
    }
    // order = 2 with a record result: SecondOrderPlan refuses it as vector-valued
    NameResolver names = new NameResolver(elements, owner, unit);
    ExpressionReader expressions =
        new ExpressionReader(scope, names, source, new CallResolver(elements, owner, rules, effects),
            receiver, new RecordInliner.Context(trees, elements, rules, effects), null);
    Type returnType = resultShape != null ? Type.DOUBLE_ARRAY
        : Types.of(method.getReturnType()).orElseThrow();
    StatementReader statements =
        new StatementReader(scope, expressions, names, source, problems, returnType);
    statements.returnsRecord(resultShape);
    List<Stmt> body = statements.block(tree.getBody().getStatements());
    // A write before the variable became a field's alias (in an earlier loop iteration).
    for (Stmt.ArrayWrite write : ArrayWritesIn.of(body)) {
      dev.cotangent.processor.ir.Variable root = dev.cotangent.processor.analyse.Aliases.root(
          write.array());
      if (root != null && expressions.arrays().isFieldAlias(root)) {
        problems.add(new Problem(Diagnostic.Kind.ERROR, tree, Message.FIELD_WRITE.format(
            "an element of a field's array through the local variable " + root.name()
                + " (" + write.origin() + ")")));
        break;
      }
    }
    CompanionModel model = CompanionModel.of(method, null, effects::of);
    if (recordResult != null || !records.isEmpty()) {
      // the companions take a record's leaves: their slots count, not the record's one, and the
      // holders (the Hessian's too) have a field per differentiable leaf
      boolean vector = recordResult != null || model.vectorValued();
      model = new CompanionModel(model.original(), model.adjoint(), model.tangent(),
          model.holder(), model.visibility(), model.link(), model.differentiable(),
          leafFields(parameters), vector, model.callable(), model.primal(), model.effects(),
          RecordParameters.tangentSlots(parameters, vector) > CompanionModel.PARAMETER_SLOTS);
    }
    MethodIR ir = new MethodIR(method, method.getSimpleName().toString(), parameters,
        returnType, body, source.line(tree), model, List.copyOf(records), recordResult);
    boolean failed = problems.stream().anyMatch(p -> p.kind() == Diagnostic.Kind.ERROR);
    return new Result(failed ? Optional.empty() : Optional.of(ir), problems, unit);
  }

  /** The holder's gradient fields of a method with records: its differentiable IR parameters. */
  private static List<String> leafFields(List<Variable> parameters) {
    return parameters.stream().filter(Variable::isDifferentiableParameter).map(Variable::name)
        .toList();
  }

  /** The results companions can have: a value, a vector or matrix of values, or none. */
  private static final java.util.Set<Type> RESULTS = java.util.EnumSet.of(Type.DOUBLE,
      Type.FLOAT, Type.DOUBLE_ARRAY, Type.DOUBLE_MATRIX, Type.FLOAT_ARRAY, Type.VOID);

  private static void checkShape(ExecutableElement method, MethodTree tree,
      List<Problem> problems, boolean companions) {
    String name = method.getSimpleName().toString();
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    if (owner.getNestingKind() == NestingKind.LOCAL
        || owner.getNestingKind() == NestingKind.ANONYMOUS) {
      problems.add(shape(tree, name, "must be in a top-level or member class, not a local or"
          + " anonymous class"));
    }
    if (tree.getBody() == null) {
      problems.add(shape(tree, name, "has no body to differentiate; give it one, or remove"
          + " @Differentiable"));
    }
    Type result = Types.of(method.getReturnType()).orElse(null);
    Tree at = tree.getReturnType() == null ? tree : tree.getReturnType();
    if (companions && RecordShape.isRecord(method.getReturnType())) {
      // a record result: read() flattens it
    } else if (companions && method.getReturnType() instanceof javax.lang.model.type.ArrayType a
        && RecordShape.isRecord(a.getComponentType())) {
      problems.add(new Problem(Diagnostic.Kind.ERROR, at, Message.RECORD.format("returning an"
          + " array of records (" + method.getReturnType() + ")", "return a double[] of the"
          + " components (x0, y0, z0, x1, ...), or write the results into an array of records"
          + " passed as a parameter")));
    } else if (companions && !RESULTS.contains(result)) {
      problems.add(shape(at, name, "must return double, float, double[], double[][], float[]"
          + " or void, not " + method.getReturnType() + "; return the value to differentiate as a"
          + " double, the values of a vector-valued function as a double[], or write results"
          + " into array parameters"));
    } else if (result == null) {
      problems.add(new Problem(Diagnostic.Kind.ERROR, at, Message.CALL_SHAPE.format(name,
          "is private and returns " + method.getReturnType() + ", so Cotangent can neither call"
              + " it from the companions nor copy it into them; make it package-private")));
    }
  }

  private boolean writesDifferentiableArrays(ExecutableElement method) {
    CompanionModel.Effects found = effects.of(method);
    for (int i = 0; i < method.getParameters().size(); i++) {
      VariableElement p = method.getParameters().get(i);
      boolean records = p.asType() instanceof javax.lang.model.type.ArrayType a
          && RecordShape.isRecord(a.getComponentType()) && !hasNoDerivative(p);
      if ((found == null || found.writes().get(i))
          && (records || CompanionModel.isDifferentiable(p))
          && p.asType() instanceof javax.lang.model.type.ArrayType) {
        return true;
      }
    }
    return false;
  }

  private static Problem shape(Tree tree, String name, String what) {
    return new Problem(Diagnostic.Kind.ERROR, tree, Message.METHOD_SHAPE.format(name, what));
  }

  private List<Variable> parameters(ExecutableElement method, MethodTree tree, Scope scope,
      List<Problem> problems, List<RecordParameter> records) {
    List<Variable> parameters = new ArrayList<>();
    java.util.Set<String> taken = new java.util.HashSet<>();
    method.getParameters().forEach(p -> taken.add(p.getSimpleName().toString()));
    for (int i = 0; i < method.getParameters().size(); i++) {
      VariableElement element = method.getParameters().get(i);
      VariableTree declaration = tree.getParameters().get(i);
      String name = element.getSimpleName().toString();
      boolean noDerivative = hasNoDerivative(element);
      Optional<Type> type = Types.of(element.asType());
      String hidden = Types.privateClass(element.asType());
      if (hidden != null) {
        problems.add(new Problem(Diagnostic.Kind.ERROR, declaration.getType(),
            Message.TYPE.format(element.asType(), "for the parameter " + name + " (the"
                + " companions, other classes, cannot name the private class " + hidden
                + "; make it package-private)")));
        scope.declareUnsupported(name);
        continue;
      }
      if (type.isEmpty() && RecordShape.isRecord(element.asType())) {
        try {
          RecordParameters.Flattened flat = RecordParameters.flatten(name, element.asType(),
              noDerivative, i, declaration.getType(), trees, taken);
          parameters.addAll(flat.leaves());
          records.add(flat.parameter());
          scope.bind(name, RecordValue.of(RecordParameters.shape(element.asType(),
              declaration.getType(), trees), flat.leaves()));
        } catch (ReadException e) {
          problems.add(new Problem(Diagnostic.Kind.ERROR, e.tree(), e.getMessage()));
          scope.declareUnsupported(name);
        }
        continue;
      }
      if (type.isEmpty() && element.asType() instanceof javax.lang.model.type.ArrayType array
          && RecordShape.isRecord(array.getComponentType())) {
        try {
          RecordParameters.Flattened flat = RecordParameters.flattenArray(name, array,
              noDerivative, i, declaration.getType(), trees, taken);
          parameters.addAll(flat.leaves());
          records.add(flat.parameter());
          scope.bind(name, RecordArray.of(RecordParameters.shape(array.getComponentType(),
              declaration.getType(), trees), flat.leaves()));
        } catch (ReadException e) {
          problems.add(new Problem(Diagnostic.Kind.ERROR, e.tree(), e.getMessage()));
          scope.declareUnsupported(name);
        }
        continue;
      }
      if (type.isEmpty()) {
        problems.add(new Problem(Diagnostic.Kind.ERROR, declaration.getType(),
            Message.TYPE.format(element.asType(), "for the parameter " + name)));
        scope.declareUnsupported(name);
        continue;
      }
      if (CompanionModel.isReserved(name) && type.get().isDifferentiable() && !noDerivative) {
        problems.add(new Problem(Diagnostic.Kind.ERROR, declaration, Message.METHOD_SHAPE.format(
            method.getSimpleName(), "has a differentiable parameter named value, which would clash"
                + " with the gradient holder's value field; rename the parameter")));
      }
      if (noDerivative && !type.get().isDifferentiable()) {
        problems.add(new Problem(Diagnostic.Kind.WARNING, declaration,
            Message.NO_DERIVATIVE_IGNORED.format(type.get().javaName(), name)));
      }
      Variable variable = Variable.of(name, type.get(), Variable.Role.PARAMETER, noDerivative,
          Types.objectType(element.asType()));
      scope.declare(variable);
      parameters.add(variable);
    }
    return parameters;
  }

  /** Whether a parameter is marked {@code @NoDerivative} (in source or in a class file). */
  public static boolean hasNoDerivative(VariableElement parameter) {
    return CompanionModel.hasNoDerivative(parameter);
  }
}
