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
          + " them) and carries int, long and boolean values unchanged"),
  CALL("COTANGENT-CALL",
      "the call %s is not differentiable yet; a @Differentiable method can call Math and"
          + " StrictMath functions (%s), and static methods (or this object's methods) with"
          + " double, float, int, long, boolean and array parameters"),
  CALL_SHAPE("COTANGENT-CALL", "the method %s %s"),
  CALL_PLACE("COTANGENT-CALL",
      "a call inside %s is not supported; compute it into a local variable before this"
          + " statement"),
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
  TOO_LARGE("COTANGENT-TOO-LARGE",
      "%s (Cotangent splits companions too large for one JVM method, but not this)"),
  SPLIT_OPTION("COTANGENT-OPTION",
      "-Acotangent.splitAbove: %s is not a number of bytes; the default is used"),
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
