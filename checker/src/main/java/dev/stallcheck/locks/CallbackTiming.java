package dev.stallcheck.locks;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.suppliers.Supplier;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * When the code of a lambda, method reference or anonymous class runs relative to the call it is
 * passed to: {@link #IMMEDIATE}ly, on the calling thread, before that call returns (so under the
 * caller's locks), or {@link #DEFERRED}: later or on another thread (so under none of them).
 *
 * <p>Immediate means passed as an argument to an API known to call it right there: {@code
 * Iterable.forEach}, {@code Map.forEach/compute/computeIfAbsent/computeIfPresent/merge/replaceAll},
 * {@code Collection.removeIf}, {@code List.replaceAll/sort}, {@code Iterator/Spliterator}
 * traversal, {@code
 * Optional.ifPresent/ifPresentOrElse/map/flatMap/filter/or/orElseGet/orElseThrow}, and stream
 * operations whose pipeline ends, in the same expression, in a terminal operation (the code then
 * runs during that terminal call), and the methods of the compilation whose code runs that
 * parameter before returning (templates such as {@code inLock(lock, action)}: {@link
 * TemplateCallbacks}). Everything else is deferred: executors, threads, {@code CompletableFuture},
 * timers, a stream that is returned or stored, and any method whose code the compilation does not
 * have.
 */
public enum CallbackTiming {
  IMMEDIATE,
  DEFERRED;

  private static final Supplier<Type> BASE_STREAM =
      VisitorState.memoize(s -> s.getTypeFromString("java.util.stream.BaseStream"));

  /** Library methods that call their functional arguments before returning. */
  private static final Matcher<ExpressionTree> RUNS_ARGUMENTS_NOW =
      anyOf(
          instanceMethod().onDescendantOf("java.lang.Iterable").named("forEach"),
          instanceMethod().onDescendantOf("java.util.Collection").namedAnyOf("removeIf", "forEach"),
          instanceMethod().onDescendantOf("java.util.List").namedAnyOf("replaceAll", "sort"),
          instanceMethod()
              .onDescendantOf("java.util.Map")
              .namedAnyOf(
                  "forEach",
                  "compute",
                  "computeIfAbsent",
                  "computeIfPresent",
                  "merge",
                  "replaceAll"),
          instanceMethod().onDescendantOf("java.util.Iterator").named("forEachRemaining"),
          instanceMethod()
              .onDescendantOf("java.util.Spliterator")
              .namedAnyOf("forEachRemaining", "tryAdvance"),
          instanceMethod()
              .onExactClass("java.util.Optional")
              .namedAnyOf(
                  "ifPresent",
                  "ifPresentOrElse",
                  "map",
                  "flatMap",
                  "filter",
                  "or",
                  "orElseGet",
                  "orElseThrow"));

  /** Stream methods that return no stream yet run nothing: they hand out a lazy view. */
  private static final ImmutableSet<String> LAZY_STREAM_EXITS =
      ImmutableSet.of("iterator", "spliterator");

  /** The timing of the functional expression at {@code functional} (lambda, method ref, new). */
  public static CallbackTiming of(TreePath functional, VisitorState state) {
    return runningCall(functional, state).isPresent() ? IMMEDIATE : DEFERRED;
  }

  /**
   * For an immediate callback, the call during which its code runs: the call it is passed to, or
   * for a stream operation the pipeline's terminal call. Empty when deferred.
   */
  public static Optional<TreePath> runningCall(TreePath functional, VisitorState state) {
    Passed passed = passed(functional);
    TreePath parent = passed.parent();
    if (parent == null
        || !(parent.getLeaf() instanceof MethodInvocationTree call)
        || !call.getArguments().contains(passed.argument())
        || !(ASTHelpers.getSymbol(call) instanceof MethodSymbol method)) {
      return Optional.empty();
    }
    if (isStreamMethod(method, state)) {
      return terminalOfPipeline(parent, state);
    }
    return RUNS_ARGUMENTS_NOW.matches(call, state)
            || LockEffects.of(method, state)
                .runsArgument()
                .containsKey(call.getArguments().indexOf(passed.argument()))
        ? Optional.of(parent)
        : Optional.empty();
  }

  /**
   * The index of the argument of {@code call} (the running call of {@code functional}) that {@code
   * functional} is, through parentheses and casts; -1 if {@code call} is not the call it is passed
   * to (a stream pipeline's terminal).
   */
  static int argumentIndex(TreePath functional, TreePath call) {
    Passed passed = passed(functional);
    return passed.parent() != null && passed.parent().getLeaf() == call.getLeaf()
        ? ((MethodInvocationTree) call.getLeaf()).getArguments().indexOf(passed.argument())
        : -1;
  }

  /** A functional expression as an argument: the outermost paren or cast around it, its parent. */
  private record Passed(Tree argument, @Nullable TreePath parent) {}

  private static Passed passed(TreePath functional) {
    TreePath parent = functional.getParentPath();
    Tree argument = functional.getLeaf();
    while (parent != null
        && (parent.getLeaf() instanceof ParenthesizedTree
            || parent.getLeaf() instanceof TypeCastTree)) {
      argument = parent.getLeaf();
      parent = parent.getParentPath();
    }
    return new Passed(argument, parent);
  }

  private static boolean isStreamMethod(MethodSymbol method, VisitorState state) {
    Type baseStream = BASE_STREAM.get(state);
    return baseStream != null && ASTHelpers.isSubtype(method.owner.type, baseStream, state);
  }

  private static boolean returnsStream(MethodSymbol method, VisitorState state) {
    Type baseStream = BASE_STREAM.get(state);
    return baseStream != null && ASTHelpers.isSubtype(method.getReturnType(), baseStream, state);
  }

  /**
   * Follows a stream pipeline up from {@code call} ({@code a.map(f).filter(g).forEach(h)}) to its
   * terminal call, if the pipeline reaches one in this expression.
   */
  private static Optional<TreePath> terminalOfPipeline(TreePath call, VisitorState state) {
    TreePath current = call;
    while (true) {
      MethodSymbol method = (MethodSymbol) ASTHelpers.getSymbol((ExpressionTree) current.getLeaf());
      if (!returnsStream(method, state)) {
        return LAZY_STREAM_EXITS.contains(method.getSimpleName().toString())
            ? Optional.empty()
            : Optional.of(current);
      }
      TreePath select = current.getParentPath();
      if (select == null
          || !(select.getLeaf() instanceof MemberSelectTree member)
          || member.getExpression() != current.getLeaf()) {
        return Optional.empty(); // the stream escapes: stored, returned, passed on
      }
      TreePath next = select.getParentPath();
      if (next == null
          || !(next.getLeaf() instanceof MethodInvocationTree nextCall)
          || nextCall.getMethodSelect() != member
          || !(ASTHelpers.getSymbol(nextCall) instanceof MethodSymbol nextMethod)
          || !isStreamMethod(nextMethod, state)) {
        return Optional.empty();
      }
      current = next;
    }
  }
}
