package dev.cotangent.processor.ir;

/** Prefix operators. */
public enum UnaryOp {
  NEGATE("-"),
  PLUS("+"),
  NOT("!"),
  COMPLEMENT("~");

  private final String symbol;

  UnaryOp(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }
}
