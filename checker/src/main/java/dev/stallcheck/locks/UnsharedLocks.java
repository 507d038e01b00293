package dev.stallcheck.locks;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.stallcheck.flow.ProgramFlow;
import dev.stallcheck.paths.AccessPath;
import dev.stallcheck.trees.LazyPathScanner;
import javax.lang.model.element.ElementKind;

/**
 * Locks no other thread can take: a local variable initialized with a {@code new} object (a {@code
 * ReentrantLock}, a monitor {@code Object}) in the method itself, that the method only locks,
 * unlocks and queries, and never lets escape: never passed, returned, stored, assigned or captured
 * by a lambda or class. Holding such a lock stalls nobody, so a blocking call under it is no
 * finding.
 */
public final class UnsharedLocks {
  private UnsharedLocks() {}

  /** {@code held} without the locks no other thread can take at the finding {@code state} is at. */
  public static HeldLocks withoutUnshared(HeldLocks held, VisitorState state) {
    return held.without(lock -> isUnshared(lock.path(), state));
  }

  private static boolean isUnshared(AccessPath path, VisitorState state) {
    if (path.root() != AccessPath.Root.LOCAL
        || !path.members().isEmpty()
        || !(path.rootSymbol() instanceof VarSymbol variable)
        || variable.getKind() != ElementKind.LOCAL_VARIABLE
        || !ProgramFlow.instance(state.context).isEffectivelyFinal(variable)) {
      return false;
    }
    TreePath method = enclosingMethod(state.getPath());
    if (method == null) {
      return false;
    }
    boolean[] escapes = {false};
    boolean[] created = {false};
    new LazyPathScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree tree, Void unused) {
        if (variable.equals(ASTHelpers.getSymbol(tree))) {
          created[0] =
              tree.getInitializer() != null
                  && ASTHelpers.stripParentheses(tree.getInitializer())
                      instanceof NewClassTree creation
                  && creation.getClassBody() == null;
        }
        return super.visitVariable(tree, null);
      }

      /** Inside a lambda or a class: code that may run on another thread. */
      private int nested;

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
        nested++;
        super.visitLambdaExpression(tree, null);
        nested--;
        return null;
      }

      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        nested++;
        super.visitClass(tree, null);
        nested--;
        return null;
      }

      @Override
      public Void visitIdentifier(IdentifierTree tree, Void unused) {
        if (variable.equals(ASTHelpers.getSymbol(tree))
            && (nested > 0 || !isLockUse(getCurrentPath()))) {
          escapes[0] = true;
        }
        return null;
      }
    }.scan(method, null);
    return created[0] && !escapes[0];
  }

  /**
   * Whether the variable read at {@code use} is only locked on, or called a method on whose result
   * is discarded or is itself only called a method on ({@code lock.readLock().lock()}, {@code
   * lock.tryLock()}, {@code lock.newCondition().await()}): no other code gets hold of it.
   */
  private static boolean isLockUse(TreePath use) {
    TreePath path = use;
    while (path.getParentPath().getLeaf() instanceof ParenthesizedTree) {
      path = path.getParentPath();
    }
    Tree parent = path.getParentPath().getLeaf();
    if (parent instanceof SynchronizedTree) {
      return true;
    }
    // v.m(...): the receiver of a call; follow the call's result while it is a receiver again.
    while (parent instanceof MemberSelectTree select
        && select.getExpression() == path.getLeaf()
        && path.getParentPath().getParentPath().getLeaf() instanceof MethodInvocationTree call
        && call.getMethodSelect() == select) {
      path = path.getParentPath().getParentPath();
      parent = path.getParentPath().getLeaf();
      if (parent instanceof ExpressionStatementTree || !isObject(call)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the call returns an object (which could be the lock, or give access to it). */
  private static boolean isObject(ExpressionTree call) {
    return ASTHelpers.getType(call) != null && !ASTHelpers.getType(call).isPrimitiveOrVoid();
  }

  private static TreePath enclosingMethod(TreePath at) {
    for (TreePath path = at; path != null; path = path.getParentPath()) {
      if (path.getLeaf() instanceof MethodTree) {
        return path;
      }
    }
    return null;
  }
}
