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
 * contexts a method is analysed in {@link CallContext#NONE}, unless the compilation's budget of
 * {@link #MAX_PER_METHOD} per method has room ({@link #MAX_FOR_ONE_METHOD}). The total stays linear
 * in the number of methods.
 */
final class CallContexts {
  static final int MAX_PER_METHOD = 8;

  /**
   * A method called in more contexts than {@link #MAX_PER_METHOD} (a dispatcher switching on an
   * event's type, reached with every type) gets up to this many, while the compilation as a whole
   * stays within {@link #MAX_PER_METHOD} contexts per method: the budget other methods leave
   * unused.
   */
  static final int MAX_FOR_ONE_METHOD = 256;

  private final Map<MethodSymbol, Set<CallContext>> seen = new HashMap<>();

  /**
   * The contexts the compilation may hand out, {@link #MAX_PER_METHOD} for each method it declares:
   * fixed, so that it does not depend on which summaries were asked for first, or at all.
   */
  private final long budget;

  /** Contexts handed out so far, over every method. */
  private int total;

  /** For a compilation that declares {@code methods} methods. */
  CallContexts(int methods) {
    this.budget = (long) MAX_PER_METHOD * methods;
  }

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
    if (contexts.contains(kept)) {
      return kept;
    }
    boolean withinBudget =
        contexts.size() < MAX_PER_METHOD
            || (contexts.size() < MAX_FOR_ONE_METHOD && total < budget);
    if (withinBudget) {
      contexts.add(kept);
      total++;
      return kept;
    }
    return CallContext.NONE;
  }
}
