package dev.stallcheck.cfg;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.processing.JavacProcessingEnvironment;
import java.util.Optional;
import org.checkerframework.errorprone.dataflow.cfg.ControlFlowGraph;
import org.checkerframework.errorprone.dataflow.cfg.UnderlyingAST;
import org.checkerframework.errorprone.dataflow.cfg.builder.CFGBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Builds the control-flow graph (Error Prone's shaded Checker Framework CFG, with exceptional edges
 * and {@code finally} copies) of one body, for analyses that need more of it than Error Prone's
 * {@code DataFlow} exposes (every node's store, or paths between nodes). Not cached: each caller
 * keeps what it derives from the graph.
 */
public final class ControlFlowGraphs {
  private ControlFlowGraphs() {}

  /**
   * The CFG of {@code body}: a method with a body, a lambda, or an initializer block directly in a
   * class. Empty for anything else (an abstract method, a body outside any class).
   */
  public static Optional<ControlFlowGraph> build(TreePath body, VisitorState state) {
    UnderlyingAST ast = underlyingAst(body);
    if (ast == null) {
      return Optional.empty();
    }
    // The builder walks the code itself: a method's or lambda's body, an initializer block.
    TreePath code = body.getLeaf() == ast.getCode() ? body : new TreePath(body, ast.getCode());
    return Optional.of(
        CFGBuilder.build(
            code,
            ast,
            /* assumeAssertionsEnabled= */ false,
            /* assumeAssertionsDisabled= */ false,
            JavacProcessingEnvironment.instance(state.context)));
  }

  private static @Nullable UnderlyingAST underlyingAst(TreePath body) {
    Tree leaf = body.getLeaf();
    ClassTree enclosingClass = null;
    MethodTree enclosingMethod = null;
    for (TreePath p = body.getParentPath(); p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof MethodTree method && enclosingMethod == null) {
        enclosingMethod = method;
      }
      if (p.getLeaf() instanceof ClassTree clazz) {
        enclosingClass = clazz;
        break;
      }
    }
    if (enclosingClass == null) {
      return null;
    }
    if (leaf instanceof MethodTree method) {
      return method.getBody() == null ? null : new UnderlyingAST.CFGMethod(method, enclosingClass);
    }
    if (leaf instanceof LambdaExpressionTree lambda) {
      return new UnderlyingAST.CFGLambda(lambda, enclosingClass, enclosingMethod);
    }
    if (leaf instanceof BlockTree) {
      return new UnderlyingAST.CFGStatement(leaf, enclosingClass);
    }
    return null;
  }
}
