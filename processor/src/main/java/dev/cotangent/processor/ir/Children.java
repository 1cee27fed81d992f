package dev.cotangent.processor.ir;

import java.util.ArrayList;
import java.util.List;

/** The statement lists nested in a statement. */
public final class Children {
  private Children() {}

  public static List<List<Stmt>> of(Stmt statement) {
    if (statement instanceof Stmt.If s) {
      return List.of(s.then(), s.otherwise());
    }
    if (statement instanceof Stmt.While s) {
      return List.of(s.body());
    }
    if (statement instanceof Stmt.DoWhile s) {
      return List.of(s.body());
    }
    if (statement instanceof Stmt.For s) {
      return List.of(s.init(), s.update(), s.body());
    }
    if (statement instanceof Stmt.Block s) {
      return List.of(s.body());
    }
    if (statement instanceof Stmt.Repeat s) {
      return List.of(s.body());
    }
    if (statement instanceof Stmt.Switch s) {
      return s.cases().stream().map(Stmt.Switch.Case::body).toList();
    }
    return List.of();
  }

  /** Every statement of {@code statements}, nested ones included, in program order. */
  public static List<Stmt> flatten(List<Stmt> statements) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : statements) {
      out.add(s);
      for (List<Stmt> child : of(s)) {
        out.addAll(flatten(child));
      }
    }
    return out;
  }

  /**
   * The statement with each list nested in an {@code if}, a {@code while}, a {@code Repeat} or a
   * block replaced by {@code f} of it; other statements as they are.
   */
  public static Stmt map(Stmt s, java.util.function.UnaryOperator<List<Stmt>> f) {
    if (s instanceof Stmt.If i) {
      return new Stmt.If(i.condition(), f.apply(i.then()), f.apply(i.otherwise()), i.origin());
    } else if (s instanceof Stmt.While w) {
      return new Stmt.While(w.condition(), f.apply(w.body()), w.origin(), w.label());
    } else if (s instanceof Stmt.Repeat r) {
      return new Stmt.Repeat(r.counter(), r.times(), f.apply(r.body()));
    } else if (s instanceof Stmt.Block b) {
      return new Stmt.Block(f.apply(b.body()));
    }
    return s;
  }
}
