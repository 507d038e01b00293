package dev.stallcheck.sends;

import com.google.errorprone.VisitorState;
import com.google.errorprone.suppliers.Supplier;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.stallcheck.flow.Settings;
import dev.stallcheck.trees.AnyCall;

/**
 * A blocking send that a setting chose over a non-blocking send of the same element to the same
 * queue: {@code if (dropWhenFull) { if (!queue.offer(m)) dropped++; } else queue.put(m);}. The code
 * already has the fix this check would suggest, one setting away; whether a full queue holds the
 * sender back or drops is a policy its owner configured, not a bug at the call under the lock.
 *
 * <p>A setting is what {@link Settings} says: a flag the class flips itself ({@code closed = true})
 * tracks the object's state instead, so a send it selects is still reported, as is a send a
 * parameter selects ({@code publish(e, true)}; the summaries decide those per call) and one a final
 * field every constructor sets to a constant selects.
 */
final class SettingChosenSends {
  private static final Supplier<Type> QUEUE =
      VisitorState.memoize(s -> s.getTypeFromString("java.util.Queue"));

  private SettingChosenSends() {}

  /**
   * Whether the send {@code send} (a call of {@code put}, {@code putFirst}, {@code putLast} or
   * {@code transfer}) is one branch of an {@code if} on a setting whose other branch sends the same
   * element to the same queue without blocking.
   */
  static boolean isChosenBySetting(TreePath send, VisitorState state) {
    if (!(send.getLeaf() instanceof MethodInvocationTree call)) {
      return false;
    }
    StatementTree other = Settings.alternativeChosenBySetting(send, state);
    return other != null && sendsWithoutBlocking(other, call, state);
  }

  /**
   * Whether {@code branch} sends the element of {@code send} to its queue with a method that does
   * not wait for room: {@code offer}, {@code offerFirst}, {@code offerLast}, {@code add}, {@code
   * tryTransfer}, timed or not.
   */
  private static boolean sendsWithoutBlocking(
      StatementTree branch, MethodInvocationTree send, VisitorState state) {
    ExpressionTree queue = BlockingSends.queueOf(send);
    ExpressionTree element = BlockingSends.elementOf(send);
    return AnyCall.in(
        branch,
        /* intoLambdas= */ false,
        call ->
            call instanceof MethodInvocationTree alternative
                && isNonBlockingSend(alternative, state)
                && SameVariable.of(ASTHelpers.getReceiver(alternative), queue)
                && SameVariable.of(alternative.getArguments().get(0), element));
  }

  private static boolean isNonBlockingSend(MethodInvocationTree call, VisitorState state) {
    if (!(ASTHelpers.getSymbol(call) instanceof MethodSymbol method)
        || call.getArguments().isEmpty()) {
      return false;
    }
    String name = method.getSimpleName().toString();
    boolean nonBlocking =
        switch (name) {
          case "offer", "offerFirst", "offerLast", "add", "tryTransfer" -> true;
          default -> false;
        };
    return nonBlocking && ASTHelpers.isSubtype(method.owner.type, QUEUE.get(state), state);
  }
}
