package dev.stallcheck.summary;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.stallcheck.flow.Value;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Keeps the number of contexts per method bounded, so that cost stays linear in code size: a
 * context keeps only what the method's code reads (the receiver's classes and fields if some call's
 * operand or some guard reads {@code this}, the parameters some call or guard reads), and past
 * {@link SummaryLimits#maxCallContexts} distinct contexts a method is analysed in {@link
 * CallContext#NONE}, unless the compilation's budget of that many per method has room. The total
 * stays linear in the number of methods.
 */
final class CallContexts {
  private final int maxPerMethod;

  /**
   * A method called in more contexts than {@link #maxPerMethod} (a dispatcher switching on an
   * event's type, reached with every type) gets up to this many, while the compilation as a whole
   * stays within {@link #maxPerMethod} contexts per method: the budget other methods leave unused.
   */
  private final int maxForOneMethod;

  private final Map<MethodSymbol, Set<CallContext>> seen = new HashMap<>();

  /**
   * The contexts the compilation may hand out, {@link #maxPerMethod} for each method it declares:
   * fixed, so that it does not depend on which summaries were asked for first, or at all.
   */
  private final long budget;

  /** Contexts handed out so far, over every method. */
  private int total;

  /** For a compilation that declares {@code methods} methods. */
  CallContexts(SummaryLimits limits, int methods) {
    this.maxPerMethod = limits.maxCallContexts();
    this.maxForOneMethod = limits.maxCallContextsForOneMethod();
    this.budget = (long) maxPerMethod * methods;
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
        new CallContext(
            facts.usesReceiver() ? full.receiver() : null,
            arguments.build(),
            facts.usesReceiver() ? full.receiverFields() : ImmutableMap.of());
    if (kept.equals(CallContext.NONE)) {
      return CallContext.NONE;
    }
    Set<CallContext> contexts = seen.computeIfAbsent(method, unused -> new HashSet<>());
    if (contexts.contains(kept)) {
      return kept;
    }
    boolean withinBudget =
        contexts.size() < maxPerMethod || (contexts.size() < maxForOneMethod && total < budget);
    if (withinBudget) {
      contexts.add(kept);
      total++;
      return kept;
    }
    return CallContext.NONE;
  }
}
