package dev.stallcheck.release;

import com.google.common.base.Supplier;
import com.google.common.base.Suppliers;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import java.util.Optional;

/**
 * Releases the submitting method makes through a call rather than directly: a helper of this
 * compilation that releases, at any depth ({@code releaseQuietly(pool, conn)}), or a {@code
 * Runnable} lambda of the method that releases, run by {@code releaseOnce.run()}. Read from the
 * compilation's {@link AcquireSummaries}: each helper is summarised once.
 */
final class HelperReleases {
  /** Made on first use: most methods ask nothing of it, and it indexes the whole compilation. */
  private final Supplier<AcquireSummaries> summaries;

  private final TaskBodies bodies;
  private final VisitorState state;

  HelperReleases(AcquireReleasePairs pairs, TaskBodies bodies, VisitorState state) {
    this.summaries = Suppliers.memoize(() -> AcquireSummaries.instance(state, pairs));
    this.bodies = bodies;
    this.state = state;
  }

  /** Where {@code call} gives back what {@code acquire} took, if it does. */
  Optional<HelperRelease> of(MethodInvocationTree call, Acquire acquire) {
    Optional<HelperRelease> helper = summaries.get().releaseThrough(call, acquire);
    if (helper.isPresent()) {
      return helper;
    }
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    if (receiver == null || !runsFunctionalMethod(call)) {
      return Optional.empty();
    }
    for (TaskBody body : bodies.of(receiver)) {
      if (body.method().isEmpty()) {
        Optional<HelperRelease> found =
            summaries
                .get()
                .releaseInLambda(
                    body.code(),
                    body.unit(),
                    acquire,
                    "the lambda in `" + CodeText.call(receiver) + "`");
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  /** Whether {@code call} runs the one abstract method of a functional interface. */
  private boolean runsFunctionalMethod(MethodInvocationTree call) {
    MethodSymbol method = ASTHelpers.getSymbol(call);
    return method != null
        && (method.flags() & Flags.ABSTRACT) != 0
        && state.getTypes().isFunctionalInterface(method.owner.type);
  }
}
