package dev.stallcheck.release;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.util.Context;
import java.util.Optional;
import javax.annotation.processing.ProcessingEnvironment;
import org.checkerframework.errorprone.dataflow.cfg.ControlFlowGraph;
import org.checkerframework.errorprone.dataflow.cfg.UnderlyingAST;
import org.checkerframework.errorprone.dataflow.cfg.builder.CFGBuilder;

/**
 * Builds the control-flow graph (Error Prone's shaded Checker Framework CFG, with exceptional
 * edges and {@code finally} copies) of one method; built only for methods that submit a task
 * that acquires, so its cost is paid rarely.
 */
final class MethodCfg {
  private MethodCfg() {}

  /** The CFG of the method at {@code methodPath}, or empty if javac's environment is unavailable. */
  static Optional<ControlFlowGraph> of(TreePath methodPath, VisitorState state) {
    MethodTree method = (MethodTree) methodPath.getLeaf();
    TreePath classPath = methodPath.getParentPath();
    while (classPath != null && !(classPath.getLeaf() instanceof ClassTree)) {
      classPath = classPath.getParentPath();
    }
    Optional<ProcessingEnvironment> env = processingEnvironment(state.context);
    if (classPath == null || env.isEmpty() || method.getBody() == null) {
      return Optional.empty();
    }
    TreePath bodyPath = new TreePath(methodPath, method.getBody());
    return Optional.of(
        CFGBuilder.build(
            bodyPath,
            new UnderlyingAST.CFGMethod(method, (ClassTree) classPath.getLeaf()),
            /* assumeAssertionsEnabled= */ false,
            /* assumeAssertionsDisabled= */ false,
            env.get()));
  }

  /**
   * javac's processing environment, which the CFG builder needs. Its class lives in a package the
   * checker is not compiled against; Error Prone runs with that package exported, so it is looked
   * up reflectively at run time.
   */
  private static Optional<ProcessingEnvironment> processingEnvironment(Context context) {
    try {
      Class<?> type =
          Class.forName("com.sun.tools.javac.processing.JavacProcessingEnvironment", true, Context.class.getClassLoader());
      Object env = type.getMethod("instance", Context.class).invoke(null, context);
      return env instanceof ProcessingEnvironment p ? Optional.of(p) : Optional.empty();
    } catch (ReflectiveOperationException | LinkageError e) {
      return Optional.empty();
    }
  }
}
