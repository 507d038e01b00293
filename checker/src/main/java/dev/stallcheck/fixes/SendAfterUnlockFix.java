package dev.stallcheck.fixes;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.util.ASTHelpers;
import com.google.errorprone.util.Reachability;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import dev.stallcheck.flow.ProgramFlow;
import dev.stallcheck.locks.HeldLock;
import dev.stallcheck.locks.LockCall;
import dev.stallcheck.text.SourceLines;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Moves the send, unchanged, to right after the region that holds the lock, so that it may still
 * block but no longer while the lock is held. The send must be the region's last statement:
 *
 * <ul>
 *   <li>{@code synchronized (m) { ...; q.put(x); }} sends after the synchronized statement;
 *   <li>{@code lock.lock(); try { ...; q.put(x); } finally { lock.unlock(); }} sends after the try
 *       (no catch clauses, so exceptions take the same way);
 *   <li>{@code ...; q.put(x); lock.unlock();} sends after the unlock.
 * </ul>
 *
 * Only where this is the one lock that may be held (no synchronized method, no enclosing
 * synchronized statement, no other explicit lock), the send is not in a lambda, and its receiver
 * and arguments are {@linkplain StableExpression stable} and declared outside the region, so the
 * moved send sends the same element to the same queue.
 */
final class SendAfterUnlockFix {
  private SendAfterUnlockFix() {}

  /** {@code explicitLocks}: {@link ExplicitLocksAtSend#mayBeHeld} for the site. */
  static Optional<SuggestedFix> of(
      SendSite site, ImmutableList<HeldLock.Key> explicitLocks, VisitorState state) {
    ImmutableList<TreePath> ancestors = site.ancestors();
    if (ancestors.size() < 3
        || !(ancestors.get(0).getLeaf() instanceof ExpressionStatementTree statement)
        || !(ancestors.get(1).getLeaf() instanceof BlockTree block)
        || !isMovable(site, state)) {
      return Optional.empty();
    }
    List<? extends StatementTree> statements = block.getStatements();
    int index = statements.indexOf(statement);
    boolean last = index == statements.size() - 1;
    Tree region = ancestors.get(2).getLeaf();
    Tree after;
    if (region instanceof SynchronizedTree && last && explicitLocks.isEmpty()) {
      if (monitorsAround(site) != 1 || !isInStatementList(ancestors.get(2))) {
        return Optional.empty();
      }
      after = region;
    } else if (region instanceof TryTree tryTree
        && last
        && releasesOnly(tryTree.getFinallyBlock(), explicitLocks, site, state)
        && tryTree.getCatches().isEmpty()
        && tryTree.getResources().isEmpty()
        && Reachability.canCompleteNormally(tryTree.getFinallyBlock())) {
      if (monitorsAround(site) != 0 || !isInStatementList(ancestors.get(2))) {
        return Optional.empty();
      }
      after = region;
    } else if (!last
        && statements.get(index + 1) instanceof ExpressionStatementTree next
        && next.getExpression() instanceof MethodInvocationTree release
        && releasesOnly(release, explicitLocks, site, state)) {
      if (monitorsAround(site) != 0) {
        return Optional.empty();
      }
      // The send stays in its block: every variable it uses remains in scope.
      region = null;
      after = next;
    } else {
      return Optional.empty();
    }
    if (region != null && usesVariablesDeclaredIn(region, site.send())) {
      return Optional.empty();
    }
    SuggestedFix.Builder fix = SuggestedFix.builder();
    SourceLines.delete(fix, site.start(statement), site.end(statement), state);
    CharSequence source = state.getSourceCode();
    String indent = Indentation.ofLineAt(site.start(after), source);
    // The moved statement's continuation lines move out with it.
    String moved =
        LineShift.of(
                site.start(statement),
                site.end(statement),
                Indentation.ofLineAt(site.start(statement), source),
                indent,
                source)
            .orElse(LineShift.NONE)
            .copied(state.getSourceForNode(statement));
    int insertAt = endOfLineOrCode(site.end(after), source);
    fix.replace(insertAt, insertAt, Indentation.lineSeparator(source) + indent + moved);
    return Optional.of(fix.setShortDescription("Send after releasing the lock").build());
  }

  /**
   * Where the moved send goes after {@code position}: the end of the line, past a trailing {@code
   * //} comment that belongs to the release; right at {@code position} if code follows.
   */
  private static int endOfLineOrCode(int position, CharSequence source) {
    int i = position;
    while (i < source.length() && Indentation.isBlank(source.charAt(i))) {
      i++;
    }
    boolean lineComment =
        i + 1 < source.length() && source.charAt(i) == '/' && source.charAt(i + 1) == '/';
    if (!lineComment && i < source.length() && !Indentation.isLineBreak(source.charAt(i))) {
      return position;
    }
    while (i < source.length() && !Indentation.isLineBreak(source.charAt(i))) {
      i++;
    }
    return i;
  }

  /** The send is a plain statement whose receiver and arguments mean the same after the region. */
  private static boolean isMovable(SendSite site, VisitorState state) {
    MethodInvocationTree send = site.send();
    if (state.getSourceForNode(site.ancestors().get(0).getLeaf()) == null) {
      return false;
    }
    for (TreePath ancestor : site.ancestors()) {
      if (ancestor.getLeaf() instanceof LambdaExpressionTree) {
        return false;
      }
    }
    if (site.member().getLeaf() instanceof MethodTree method
        && method.getModifiers().getFlags().contains(Modifier.SYNCHRONIZED)) {
      return false;
    }
    ProgramFlow flow = ProgramFlow.instance(state.context);
    if (send.getMethodSelect() instanceof MemberSelectTree select
        && !StableExpression.is(select.getExpression(), flow)) {
      return false;
    }
    return send.getArguments().stream().allMatch(argument -> StableExpression.is(argument, flow));
  }

  /** How many synchronized statements enclose the send. */
  private static int monitorsAround(SendSite site) {
    int monitors = 0;
    for (TreePath ancestor : site.ancestors()) {
      if (ancestor.getLeaf() instanceof SynchronizedTree) {
        monitors++;
      }
    }
    return monitors;
  }

  /** Exactly one explicit lock may be held, and {@code releaser} releases it. */
  private static boolean releasesOnly(
      Tree releaser, ImmutableList<HeldLock.Key> explicitLocks, SendSite site, VisitorState state) {
    return releaser != null
        && explicitLocks.size() == 1
        && LockCall.releasedIn(releaser, explicitLocks.get(0), site.member(), state);
  }

  private static boolean isInStatementList(TreePath path) {
    Tree holder = path.getParentPath().getLeaf();
    return holder instanceof BlockTree
        || (holder instanceof CaseTree caseTree
            && caseTree.getCaseKind() == CaseTree.CaseKind.STATEMENT);
  }

  private static boolean usesVariablesDeclaredIn(Tree region, MethodInvocationTree send) {
    Set<Symbol> declared = new HashSet<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree variable, Void unused) {
        declared.add(ASTHelpers.getSymbol(variable));
        return super.visitVariable(variable, null);
      }
    }.scan(region, null);
    List<Symbol> used = new ArrayList<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        used.add(ASTHelpers.getSymbol(identifier));
        return null;
      }
    }.scan(send, null);
    return used.stream().anyMatch(declared::contains);
  }
}
