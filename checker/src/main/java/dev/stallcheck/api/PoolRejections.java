package dev.stallcheck.api;

import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Types;

/**
 * A pool's rejection, which runs in the thread that submits: {@code Executor.execute} and {@code
 * ExecutorService.submit} call the pool's {@code RejectedExecutionHandler.rejectedExecution} when
 * it cannot take the task. Told by names and supertypes, without a {@code VisitorState}, so that
 * the coarse call graph can ask too.
 */
public final class PoolRejections {
  private static final String EXECUTOR = "java.util.concurrent.Executor";
  private static final String HANDLER = "java.util.concurrent.RejectedExecutionHandler";

  private PoolRejections() {}

  /** Whether a call of {@code callee} submits a task: {@code execute} or {@code submit}. */
  public static boolean isSubmission(MethodSymbol callee, Types types) {
    return (callee.getSimpleName().contentEquals("execute")
            || callee.getSimpleName().contentEquals("submit"))
        && !callee.isStatic()
        && Supertypes.isA(callee.owner.type, EXECUTOR, types);
  }

  /**
   * Whether {@code body} is a handler's {@code rejectedExecution}: so named, with two parameters,
   * in a {@code RejectedExecutionHandler}.
   */
  public static boolean isHandlerMethod(MethodSymbol body, Types types) {
    return body.getSimpleName().contentEquals("rejectedExecution")
        && body.getParameters().size() == 2
        && Supertypes.isA(body.owner.type, HANDLER, types);
  }

  /** Whether {@code face} is {@code RejectedExecutionHandler}. */
  public static boolean isHandlerInterface(ClassSymbol face) {
    return face.getQualifiedName().contentEquals(HANDLER);
  }
}
