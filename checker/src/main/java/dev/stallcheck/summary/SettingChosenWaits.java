package dev.stallcheck.summary;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.util.TreePath;
import dev.stallcheck.api.WaitApis;
import dev.stallcheck.flow.Settings;
import dev.stallcheck.sends.SameVariable;
import dev.stallcheck.trees.AnyCall;

/**
 * An untimed wait that a setting chose over a timed wait on the same object: {@code if
 * (flushFrequency > 0) canWrite.await(flushFrequency, MILLISECONDS); else canWrite.await();}. As
 * with a send a setting chose over an {@code offer}, how long the producer may be held back is a
 * policy its owner configured ({@link Settings}), and the bounded choice is one setting away.
 */
final class SettingChosenWaits {
  private SettingChosenWaits() {}

  /** Whether the untimed wait at {@code waitCall} is one branch of such an {@code if}. */
  static boolean isChosenBySetting(TreePath waitCall, VisitorState state) {
    if (!(waitCall.getLeaf() instanceof MethodInvocationTree wait)) {
      return false;
    }
    StatementTree other = Settings.alternativeChosenBySetting(waitCall, state);
    return other != null && waitsTimed(other, wait, state);
  }

  /** Whether {@code branch} makes a timed wait on the object {@code wait} waits on. */
  private static boolean waitsTimed(
      StatementTree branch, MethodInvocationTree wait, VisitorState state) {
    return AnyCall.in(
        branch,
        /* intoLambdas= */ false,
        call ->
            call instanceof MethodInvocationTree timed
                && !timed.getArguments().isEmpty()
                && (WaitApis.MONITOR_WAIT.matches(timed, state)
                    || WaitApis.CONDITION_AWAIT.matches(timed, state)
                    || WaitApis.CONDITION_AWAIT_NANOS.matches(timed, state)
                    || WaitApis.CONDITION_AWAIT_UNTIL.matches(timed, state))
                && SameVariable.of(ASTHelpers.getReceiver(timed), ASTHelpers.getReceiver(wait)));
  }
}
