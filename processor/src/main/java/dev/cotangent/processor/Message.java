package dev.cotangent.processor;

import java.util.Locale;

/**
 * Every diagnostic Cotangent reports, with its stable id. The README documents each one with an
 * example; tests match on the id.
 */
public enum Message {
  UNSUPPORTED("COTANGENT-UNSUPPORTED", "%s is not differentiable yet; %s"),
  TYPE("COTANGENT-TYPE",
      "type %s is not supported %s; Cotangent differentiates double and float (and arrays of"
          + " them) and carries int, long, boolean, char, byte, short, String and enum values"
          + " unchanged"),
  CALL("COTANGENT-CALL",
      "the call %s is not differentiable yet; a @Differentiable method can call Math and"
          + " StrictMath functions (%s), and static methods (or this object's methods) with"
          + " double, float, int, long, boolean and array parameters"),
  CALL_SHAPE("COTANGENT-CALL", "the method %s %s"),
  CALL_PLACE("COTANGENT-CALL",
      "%s writes into its array arguments, so it cannot be called inside %s (Java evaluates the"
          + " rest of the statement around it); call it in a statement of its own before, as"
          + " step(state); or double e = step(state);"),
  NO_DERIVATIVE_KNOWN("COTANGENT-CALL",
      "the derivative of %s is unknown: its source is not part of this compilation and it has"
          + " no generated companions; annotate it @Differentiable where it is compiled, or give"
          + " its derivative with @DerivativeOf"),
  CALLEE_FAILED("COTANGENT-CALL",
      "%s is called with differentiable arguments, but it cannot be differentiated (see the"
          + " errors reported there); fix it, or pass it only values without derivatives"),
  RULE("COTANGENT-RULE", "@DerivativeOf %s; %s"),
  NO_RULE("COTANGENT-CALL",
      "%s has @DerivativeOf rules, but none with respect to its parameter %s, which receives a"
          + " differentiable value here; add @DerivativeOf(..., wrt = \"%s\") or pass a constant"),
  SIDE_EFFECT("COTANGENT-SIDE-EFFECT",
      "%s inside an expression is not supported; write it as a statement of its own"),
  FIELD_WRITE("COTANGENT-FIELD-WRITE",
      "assigning to %s is not supported; compute into a local variable and return it"),
  INSTANCE_FIELD("COTANGENT-INSTANCE-FIELD",
      "the instance field %s cannot be read here (a static method, or a field of another"
          + " object); pass it as a parameter (mark it @NoDerivative to hold it constant)"),
  PRIVATE_INSTANCE_FIELD("COTANGENT-PRIVATE-FIELD",
      "the private field %s cannot be read by the generated companions, which are other"
          + " classes; make it package-private (instance fields are read as constants)"),
  UNKNOWN_NAME("COTANGENT-UNKNOWN-NAME",
      "cannot resolve %s; a @Differentiable method can read its parameters, its locals and"
          + " static fields"),
  PRIVATE_FIELD("COTANGENT-PRIVATE-FIELD",
      "the private field %s is not a compile-time constant, so the generated companions cannot"
          + " read it; make it package-private or initialise it with a constant expression"),
  METHOD_SHAPE("COTANGENT-METHOD", "@Differentiable method %s %s"),
  NARROWING("COTANGENT-TYPE",
      "a %s value cannot be assigned to %s without a cast; write the cast, e.g. (%s) (...), as"
          + " Java requires"),
  NAME_CLASH("COTANGENT-NAME-CLASH",
      "the generated class %s would clash with %s; rename one of the classes"),
  LOOP_LABEL("COTANGENT-UNKNOWN-NAME", "%s; put it inside the loop it leaves or continues"),
  ENDLESS_LOOP("COTANGENT-UNSUPPORTED",
      "a loop that no condition, break or return can end is not differentiable; give it a"
          + " condition or a break"),
  NO_DERIVATIVE_IGNORED("COTANGENT-NO-DERIVATIVE",
      "@NoDerivative on the %s parameter %s has no effect; only double parameters carry"
          + " derivatives"),
  NO_TREES("COTANGENT-NO-TREES",
      "Cotangent reads method bodies through the javac Tree API, which this compiler does not"
          + " provide (%s); compile with javac (Maven, Gradle and plain javac all use it)"),
  UNKNOWN_PASS("COTANGENT-OPTION",
      "-Acotangent.passes: %s is not a pass that can be switched off; write -Name, with Name"
          + " one of %s"),
  MISSING_DEPENDENCY("COTANGENT-MISSING-DEPENDENCY",
      "the annotation processor cannot load its dependency %s, so nothing was generated; put"
          + " cotangent-processor-<version>-standalone.jar on the processor path (it contains"
          + " everything), or let Maven or Gradle resolve cotangent-processor with its"
          + " dependencies"),
  CHECKPOINT("COTANGENT-CHECKPOINT", "%s is not supported; %s"),
  CALL_ON_OBJECT("COTANGENT-CALL",
      "%s calls a method of the object %s, which Cotangent cannot follow; a @Differentiable"
          + " method calls Math functions, static methods and this object's methods: compute the"
          + " value before the call and pass it in as a parameter"),
  COPY_FAILED("COTANGENT-CALL",
      "%s is private, so the companions (other classes) call a copy of it, but Cotangent cannot"
          + " copy it (see the errors reported there); fix them, or make the method"
          + " package-private"),
  ORDER("COTANGENT-ORDER",
      "@Differentiable(order = %s) on %s: Cotangent generates order 1 (gradient and tangent) and"
          + " order 2 (also the Hessian); write order = 1 or order = 2"),
  ORDER_VECTOR("COTANGENT-ORDER",
      "@Differentiable(order = 2) on %s, which returns double[]: second derivatives of"
          + " vector-valued functions are not generated; give order = 2 to a scalar function of"
          + " its result (a sum of squares, say)"),
  NO_SECOND_ORDER("COTANGENT-CALL",
      "%s is called from a method with second-order companions, but %s; %s"),
  ORDER_CHECKPOINTS("COTANGENT-ORDER",
      "%s has second-order companions (order = 2, its own or a caller's) and checkpoints:"
          + " Hessian-vector products of loops reversed from snapshots are not generated yet;"
          + " remove checkpoints from it, or order = 2"),
  TOO_LARGE("COTANGENT-TOO-LARGE",
      "%s (Cotangent splits companions too large for one JVM method, but not this)"),
  SPLIT_OPTION("COTANGENT-OPTION",
      "-Acotangent.splitAbove: %s is not a number of bytes; the default is used"),
  RECORD("COTANGENT-RECORD", "%s is not supported; %s"),
  INTERNAL("COTANGENT-INTERNAL",
      "internal error while differentiating %s: %s; please report this with the method's"
          + " source. No companion was generated for it");

  private final String id;
  private final String template;

  Message(String id, String template) {
    this.id = id;
    this.template = template;
  }

  /** The stable id, e.g. {@code COTANGENT-UNSUPPORTED}. */
  public String id() {
    return id;
  }

  /** The full text: {@code [ID] message}. */
  public String format(Object... args) {
    return "[" + id + "] " + String.format(Locale.ROOT, template, args);
  }
}
