package dev.stallcheck;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;
import static com.google.errorprone.BugPattern.StandardTags.CONCURRENCY;

import com.google.auto.service.AutoService;
import com.google.common.collect.ImmutableList;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.CompilationUnitTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MemberReferenceTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.NewClassTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.suppliers.Supplier;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.stallcheck.fixes.BlockingSendFixes;
import dev.stallcheck.locks.HeldLocks;
import dev.stallcheck.locks.LockAnalysis;
import dev.stallcheck.locks.LockMethodPairs;
import dev.stallcheck.locks.LocksTakenOnce;
import dev.stallcheck.locks.StreamMonitors;
import dev.stallcheck.locks.UnsharedLocks;
import dev.stallcheck.options.CheckOptions;
import dev.stallcheck.sends.BlockingSend;
import dev.stallcheck.sends.BlockingSends;
import dev.stallcheck.sends.DirectSendMessage;
import dev.stallcheck.summary.BlockingSummaries.ReachedSends;
import dev.stallcheck.summary.CallerHeldSendMessage;
import dev.stallcheck.summary.CallersUnderLock;
import dev.stallcheck.summary.CallersUnderLock.LockedCall;
import dev.stallcheck.summary.IndirectSendCheck;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/** A blocking queue send made while the current thread holds a lock. */
@AutoService(BugChecker.class)
@BugPattern(
    summary = "A blocking send made while a lock is held stalls every thread that needs that lock",
    severity = ERROR,
    tags = CONCURRENCY,
    linkType = CUSTOM,
    link = DocsLinks.BUGPATTERNS + "BlockingPutUnderLock.md")
public final class BlockingPutUnderLock extends BugChecker
    implements CompilationUnitTreeMatcher,
        MethodInvocationTreeMatcher,
        MemberReferenceTreeMatcher,
        NewClassTreeMatcher {
  /** The comment of the last-resort suppression: what its author owes the reader. */
  private static final String SUPPRESSION_QUESTION =
      "TODO: why is blocking under this lock safe here?";

  private final CheckOptions<BlockingPutUnderLockOptions> options;
  private final boolean timedSends;
  private final boolean failOnAnalysisError;

  /** Lock/unlock method pairs of libraries whose code the compilation cannot see (issue 9). */
  private final ImmutableList<LockMethodPairs.Pair> lockMethods;

  /** Calls that send through helpers (issue 3): summaries, chains, the indirect message. */
  private final IndirectSendCheck throughCalls;

  private final Rollout rollout;

  /** Per compilation: the calls that reach each send under locks, for the send's own finding. */
  private final Supplier<CallersUnderLock> callersUnderLock;

  /**
   * Per compilation: each send's fixes, asked for by its own finding and by every call reaching it
   * ({@link #fixedAtSends}), which would otherwise recompute them once per such call.
   */
  private final Supplier<Map<Tree, ImmutableList<SuggestedFix>>> sendFixes =
      VisitorState.memoize(state -> new HashMap<>());

  /** For {@link java.util.ServiceLoader}; Error Prone itself uses the flags constructor. */
  public BlockingPutUnderLock() {
    this(ErrorProneFlags.empty());
  }

  /** Reads {@link BlockingPutUnderLockOptions}; malformed ones are reported, not thrown. */
  @Inject
  public BlockingPutUnderLock(ErrorProneFlags flags) {
    this.options = BlockingPutUnderLockOptions.read(flags);
    BlockingPutUnderLockOptions values = options.values();
    this.timedSends = values.timedSends();
    this.failOnAnalysisError = values.failOnAnalysisError();
    this.lockMethods = values.lockMethods();
    this.throughCalls =
        new IndirectSendCheck(
            values.declarations(), values.waits(), values.limits(), failOnAnalysisError);
    this.rollout = new Rollout(values.rollout());
    this.callersUnderLock =
        VisitorState.memoize(state -> throughCalls.callersUnderLock(state, this::lockedCallAt));
  }

  /**
   * Runs first in each file: a malformed option fails the compilation once, as a javac error, and
   * the lock model of the compilation learns the declared lock methods before any call asks it.
   */
  @Override
  public Description matchCompilationUnit(CompilationUnitTree tree, VisitorState state) {
    options.reportErrorsOnce(state);
    LockMethodPairs.configure(state.context, lockMethods);
    return Description.NO_MATCH;
  }

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    return safely(tree, state);
  }

  @Override
  public Description matchMemberReference(MemberReferenceTree tree, VisitorState state) {
    return safely(tree, state);
  }

  @Override
  public Description matchNewClass(NewClassTree tree, VisitorState state) {
    return safely(tree, state);
  }

  /**
   * An unexpected failure on odd input means no finding: a crash would fail the user's build. With
   * a malformed option the check analyses nothing: the compilation fails on that error alone.
   */
  private Description safely(Tree tree, VisitorState state) {
    if (!options.valid()) {
      return Description.NO_MATCH;
    }
    return AnalysisErrors.guard(
        failOnAnalysisError, () -> match(tree, state), Description.NO_MATCH);
  }

  private Description match(Tree tree, VisitorState state) {
    // Nearly every call is neither named as a send nor able to reach one through what it runs: the
    // same answer as below, settled by the callee's name and the compilation's reach alone, so that
    // the path every call takes stays short.
    if (!(ASTHelpers.getSymbol(tree) instanceof MethodSymbol callee)
        || !(BlockingSends.mayBeSend(callee, state) || throughCalls.mayBlock(callee, state))) {
      return Description.NO_MATCH;
    }
    return matchCall(tree, state);
  }

  private Description matchCall(Tree tree, VisitorState state) {
    Optional<BlockingSend> send = BlockingSends.classify(state.getPath(), state);
    if (send.isEmpty()) {
      return throughCalls
          .findingAt(state.getPath(), state, () -> heldAt(tree, state))
          .map(message -> describe(tree, message, ImmutableList.of(), fixedAtSends(state), state))
          .orElse(Description.NO_MATCH);
    }
    if (send.get() == BlockingSend.TIMED && !timedSends) {
      return Description.NO_MATCH;
    }
    HeldLocks held = heldAt(tree, state);
    if (!held.isEmpty()) {
      return describe(
          tree,
          DirectSendMessage.of(tree, send.get(), held, state),
          fixesAtSend(state),
          false,
          state);
    }
    // Held by callers only: their findings are in their own files, and Error Prone applies a fix
    // only to the file being compiled, so the send's fix needs a finding here.
    ImmutableList<LockedCall> callers = callersUnderLock.get(state).reaching(tree);
    if (callers.isEmpty()) {
      return Description.NO_MATCH;
    }
    return describe(
        tree, CallerHeldSendMessage.of(tree, callers, state), fixesAtSend(state), false, state);
  }

  /**
   * The fixes of the send at {@code state.getPath()}, for the locks held around it and those its
   * callers hold when they reach it.
   */
  private ImmutableList<SuggestedFix> fixesAtSend(VisitorState state) {
    if (!(state.getPath().getLeaf() instanceof MethodInvocationTree send)) {
      return ImmutableList.of();
    }
    return sendFixes
        .get(state)
        .computeIfAbsent(
            send,
            unused ->
                BlockingSendFixes.fixesFor(
                    send,
                    callersUnderLock.get(state).reaching(send).stream()
                        .map(LockedCall::call)
                        .toList(),
                    state,
                    failOnAnalysisError));
  }

  /** Whether every send the call at {@code state.getPath()} may block in is fixed where it is. */
  private boolean fixedAtSends(VisitorState state) {
    ReachedSends reached = throughCalls.sendsReachedBy(state.getPath(), state);
    return reached.onlySends()
        && !reached.sends().isEmpty()
        && reached.sends().stream().allMatch(send -> !fixesAtSend(state.withPath(send)).isEmpty());
  }

  private Description describe(
      Tree tree,
      String message,
      List<SuggestedFix> fixes,
      boolean fixedElsewhere,
      VisitorState state) {
    return buildDescription(tree)
        .setMessage(message)
        .addAllFixes(
            rollout.offered(
                canonicalName(),
                SUPPRESSION_QUESTION,
                fixes,
                fixedElsewhere,
                state,
                failOnAnalysisError))
        .build();
  }

  /** The locks held at a call as the check counts them; none where the check is suppressed. */
  private HeldLocks lockedCallAt(TreePath call, VisitorState state) {
    HeldLocks held = heldAt(call.getLeaf(), state);
    // Suppression after the locks: most calls hold none, and this looks at every enclosing tree.
    for (TreePath p = call; p != null && !held.isEmpty(); p = p.getParentPath()) {
      if (isSuppressed(p.getLeaf(), state)) {
        return HeldLocks.none();
      }
    }
    return held;
  }

  /**
   * A method reference's target runs where it is called: under the locks of an immediate call.
   * Locks no other thread can take (created here, never escaping) stall nobody and do not count,
   * nor do the monitors of output streams, which only the stream's own writers wait for, nor locks
   * taken nowhere else, which only threads bound for the same call wait for.
   */
  private static HeldLocks heldAt(Tree tree, VisitorState state) {
    HeldLocks held =
        tree instanceof MemberReferenceTree
            ? LockAnalysis.locksHeldInside(state.getPath(), state)
            : LockAnalysis.locksHeldAt(state.getPath(), state);
    held = UnsharedLocks.withoutUnshared(held, state);
    held = StreamMonitors.withoutStreamMonitors(held, state.getPath(), state);
    return LocksTakenOnce.withoutLocksTakenOnce(held, state.getPath(), state);
  }
}
