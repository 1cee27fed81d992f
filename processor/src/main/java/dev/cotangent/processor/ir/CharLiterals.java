package dev.cotangent.processor.ir;

/** The value of a Java {@code char} literal as written: {@code 'a'}, {@code '\n'}, {@code '\u0041'}. */
final class CharLiterals {
  private CharLiterals() {}

  static double value(String text) {
    String body = text.substring(1, text.length() - 1);
    if (body.startsWith("\\u")) {
      int at = body.lastIndexOf('u') + 1; // '\uuu0041' is legal too
      return Integer.parseInt(body.substring(at, at + 4), 16);
    }
    if (!body.startsWith("\\")) {
      return body.charAt(0);
    }
    char escaped = body.charAt(1);
    return switch (escaped) {
      case 'b' -> '\b';
      case 't' -> '\t';
      case 'n' -> '\n';
      case 'f' -> '\f';
      case 'r' -> '\r';
      case 's' -> ' ';
      case '"', '\'', '\\' -> escaped;
      default -> Integer.parseInt(body.substring(1), 8); // an octal escape, '\0' to '\377'
    };
  }
}
