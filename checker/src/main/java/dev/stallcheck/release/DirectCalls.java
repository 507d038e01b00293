package dev.stallcheck.release;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.tree.JCTree;
import dev.stallcheck.trees.LazyPathScanner;

/**
 * The calls a method body makes on its own thread, in source order, with their paths: calls inside
 * lambdas and classes the body declares are left out, since they run later or elsewhere. Also the
 * local variables the body declares, so a task held in a variable can be traced to its code.
 *
 * @param calls each direct call's path
 * @param locals each local variable declared directly in the body
 * @param fieldValues for each field the body assigns ({@code worker = new Thread(..)}), the value
 *     it assigns last in source order
 */
record DirectCalls(
    ImmutableList<TreePath> calls,
    ImmutableMap<Symbol, VariableTree> locals,
    ImmutableMap<Symbol, ExpressionTree> fieldValues) {

  /** The direct calls of the body at {@code bodyPath}. */
  static DirectCalls of(TreePath bodyPath) {
    ImmutableList.Builder<TreePath> calls = ImmutableList.builder();
    ImmutableMap.Builder<Symbol, VariableTree> locals = ImmutableMap.builder();
    ImmutableMap.Builder<Symbol, ExpressionTree> fieldValues = ImmutableMap.builder();
    new LazyPathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        super.visitMethodInvocation(tree, null);
        calls.add(getCurrentPath());
        return null;
      }

      @Override
      public Void visitVariable(VariableTree tree, Void unused) {
        Symbol sym = ((JCTree.JCVariableDecl) tree).sym;
        if (sym != null) {
          locals.put(sym, tree);
        }
        return super.visitVariable(tree, null);
      }

      @Override
      public Void visitAssignment(AssignmentTree tree, Void unused) {
        Symbol target = ASTHelpers.getSymbol(tree.getVariable());
        if (target != null && target.getKind().isField()) {
          fieldValues.put(target, tree.getExpression());
        }
        return super.visitAssignment(tree, null);
      }

      @Override
      public Void scan(Tree tree, Void unused) {
        return OwnCode.runsElsewhere(tree) ? null : super.scan(tree, null);
      }
    }.scan(bodyPath, null);
    return new DirectCalls(
        calls.build(), locals.buildKeepingLast(), fieldValues.buildKeepingLast());
  }
}
