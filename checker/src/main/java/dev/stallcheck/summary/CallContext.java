package dev.stallcheck.summary;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.stallcheck.flow.UnboundedQueues;
import dev.stallcheck.flow.Value;
import org.jspecify.annotations.Nullable;

/**
 * What a call tells its callee: the classes its {@code this} may be (one level of receiver context,
 * so that an inherited template method's {@code this}-calls reach the caller's class only), and the
 * values of its arguments (constants decide branches; known classes resolve callbacks), and the
 * final queue fields of {@code this} that hold a queue that never fills (an object built with an
 * unbounded queue, where other objects of its class get a bounded one). A summary is computed per
 * method and context; see {@link CallContexts} for the bound.
 *
 * @param receiver the classes {@code this} may be; null if unknown
 * @param arguments the value of each parameter, in order; missing trailing entries are unknown
 * @param receiverFields the final fields of {@code this} known to hold {@link
 *     UnboundedQueues#UNBOUNDED an unbounded queue}, with that value
 */
record CallContext(
    @Nullable ImmutableSet<ClassSymbol> receiver,
    ImmutableList<Value> arguments,
    ImmutableMap<VarSymbol, Value> receiverFields) {
  /** Nothing known: the context of a method analysed on its own. */
  static final CallContext NONE = new CallContext(null, ImmutableList.of(), ImmutableMap.of());

  /** The fields of {@code receiver}'s value that a context keeps (see {@link #receiverFields}). */
  static ImmutableMap<VarSymbol, Value> keptFields(Value receiver) {
    ImmutableMap.Builder<VarSymbol, Value> kept = ImmutableMap.builder();
    receiver
        .fields()
        .forEach(
            (field, value) -> {
              if (value.equals(UnboundedQueues.UNBOUNDED)) {
                kept.put(field, value);
              }
            });
    return kept.buildOrThrow();
  }

  Value argument(int index) {
    return index >= 0 && index < arguments.size() ? arguments.get(index) : Value.UNKNOWN;
  }
}
