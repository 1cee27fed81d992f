package dev.cotangent.processor.emit;

import com.palantir.javapoet.CodeBlock;
import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Exprs;
import dev.cotangent.processor.ir.Reachability;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.List;

/** Writes IR statements as Java, turning {@code v = v + e} back into {@code v += e}. */
final class StatementWriter {
  private final Namer namer;
  private final ExpressionWriter expressions;
  private final TapeLocals tape;

  StatementWriter(Namer namer, TapeLocals tape) {
    this.namer = namer;
    this.tape = tape;
    this.expressions = new ExpressionWriter(namer, tape);
  }

  /**
   * {@code doubles = tape.push(doubles, doubleTop++, x)}, or after a {@code reserve} the plain
   * store {@code doubles[doubleTop++] = x}; longs and arrays by the tape itself.
   */
  private void push(Stmt.Push push, CodeBlock.Builder out) {
    Expr value = push.value();
    switch (TapeLocals.stackOf(value.type())) {
      case DOUBLES -> record(push.reserved(), tape.doubles(), tape.doubleTop(),
          expressions.write(value), out);
      case INTS -> record(push.reserved(), tape.ints(), tape.intTop(),
          value.type() == Type.BOOLEAN ? asInt(value) : expressions.write(value), out);
      case TAPE -> out.addStatement("$N.push$L($L)", tape.tape(),
          value.type() == Type.LONG ? "Long" : "Object", expressions.write(value));
    }
  }

  private void record(boolean reserved, String stack, String top, CodeBlock value,
      CodeBlock.Builder out) {
    if (reserved) {
      out.addStatement("$N[$N++] = $L", stack, top, value);
    } else {
      out.addStatement("$N = $N.push($N, $N++, $L)", stack, tape.tape(), stack, top, value);
    }
  }

  /** A boolean recorded on the int stack: {@code 1}/{@code 0} for literals, else {@code b ? 1 : 0}. */
  private CodeBlock asInt(Expr value) {
    if (value instanceof Expr.Literal literal) {
      return CodeBlock.of(literal.text().equals("true") ? "1" : "0");
    }
    return CodeBlock.of("$L ? 1 : 0", expressions.write(value));
  }

  ExpressionWriter expressions() {
    return expressions;
  }

  /**
   * Writes the statements up to the first that cannot complete normally (the rest never runs).
   * A source-line comment the same as the list's previous one is left out: a record's statement
   * becomes one statement per component, and its line is said once.
   */
  void write(List<Stmt> statements, CodeBlock.Builder out) {
    String lastComment = null;
    for (int k = 0; k < statements.size(); k++) {
      Stmt s = statements.get(k);
      if (s instanceof Stmt.Comment c) {
        if (c.text().equals(lastComment)) {
          continue;
        }
        lastComment = c.text();
      }
      if (s instanceof Stmt.Assign a && a.recomputed()
          && !(k > 0 && statements.get(k - 1) instanceof Stmt.Assign b && b.recomputed())) {
        out.add("// recomputed, not taped\n");
      }
      write(s, out);
      if (!Reachability.completesNormally(s)) {
        return;
      }
    }
  }

  private void write(Stmt s, CodeBlock.Builder out) {
    if (s instanceof Stmt.Comment comment) {
      out.add("// $L\n", comment.text());
    } else if (s instanceof Stmt.Declare d) {
      out.addStatement("$T $N = $L", typeOf(d.variable()), name(d.variable()),
          narrowed(d.variable().type(), d.init()));
    } else if (s instanceof Stmt.Assign a) {
      out.addStatement(assignment(CodeBlock.of("$N", name(a.variable())), Exprs.ref(a.variable()),
          a.variable().type(), a.value()));
    } else if (s instanceof Stmt.ArrayWrite w) {
      Expr element = new Expr.ArrayRead(w.array(), w.index(), w.array().type().element());
      out.addStatement(assignment(expressions.write(element), element, element.type(),
          w.value()));
    } else if (s instanceof Stmt.Evaluate e) {
      out.addStatement(expressions.write(e.call()));
    } else if (s instanceof Stmt.Require r) {
      out.beginControlFlow("if (!($L))", expressions.write(r.condition()))
          .addStatement("throw new $T($S)", IllegalArgumentException.class, r.message())
          .endControlFlow();
    } else if (s instanceof Stmt.Invoke i) {
      out.addStatement(expressions.write(i.call()));
    } else if (s instanceof Stmt.Throw t) {
      CodeBlock args = t.args().stream().map(expressions::write).collect(CodeBlock.joining(", "));
      out.addStatement("throw new $T($L)", t.exception(), args);
    } else if (s instanceof Stmt.Assert a) {
      if (a.message() == null) {
        out.addStatement("assert $L", expressions.write(a.condition()));
      } else {
        out.addStatement("assert $L : $L", expressions.write(a.condition()),
            expressions.write(a.message()));
      }
    } else if (s instanceof Stmt.If i) {
      ifStatement(i, out);
      out.endControlFlow();
    } else if (s instanceof Stmt.While w) {
      out.beginControlFlow("while ($L)", expressions.write(w.condition()));
      write(w.body(), out);
      out.endControlFlow();
    } else if (s instanceof Stmt.Repeat r) {
      String counter = name(r.counter());
      out.beginControlFlow("for (int $N = $L; $N > 0; $N--)", counter,
          expressions.write(r.times()), counter, counter);
      write(r.body(), out);
      out.endControlFlow();
    } else if (s instanceof Stmt.For f && f.init().size() == 1 && f.update().size() == 1
        && f.init().get(0) instanceof Stmt.Declare init
        && f.update().get(0) instanceof Stmt.Assign update) {
      // generated only: a loop over a batched sweep's directions
      out.beginControlFlow("for ($T $N = $L; $L; $L)", typeOf(init.variable()),
          name(init.variable()), expressions.write(init.init()),
          expressions.write(f.condition()), assignment(CodeBlock.of("$N", name(update.variable())),
              Exprs.ref(update.variable()), update.variable().type(), update.value()));
      write(f.body(), out);
      out.endControlFlow();
    } else if (s instanceof Stmt.Push p) {
      push(p, out);
    } else if (s instanceof Stmt.Reserve r) {
      boolean doubles = r.type() == Type.DOUBLE;
      out.addStatement("$N = $N.reserve($N, $N, $L, $L, $L)",
          doubles ? tape.doubles() : tape.ints(), tape.tape(),
          doubles ? tape.doubles() : tape.ints(), doubles ? tape.doubleTop() : tape.intTop(),
          r.perTrip(), expressions.write(r.from()), expressions.write(r.to()));
    } else if (s instanceof Stmt.Block b) {
      out.add("{\n").indent();
      write(b.body(), out);
      out.unindent().add("}\n");
    } else {
      throw new IllegalStateException("not in the structured core: " + s);
    }
  }

  /** Writes {@code if ... else if ... else} chains flat. */
  private void ifStatement(Stmt.If i, CodeBlock.Builder out) {
    out.beginControlFlow("if ($L)", expressions.write(i.condition()));
    write(i.then(), out);
    List<Stmt> otherwise = i.otherwise();
    if (otherwise.size() == 1 && otherwise.get(0) instanceof Stmt.If nested) {
      out.nextControlFlow("else if ($L)", expressions.write(nested.condition()));
      write(nested.then(), out);
      otherwise = nested.otherwise();
      while (otherwise.size() == 1 && otherwise.get(0) instanceof Stmt.If next) {
        out.nextControlFlow("else if ($L)", expressions.write(next.condition()));
        write(next.then(), out);
        otherwise = next.otherwise();
      }
    }
    if (!otherwise.isEmpty()) {
      out.nextControlFlow("else");
      write(otherwise, out);
    }
  }

  /** {@code target = value}, or {@code target op= e} / {@code target++} when it reads so. */
  private CodeBlock assignment(CodeBlock target, Expr targetRead, Type type, Expr value) {
    Expr inner = value instanceof Expr.Cast cast && cast.type() == type ? cast.operand() : value;
    if (inner instanceof Expr.Binary b && b.left().equals(targetRead) && compoundable(b.op())) {
      boolean one = b.right() instanceof Expr.Literal literal && literal.text().equals("1")
          && type != Type.BOOLEAN;
      if (one && b.op() == BinaryOp.ADD) {
        return CodeBlock.of("$L++", target);
      }
      if (one && b.op() == BinaryOp.SUBTRACT) {
        return CodeBlock.of("$L--", target);
      }
      return CodeBlock.of("$L $L= $L", target, b.op().symbol(), expressions.write(b.right()));
    }
    return CodeBlock.of("$L = $L", target, narrowed(type, value));
  }

  /** A double value stored into a float: {@code 0.0f}, or an explicit cast. */
  private CodeBlock narrowed(Type target, Expr value) {
    if (target != Type.FLOAT || value.type() != Type.DOUBLE) {
      return expressions.write(value);
    }
    if (value instanceof Expr.Literal literal) {
      return CodeBlock.of("$Lf", literal.text());
    }
    return CodeBlock.of("(float) ($L)", expressions.write(value));
  }

  /** The Java type of a variable, including generated objects (holders, Duals). */
  static com.palantir.javapoet.TypeName typeOf(Variable v) {
    if (v.type() == Type.OBJECT || v.type() == Type.ENUM) {
      return v.objectType();
    }
    return com.palantir.javapoet.TypeName.get(AdjointWriter.javaType(v));
  }

  private static boolean compoundable(BinaryOp op) {
    return op.isArithmetic() || op.isShift() || op.isBitwise();
  }

  private String name(Variable v) {
    return namer.name(v);
  }
}
