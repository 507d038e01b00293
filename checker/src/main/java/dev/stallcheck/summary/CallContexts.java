package dev.stallcheck.summary;

import com.google.common.collect.ImmutableList;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.stallcheck.flow.Value;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Keeps the number of contexts per method bounded, so that cost stays linear in code size: a
 * context keeps only what the method's code reads (the receiver's classes if some call's operand is
 * {@code this}, the parameters some call or guard reads), and past {@link #MAX_PER_METHOD} distinct
 * contexts a method is analysed in {@link CallContext#NONE}.
 */
final class CallContexts {
  static final int MAX_PER_METHOD = 8;

  private final Map<MethodSymbol, Set<CallContext>> seen = new HashMap<>();

  /**
   * The context {@code method}, with {@code facts}, is analysed in when called with {@code full}.
   */
  CallContext forCall(MethodSymbol method, MethodFacts facts, CallContext full) {
    ImmutableList.Builder<Value> arguments = ImmutableList.builder();
    int last = -1;
    for (int i = 0; i < full.arguments().size(); i++) {
      if (facts.usedParameters().contains(i) && full.argument(i).isKnown()) {
        last = i;
      }
    }
    for (int i = 0; i <= last; i++) {
      arguments.add(facts.usedParameters().contains(i) ? full.argument(i) : Value.UNKNOWN);
    }
    CallContext kept =
        new CallContext(facts.usesReceiver() ? full.receiver() : null, arguments.build());
    if (kept.equals(CallContext.NONE)) {
      return CallContext.NONE;
    }
    Set<CallContext> contexts = seen.computeIfAbsent(method, unused -> new HashSet<>());
    if (contexts.contains(kept) || contexts.size() < MAX_PER_METHOD) {
      contexts.add(kept);
      return kept;
    }
    return CallContext.NONE;
  }
}
