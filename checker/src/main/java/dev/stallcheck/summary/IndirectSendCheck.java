package dev.stallcheck.summary;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.stallcheck.locks.HeldLock;
import dev.stallcheck.locks.HeldLocks;
import dev.stallcheck.locks.LockExpressions;
import dev.stallcheck.locks.LockKind;
import dev.stallcheck.locks.TakenLocks;
import dev.stallcheck.paths.AccessPath;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * BlockingPutUnderLock through helper calls: whether a call made while locks are held may block
 * further down (a send, a method declared blocking, or a wait that releases none of them), and the
 * finding's message. The checker stays thin: it only supplies the held locks.
 */
public final class IndirectSendCheck {
  private final boolean failOnAnalysisError;

  /**
   * With the default policy a wait stalls only the locks its consumers need ({@link
   * ConsumerLocks}).
   */
  private final boolean lockoutsOnly;

  /** Per compilation: what the consumers of each counted wait may take, by the wait. */
  private final com.google.errorprone.suppliers.Supplier<Map<Tree, TakenLocks>> consumerLocks =
      VisitorState.memoize(state -> new HashMap<>());

  /**
   * The summaries of each compilation, looked up once: asked at every call, and finding them among
   * the compilation's configurations hashes this check's whole configuration.
   */
  private final com.google.errorprone.suppliers.Supplier<BlockingSummaries> summaries;

  /**
   * With the {@code BlockingMethods}, {@code Waits} and limit options; {@code failOnAnalysisError}
   * rethrows analysis failures.
   */
  public IndirectSendCheck(
      BlockingDeclarations declarations,
      WaitPolicy waits,
      SummaryLimits limits,
      boolean failOnAnalysisError) {
    this.failOnAnalysisError = failOnAnalysisError;
    this.lockoutsOnly = waits == WaitPolicy.CAPACITY;
    this.summaries =
        VisitorState.memoize(
            state ->
                BlockingSummaries.instance(
                    state,
                    declarations,
                    waits,
                    LockModelCallClassifier.INSTANCE,
                    limits,
                    failOnAnalysisError));
  }

  /** The summaries this check uses in {@code state}'s compilation (tests count their work). */
  public BlockingSummaries summaries(VisitorState state) {
    return summaries.get(state);
  }

  /**
   * The calls of {@code state}'s whole compilation that reach a send while holding locks, by send
   * ({@link CallersUnderLock}); {@code heldAt} gives the locks held at a call as the check counts
   * them, none where the check is suppressed. Costly: callers memoize it per compilation.
   */
  public CallersUnderLock callersUnderLock(
      VisitorState state, BiFunction<TreePath, VisitorState, HeldLocks> heldAt) {
    return CallersUnderLock.of(state, summaries(state), heldAt, failOnAnalysisError);
  }

  /** The sends the call at {@code call} may block in ({@link BlockingSummaries#sendsReachedBy}). */
  public BlockingSummaries.ReachedSends sendsReachedBy(TreePath call, VisitorState state) {
    return summaries(state).sendsReachedBy(call);
  }

  /**
   * Whether a call of {@code callee} may block at all, through the code it may run: the first test
   * of {@link #findingAt}, which nearly every call fails.
   */
  public boolean mayBlock(MethodSymbol callee, VisitorState state) {
    return summaries(state).mayBlock(callee);
  }

  /**
   * The message for the call at {@code call} (an invocation, a {@code new}, or a method reference
   * run in place), if it may block while some of the locks {@code held} supplies stay held. At an
   * anonymous class's {@code new} only the superclass constructor counts: the class's initializers
   * are analysed in place. Cheapest first: whether the call may block at all (most calls reach
   * nothing that blocks), then {@code held} (most calls hold no lock, and a body that takes none
   * needs no dataflow), and only then the summary, which walks every callee below the call.
   */
  public Optional<String> findingAt(TreePath call, VisitorState state, Supplier<HeldLocks> held) {
    BlockingSummaries summaries = summaries(state);
    if (!summaries.mayBlock(call)) {
      return Optional.empty();
    }
    HeldLocks locks = held.get();
    if (locks.isEmpty()) {
      return Optional.empty();
    }
    BlockingSendSummary summary = summaries.summaryOfCall(call);
    ClassSymbol frame = frameOf(call);
    if (!summary.mayBlock() || frame == null) {
      return Optional.empty();
    }
    return summary
        .stallWhileHolding(
            locks.asList(),
            (monitor, lock) -> releases(monitor, lock, frame),
            IndirectSendCheck::canRelease,
            (monitor, lock) -> holdsMonitor(monitor, lock, frame),
            (chain, lock) -> stallsOthers(chain, lock, frame, state))
        .map(
            stall ->
                IndirectSendMessage.of(
                    LockExpressions.sourceText(call.getLeaf(), state),
                    stall,
                    HeldLock::describe,
                    lock -> "`" + lock.source() + "`"));
  }

  /**
   * Whether holding {@code lock} (in the frame of {@code frame}) while blocked along {@code chain}
   * stalls another thread: always for a send; for a capacity wait, when the wait's consumers may
   * need the lock ({@link ConsumerLocks}).
   */
  private boolean stallsOthers(
      BlockingChain chain, HeldLock lock, ClassSymbol frame, VisitorState state) {
    TreePath wait = chain.operation().path();
    if (!lockoutsOnly || chain.operation().kind() != BlockingOperation.Kind.WAIT || wait == null) {
      return true;
    }
    return consumerLocks
        .get(state)
        .computeIfAbsent(wait.getLeaf(), unused -> ConsumerLocks.of(wait, state, summaries(state)))
        .mayTake(lock, frame, state);
  }

  /**
   * Whether waiting on {@code monitor} (a path in the caller's frame, {@code frame}) releases
   * {@code lock}: same object, and for a read/write view the same half.
   */
  private static boolean releases(AccessPath monitor, HeldLock lock, ClassSymbol frame) {
    AccessPath path = monitor.rebase(AccessPath.thisOf(frame));
    LockKind view = null;
    if (path.lastMember() instanceof MethodSymbol accessor) {
      view = viewOf(accessor);
      path = path.parent();
      if (view == null) {
        return false;
      }
    }
    return path.equals(lock.path()) && (view == null || view == lock.kind());
  }

  /**
   * Whether the call at {@code call}, whose summary is {@code summary}, may block keeping every
   * lock of {@code held}: a send made only without a monitor counts unless one of them is it.
   */
  static boolean keepsEveryLock(BlockingSendSummary summary, TreePath call, HeldLocks held) {
    ClassSymbol frame = frameOf(call);
    return frame != null
        && summary.keepsEveryLock(
            held.asList(), (monitor, lock) -> holdsMonitor(monitor, lock, frame));
  }

  /** The class whose frame the summary of the call at {@code call} is written in; null if none. */
  private static @Nullable ClassSymbol frameOf(TreePath call) {
    ClassTree enclosing = ASTHelpers.findEnclosingNode(call, ClassTree.class);
    return enclosing == null ? null : ASTHelpers.getSymbol(enclosing);
  }

  /**
   * Whether {@code lock} is the monitor at {@code monitor} (a path in the caller's frame, {@code
   * frame}), the one {@code Thread.holdsLock} asks about.
   */
  private static boolean holdsMonitor(AccessPath monitor, HeldLock lock, ClassSymbol frame) {
    return lock.kind() == LockKind.MONITOR && releases(monitor, lock, frame);
  }

  /** {@code wait()} gives back a monitor; {@code await()} a lock that supports conditions. */
  private static boolean canRelease(WaitPrimitive waits, HeldLock lock) {
    return waits == WaitPrimitive.MONITOR
        ? lock.kind() == LockKind.MONITOR
        : lock.kind() == LockKind.LOCK || lock.kind() == LockKind.WRITE;
  }

  private static @Nullable LockKind viewOf(MethodSymbol accessor) {
    String name = accessor.getSimpleName().toString();
    return switch (name) {
      case "readLock", "asReadLock" -> LockKind.READ;
      case "writeLock", "asWriteLock" -> LockKind.WRITE;
      default -> null;
    };
  }
}
