package dev.cotangent.processor.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * A rewrite of statement lists, for passes: by default a statement stays as it is with the lists
 * nested in it ({@code if}, {@code while}, replays, blocks) rewritten ({@link Children#map}); a
 * pass overrides {@link #statement} for the statements it changes and calls {@link #nested} (or
 * {@code super}) for the rest.
 */
public abstract class StatementRewriter {
  /** The statements rewritten, in order. */
  public List<Stmt> list(List<Stmt> statements) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : statements) {
      statement(s, out);
    }
    return out;
  }

  /** Adds what {@code s} becomes to {@code out}: by default {@link #nested}{@code (s)}. */
  protected void statement(Stmt s, List<Stmt> out) {
    out.add(nested(s));
  }

  /** {@code s} with the lists nested in it rewritten. */
  protected final Stmt nested(Stmt s) {
    return Children.map(s, this::list);
  }
}
