package dev.cotangent.processor.emit;

import com.palantir.javapoet.CodeBlock;
import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.UnaryOp;

/** Writes IR expressions as Java, with only the parentheses Java's precedence requires. */
final class ExpressionWriter {
  private static final int PRIMARY = 16;
  private static final int UNARY = 14;
  private static final int CAST = 13;
  private static final int CONDITIONAL = 2;

  private final Namer namer;
  private final TapeLocals tape;

  ExpressionWriter(Namer namer, TapeLocals tape) {
    this.namer = namer;
    this.tape = tape;
  }

  CodeBlock write(Expr e) {
    return write(e, 0);
  }

  private CodeBlock write(Expr e, int context) {
    CodeBlock code = unparenthesised(e);
    return precedence(e) < context ? CodeBlock.of("($L)", code) : code;
  }

  private static int precedence(Expr e) {
    if (e instanceof Expr.Literal literal) {
      return literal.text().startsWith("-") ? UNARY : PRIMARY;
    }
    if (e instanceof Expr.Unary) {
      return UNARY;
    }
    if (e instanceof Expr.Cast) {
      return CAST;
    }
    if (e instanceof Expr.Binary b) {
      return b.op().precedence();
    }
    if (e instanceof Expr.Conditional) {
      return CONDITIONAL;
    }
    if (e instanceof Expr.Pop pop && pop.type() == Type.BOOLEAN) {
      return BinaryOp.NOT_EQUAL.precedence();
    }
    if (e instanceof Expr.Pop pop && (pop.type() == Type.FLOAT || pop.type().isNarrow()
        || pop.type() == Type.STRING || pop.type().isArray())) {
      return CAST;
    }
    return PRIMARY;
  }

  private CodeBlock unparenthesised(Expr e) {
    if (e instanceof Expr.Literal literal) {
      return CodeBlock.of("$L", literal.text());
    }
    if (e instanceof Expr.Ref ref) {
      return CodeBlock.of("$N", namer.name(ref.variable()));
    }
    if (e instanceof Expr.StaticField field) {
      return CodeBlock.of("$T.$N", field.owner(), field.name());
    }
    if (e instanceof Expr.Unary unary) {
      CodeBlock operand = write(unary.operand(), UNARY);
      boolean clash = (unary.op() == UnaryOp.NEGATE || unary.op() == UnaryOp.PLUS)
          && (operand.toString().startsWith("-") || operand.toString().startsWith("+"));
      return clash ? CodeBlock.of("$L($L)", unary.op().symbol(), operand)
          : CodeBlock.of("$L$L", unary.op().symbol(), operand);
    }
    if (e instanceof Expr.Cast cast) {
      return CodeBlock.of("($L) $L", cast.type().javaName(), write(cast.operand(), UNARY));
    }
    if (e instanceof Expr.Binary b) {
      int p = b.op().precedence();
      return CodeBlock.of("$L $L $L", write(b.left(), p), b.op().symbol(),
          write(b.right(), p + 1));
    }
    if (e instanceof Expr.Conditional c) {
      return CodeBlock.of("$L ? $L : $L", write(c.condition(), CONDITIONAL + 1),
          write(c.ifTrue(), CONDITIONAL + 1), write(c.ifFalse(), CONDITIONAL));
    }
    if (e instanceof Expr.MathCall call) {
      CodeBlock args = call.args().stream().map(this::write).collect(CodeBlock.joining(", "));
      return CodeBlock.of("$T.$N($L)", call.owner(), call.function().javaName(), args);
    }
    if (e instanceof Expr.Pop pop) {
      return pop(pop.type());
    }
    if (e instanceof Expr.ArrayRead read) {
      return CodeBlock.of("$L[$L]", write(read.array(), PRIMARY), write(read.index()));
    }
    if (e instanceof Expr.Length length) {
      return CodeBlock.of("$L.length", write(length.array(), PRIMARY));
    }
    if (e instanceof Expr.CloneArray clone) {
      return CodeBlock.of("$L.clone()", write(clone.array(), PRIMARY));
    }
    if (e instanceof Expr.NewArray array) {
      CodeBlock.Builder code = CodeBlock.builder().add("new $L", array.type().scalar().javaName());
      for (Expr dimension : array.dimensions()) {
        code.add("[$L]", write(dimension));
      }
      for (int i = array.dimensions().size(); i < array.type().dimensions(); i++) {
        code.add("[]");
      }
      return code.build();
    }
    if (e instanceof Expr.ArrayLiteral literal) {
      return CodeBlock.of("new $L $L", literal.type().javaName(), initialiser(literal));
    }
    if (e instanceof Expr.Detach detach) {
      return CodeBlock.of("$T.detach($L)", detach.owner(), write(detach.operand()));
    }
    if (e instanceof Expr.Field field) {
      return CodeBlock.of("$L.$N", write(field.target(), PRIMARY), field.name());
    }
    if (e instanceof Expr.InstanceCall call) {
      CodeBlock args = call.args().stream().map(this::write).collect(CodeBlock.joining(", "));
      return CodeBlock.of("$L.$N($L)", write(call.target(), PRIMARY), call.method(), args);
    }
    if (e instanceof Expr.New creation) {
      CodeBlock args = creation.args().stream().map(this::write).collect(CodeBlock.joining(", "));
      return CodeBlock.of("new $T($L)", creation.owner(), args);
    }
    if (e instanceof Expr.Call call && call.companion() != null
        && !call.companion().callable()) {
      // a private method: the companions, other classes, call its copy (emit.PrimalCopies)
      java.util.List<Expr> all = new java.util.ArrayList<>();
      if (call.receiver() != null) {
        all.add(call.receiver());
      }
      all.addAll(call.args());
      CodeBlock args = all.stream().map(this::write).collect(CodeBlock.joining(", "));
      return CodeBlock.of("$T.$N($L)", call.companion().adjoint(), call.companion().primal(),
          args);
    }
    if (e instanceof Expr.Call call) {
      CodeBlock args = call.args().stream().map(this::write).collect(CodeBlock.joining(", "));
      if (call.receiver() != null) {
        return CodeBlock.of("$L.$N($L)", write(call.receiver(), PRIMARY), call.name(), args);
      }
      return CodeBlock.of("$T.$N($L)", call.owner(), call.name(), args);
    }
    if (e instanceof Expr.Runtime call) {
      CodeBlock args = call.args().stream().map(this::write).collect(CodeBlock.joining(", "));
      return CodeBlock.of("$T.$N($L)", call.owner(), call.method(), args);
    }
    throw new IllegalStateException("cannot write " + e);
  }

  private CodeBlock initialiser(Expr.ArrayLiteral literal) {
    CodeBlock elements = literal.elements().stream()
        .map(e -> e instanceof Expr.ArrayLiteral row ? initialiser(row) : write(e))
        .collect(CodeBlock.joining(", "));
    return CodeBlock.of("{$L}", elements);
  }

  /** {@code doubles[--doubleTop]}, {@code ints[--intTop] != 0}, {@code tape.popLong()}, ... */
  private CodeBlock pop(Type type) {
    return switch (TapeLocals.stackOf(type)) {
      case DOUBLES -> CodeBlock.of(type == Type.FLOAT ? "(float) $N[--$N]" : "$N[--$N]",
          tape.doubles(), tape.doubleTop());
      case INTS -> CodeBlock.of(type == Type.BOOLEAN ? "$N[--$N] != 0"
          : type.isNarrow() ? "(" + type.javaName() + ") $N[--$N]" : "$N[--$N]",
          tape.ints(), tape.intTop());
      case TAPE -> type == Type.LONG ? CodeBlock.of("$N.popLong()", tape.tape())
          : type.isArray() || type == Type.STRING
              ? CodeBlock.of("($L) $N.popObject()", type.javaName(), tape.tape())
          : CodeBlock.of("$N.popObject()", tape.tape());
    };
  }
}
