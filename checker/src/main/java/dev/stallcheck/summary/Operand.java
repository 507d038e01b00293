package dev.stallcheck.summary;

import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.stallcheck.flow.Value;
import org.jspecify.annotations.Nullable;

/**
 * A call's receiver or argument as the calling method's code gives it: its own {@code this}, one of
 * its parameters or a final field of a parameter's object (whose value the calling context
 * supplies: {@code invokeCallback(evt.getType(), ..)}), or a value the code alone tells.
 *
 * @param field for a parameter, the final field of its object that is passed; null: the parameter
 */
record Operand(Kind kind, int parameter, @Nullable VarSymbol field, Value value) {
  enum Kind {
    THIS,
    PARAMETER,
    VALUE
  }

  static final Operand THIS = new Operand(Kind.THIS, -1, null, Value.UNKNOWN);
  static final Operand UNKNOWN = new Operand(Kind.VALUE, -1, null, Value.UNKNOWN);

  static Operand parameter(int index) {
    return new Operand(Kind.PARAMETER, index, null, Value.UNKNOWN);
  }

  /**
   * What the code reads of a parameter: the parameter, or a field of its object; {@code otherwise}
   * is what the field holds when the context does not tell.
   */
  static Operand read(Guard.Subject subject, Value otherwise) {
    return new Operand(Kind.PARAMETER, subject.parameter(), subject.field(), otherwise);
  }

  static Operand of(Value value) {
    return new Operand(Kind.VALUE, -1, null, value);
  }
}
