package dev.cotangent.processor.lower;

import com.palantir.javapoet.ClassName;
import dev.cotangent.processor.analyse.Writes;
import dev.cotangent.processor.ir.BinaryOp;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.Exprs;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code switch} as {@code if}s, before its case bodies are lowered ({@link Lowering} lowers
 * the result with the switch as the target of {@code break}). The selector is evaluated once,
 * into a local unless it is a variable no case assigns ({@code String} and enum selectors through
 * {@code Objects.requireNonNull}: a null selector throws {@code NullPointerException}, as in
 * Java). When no case falls through into the next one (arrows, or every group ending in
 * {@code break}, {@code return}, {@code throw} or {@code continue}) the switch becomes one
 * {@code if}/{@code else if} chain with {@code default} last; otherwise each group runs when it
 * matches or an earlier one was entered: {@code if (entered || k == 2) { entered = true; ... }},
 * and a {@code break} guards the groups after it. Declarations at the top of {@code case L:}
 * groups share the switch's scope in Java, so they are declared before it.
 */
final class SwitchLowering {
  private static final ClassName OBJECTS = ClassName.get("java.util", "Objects");

  private SwitchLowering() {}

  static List<Stmt> of(Stmt.Switch s) {
    List<Stmt> out = new ArrayList<>();
    List<Stmt.Switch.Case> cases = merged(s.cases(), out);
    Expr selector = selector(s, cases, out);
    if (fallsThrough(cases, s.label())) {
      entered(cases, selector, out);
    } else {
      out.add(chain(cases, selector, s.label()));
    }
    return out;
  }

  /**
   * {@code case 1: case 2: body} (an empty group falls into the next) as one case; and the
   * declarations at the top of {@code case L:} groups declared before the switch.
   */
  private static List<Stmt.Switch.Case> merged(List<Stmt.Switch.Case> cases, List<Stmt> before) {
    List<Stmt.Switch.Case> out = new ArrayList<>();
    List<Expr> pending = new ArrayList<>();
    boolean pendingDefault = false;
    for (Stmt.Switch.Case c : cases) {
      if (!c.arrow() && c.body().isEmpty() && c != cases.get(cases.size() - 1)) {
        pending.addAll(c.labels());
        pendingDefault |= c.isDefault();
        continue;
      }
      List<Expr> labels = new ArrayList<>(pending);
      labels.addAll(c.labels());
      boolean isDefault = pendingDefault || c.isDefault();
      List<Stmt> body = c.arrow() ? c.body() : declaredBefore(c.body(), before);
      out.add(new Stmt.Switch.Case(isDefault ? List.of() : labels, body, c.arrow()));
      pending.clear();
      pendingDefault = false;
    }
    return out;
  }

  private static List<Stmt> declaredBefore(List<Stmt> body, List<Stmt> before) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : body) {
      if (s instanceof Stmt.Declare d) {
        before.add(new Stmt.Declare(d.variable(), null, null));
        if (d.init() != null) {
          out.add(new Stmt.Assign(d.variable(), d.init(), d.origin()));
        }
      } else {
        out.add(s);
      }
    }
    return out;
  }

  /** The selector, evaluated once. */
  private static Expr selector(Stmt.Switch s, List<Stmt.Switch.Case> cases, List<Stmt> out) {
    Expr selector = s.selector();
    List<Stmt> bodies = new ArrayList<>();
    cases.forEach(c -> bodies.addAll(c.body()));
    boolean data = selector.type().isData();
    boolean stable = selector instanceof Expr.Literal || selector instanceof Expr.Ref ref
        && !Writes.variables(bodies).contains(ref.variable());
    if (stable && !data) {
      return selector;
    }
    Variable local = Variable.generatedLike("selector", selector);
    Expr value = data ? new Expr.Runtime(OBJECTS, "requireNonNull", List.of(selector),
        selector.type()) : selector;
    out.add(new Stmt.Declare(local, value, s.origin()));
    return Exprs.ref(local);
  }

  /** Whether the selector matches one of the case's labels. */
  private static Expr matches(Expr selector, List<Expr> labels) {
    Expr any = null;
    for (Expr label : labels) {
      Expr one = selector.type() == Type.STRING
          ? new Expr.InstanceCall(selector, "equals", List.of(label), Type.BOOLEAN)
          : new Expr.Binary(BinaryOp.EQUAL, selector, label, Type.BOOLEAN);
      any = Exprs.or(any, one);
    }
    return any;
  }

  /** Whether the selector matches no label of any case: {@code default} applies. */
  private static Expr none(Expr selector, List<Stmt.Switch.Case> cases) {
    List<Expr> all = new ArrayList<>();
    cases.forEach(c -> all.addAll(c.labels()));
    return all.isEmpty() ? Expr.Literal.ofBoolean(true) : Exprs.not(matches(selector, all));
  }

  private static Stmt chain(List<Stmt.Switch.Case> cases, Expr selector, String label) {
    List<Stmt> otherwise = List.of();
    for (Stmt.Switch.Case c : cases) {
      if (c.isDefault()) {
        otherwise = withoutBreak(c.body(), label);
      }
    }
    for (int k = cases.size() - 1; k >= 0; k--) {
      Stmt.Switch.Case c = cases.get(k);
      if (!c.isDefault()) {
        otherwise = List.of(new Stmt.If(matches(selector, c.labels()),
            withoutBreak(c.body(), label), otherwise, null));
      }
    }
    return otherwise.size() == 1 ? otherwise.get(0) : new Stmt.Block(otherwise);
  }

  private static void entered(List<Stmt.Switch.Case> cases, Expr selector, List<Stmt> out) {
    Variable entered = Variable.generated("entered", Type.BOOLEAN);
    out.add(new Stmt.Declare(entered, Expr.Literal.ofBoolean(false), null));
    for (int k = 0; k < cases.size(); k++) {
      Stmt.Switch.Case c = cases.get(k);
      Expr match = c.isDefault() ? none(selector, cases) : matches(selector, c.labels());
      List<Stmt> body = new ArrayList<>();
      if (k + 1 < cases.size()) {
        body.add(new Stmt.Assign(entered, Expr.Literal.ofBoolean(true), null));
      }
      body.addAll(c.body());
      Expr condition = k == 0 ? match : Exprs.or(Exprs.ref(entered), match);
      out.add(new Stmt.If(condition, body, List.of(), null));
    }
  }

  /** Whether a case other than the last may complete normally, into the next one. */
  private static boolean fallsThrough(List<Stmt.Switch.Case> cases, String label) {
    for (int k = 0; k + 1 < cases.size(); k++) {
      Stmt.Switch.Case c = cases.get(k);
      if (!c.arrow() && !abrupt(c.body())) {
        return true;
      }
    }
    return false;
  }

  /** Whether a statement list certainly ends with a jump, a return or a throw. */
  private static boolean abrupt(List<Stmt> body) {
    if (body.isEmpty()) {
      return false;
    }
    Stmt last = body.get(body.size() - 1);
    if (last instanceof Stmt.Break || last instanceof Stmt.Continue
        || last instanceof Stmt.Return || last instanceof Stmt.Throw) {
      return true;
    }
    if (last instanceof Stmt.Block b) {
      return abrupt(b.body());
    }
    return last instanceof Stmt.If i && abrupt(i.then()) && abrupt(i.otherwise());
  }

  /** The body without the {@code break} that ends it (it leaves this switch). */
  private static List<Stmt> withoutBreak(List<Stmt> body, String label) {
    if (!body.isEmpty() && body.get(body.size() - 1) instanceof Stmt.Break b
        && (b.label() == null || b.label().equals(label))) {
      return body.subList(0, body.size() - 1);
    }
    return body;
  }
}
