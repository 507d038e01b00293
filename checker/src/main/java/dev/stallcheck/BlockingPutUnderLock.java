package dev.stallcheck;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;
import static com.google.errorprone.BugPattern.StandardTags.CONCURRENCY;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MemberReferenceTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.NewClassTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import dev.stallcheck.fixes.BlockingSendFixes;
import dev.stallcheck.locks.HeldLocks;
import dev.stallcheck.locks.LockAnalysis;
import dev.stallcheck.locks.UnsharedLocks;
import dev.stallcheck.sends.BlockingSend;
import dev.stallcheck.sends.BlockingSends;
import dev.stallcheck.sends.DirectSendMessage;
import dev.stallcheck.summary.IndirectSendCheck;
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
    implements MethodInvocationTreeMatcher, MemberReferenceTreeMatcher, NewClassTreeMatcher {
  private final boolean timedSends;
  private final boolean failOnAnalysisError;
  /** Calls that send through helpers (issue 3): summaries, chains, the indirect message. */
  private final IndirectSendCheck throughCalls;

  /** For {@link java.util.ServiceLoader}; Error Prone itself uses the flags constructor. */
  public BlockingPutUnderLock() {
    this(ErrorProneFlags.empty());
  }

  @Inject
  public BlockingPutUnderLock(ErrorProneFlags flags) {
    this.timedSends = flags.getBoolean("BlockingPutUnderLock:TimedSends").orElse(false);
    this.failOnAnalysisError = AnalysisErrors.failOnAnalysisError("BlockingPutUnderLock", flags);
    this.throughCalls = new IndirectSendCheck(flags, failOnAnalysisError);
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

  /** An unexpected failure on odd input means no finding: a crash would fail the user's build. */
  private Description safely(Tree tree, VisitorState state) {
    return AnalysisErrors.guard(failOnAnalysisError, () -> match(tree, state), Description.NO_MATCH);
  }

  private Description match(Tree tree, VisitorState state) {
    Optional<BlockingSend> send = BlockingSends.classify(state.getPath(), state);
    if (send.isEmpty()) {
      return throughCalls
          .findingAt(state.getPath(), state, () -> heldAt(tree, state))
          .map(message -> buildDescription(tree).setMessage(message).build())
          .orElse(Description.NO_MATCH);
    }
    if (send.get() == BlockingSend.TIMED && !timedSends) {
      return Description.NO_MATCH;
    }
    HeldLocks held = heldAt(tree, state);
    if (held.isEmpty()) {
      return Description.NO_MATCH;
    }
    Description.Builder description =
        buildDescription(tree).setMessage(DirectSendMessage.of(tree, send.get(), held, state));
    if (tree instanceof MethodInvocationTree call) {
      for (SuggestedFix fix : BlockingSendFixes.fixesFor(call, state, failOnAnalysisError)) {
        description.addFix(fix);
      }
    }
    return description.build();
  }

  /**
   * A method reference's target runs where it is called: under the locks of an immediate call.
   * Locks no other thread can take (created here, never escaping) stall nobody and do not count.
   */
  private static HeldLocks heldAt(Tree tree, VisitorState state) {
    HeldLocks held =
        tree instanceof MemberReferenceTree
            ? LockAnalysis.locksHeldInside(state.getPath(), state)
            : LockAnalysis.locksHeldAt(state.getPath(), state);
    return UnsharedLocks.withoutUnshared(held, state.getPath());
  }
}
