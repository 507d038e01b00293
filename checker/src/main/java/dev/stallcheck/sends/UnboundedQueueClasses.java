package dev.stallcheck.sends;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Type;
import dev.stallcheck.flow.UnboundedQueues;
import dev.stallcheck.graph.CompilationIndex;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A queue class of the compilation that extends {@code LinkedBlockingQueue} or {@code
 * LinkedBlockingDeque} and never gives it a capacity: every constructor calls {@code super()}
 * without arguments (or with {@code Integer.MAX_VALUE}, or a collection), explicitly or implicitly.
 * Its {@code put} never waits, however it is reached ({@code super.put(e)} in an override, a field
 * of that class).
 */
final class UnboundedQueueClasses {

  private UnboundedQueueClasses() {}

  /** Whether {@code type} is such a class. */
  static boolean isUnbounded(@Nullable ClassSymbol type, VisitorState state) {
    if (type == null
        || !(type.getSuperclass() instanceof Type.ClassType superclass)
        || !UnboundedQueues.OPTIONALLY_BOUNDED.contains(
            superclass.tsym.getQualifiedName().toString())) {
      return false;
    }
    TreePath declaration = CompilationIndex.instance(state.context).declaration(type);
    if (declaration == null || !(declaration.getLeaf() instanceof ClassTree tree)) {
      return false;
    }
    for (Tree member : tree.getMembers()) {
      if (member instanceof MethodTree constructor
          && ASTHelpers.getSymbol(constructor).isConstructor()
          && !passesNoCapacity(constructor)) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code constructor} calls {@code this(..)}, or {@code super(..)} with no capacity. */
  private static boolean passesNoCapacity(MethodTree constructor) {
    List<? extends StatementTree> statements =
        constructor.getBody() == null ? List.of() : constructor.getBody().getStatements();
    if (statements.isEmpty()
        || !(statements.get(0) instanceof ExpressionStatementTree first)
        || !(first.getExpression() instanceof MethodInvocationTree call)
        || !(call.getMethodSelect() instanceof IdentifierTree callee)
        || !callee.getName().contentEquals("super")) {
      // No super(..) of its own: this(..), which another constructor answers for, or super().
      return true;
    }
    return UnboundedQueues.givesNoCapacity(call.getArguments());
  }
}
