package dev.stallcheck.release;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.stallcheck.flow.ProgramFlow;
import java.util.Optional;

/**
 * The caller's release statement, when it can run elsewhere and later without changing anything but
 * when the release happens: the statement that both release fixes move, into a cleaner ({@link
 * DeferredReleaseFix}) or into the task ({@link TaskFinallyReleaseFix}).
 *
 * <ul>
 *   <li>it is a statement of its own, or the only statement of an {@code if} without {@code else},
 *       and it makes no other call;
 *   <li>every variable it reads is an effectively final local or parameter or a final field, and
 *       its calls throw no checked exception;
 *   <li>it runs whenever the method reaches it: not under another condition, in a catch or in a
 *       loop.
 * </ul>
 *
 * @param statement the statement to move: the release's own, or the {@code if} around it
 * @param release the release call
 */
record MovableRelease(TreePath statement, MethodInvocationTree release) {

  /** The movable statement of the release at {@code releasePath}, if it is one. */
  static Optional<MovableRelease> of(TreePath releasePath, VisitorState state) {
    TreePath statementPath = releaseStatement(releasePath);
    if (statementPath == null
        || !runsUnconditionally(statementPath)
        || !onlyCall(statementPath.getLeaf(), releasePath.getLeaf())
        || !readsOnlyStableValues(statementPath.getLeaf(), ProgramFlow.instance(state.context))
        || throwsChecked((MethodInvocationTree) releasePath.getLeaf(), state)) {
      return Optional.empty();
    }
    return Optional.of(
        new MovableRelease(statementPath, (MethodInvocationTree) releasePath.getLeaf()));
  }

  /** The statement's tree. */
  StatementTree tree() {
    return (StatementTree) statement.getLeaf();
  }

  /** The {@code if} the release runs under, if it is guarded. */
  Optional<IfTree> guard() {
    return tree() instanceof IfTree guard ? Optional.of(guard) : Optional.empty();
  }

  /**
   * The statement to move: the release's own statement, or the {@code if} without {@code else}
   * whose only statement it is; null if the release's value is used.
   */
  private static TreePath releaseStatement(TreePath release) {
    TreePath statement = release.getParentPath();
    if (!(statement.getLeaf() instanceof ExpressionStatementTree)) {
      return null;
    }
    TreePath parent = statement.getParentPath();
    if (parent.getLeaf() instanceof BlockTree block
        && block.getStatements().size() == 1
        && parent.getParentPath().getLeaf() instanceof IfTree guard
        && guard.getElseStatement() == null
        && guard.getThenStatement() == block) {
      return parent.getParentPath();
    }
    if (parent.getLeaf() instanceof IfTree guard && guard.getElseStatement() == null) {
      return parent;
    }
    return statement;
  }

  /**
   * Whether the statement runs whenever the method gets there: it sits only in blocks and try or
   * finally blocks, not under a condition, in a catch or in a loop, so that it runs exactly once,
   * whatever the task has done by then.
   */
  private static boolean runsUnconditionally(TreePath statement) {
    Tree child = statement.getLeaf();
    for (TreePath p = statement.getParentPath(); p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof MethodTree) {
        return true;
      }
      boolean plainBlock = leaf instanceof BlockTree;
      boolean tryOrFinally =
          leaf instanceof TryTree tree
              && (tree.getBlock() == child || tree.getFinallyBlock() == child);
      if (!plainBlock && !tryOrFinally) {
        return false;
      }
      child = leaf;
    }
    return false;
  }

  private static boolean onlyCall(Tree statement, Tree release) {
    boolean[] other = {false};
    statement.accept(
        new TreeScanner<Void, Void>() {
          @Override
          public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
            other[0] |= call != release;
            return super.visitMethodInvocation(call, null);
          }

          @Override
          public Void visitNewClass(NewClassTree created, Void unused) {
            other[0] = true;
            return null;
          }
        },
        null);
    return !other[0];
  }

  /** Whether every variable {@code statement} names keeps its value: see the class comment. */
  private static boolean readsOnlyStableValues(Tree statement, ProgramFlow flow) {
    boolean[] unstable = {false};
    statement.accept(
        new TreeScanner<Void, Void>() {
          @Override
          public Void visitIdentifier(IdentifierTree id, Void unused) {
            unstable[0] |=
                ASTHelpers.getSymbol(id) instanceof VarSymbol variable
                    && !flow.isEffectivelyFinal(variable);
            return null;
          }

          @Override
          public Void visitMemberSelect(MemberSelectTree select, Void unused) {
            unstable[0] |=
                ASTHelpers.getSymbol(select) instanceof VarSymbol variable
                    && !flow.isEffectivelyFinal(variable);
            return super.visitMemberSelect(select, null);
          }
        },
        null);
    return !unstable[0];
  }

  private static boolean throwsChecked(MethodInvocationTree release, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol(release);
    if (method == null) {
      return true;
    }
    for (Type thrown : method.getThrownTypes()) {
      if (!AcquireReleasePairs.isSubtype(thrown, "java.lang.RuntimeException", state)
          && !AcquireReleasePairs.isSubtype(thrown, "java.lang.Error", state)) {
        return true;
      }
    }
    return false;
  }
}
