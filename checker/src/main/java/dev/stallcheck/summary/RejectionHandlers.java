package dev.stallcheck.summary;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.suppliers.Supplier;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.stallcheck.api.PoolRejections;
import dev.stallcheck.flow.ValueFlow;
import dev.stallcheck.graph.CompilationIndex;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The code a {@code ThreadPoolExecutor}'s rejection runs in the submitting thread. When the pool's
 * threads are busy and its queue is full, {@code execute} and {@code submit} call the pool's {@code
 * RejectedExecutionHandler} there and then; a handler that waits for room ({@code
 * e.getQueue().put(r)}, the "caller blocks" policy) makes the submission a blocking send.
 *
 * <p>Known where the executor the call is made on comes from a {@code new ThreadPoolExecutor(...,
 * queue, ..., handler)} the compilation writes ({@link ValueFlow}): the handler's {@code
 * rejectedExecution}, for a class of the compilation, or the lambda or method reference given. A
 * pool whose queue is unbounded (or not given: a {@code ScheduledThreadPoolExecutor}'s) rejects
 * only once shut down, and is left out. A handler set later ({@code setRejectedExecutionHandler})
 * is not followed.
 */
final class RejectionHandlers {
  private static final Supplier<Type> POOL_TYPE =
      VisitorState.memoize(
          state -> state.getTypeFromString("java.util.concurrent.ThreadPoolExecutor"));
  private static final Supplier<Type> HANDLER_TYPE =
      VisitorState.memoize(
          state -> state.getTypeFromString("java.util.concurrent.RejectedExecutionHandler"));
  private static final Supplier<Type> QUEUE_TYPE =
      VisitorState.memoize(state -> state.getTypeFromString("java.util.concurrent.BlockingQueue"));

  /** What a submission's rejection may run: handler methods of the compilation, and lambdas. */
  record Handlers(ImmutableList<MethodSymbol> methods, ImmutableList<TreePath> functional) {
    static final Handlers NONE = new Handlers(ImmutableList.of(), ImmutableList.of());
  }

  private final CompilationIndex index;
  private final ValueFlow values;
  private final VisitorState state;

  RejectionHandlers(CompilationIndex index, ValueFlow values, VisitorState state) {
    this.index = index;
    this.values = values;
    this.state = state;
  }

  /**
   * What the rejection of the submission of {@code callee} on {@code receiver}, written at {@code
   * at}, may run; {@link Handlers#NONE} for any other call.
   */
  Handlers of(MethodSymbol callee, @Nullable ExpressionTree receiver, TreePath at) {
    if (receiver == null || !PoolRejections.isSubmission(callee, state.getTypes())) {
      return Handlers.NONE;
    }
    Optional<ImmutableList<TreePath>> pools = values.originsOf(new TreePath(at, receiver));
    if (pools.isEmpty()) {
      return Handlers.NONE;
    }
    ImmutableList.Builder<MethodSymbol> methods = ImmutableList.builder();
    ImmutableList.Builder<TreePath> functional = ImmutableList.builder();
    for (TreePath pool : pools.get()) {
      if (!(pool.getLeaf() instanceof NewClassTree creation)
          || !(ASTHelpers.getSymbol(creation) instanceof MethodSymbol constructor)
          || !isSubtype(constructor.owner.type, POOL_TYPE.get(state))) {
        continue;
      }
      ExpressionTree handler = argumentOfType(creation, constructor, HANDLER_TYPE.get(state));
      ExpressionTree queue = argumentOfType(creation, constructor, QUEUE_TYPE.get(state));
      // No queue given: a ScheduledThreadPoolExecutor's own, which is unbounded.
      if (handler == null
          || queue == null
          || values.onlyUnboundedQueues(new TreePath(pool, queue))) {
        continue;
      }
      Optional<ImmutableList<TreePath>> handlers = values.originsOf(new TreePath(pool, handler));
      for (TreePath origin : handlers.orElse(ImmutableList.of())) {
        if (origin.getLeaf() instanceof LambdaExpressionTree
            || origin.getLeaf() instanceof MemberReferenceTree) {
          functional.add(origin);
        } else if (handlerMethodOf(origin) instanceof MethodSymbol method) {
          methods.add(method);
        }
      }
    }
    return new Handlers(methods.build(), functional.build());
  }

  /** The {@code rejectedExecution} a {@code new Handler()} of the compilation runs; else null. */
  private @Nullable MethodSymbol handlerMethodOf(TreePath origin) {
    if (!(origin.getLeaf() instanceof NewClassTree creation)
        || !(ASTHelpers.getSymbol(creation) instanceof MethodSymbol constructor)
        || !(constructor.owner instanceof ClassSymbol handlerClass)) {
      return null;
    }
    for (Type type = handlerClass.type;
        type != null && type.tsym instanceof ClassSymbol declaring;
        type = state.getTypes().supertype(type)) {
      if (!index.declares(declaring)) {
        return null; // a library's policy: its code is not in view
      }
      for (Symbol member : ASTHelpers.getEnclosedElements(declaring)) {
        if (member instanceof MethodSymbol method
            && PoolRejections.isHandlerMethod(method, state.getTypes())) {
          return method;
        }
      }
    }
    return null;
  }

  /** The argument of {@code creation} given for the first parameter of {@code type}. */
  private @Nullable ExpressionTree argumentOfType(
      NewClassTree creation, MethodSymbol constructor, @Nullable Type type) {
    List<Symbol.VarSymbol> parameters = constructor.getParameters();
    List<? extends ExpressionTree> arguments = creation.getArguments();
    for (int i = 0; i < parameters.size() && i < arguments.size(); i++) {
      if (isSubtype(state.getTypes().erasure(parameters.get(i).type), type)) {
        return arguments.get(i);
      }
    }
    return null;
  }

  private boolean isSubtype(Type type, @Nullable Type of) {
    return of != null && ASTHelpers.isSubtype(type, of, state);
  }
}
