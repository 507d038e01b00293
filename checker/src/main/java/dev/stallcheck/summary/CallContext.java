package dev.stallcheck.summary;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import dev.stallcheck.flow.Value;
import org.jspecify.annotations.Nullable;

/**
 * What a call tells its callee: the classes its {@code this} may be (one level of receiver context,
 * so that an inherited template method's {@code this}-calls reach the caller's class only), and the
 * values of its arguments (constants decide branches; known classes resolve callbacks). A summary
 * is computed per method and context; see {@link CallContexts} for the bound.
 *
 * @param receiver the classes {@code this} may be; null if unknown
 * @param arguments the value of each parameter, in order; missing trailing entries are unknown
 */
record CallContext(@Nullable ImmutableSet<ClassSymbol> receiver, ImmutableList<Value> arguments) {
  /** Nothing known: the context of a method analysed on its own. */
  static final CallContext NONE = new CallContext(null, ImmutableList.of());

  Value argument(int index) {
    return index >= 0 && index < arguments.size() ? arguments.get(index) : Value.UNKNOWN;
  }
}
