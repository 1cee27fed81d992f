package dev.cotangent.processor.ir;

/** The user's statement a piece of IR came from: its line and its source text, for comments. */
public record Origin(long line, String text) {
  @Override
  public String toString() {
    return "line " + line + ": " + text;
  }
}
