package dev.cotangent.processor.emit;

import com.palantir.javapoet.CodeBlock;
import dev.cotangent.processor.ir.Stmt;
import java.util.List;

/**
 * IR statements as the Java the emitter writes for them, for test failure messages (a pass's
 * input and output are read more easily so than as records).
 */
public final class IrText {
  private IrText() {}

  /**
   * The Java of each list of statements, under its heading, with one set of names for all (a
   * variable of the forward sweep has its name in the reverse sweep); the tape gets its locals.
   */
  public static String of(List<String> headings, List<List<Stmt>> parts) {
    Namer namer = new Namer();
    StatementWriter writer = new StatementWriter(namer, TapeLocals.fresh(namer));
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < parts.size(); i++) {
      CodeBlock.Builder out = CodeBlock.builder();
      try {
        writer.write(parts.get(i), out);
      } catch (RuntimeException e) {
        out.add("$L (not writable as Java: $L)\n", parts.get(i).toString(), e.toString());
      }
      text.append("// ").append(headings.get(i)).append('\n').append(out.build());
    }
    return text.toString();
  }
}
