package dev.cotangent.processor.read;

import com.sun.source.tree.Tree;
import dev.cotangent.processor.Message;

/** What to tell the user about a construct outside the supported subset. */
final class Unsupported {
  private Unsupported() {}

  static ReadException statement(Tree tree) {
    return new ReadException(tree, Message.UNSUPPORTED, describe(tree.getKind()), hint(tree.getKind()));
  }

  static ReadException expression(Tree tree) {
    return statement(tree);
  }

  private static String describe(Tree.Kind kind) {
    if (kind.name().equals("RECORD")) { // Tree.Kind.RECORD: a local record
      return "a local class";
    }
    if (kind.name().equals("SWITCH_EXPRESSION")) {
      return "a switch expression inside a larger expression";
    }
    return switch (kind) {
      case NEW_CLASS -> "object creation (new)";
      case NEW_ARRAY, ARRAY_ACCESS, ENHANCED_FOR_LOOP -> "array code";
      case LAMBDA_EXPRESSION -> "a lambda";
      case MEMBER_REFERENCE -> "a method reference";
      case TRY -> "try";
      case SYNCHRONIZED -> "synchronized";
      case CLASS, INTERFACE, ENUM, ANNOTATION_TYPE -> "a local class";
      case NULL_LITERAL -> "null";
      case INSTANCE_OF -> "instanceof";
      case MEMBER_SELECT -> "reading a member of a local variable";
      case IDENTIFIER -> "this and super";
      default -> kindName(kind);
    };
  }

  private static String hint(Tree.Kind kind) {
    if (kind.name().equals("RECORD")) {
      return "move the class out of the method";
    }
    if (kind.name().equals("SWITCH_EXPRESSION")) {
      return "assign it to a local variable first (double v = switch (...) { ... };), then use"
          + " the variable";
    }
    return switch (kind) {
      case NEW_CLASS, NULL_LITERAL, INSTANCE_OF ->
          "compute with double, float, int, long and boolean values only";
      case NEW_ARRAY, ARRAY_ACCESS, ENHANCED_FOR_LOOP ->
          "use double[], double[][], float[] and int[] arrays with a name";
      case MEMBER_SELECT -> "pass the value in as a parameter";
      case LAMBDA_EXPRESSION, MEMBER_REFERENCE -> "write the computation inline";
      case TRY, SYNCHRONIZED -> "check arguments with guard clauses (if (...) throw new"
          + " IllegalArgumentException(...)) and handle errors in a method that calls the"
          + " @Differentiable one";
      case CLASS, INTERFACE, ENUM, ANNOTATION_TYPE -> "move the class out of the method";
      case IDENTIFIER -> "make the method static and pass what it needs as parameters";
      default -> "rewrite it with assignments, if/else, loops and Math functions";
    };
  }

  private static String kindName(Tree.Kind kind) {
    String name = kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    return name.endsWith("expression") || name.endsWith("statement") ? name : name + " expression";
  }
}
