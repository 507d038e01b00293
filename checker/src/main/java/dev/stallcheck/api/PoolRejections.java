package dev.stallcheck.api;

import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Types;

/**
 * A pool's rejection, which runs in the thread that submits: {@code Executor.execute} and {@code
 * ExecutorService.submit} call the pool's {@code RejectedExecutionHandler.rejectedExecution} when
 * it cannot take the task, and {@code CallerRunsPolicy}'s runs the task there. Told by names and
 * supertypes, without a {@code VisitorState}, so that the coarse call graph can ask too.
 */
public final class PoolRejections {
  private static final String EXECUTOR = "java.util.concurrent.Executor";
  private static final String HANDLER = "java.util.concurrent.RejectedExecutionHandler";
  private static final String CALLER_RUNS =
      "java.util.concurrent.ThreadPoolExecutor.CallerRunsPolicy";

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

  /**
   * Whether {@code policy} is the JDK's {@code CallerRunsPolicy} or extends it: its rejection runs
   * the task itself, in the submitting thread.
   */
  public static boolean runsTaskInCaller(ClassSymbol policy, Types types) {
    return Supertypes.isA(policy.type, CALLER_RUNS, types);
  }

  /**
   * Whether {@code body} is what a task runs: {@code run()} of a {@code Runnable}, {@code call()}
   * of a {@code Callable}.
   */
  public static boolean isTaskMethod(MethodSymbol body, Types types) {
    if (!body.getParameters().isEmpty() || body.isStatic()) {
      return false;
    }
    return body.getSimpleName().contentEquals("run")
        ? Supertypes.isA(body.owner.type, "java.lang.Runnable", types)
        : body.getSimpleName().contentEquals("call")
            && Supertypes.isA(body.owner.type, "java.util.concurrent.Callable", types);
  }

  /** Whether {@code face} is {@code Runnable} or {@code Callable}, the types of a task. */
  public static boolean isTaskInterface(ClassSymbol face) {
    return face.getQualifiedName().contentEquals("java.lang.Runnable")
        || face.getQualifiedName().contentEquals("java.util.concurrent.Callable");
  }

  /** Whether {@code face} is {@code RejectedExecutionHandler}. */
  public static boolean isHandlerInterface(ClassSymbol face) {
    return face.getQualifiedName().contentEquals(HANDLER);
  }
}
