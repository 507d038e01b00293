package dev.stallcheck;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.sun.source.tree.MethodInvocationTree;

/**
 * The suggested fixes for a blocking send made under a lock, best first (patch mode applies the
 * first).
 */
final class BlockingSendFixes {
  private BlockingSendFixes() {}

  /**
   * Fixes for {@code send}, a blocking send that BlockingPutUnderLock reports; {@code
   * state.getPath()} leads to {@code send}. Empty where no fix can be made safe.
   */
  static ImmutableList<SuggestedFix> fixesFor(MethodInvocationTree send, VisitorState state) {
    return ImmutableList.of();
  }
}
