package dev.cotangent.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.cotangent.processor.differentiate.rules.TangentClasses;
import dev.cotangent.processor.ir.MethodIR;
import dev.cotangent.processor.ir.RecordParameter;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * The record-shaped API of a method with record parameters or a record result. Its IR has one
 * parameter per leaf (and a {@code double[]} of the leaves as its result), so the companions
 * written from it take and give leaves; these overloads take records and call them:
 *
 * <ul>
 *   <li>the holder gets, per record parameter {@code p}, an accessor {@code p()} that builds the
 *       gradient as a record from the leaf fields (components without a derivative zero or
 *       false), and for a record result {@code result()}, the value as a record;
 *   <li>{@code f(Vec3 p, double k)} (value and gradient) and the pullback
 *       {@code f(Vec3 p, double k, seed, into)}, with a record seed for a record result;
 *   <li>the tangent {@code f(Vec3 p, Vec3 pDot, double k, double kDot)}: a record direction
 *       after each record parameter;
 *   <li>{@code fJacobian(Vec3 p, double k)}, over the leaves.
 * </ul>
 */
final class RecordFacades {
  private RecordFacades() {}

  private static final Set<String> HOLDER_METHODS = Set.of("clear", "checkpoints", "tapeBytes",
      "jacobianSeed", "result");

  static boolean applies(MethodIR method) {
    return !method.records().isEmpty() || method.result() != null;
  }

  /** The holder with its record accessors. */
  static TypeSpec holder(MethodIR method, TypeSpec holder) {
    if (!applies(method)) {
      return holder;
    }
    TypeSpec.Builder type = holder.toBuilder();
    for (RecordParameter r : method.records()) {
      if (r.leaves("").stream().noneMatch(l -> l.variable().isDifferentiableParameter())) {
        continue;
      }
      String name = HOLDER_METHODS.contains(r.name()) ? r.name() + "Gradient" : r.name();
      if (r.array()) {
        type.addMethod(MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC)
            .returns(RecordArrayFacades.type(r))
            .addJavadoc("∂$L/∂$L as a {@code $L[]} (built from the leaf fields; components"
                + " without a derivative are zero or false).\n", method.name(), r.name(),
                r.type().simpleName())
            .addCode(RecordArrayFacades.gradient(r)).build());
        continue;
      }
      type.addMethod(MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC)
          .returns(r.type())
          .addJavadoc("∂$L/∂$L as a {@code $L} (built from the leaf fields; components without a"
              + " derivative are zero or false).\n", method.name(), r.name(), r.type().simpleName())
          .addStatement("return $L", build(r, new int[1], true)).build());
    }
    RecordParameter result = method.result();
    if (result != null) {
      type.addMethod(MethodSpec.methodBuilder("result").addModifiers(Modifier.PUBLIC)
          .returns(result.type())
          .addJavadoc("{@code $L}'s value at the last evaluation, as a {@code $L}.\n",
              method.name(), result.type().simpleName())
          .addStatement("return $L", build(result, new int[1], false)).build());
    }
    return type.build();
  }

  /** {@code new R(...)} from the holder's leaf fields, or from {@code value[i]}. */
  private static CodeBlock build(RecordParameter r, int[] next, boolean gradient) {
    List<CodeBlock> args = new ArrayList<>();
    for (RecordParameter.Part part : r.parts()) {
      if (part.nested() != null) {
        args.add(build(part.nested(), next, gradient));
      } else if (!gradient) {
        int i = next[0]++;
        args.add(part.type() == Type.DOUBLE ? CodeBlock.of("value[$L]", i)
            : CodeBlock.of("($L) value[$L]", part.type().javaName(), i));
      } else if (part.leaf().isDifferentiableParameter()) {
        args.add(CodeBlock.of("this.$N", part.leaf().name()));
      } else {
        args.add(CodeBlock.of(zero(part.type())));
      }
    }
    return CodeBlock.of("new $T($L)", r.type(), CodeBlock.join(args, ", "));
  }

  static String zero(Type type) {
    return switch (type) {
      case DOUBLE -> "0.0";
      case FLOAT -> "0.0f";
      case LONG -> "0L";
      case INT -> "0";
      case BOOLEAN -> "false";
      default -> "null";
    };
  }

  /** One parameter of an overload: a record (with its leaves) or an IR parameter. */
  record Param(RecordParameter record, Variable variable) {
    String name() {
      return record != null ? record.name() : variable.name();
    }

    TypeName type() {
      if (record != null) {
        return record.array() ? RecordArrayFacades.type(record) : record.type();
      }
      return StatementWriter.typeOf(variable);
    }

    boolean differentiable() {
      return record != null
          ? record.leaves("").stream().anyMatch(l -> l.variable().isDifferentiableParameter())
          : variable.isDifferentiableParameter();
    }
  }

  /** The method's parameters as its users see them: records whole. */
  static List<Param> params(MethodIR method) {
    List<Param> out = new ArrayList<>();
    List<Variable> leaves = new ArrayList<>();
    for (RecordParameter r : method.records()) {
      r.leaves("").forEach(l -> leaves.add(l.variable()));
    }
    for (Variable p : method.parameters()) {
      RecordParameter owner = null;
      for (RecordParameter r : method.records()) {
        if (r.leaves("").stream().anyMatch(l -> l.variable() == p)) {
          owner = r;
        }
      }
      if (owner == null) {
        out.add(new Param(null, p));
      } else {
        RecordParameter found = owner;
        if (out.stream().noneMatch(q -> q.record() == found)) {
          out.add(new Param(found, null));
        }
      }
    }
    return out;
  }

  /**
   * The leaf-wise arguments: {@code p.x(), p.y(), k}; with {@code dots}, each tangent after, or
   * for a packed tangent ({@code CompanionModel.packedTangent}: the leaves and their tangents
   * would need more than 255 parameter slots) the scalar leaves' tangents in one array at the end.
   */
  static List<String> arguments(MethodIR method, boolean dots) {
    return arguments(method, dots, method.companion().packedTangent());
  }

  /** The leaf-wise arguments; {@code pack}: a packed tangent's (second-order ones never are). */
  static List<String> arguments(MethodIR method, boolean dots, boolean pack) {
    List<String> out = new ArrayList<>();
    List<String> packed = dots && pack ? new ArrayList<>() : null;
    for (Param p : params(method)) {
      if (p.record() == null) {
        out.add(p.name());
        if (dots && p.variable().isDifferentiableParameter()) {
          dot(out, packed, p.variable().type(), p.name() + "Dot");
        }
        continue;
      }
      for (RecordParameter.Leaf leaf : p.record().leaves(p.name())) {
        if (p.record().array()) {
          out.add(RecordArrayFacades.local(leaf, false));
          if (dots && leaf.variable().isDifferentiableParameter()) {
            out.add(RecordArrayFacades.local(leaf, true));
          }
          continue;
        }
        out.add(leaf.read());
        if (dots && leaf.variable().isDifferentiableParameter()) {
          dot(out, packed, leaf.variable().type(),
              p.name() + "Dot" + leaf.read().substring(p.name().length()));
        }
      }
    }
    if (packed != null) {
      out.add("new double[] {" + String.join(", ", packed) + "}");
    }
    return out;
  }

  /** A tangent argument: after its parameter, or (a scalar's, when packed) into the array. */
  private static void dot(List<String> out, List<String> packed, Type type, String dot) {
    if (packed != null && !type.isArray()) {
      packed.add(dot);
    } else {
      out.add(dot);
    }
  }

  /** The gradient, pullback and Jacobian overloads in {@code <Class>Adjoint}. */
  static List<MethodSpec> adjoint(MethodIR method, ClassName holder) {
    if (!applies(method)) {
      return List.of();
    }
    List<MethodSpec> out = new ArrayList<>();
    String args = String.join(", ", arguments(method, false));
    boolean scalar = method.result() == null && !method.returnType().isArray()
        && method.returnType() != Type.VOID;
    if (scalar && !method.records().isEmpty()) {
      MethodSpec.Builder m = start(method, "Value and gradient of {@link $L}, with records whole.\n")
          .returns(holder);
      RecordArrayFacades.call(m, method, false, holder, CodeBlock.of("$N($L)", method.name(),
          args));
      out.add(m.build());
    }
    if (method.returnType() != Type.VOID && (scalar || method.result() != null)) {
      MethodSpec.Builder m = start(method, "Pullback of {@link $L}, with records whole"
          + (method.result() != null ? ": the seed is the result's cotangent, and the result is"
              + " returned as a record" : "") + ".\n");
      RecordParameter result = method.result();
      if (result == null) {
        TypeName seed = method.returnType() == Type.FLOAT ? TypeName.FLOAT : TypeName.DOUBLE;
        m.returns(seed).addParameter(seed, "seed").addParameter(holder, "into");
        RecordArrayFacades.call(m, method, false, seed, CodeBlock.of("$N($L, seed, into)",
            method.name(), args));
        out.add(m.build());
      } else {
        List<String> seeds = new ArrayList<>();
        for (RecordParameter.Leaf leaf : result.leaves("seed")) {
          seeds.add(leaf.type() == Type.DOUBLE ? leaf.read() : "(double) " + leaf.read());
        }
        m.returns(result.type()).addParameter(result.type(), "seed").addParameter(holder, "into");
        RecordArrayFacades.call(m, method, false, null, CodeBlock.of("$N($L, new double[] {$L},"
            + " into)", method.name(), args, String.join(", ", seeds)));
        m.addStatement("return into.result()");
        out.add(m.build());
      }
    }
    if (method.companion().hasJacobian() && !method.records().isEmpty()) {
      MethodSpec.Builder m = start(method, method.name() + "Jacobian",
              "The Jacobian of {@link $L} over the leaves of its records.\n")
          .returns(double[][].class);
      RecordArrayFacades.call(m, method, false, TypeName.get(double[][].class),
          CodeBlock.of("$N($L)", method.name() + "Jacobian", args));
      out.add(m.build());
    }
    return out;
  }

  /** The tangent overload in {@code <Class>Tangent}: a record direction after each record. */
  static List<MethodSpec> tangent(MethodIR method) {
    if (method.records().isEmpty() || method.returnType() == Type.VOID) {
      return List.of();
    }
    MethodSpec.Builder m = MethodSpec.methodBuilder(method.name())
        .addModifiers(method.companion().visibility().toArray(Modifier[]::new))
        .addModifiers(Modifier.STATIC)
        .addJavadoc("Value and directional derivative of {@link $L}, with records whole: each"
            + " record's direction is a record of the same class.\n", method.companion().link())
        .returns(TangentClasses.dualOf(method.returnType()));
    for (Param p : params(method)) {
      m.addParameter(p.type(), p.name());
      if (p.differentiable()) {
        m.addParameter(p.type(), p.name() + "Dot");
      }
    }
    RecordArrayFacades.call(m, method, true, TangentClasses.dualOf(method.returnType()),
        CodeBlock.of("$N($L)", method.name(), String.join(", ", arguments(method, true))));
    return List.of(m.build());
  }

  private static MethodSpec.Builder start(MethodIR method, String javadoc) {
    return start(method, method.name(), javadoc);
  }

  private static MethodSpec.Builder start(MethodIR method, String name, String javadoc) {
    MethodSpec.Builder m = MethodSpec.methodBuilder(name)
        .addModifiers(method.companion().visibility().toArray(Modifier[]::new))
        .addModifiers(Modifier.STATIC)
        .addJavadoc(javadoc, method.companion().link());
    for (Param p : params(method)) {
      m.addParameter(p.type(), p.name());
    }
    return m;
  }
}
