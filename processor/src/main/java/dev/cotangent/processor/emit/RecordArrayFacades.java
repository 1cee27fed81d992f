package dev.cotangent.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.cotangent.processor.ir.MethodIR;
import dev.cotangent.processor.ir.RecordParameter;
import dev.cotangent.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of the record-shaped overloads ({@link RecordFacades}) for arrays of records as
 * parameters. The IR has {@code Vec3[] ps} as one array parameter per leaf ({@code double[] psX},
 * {@code psY}, {@code psZ}); an overload taking {@code Vec3[] ps} copies the components into
 * such arrays, calls the leaf-wise companion, and, when the method writes into {@code ps}
 * (and for a tangent's direction, which is updated to the tangent of the final contents), puts
 * the arrays' final contents back as records, so the caller's array holds what the original
 * method leaves in it. The holder's accessor {@code ps()} builds ∂f/∂ps as a {@code Vec3[]}.
 */
final class RecordArrayFacades {
  private RecordArrayFacades() {}

  /** The index of the copy loops (no parameter is named so). */
  private static String index(MethodIR method) {
    String name = "at";
    while (taken(method, name)) {
      name += "_";
    }
    return name;
  }

  private static boolean taken(MethodIR method, String name) {
    return method.parameters().stream().anyMatch(p -> p.name().equals(name))
        || method.records().stream().anyMatch(r -> r.name().equals(name));
  }

  static TypeName type(RecordParameter r) {
    return ArrayTypeName.of(r.type());
  }

  /** The local holding the leaf's array in an overload (its tangent with {@code dot}). */
  static String local(RecordParameter.Leaf leaf, boolean dot) {
    return leaf.variable().name() + (dot ? "Dot" : "");
  }

  /** Whether any parameter is an array of records. */
  static boolean any(MethodIR method) {
    return method.records().stream().anyMatch(RecordParameter::array);
  }

  /** The copies of every record array's components into leaf arrays (and of the directions). */
  static CodeBlock unpack(MethodIR method, boolean dots) {
    CodeBlock.Builder out = CodeBlock.builder();
    String at = index(method);
    for (RecordParameter r : method.records()) {
      if (!r.array()) {
        continue;
      }
      unpack(out, r, r.name(), false, at);
      if (dots && differentiable(r)) {
        unpack(out, r, r.name() + "Dot", true, at);
      }
    }
    return out.build();
  }

  private static void unpack(CodeBlock.Builder out, RecordParameter r, String source,
      boolean dot, String at) {
    List<RecordParameter.Leaf> leaves = r.leaves(source + "[" + at + "]");
    for (RecordParameter.Leaf leaf : leaves) {
      if (dot && !leaf.variable().isDifferentiableParameter()) {
        continue;
      }
      out.addStatement("$T $N = new $T[$N.length]", StatementWriter.typeOf(leaf.variable()),
          local(leaf, dot), primitive(leaf.type()), source);
    }
    out.beginControlFlow("for (int $N = 0; $N < $N.length; $N++)", at, at, source, at);
    for (RecordParameter.Leaf leaf : leaves) {
      if (!dot || leaf.variable().isDifferentiableParameter()) {
        out.addStatement("$N[$N] = $L", local(leaf, dot), at, leaf.read());
      }
    }
    out.endControlFlow();
  }

  /**
   * After the call: the final contents of written record arrays, and of every direction, back
   * into the caller's arrays as records.
   */
  static CodeBlock writeBack(MethodIR method, boolean dots) {
    CodeBlock.Builder out = CodeBlock.builder();
    String at = index(method);
    for (RecordParameter r : method.records()) {
      if (!r.array()) {
        continue;
      }
      boolean written = method.companion().writes(r.position());
      if (written) {
        out.beginControlFlow("for (int $N = 0; $N < $N.length; $N++)", at, at, r.name(), at)
            .addStatement("$N[$N] = $L", r.name(), at, build(r, at, false, false))
            .endControlFlow();
      }
      if (written && dots && differentiable(r)) {
        out.beginControlFlow("for (int $N = 0; $N < $N.length; $N++)", at, at, r.name(), at)
            .addStatement("$NDot[$N] = $L", r.name(), at, build(r, at, true, false))
            .endControlFlow();
      }
    }
    return out.build();
  }

  /**
   * {@code new R(...)} of the element {@code at}: from the overload's locals, or with
   * {@code fields} from the holder's gradient fields ({@code this.psX[at]}; leaves without a
   * derivative zero or false).
   */
  private static CodeBlock build(RecordParameter r, String at, boolean dot, boolean fields) {
    List<CodeBlock> args = new ArrayList<>();
    for (RecordParameter.Part part : r.parts()) {
      if (part.nested() != null) {
        args.add(build(part.nested(), at, dot, fields));
        continue;
      }
      boolean differentiable = part.leaf().isDifferentiableParameter();
      if ((fields || dot) && !differentiable) {
        args.add(CodeBlock.of(RecordFacades.zero(part.type())));
      } else if (fields) {
        args.add(CodeBlock.of("this.$N[$N]", part.leaf().name(), at));
      } else {
        args.add(CodeBlock.of("$N[$N]", part.leaf().name() + (dot ? "Dot" : ""), at));
      }
    }
    return CodeBlock.of("new $T($L)", r.type(), CodeBlock.join(args, ", "));
  }

  /** The holder accessor's body: ∂f/∂ps as a new array of records. */
  static CodeBlock gradient(RecordParameter r) {
    String length = null;
    for (RecordParameter.Leaf leaf : r.leaves("")) {
      if (leaf.variable().isDifferentiableParameter()) {
        length = leaf.variable().name();
        break;
      }
    }
    return CodeBlock.builder()
        .addStatement("$T out = new $T[this.$N.length]", type(r), r.type(), length)
        .beginControlFlow("for (int at = 0; at < out.length; at++)")
        .addStatement("out[at] = $L", build(r, "at", false, true))
        .endControlFlow()
        .addStatement("return out")
        .build();
  }

  static boolean differentiable(RecordParameter r) {
    return r.leaves("").stream().anyMatch(l -> l.variable().isDifferentiableParameter());
  }

  private static TypeName primitive(Type type) {
    return switch (type) {
      case FLOAT -> TypeName.FLOAT;
      case INT -> TypeName.INT;
      default -> TypeName.DOUBLE;
    };
  }

  /**
   * An overload's body around the leaf-wise {@code call}: the copies in, the call (its value
   * returned unless {@code returns} is null), the write-back; only {@code return call} when no
   * parameter is an array of records.
   */
  static void call(MethodSpec.Builder m, MethodIR method, boolean dots, TypeName returns,
      CodeBlock call) {
    CodeBlock back = any(method) ? writeBack(method, dots) : CodeBlock.of("");
    if (any(method)) {
      m.addCode(unpack(method, dots));
    }
    if (returns == null) {
      m.addStatement("$L", call).addCode(back);
    } else if (back.isEmpty()) {
      m.addStatement("return $L", call);
    } else {
      String result = "result";
      while (taken(method, result)) {
        result += "_";
      }
      m.addStatement("$T $N = $L", returns, result, call).addCode(back)
          .addStatement("return $N", result);
    }
  }
}
