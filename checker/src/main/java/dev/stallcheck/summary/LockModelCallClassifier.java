package dev.stallcheck.summary;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.stallcheck.locks.CallbackTiming;
import dev.stallcheck.sends.BlockingSend;
import dev.stallcheck.sends.BlockingSends;
import java.util.Optional;

/**
 * The direct check's own rules ({@link BlockingSends}, {@link CallbackTiming}) as the summaries'
 * {@link CallClassifier}: a helper's send counts exactly when it would count under a lock.
 */
public final class LockModelCallClassifier implements CallClassifier {
  public static final LockModelCallClassifier INSTANCE = new LockModelCallClassifier();

  private LockModelCallClassifier() {}

  @Override
  public boolean isBlockingSend(ExpressionTree call, VisitorState state) {
    Optional<BlockingSend> send = BlockingSends.classify(state.getPath(), state);
    // A timed send waits at most its timeout: not a stall (the TimedSends option is for direct
    // sends only).
    return send.isPresent() && send.get() != BlockingSend.TIMED;
  }

  @Override
  public boolean mayBeBlockingSend(MethodSymbol callee, VisitorState state) {
    return BlockingSends.mayBeSend(callee, state);
  }

  @Override
  public boolean runsImmediately(ExpressionTree call, ExpressionTree argument, VisitorState state) {
    TreePath path = TreePath.getPath(state.getPath(), argument);
    return path != null && CallbackTiming.runningCall(path, state).isPresent();
  }
}
