package dev.cotangent.processor.ir;

import java.util.List;

/**
 * Java's rule of which generated statements can complete normally: a {@code throw} cannot, nor
 * an {@code if} whose branches both cannot, nor a block that cannot, nor {@code while (true)}
 * (lowered loops leave by flags in their condition, never by {@code break}). Javac rejects a
 * statement after one that cannot complete normally, so emit writes none: it could never run.
 */
public final class Reachability {
  private Reachability() {}

  public static boolean completesNormally(List<Stmt> statements) {
    return statements.stream().allMatch(Reachability::completesNormally);
  }

  public static boolean completesNormally(Stmt s) {
    if (s instanceof Stmt.Throw) {
      return false;
    }
    if (s instanceof Stmt.If i) {
      return completesNormally(i.then()) || completesNormally(i.otherwise());
    }
    if (s instanceof Stmt.Block b) {
      return completesNormally(b.body());
    }
    if (s instanceof Stmt.While w) {
      return !Exprs.isTrue(w.condition());
    }
    return true;
  }
}
