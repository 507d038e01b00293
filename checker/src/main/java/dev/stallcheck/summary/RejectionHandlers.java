package dev.stallcheck.summary;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.suppliers.Supplier;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.stallcheck.api.PoolRejections;
import dev.stallcheck.flow.ValueFlow;
import dev.stallcheck.graph.CompilationIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
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
 * only once shut down, and is left out. {@code CallerRunsPolicy} (or a class of the compilation
 * extending it without a handler of its own) runs the submitted task there: the lambda or method
 * reference given, or the {@code run()}/{@code call()} of a task class of the compilation. A
 * handler set later ({@code pool.setRejectedExecutionHandler(h)}, on a receiver whose values
 * include the pool's {@code new}) counts as one given to the constructor.
 */
final class RejectionHandlers {
  private static final Supplier<Type> POOL_TYPE =
      VisitorState.memoize(
          state -> state.getTypeFromString("java.util.concurrent.ThreadPoolExecutor"));
  private static final Supplier<Type> HANDLER_TYPE =
      VisitorState.memoize(
          state -> state.getTypeFromString("java.util.concurrent.RejectedExecutionHandler"));

  /** {@code ThreadPoolExecutor.setRejectedExecutionHandler}, if the compilation can see it. */
  private static final Supplier<ImmutableList<MethodSymbol>> SET_HANDLER =
      VisitorState.memoize(
          state ->
              state.getSymbolFromString("java.util.concurrent.ThreadPoolExecutor")
                      instanceof ClassSymbol pool
                  ? ASTHelpers.getEnclosedElements(pool).stream()
                      .filter(
                          member ->
                              member instanceof MethodSymbol
                                  && member
                                      .getSimpleName()
                                      .contentEquals("setRejectedExecutionHandler"))
                      .map(MethodSymbol.class::cast)
                      .collect(ImmutableList.toImmutableList())
                  : ImmutableList.of());

  private static final Supplier<Type> QUEUE_TYPE =
      VisitorState.memoize(state -> state.getTypeFromString("java.util.concurrent.BlockingQueue"));

  /**
   * What a submission's rejection may run: handler methods of the compilation (or, for {@code
   * CallerRunsPolicy}, the task's {@code run()}/{@code call()}), and lambdas.
   */
  record Handlers(ImmutableList<MethodSymbol> methods, ImmutableList<TreePath> functional) {
    static final Handlers NONE = new Handlers(ImmutableList.of(), ImmutableList.of());
  }

  private final CompilationIndex index;
  private final ValueFlow values;
  private final VisitorState state;

  /**
   * The handlers set on pools after their creation ({@code setRejectedExecutionHandler}), by the
   * pool's {@code new}: made on the first submission asked about.
   */
  private @Nullable Map<Tree, List<TreePath>> handlersSetLater;

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
      ExpressionTree queue = argumentOfType(creation, constructor, QUEUE_TYPE.get(state));
      // No queue given: a ScheduledThreadPoolExecutor's own, which is unbounded.
      if (queue == null || values.onlyUnboundedQueues(new TreePath(pool, queue))) {
        continue;
      }
      List<TreePath> handlers =
          new ArrayList<>(handlersSetLater().getOrDefault(creation, List.of()));
      ExpressionTree given = argumentOfType(creation, constructor, HANDLER_TYPE.get(state));
      if (given != null) {
        handlers.add(new TreePath(pool, given));
      }
      for (TreePath origin : originsOfAll(handlers)) {
        if (FunctionalTargets.isFunctionalObject(origin.getLeaf())) {
          functional.add(origin);
        } else if (createdClass(origin) instanceof ClassSymbol policy) {
          MethodSymbol method =
              methodOf(policy, m -> PoolRejections.isHandlerMethod(m, state.getTypes()));
          if (method != null) {
            methods.add(method);
          } else if (PoolRejections.runsTaskInCaller(policy, state.getTypes())) {
            addTask(at, methods, functional);
          }
        }
      }
    }
    return new Handlers(methods.build(), functional.build());
  }

  private List<TreePath> originsOfAll(List<TreePath> expressions) {
    List<TreePath> origins = new ArrayList<>();
    for (TreePath expression : expressions) {
      values.originsOf(expression).ifPresent(origins::addAll);
    }
    return origins;
  }

  /**
   * The handlers given to {@code setRejectedExecutionHandler} calls of the compilation, by each
   * {@code new} of a pool the call's receiver may be.
   */
  private Map<Tree, List<TreePath>> handlersSetLater() {
    if (handlersSetLater == null) {
      handlersSetLater = new HashMap<>();
      for (MethodSymbol setter : SET_HANDLER.get(state)) {
        for (TreePath site : values.program().callSitesOf(setter)) {
          if (site.getLeaf() instanceof MethodInvocationTree call
              && call.getArguments().size() == 1
              && ASTHelpers.getReceiver(call) instanceof ExpressionTree receiver) {
            TreePath handler = new TreePath(site, call.getArguments().get(0));
            for (TreePath pool :
                values.originsOf(new TreePath(site, receiver)).orElse(ImmutableList.of())) {
              handlersSetLater.computeIfAbsent(pool.getLeaf(), k -> new ArrayList<>()).add(handler);
            }
          }
        }
      }
    }
    return handlersSetLater;
  }

  /**
   * For a pool whose rejection runs the task in the submitting thread: what the task submitted at
   * {@code submission} runs, where its values are known (a lambda or method reference, or a {@code
   * new Task()} whose {@code run()}/{@code call()} the compilation declares).
   */
  private void addTask(
      TreePath submission,
      ImmutableList.Builder<MethodSymbol> methods,
      ImmutableList.Builder<TreePath> functional) {
    if (!(submission.getLeaf() instanceof MethodInvocationTree call)
        || call.getArguments().isEmpty()) {
      return;
    }
    Optional<ImmutableList<TreePath>> tasks =
        values.originsOf(new TreePath(submission, call.getArguments().get(0)));
    for (TreePath task : tasks.orElse(ImmutableList.of())) {
      if (FunctionalTargets.isFunctionalObject(task.getLeaf())) {
        functional.add(task);
      } else if (createdClass(task) instanceof ClassSymbol taskClass
          && methodOf(taskClass, m -> PoolRejections.isTaskMethod(m, state.getTypes()))
              instanceof MethodSymbol run) {
        methods.add(run);
      }
    }
  }

  /** The class {@code origin} creates, if it is a {@code new}. */
  private static @Nullable ClassSymbol createdClass(TreePath origin) {
    return origin.getLeaf() instanceof NewClassTree creation
            && ASTHelpers.getSymbol(creation) instanceof MethodSymbol constructor
            && constructor.owner instanceof ClassSymbol created
        ? created
        : null;
  }

  /**
   * The method of {@code created} that passes {@code test}, declared by it or inherited from a
   * superclass of the compilation; null where a library class comes first, whose code is not in
   * view.
   */
  private @Nullable MethodSymbol methodOf(ClassSymbol created, Predicate<MethodSymbol> test) {
    for (Type type = created.type;
        type != null && type.tsym instanceof ClassSymbol declaring;
        type = state.getTypes().supertype(type)) {
      if (!index.declares(declaring)) {
        return null;
      }
      for (Symbol member : ASTHelpers.getEnclosedElements(declaring)) {
        if (member instanceof MethodSymbol method && test.test(method)) {
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
