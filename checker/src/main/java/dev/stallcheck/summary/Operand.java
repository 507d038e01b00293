package dev.stallcheck.summary;

import dev.stallcheck.flow.Value;

/**
 * A call's receiver or argument as the calling method's code gives it: its own {@code this}, one of
 * its parameters (whose value the calling context supplies), or a value the code alone tells.
 */
record Operand(Kind kind, int parameter, Value value) {
  enum Kind {
    THIS,
    PARAMETER,
    VALUE
  }

  static final Operand THIS = new Operand(Kind.THIS, -1, Value.UNKNOWN);
  static final Operand UNKNOWN = new Operand(Kind.VALUE, -1, Value.UNKNOWN);

  static Operand parameter(int index) {
    return new Operand(Kind.PARAMETER, index, Value.UNKNOWN);
  }

  static Operand of(Value value) {
    return new Operand(Kind.VALUE, -1, value);
  }
}
