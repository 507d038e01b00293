package dev.stallcheck.summary;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.ExpressionTree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;

/**
 * What the summaries need to know about a single call, answered by the direct check's rules so that
 * both checks agree on what a send is and on when a callback runs.
 */
public interface CallClassifier {
  /**
   * Whether {@code call} (an invocation, or a method reference run in place) is a blocking send
   * that counts (the direct check's rules: unbounded queues and timed sends do not). {@code
   * state}'s path leads to {@code call}.
   */
  boolean isBlockingSend(ExpressionTree call, VisitorState state);

  /**
   * A test of the called method alone that every call {@link #isBlockingSend} accepts passes: a
   * scan of every call of a compilation settles most of them with it, before the full test.
   */
  boolean mayBeBlockingSend(MethodSymbol callee, VisitorState state);

  /**
   * Whether {@code argument}, a lambda or method reference passed to {@code call} (an invocation or
   * {@code new}), runs right there on the calling thread rather than later or elsewhere. {@code
   * state}'s path leads to {@code call}.
   */
  boolean runsImmediately(ExpressionTree call, ExpressionTree argument, VisitorState state);
}
