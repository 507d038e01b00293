package dev.stallcheck.fixes;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.google.errorprone.util.ASTHelpers;
import com.google.errorprone.util.ErrorProneToken;
import com.google.errorprone.util.ErrorProneTokens;
import com.google.errorprone.util.SourceCodeEscapers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import dev.stallcheck.locks.HeldLock;
import dev.stallcheck.locks.LockExpressions;
import dev.stallcheck.sends.BlockingSends;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Replaces the send with its non-blocking counterpart and acts on {@code false}: {@code q.put(x);}
 * becomes {@code if (!q.offer(x)) { throw new IllegalStateException("q is full"); }}.
 *
 * <p>Throwing is the default because it is the only action that cannot lose the element silently
 * and needs nothing the code may not have (a logger, a fallback queue): the caller learns of the
 * full queue at once, as {@code Queue.add} would tell it with the same exception type. The timed
 * form, {@code offer(x, 100, TimeUnit.MILLISECONDS)}, still waits a little (and still throws {@code
 * InterruptedException}) before giving up. No fix is made where the throw could leave an explicit
 * lock held, or where the call cannot become a statement.
 */
final class NonBlockingSendFix {
  /** How long the timed form waits: short, as every thread needing the lock waits with it. */
  private static final long TIMEOUT_MILLIS = 100;

  private NonBlockingSendFix() {}

  /** {@code heldLocks}: {@link ExplicitLocksAtSend#mayBeHeld} for the site. */
  static Optional<SuggestedFix> untimed(
      SendSite site,
      SendCounterpart counterpart,
      ImmutableList<HeldLock.Key> heldLocks,
      VisitorState state) {
    return build(site, counterpart, heldLocks, /* timed= */ false, state);
  }

  /** {@code heldLocks}: {@link ExplicitLocksAtSend#mayBeHeld} for the site. */
  static Optional<SuggestedFix> timed(
      SendSite site,
      SendCounterpart counterpart,
      ImmutableList<HeldLock.Key> heldLocks,
      VisitorState state) {
    if (!counterpart.throwsInterrupted()) {
      return Optional.empty(); // the timed offer's InterruptedException would not compile there
    }
    return build(site, counterpart, heldLocks, /* timed= */ true, state);
  }

  private static Optional<SuggestedFix> build(
      SendSite site,
      SendCounterpart counterpart,
      ImmutableList<HeldLock.Key> heldLocks,
      boolean timed,
      VisitorState state) {
    MethodInvocationTree send = site.send();
    Tree parent = site.ancestors().get(0).getLeaf();
    Tree replaced;
    boolean needsBraces;
    if (parent instanceof ExpressionStatementTree statement) {
      Tree holder = site.ancestors().get(1).getLeaf();
      if (holder instanceof ForLoopTree loop && loop.getStatement() != statement) {
        // The initializer or update of a for loop: only expressions fit there.
        return Optional.empty();
      }
      replaced = statement;
      needsBraces = !isStatementList(holder);
    } else if (parent instanceof LambdaExpressionTree lambda && lambda.getBody() == send) {
      replaced = send;
      needsBraces = true;
    } else {
      return Optional.empty();
    }
    if (!hasSource(send, state)
        || !receiverResolvesHere(send, site, state)
        || !ThrowReleasesLocks.at(site, heldLocks, state)) {
      return Optional.empty();
    }
    SuggestedFix.Builder fix = SuggestedFix.builder();
    LineShift shift = LineShift.NONE;
    if (!timed) {
      Optional<InterruptedCatches.Edits> catches =
          InterruptedCatches.onceSendStopsThrowing(site, state);
      if (catches.isEmpty()) {
        return Optional.empty();
      }
      fix.merge(catches.get().fix());
      shift = catches.get().shift();
    }
    String call = shift.copied(callSource(send, counterpart, timed, fix, state));
    String exception = SuggestedFixes.qualifyType(state, fix, "java.lang.IllegalStateException");
    String message = message(send, counterpart, timed, site, state);
    String throwStatement = "throw new " + exception + "(\"" + message + "\");";
    CharSequence source = state.getSourceCode();
    String newLine = Indentation.lineSeparator(source);
    String unit = Indentation.unit(site, source);
    int start = site.start(replaced);
    int end = site.end(replaced);
    String check;
    if (needsBraces) {
      // When the statement starts a line of its own, `{` joins what precedes it (`if (c)`,
      // `else`, `->`) and the block closes at that line's indentation.
      Tree holder = site.ancestors().get(replaced == send ? 0 : 1).getLeaf();
      OptionalInt open = codeEndBefore(replaced, holder, site, state);
      if (open.isPresent()) {
        start = open.getAsInt();
      }
      String indent = shift.indentOfLineAt(start, source);
      check =
          (open.isPresent() ? " {" : "{")
              + newLine
              + indent
              + unit
              + ifNot(call, throwStatement, indent + unit, unit, newLine)
              + newLine
              + indent
              + "}";
    } else {
      check = ifNot(call, throwStatement, shift.indentOfLineAt(start, source), unit, newLine);
    }
    fix.replace(start, end, check);
    shift.apply(fix, start, end, source);
    fix.setShortDescription(
        timed
            ? "Wait at most " + TIMEOUT_MILLIS + " ms for room, and throw if there is none"
            : "Send without blocking, and throw if the queue has no room");
    return Optional.of(fix.build());
  }

  /** {@code if (!call) {throwStatement}} on three lines, the first at {@code indent}. */
  private static String ifNot(
      String call, String throwStatement, String indent, String unit, String newLine) {
    return "if (!"
        + call
        + ") {"
        + newLine
        + indent
        + unit
        + throwStatement
        + newLine
        + indent
        + "}";
  }

  /**
   * Where the code before {@code replaced} ends, if {@code replaced} starts a line and only blanks
   * separate the two: the position after {@code if (c)}, {@code else}, {@code ->}. Empty when a
   * comment comes between, as a brace placed before it would be commented out.
   */
  private static OptionalInt codeEndBefore(
      Tree replaced, Tree holder, SendSite site, VisitorState state) {
    CharSequence source = state.getSourceCode();
    int start = site.start(replaced);
    int holderStart = site.start(holder);
    if (!Indentation.startsLine(start, source) || holderStart < 0 || holderStart >= start) {
      return OptionalInt.empty();
    }
    int previousEnd = -1;
    for (ErrorProneToken token :
        ErrorProneTokens.getTokens(
            source.subSequence(holderStart, site.end(replaced)).toString(),
            holderStart,
            state.context)) {
      if (token.pos() == start) {
        return previousEnd < 0 || !token.comments().isEmpty()
            ? OptionalInt.empty()
            : OptionalInt.of(previousEnd);
      }
      previousEnd = token.endPos();
    }
    return OptionalInt.empty();
  }

  /** Generated code may have no source to copy the receiver and arguments from. */
  private static boolean hasSource(MethodInvocationTree send, VisitorState state) {
    if (send.getMethodSelect() instanceof MemberSelectTree select
        && state.getSourceForNode(select.getExpression()) == null) {
      return false;
    }
    return send.getArguments().stream().allMatch(a -> state.getSourceForNode(a) != null);
  }

  private static boolean isStatementList(Tree holder) {
    return holder instanceof BlockTree
        || (holder instanceof CaseTree caseTree
            && caseTree.getCaseKind() == CaseTree.CaseKind.STATEMENT);
  }

  /**
   * A call without a receiver ({@code put(x)} in a subclass of a queue) must reach the counterpart
   * on the same object. That holds when the innermost class is that queue; from a nested class,
   * {@code offer(x)} could resolve to a method of the nested class instead.
   */
  private static boolean receiverResolvesHere(
      MethodInvocationTree send, SendSite site, VisitorState state) {
    if (send.getMethodSelect() instanceof MemberSelectTree || BlockingSends.queueOf(send) != null) {
      return true; // the counterpart is called on the queue as written
    }
    TreePath classPath = site.member().getParentPath();
    ClassSymbol innermost = ASTHelpers.getSymbol((ClassTree) classPath.getLeaf());
    Symbol owner = ASTHelpers.getSymbol(send).owner;
    return !ASTHelpers.isStatic(ASTHelpers.getSymbol(send))
        && innermost.isSubClass(owner, state.getTypes());
  }

  private static String callSource(
      MethodInvocationTree send,
      SendCounterpart counterpart,
      boolean timed,
      SuggestedFix.Builder fix,
      VisitorState state) {
    StringBuilder call = new StringBuilder();
    ExpressionTree queue = BlockingSends.queueOf(send);
    if (queue != null) {
      call.append(state.getSourceForNode(queue)).append('.');
    }
    call.append(counterpart.nonBlockingName()).append('(');
    call.append(state.getSourceForNode(BlockingSends.elementOf(send)));
    if (timed) {
      String timeUnit = SuggestedFixes.qualifyType(state, fix, "java.util.concurrent.TimeUnit");
      call.append(", ")
          .append(TIMEOUT_MILLIS)
          .append(", ")
          .append(timeUnit)
          .append(".MILLISECONDS");
    }
    return call.append(')').toString();
  }

  /** Names the queue as written; a call without a receiver names the enclosing class. */
  private static String message(
      MethodInvocationTree send,
      SendCounterpart counterpart,
      boolean timed,
      SendSite site,
      VisitorState state) {
    String queue;
    ExpressionTree queueExpression = BlockingSends.queueOf(send);
    if (queueExpression != null) {
      queue = LockExpressions.sourceText(queueExpression, state);
    } else {
      String className =
          ((ClassTree) site.member().getParentPath().getLeaf()).getSimpleName().toString();
      queue = className.isEmpty() ? "this queue" : className;
    }
    String text;
    if (counterpart.needsWaitingConsumer(site, state)) {
      text =
          timed
              ? "no consumer took from " + queue + " within " + TIMEOUT_MILLIS + " ms"
              : "no consumer is waiting on " + queue;
    } else {
      text = timed ? queue + " is still full after " + TIMEOUT_MILLIS + " ms" : queue + " is full";
    }
    return SourceCodeEscapers.javaCharEscaper().escape(text);
  }
}
