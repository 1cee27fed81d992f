package dev.cotangent.processor.emit;

import dev.cotangent.processor.differentiate.AdjointMethod;
import dev.cotangent.processor.differentiate.BatchMethod;
import dev.cotangent.processor.differentiate.HvpMethod;
import dev.cotangent.processor.differentiate.TangentMethod;
import dev.cotangent.processor.ir.Children;
import dev.cotangent.processor.ir.CompanionModel;
import dev.cotangent.processor.ir.Expr;
import dev.cotangent.processor.ir.MethodIR;
import dev.cotangent.processor.ir.Stmt;
import dev.cotangent.processor.ir.Subexpressions;
import dev.cotangent.processor.ir.Type;
import dev.cotangent.processor.ir.Variable;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The JVM's limits that splitting ({@link FramedBody}) cannot lift, checked before anything is
 * written, so that a companion javac would reject is a {@code COTANGENT-TOO-LARGE} error at the
 * original method instead of a javac error in generated code: the parameter slots of the public
 * signatures (255), one statement whose derivative code alone exceeds a method's 65,535 bytes, a
 * frame's main method that keeps too much, and the constant pool of a class (65,535 entries).
 */
public final class Limits {
  private static final int CONSTANT_POOL = 65_535;
  /** Constant-pool entries of a field or method reference: the reference, its name and type. */
  private static final int REFERENCE = 3;

  private Limits() {}

  /**
   * What in this method's companions the JVM could not hold, as the text of a {@code
   * COTANGENT-TOO-LARGE} message ("the ... of f ...; advice"), or null.
   */
  public static String problem(CompanionFiles.Companion companion, String splitAbove) {
    Splitting splitting = Splitting.parse(splitAbove);
    if (splitting == null) {
      splitting = Splitting.DEFAULT;
    }
    AdjointMethod adjoint = companion.adjoint();
    TangentMethod tangent = companion.tangent();
    MethodIR method = adjoint.source().source();
    String name = method.name();
    int parameters = slots(method.parameters());
    int pullback = parameters + slots(method.returnType()) + 1;
    if (pullback > CompanionModel.PARAMETER_SLOTS) {
      return slotsProblem("the pullback " + name + "(..., seed, into)", pullback);
    }
    int tangentSlots = parameters + (method.isVectorValued() ? 1 : 0);
    for (Variable dot : tangent.tangentParameters().values()) {
      tangentSlots += method.companion().packedTangent() && !dot.type().isArray() ? 0
          : slots(dot.type());
    }
    tangentSlots += method.companion().packedTangent() ? 1 : 0;
    if (tangentSlots > CompanionModel.PARAMETER_SLOTS) {
      return slotsProblem("the tangent of " + name + " (with the scalar parameters' tangents in"
          + " one array)", tangentSlots);
    }
    if (method.companion().hasJacobian() && parameters + 2 > CompanionModel.PARAMETER_SLOTS) {
      return slotsProblem(name + "Jacobian(..., into, work)", parameters + 2);
    }
    String sweeps = sweeps("pullback", name, AdjointWriter.estimate(adjoint), splitting,
        List.of(adjoint.forward(), adjoint.reverse()));
    if (sweeps != null) {
      return sweeps;
    }
    return sweeps("tangent", name, TangentWriter.estimate(tangent), splitting,
        List.of(tangent.body()));
  }

  /**
   * What in a method's second-order companion the JVM could not hold, or null: its
   * Hessian-vector product {@code f(args with directions, seed, seedDot, into)} takes two slots
   * per double and its direction, and its code (and the vector-mode product the dense Hessian
   * uses, {@code lanes}, or null) is not split: a bound over the default threshold is an error.
   */
  public static String hessianProblem(HvpMethod product, BatchMethod lanes) {
    Splitting splitting = Splitting.DEFAULT; // (-Acotangent.splitAbove does not apply to them)
    MethodIR method = product.adjoint().source().source();
    String name = method.name();
    int slots = slots(method.parameters()) + 2 * 2 + 1;
    for (Variable dot : product.tangentParameters().values()) {
      slots += slots(dot.type());
    }
    if (slots > CompanionModel.PARAMETER_SLOTS) {
      return slotsProblem("the Hessian-vector product of " + name, slots);
    }
    int bound = BytecodeSize.of(product.body());
    if (lanes != null) {
      for (List<Stmt> part : lanes.parts()) {
        bound = Math.max(bound, BytecodeSize.of(part));
      }
    }
    if (splitting.splits(bound)) {
      return String.format(Locale.ROOT, "the Hessian-vector product of %s (order = 2) is bounded"
          + " at %,d bytes of code, and second-order companions are not split into parts like"
          + " pullbacks and tangents; remove order = 2, or split the method into several", name,
          bound);
    }
    return null;
  }

  /**
   * The class's problem: more constant-pool entries than a class file holds, in a companion
   * class of these methods or in the frame of a split one (a class of its own), or null.
   */
  public static String classProblem(String className, List<CompanionFiles.Companion> companions,
      String splitAbove) {
    Splitting parsed = Splitting.parse(splitAbove);
    Splitting splitting = parsed == null ? Splitting.DEFAULT : parsed;
    Set<String> adjoint = new HashSet<>();
    Set<String> tangent = new HashSet<>();
    for (CompanionFiles.Companion c : companions) {
      AdjointMethod a = c.adjoint();
      String name = a.source().source().name();
      adjoint.add("method " + name + a.source().source().parameters());
      tangent.add("method " + name + a.source().source().parameters());
      boolean splitAdjoint = splitting.splits(AdjointWriter.estimate(a));
      Set<String> pullback = splitAdjoint ? new HashSet<>() : adjoint;
      constants(a.forward(), pullback);
      constants(a.reverse(), pullback);
      boolean splitTangent = splitting.splits(TangentWriter.estimate(c.tangent()));
      Set<String> forward = splitTangent ? new HashSet<>() : tangent;
      constants(c.tangent().body(), forward);
      if (splitAdjoint && size(pullback) > CONSTANT_POOL - 1_000) {
        return poolProblem("the frame of " + name + "'s pullback", size(pullback));
      }
      if (splitTangent && size(forward) > CONSTANT_POOL - 1_000) {
        return poolProblem("the frame of " + name + "'s tangent", size(forward));
      }
    }
    long entries = Math.max(size(adjoint), size(tangent));
    return entries > CONSTANT_POOL - 1_000
        ? poolProblem("the companions of " + className, entries) : null;
  }

  private static String poolProblem(String what, long entries) {
    return String.format(Locale.ROOT, "%s would need about %,d entries in the constant pool of"
        + " one class file, which holds 65,535; move some @Differentiable methods into another"
        + " class, or split a long method into several", what, entries);
  }

  private static long size(Set<String> constants) {
    long entries = 0;
    for (String c : constants) {
      entries += c.startsWith("wide ") ? 2 : c.startsWith("int ") ? 1 : REFERENCE;
    }
    return entries;
  }

  /** The constants the code of these statements puts in its class's pool, by kind. */
  private static void constants(List<Stmt> statements, Set<String> out) {
    for (Stmt s : statements) {
      for (Expr e : Subexpressions.ofStatement(s)) {
        constants(e, out);
      }
      if (s instanceof Stmt.Declare d) {
        out.add("local " + d.variable().name()); // a frame's field: a reference
      }
      for (List<Stmt> child : Children.of(s)) {
        constants(child, out);
      }
    }
  }

  private static void constants(Expr e, Set<String> out) {
    if (e instanceof Expr.Literal literal && literal.type().isNumeric()) {
      boolean wide = literal.type() == Type.DOUBLE || literal.type() == Type.LONG;
      out.add((wide ? "wide " : "int ") + literal.text());
    } else if (e instanceof Expr.MathCall call) {
      out.add("call " + call.owner() + "." + call.function());
    } else if (e instanceof Expr.Call call) {
      out.add("call " + call.owner() + "." + call.name() + call.args().size());
    } else if (e instanceof Expr.Runtime call) {
      out.add("call " + call.owner() + "." + call.method() + call.args().size());
    } else if (e instanceof Expr.StaticField field) {
      out.add("field " + field.owner() + "." + field.name());
    } else if (e instanceof Expr.Field field) {
      out.add("field " + field.name());
    }
    for (Expr part : Subexpressions.of(e)) {
      constants(part, out);
    }
  }

  /** A split companion whose one statement, or whose main method, is still too large. */
  private static String sweeps(String what, String name, int estimate, Splitting splitting,
      List<List<Stmt>> sweeps) {
    if (!splitting.splits(estimate)) {
      return null;
    }
    for (List<Stmt> sweep : sweeps) {
      Stmt largest = largest(sweep, splitting.partSize());
      if (largest != null) {
        return String.format(Locale.ROOT, "the %s of %s has a statement%s whose code alone is"
            + " bounded at %,d bytes, more than the 65,535 of a JVM method; write it as several"
            + " statements (partial sums or products in locals)", what, name,
            line(largest), BytecodeSize.of(largest));
      }
    }
    return null;
  }

  /** A statement that no part can hold (not a loop, branch or block, which are cut), or null. */
  private static Stmt largest(List<Stmt> statements, int partSize) {
    for (Stmt s : statements) {
      int size = BytecodeSize.of(s);
      if (size <= partSize) {
        continue;
      }
      if (!FramedBody.opens(s)) {
        if (size > BytecodeSize.METHOD_LIMIT - 10_000) {
          return s;
        }
        continue;
      }
      for (List<Stmt> child : Children.of(s)) {
        Stmt inner = largest(child, partSize);
        if (inner != null) {
          return inner;
        }
      }
    }
    return null;
  }

  private static String line(Stmt s) {
    dev.cotangent.processor.ir.Origin origin = null;
    if (s instanceof Stmt.Declare d) {
      origin = d.origin();
    } else if (s instanceof Stmt.Assign a) {
      origin = a.origin();
    } else if (s instanceof Stmt.ArrayWrite w) {
      origin = w.origin();
    }
    return origin == null ? "" : " (from line " + origin.line() + ")";
  }

  private static String slotsProblem(String what, int slots) {
    return String.format(Locale.ROOT, "%s would need %d parameter slots, more than the JVM's %d"
        + " (a double takes two); pass some of the values in a double[]", what, slots,
        CompanionModel.PARAMETER_SLOTS);
  }

  private static int slots(List<Variable> variables) {
    int slots = 0;
    for (Variable v : variables) {
      slots += slots(v.type());
    }
    return slots;
  }

  private static int slots(Type type) {
    return type == Type.DOUBLE || type == Type.LONG ? 2 : 1;
  }
}
