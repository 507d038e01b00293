package dev.stallcheck.summary;

import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;

import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MemberReferenceTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.NewClassTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Test-only driver of the summary engine: the held-lock model here is lexical {@code synchronized}
 * only (the real checker uses the held-lock analysis). Reports each call under a monitor that may
 * block, with the message the real checker gives. Also exposes the last engine for counting work.
 */
@BugPattern(summary = "summary probe", severity = ERROR)
public final class SummaryProbe extends BugChecker
    implements MethodInvocationTreeMatcher, NewClassTreeMatcher, MemberReferenceTreeMatcher {
  /** The engine of the most recent compilation, for tests that count its work. */
  static volatile BlockingSummaries lastEngine;

  private final BlockingDeclarations declarations;

  public SummaryProbe(ErrorProneFlags flags) {
    this.declarations = BlockingDeclarations.fromFlags(flags);
  }

  private record Held(String text, long line, MonitorPath path) {}

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    if (InterimCallClassifier.INSTANCE.isBlockingSend(tree, state)) {
      return Description.NO_MATCH;
    }
    return check(tree, state);
  }

  @Override
  public Description matchNewClass(NewClassTree tree, VisitorState state) {
    return check(tree, state);
  }

  @Override
  public Description matchMemberReference(MemberReferenceTree tree, VisitorState state) {
    Tree parent = state.getPath().getParentPath().getLeaf();
    if (!(parent instanceof ExpressionTree)
        || !InterimCallClassifier.INSTANCE.runsImmediately(
            (ExpressionTree) parent, tree, state.withPath(state.getPath().getParentPath()))) {
      return Description.NO_MATCH;
    }
    return check(tree, state);
  }

  private Description check(ExpressionTree call, VisitorState state) {
    List<Held> held = heldAt(state);
    if (held.isEmpty()) {
      return Description.NO_MATCH;
    }
    BlockingSummaries engine =
        BlockingSummaries.instance(state, declarations, InterimCallClassifier.INSTANCE);
    lastEngine = engine;
    Optional<Stall<Held>> stall =
        engine.summaryOfCall(state.getPath()).stallWhileHolding(held, Held::path);
    if (stall.isEmpty()) {
      return Description.NO_MATCH;
    }
    String message =
        IndirectSendMessage.of(
            state.getSourceForNode(call),
            stall.get(),
            h -> "`" + h.text() + "` (line " + h.line() + ")",
            h -> "`" + h.text() + "`");
    return buildDescription(call).setMessage(message).build();
  }

  private static List<Held> heldAt(VisitorState state) {
    List<Held> held = new ArrayList<>();
    ClassTree enclosing = ASTHelpers.findEnclosingNode(state.getPath(), ClassTree.class);
    ClassSymbol frame = ASTHelpers.getSymbol(enclosing);
    FramePaths paths = new FramePaths(frame, state.getTypes());
    for (TreePath p = state.getPath(); p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof SynchronizedTree) {
        ExpressionTree lock = ASTHelpers.stripParentheses(((SynchronizedTree) leaf).getExpression());
        MonitorPath path = paths.pathOf(lock);
        long line =
            p.getCompilationUnit().getLineMap().getLineNumber(ASTHelpers.getStartPosition(leaf));
        held.add(new Held(state.getSourceForNode(lock), line, path));
      }
      if (leaf instanceof MethodTree) {
        MethodSymbol method = ASTHelpers.getSymbol((MethodTree) leaf);
        if ((method.flags() & com.sun.tools.javac.code.Flags.SYNCHRONIZED) != 0
            && !ASTHelpers.isStatic(method)) {
          long line =
              p.getCompilationUnit().getLineMap().getLineNumber(ASTHelpers.getStartPosition(leaf));
          held.add(new Held("this", line, MonitorPath.ofThis()));
        }
        break;
      }
      if (leaf instanceof LambdaExpressionTree || leaf instanceof ClassTree) {
        break;
      }
    }
    return held;
  }
}
