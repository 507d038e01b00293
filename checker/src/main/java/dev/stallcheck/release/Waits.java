package dev.stallcheck.release;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import dev.stallcheck.api.NameSet;
import dev.stallcheck.api.WaitApis;
import dev.stallcheck.paths.BareExpression;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Recognises the blocking waits a submitting thread makes, timed or not: {@code Future.get}, {@code
 * CompletableFuture.join} and its {@code orTimeout}/{@code completeOnTimeout} forms, {@code
 * CountDownLatch.await}, {@code Thread.join}, {@code Condition.await}/{@code awaitUntil}, {@code
 * Object.wait}, {@code BlockingQueue.poll/take}, {@code Exchanger.exchange}, {@code
 * CyclicBarrier.await}, {@code Phaser.awaitAdvance}, {@code CompletionService.poll/take}, {@code
 * ExecutorService.awaitTermination/invokeAll/invokeAny/close}, {@code Thread.sleep} and {@code
 * TimeUnit.sleep}, and Guava's forms of them ({@link WaitApis#GUAVA_WAIT}). A zero timeout to
 * {@code join}/{@code wait} means "forever", so it is untimed.
 */
final class Waits {
  /** The names of the waits {@link #kindOf} knows: a call named otherwise can only be a helper. */
  private static final NameSet WAIT_NAMES =
      NameSet.of(
          "join",
          "get",
          "exchange",
          "awaitNanos",
          "await",
          "awaitUninterruptibly",
          "awaitUntil",
          "awaitAdvance",
          "awaitAdvanceInterruptibly",
          "sleep",
          "wait",
          "take",
          "poll",
          "awaitTermination",
          "invokeAll",
          "invokeAny",
          "close",
          "getUninterruptibly",
          "joinUninterruptibly",
          "awaitTerminationUninterruptibly",
          "takeUninterruptibly",
          "sleepUninterruptibly",
          "shutdownAndAwaitTermination",
          "getUnchecked",
          "getChecked");

  private final VisitorState state;
  private final TimedWaitHelpers helpers;

  Waits(VisitorState state) {
    this.state = state;
    this.helpers = TimedWaitHelpers.instance(state);
  }

  /** What kind of wait {@code tree} is, if it is one. */
  Optional<WaitKind> kindOf(Tree tree) {
    if (!(tree instanceof MethodInvocationTree call)
        || !(ASTHelpers.getSymbol(call) instanceof MethodSymbol method)) {
      return Optional.empty();
    }
    if (WAIT_NAMES.contains(method.getSimpleName(), state)) {
      Optional<WaitKind> kind = jdkWaitKind(call, method);
      if (kind.isPresent()) {
        return kind;
      }
    }
    // A helper that waits with a timeout reaches a timed JDK wait: most calls are settled by the
    // compilation's reach, before any target is resolved.
    if (!TimedWaitHelpers.mayCallHelper(call, method)
        || !TimeoutReach.callMayReachStart(method, state)
        || !helpers.runsOneBody(call)) {
      return Optional.empty(); // cheaper than the matcher below
    }
    // The other methods of these types are neither waits nor helpers.
    return WaitApis.OTHER_WAITING_TYPES.matches(call, state) ? Optional.empty() : helperWait(call);
  }

  /** Whether a call of {@code callee} may be a JDK wait, by its name alone. */
  boolean mayBeJdkWait(MethodSymbol callee) {
    return WAIT_NAMES.contains(callee.getSimpleName(), state);
  }

  /** Whether {@code call} is a JDK wait with a timeout (not a helper of the compilation). */
  boolean isTimedJdkWait(MethodInvocationTree call, MethodSymbol method) {
    return WAIT_NAMES.contains(method.getSimpleName(), state)
        && jdkWaitKind(call, method).filter(WaitKind::isTimed).isPresent();
  }

  /**
   * The kind of a JDK wait named as one ({@link #WAIT_NAMES}); empty if it is none. Each matcher
   * tests the receiver's type before the method's name, and most calls with one of these names are
   * no wait ({@code Map.get}, {@code Closeable.close}): the name is tested first, so that a call
   * meets only the matchers of its name.
   */
  private Optional<WaitKind> jdkWaitKind(MethodInvocationTree call, MethodSymbol method) {
    List<? extends ExpressionTree> args = call.getArguments();
    int arity = args.size();
    if (method.isStatic() && WaitApis.GUAVA_WAIT.matches(call, state)) {
      return Optional.of(guavaWaitKind(method, arity));
    }
    if ((named(method, "join") || named(method, "get"))
        && WaitApis.COMPLETABLE_FUTURE_RESULT.matches(call, state)) {
      Optional<String> wrapper = timeoutWrapper(call);
      if (wrapper.isEmpty()) {
        return Optional.of(WaitKind.UNTIMED);
      }
      if (wrapper.get().equals("completeOnTimeout")) {
        return Optional.of(WaitKind.TIMED_SILENT);
      }
      return Optional.of(
          method.getSimpleName().contentEquals("join")
              ? WaitKind.TIMED_THROWS_COMPLETION
              : WaitKind.TIMED_THROWS_EXECUTION);
    }
    if (named(method, "exchange") && WaitApis.EXCHANGE.matches(call, state)) {
      return Optional.of(arity == 1 ? WaitKind.UNTIMED : WaitKind.TIMED_THROWS_TIMEOUT);
    }
    if (named(method, "awaitNanos") && WaitApis.CONDITION_AWAIT_NANOS.matches(call, state)) {
      return Optional.of(WaitKind.TIMED_SILENT);
    }
    if (named(method, "get") && WaitApis.FUTURE_GET.matches(call, state)) {
      return Optional.of(arity == 0 ? WaitKind.UNTIMED : WaitKind.TIMED_THROWS_TIMEOUT);
    }
    if (named(method, "await") && WaitApis.LATCH_AWAIT.matches(call, state)) {
      return Optional.of(arity == 0 ? WaitKind.UNTIMED : WaitKind.TIMED_RETURNS_FALSE);
    }
    if (named(method, "join") && WaitApis.THREAD_JOIN.matches(call, state)) {
      if (arity == 0 || isZero(args.get(0))) {
        return Optional.of(WaitKind.UNTIMED);
      }
      // join(Duration) reports whether the thread terminated; join(ms) reports nothing.
      return Optional.of(
          method.getReturnType().hasTag(TypeTag.BOOLEAN)
              ? WaitKind.TIMED_RETURNS_FALSE
              : WaitKind.TIMED_SILENT);
    }
    if (named(method, "sleep")
        && (WaitApis.THREAD_SLEEP.matches(call, state)
            || WaitApis.TIME_UNIT_SLEEP.matches(call, state))) {
      return Optional.of(WaitKind.TIMED_SILENT);
    }
    if (named(method, "await") && WaitApis.BARRIER_AWAIT.matches(call, state)) {
      return Optional.of(arity == 0 ? WaitKind.UNTIMED : WaitKind.TIMED_THROWS_TIMEOUT);
    }
    if ((named(method, "awaitAdvance") || named(method, "awaitAdvanceInterruptibly"))
        && WaitApis.PHASER_AWAIT_ADVANCE.matches(call, state)) {
      return Optional.of(arity == 1 ? WaitKind.UNTIMED : WaitKind.TIMED_THROWS_TIMEOUT);
    }
    if ((named(method, "take") || named(method, "poll"))
        && WaitApis.COMPLETION_SERVICE_TAKE.matches(call, state)) {
      if (arity == 0) {
        return named(method, "take") ? Optional.of(WaitKind.UNTIMED) : Optional.empty();
      }
      return Optional.of(WaitKind.TIMED_RETURNS_NULL);
    }
    if (named(method, "await") && WaitApis.CONDITION_AWAIT.matches(call, state)) {
      return Optional.of(arity == 0 ? WaitKind.UNTIMED : WaitKind.TIMED_RETURNS_FALSE);
    }
    if (named(method, "awaitUninterruptibly")
        && WaitApis.CONDITION_AWAIT_UNINTERRUPTIBLY.matches(call, state)) {
      return Optional.of(WaitKind.UNTIMED);
    }
    if (named(method, "awaitUntil") && WaitApis.CONDITION_AWAIT_UNTIL.matches(call, state)) {
      return Optional.of(WaitKind.TIMED_RETURNS_FALSE);
    }
    if (named(method, "wait") && WaitApis.MONITOR_WAIT.matches(call, state)) {
      return Optional.of(
          arity == 0 || isZero(args.get(0)) ? WaitKind.UNTIMED : WaitKind.TIMED_SILENT);
    }
    if (named(method, "take") && WaitApis.QUEUE_TAKE.matches(call, state)) {
      return Optional.of(WaitKind.UNTIMED);
    }
    if (named(method, "poll") && WaitApis.QUEUE_TIMED_POLL.matches(call, state)) {
      return Optional.of(WaitKind.TIMED_RETURNS_NULL);
    }
    if (named(method, "awaitTermination") && WaitApis.AWAIT_TERMINATION.matches(call, state)) {
      return Optional.of(WaitKind.TIMED_RETURNS_FALSE);
    }
    // invokeAll returns once every task is done; with a timeout, unfinished ones are only
    // cancelled, and cancelling does not wait for them.
    if (named(method, "invokeAll") && WaitApis.INVOKE_ALL.matches(call, state)) {
      return Optional.of(arity == 1 ? WaitKind.UNTIMED : WaitKind.TIMED_SILENT);
    }
    if (named(method, "invokeAny") && WaitApis.INVOKE_ANY.matches(call, state)) {
      return arity == 1 ? Optional.empty() : Optional.of(WaitKind.TIMED_THROWS_TIMEOUT);
    }
    if (named(method, "close") && WaitApis.EXECUTOR_CLOSE.matches(call, state)) {
      return Optional.of(WaitKind.UNTIMED);
    }
    return Optional.empty();
  }

  /**
   * A Guava wait ({@link WaitApis#GUAVA_WAIT}) takes the waited object alone, or a timeout after it
   * (a {@code long} and a unit, or a {@code Duration}); on timeout each does what the JDK method it
   * wraps does.
   */
  private static WaitKind guavaWaitKind(MethodSymbol method, int arity) {
    if (named(method, "sleepUninterruptibly")) {
      return WaitKind.TIMED_SILENT;
    }
    if (named(method, "getChecked")) {
      return arity == 2 ? WaitKind.UNTIMED : WaitKind.TIMED_THROWS_GIVEN;
    }
    if (arity == 1) {
      return WaitKind.UNTIMED;
    }
    if (named(method, "getUninterruptibly")) {
      return WaitKind.TIMED_THROWS_TIMEOUT;
    }
    return named(method, "joinUninterruptibly")
        ? WaitKind.TIMED_SILENT
        : WaitKind.TIMED_RETURNS_FALSE;
  }

  /**
   * The exception a {@link WaitKind#TIMED_THROWS_GIVEN} wait throws when it times out: the class
   * given as its second argument ({@code Futures.getChecked(f, X.class, t, u)}), or the bound of a
   * wildcard there; empty where the argument's type does not name one.
   */
  Optional<Type> givenException(MethodInvocationTree wait) {
    if (wait.getArguments().size() < 2
        || !(ASTHelpers.getType(wait.getArguments().get(1)) instanceof Type classType)
        || classType.getTypeArguments().size() != 1) {
      return Optional.empty();
    }
    return Optional.of(state.getTypes().wildUpperBound(classType.getTypeArguments().get(0)));
  }

  private static boolean named(MethodSymbol method, String name) {
    return method.getSimpleName().contentEquals(name);
  }

  /** A helper of this compilation that waits with a timeout on what it is given. */
  private Optional<WaitKind> helperWait(MethodInvocationTree call) {
    return helpers.waitedArgument(call, state).isPresent()
        ? Optional.of(WaitKind.TIMED_SILENT)
        : Optional.empty();
  }

  /** For {@code cf.orTimeout(t, u).join()}: the timeout-adding call under the join, if any. */
  private Optional<String> timeoutWrapper(MethodInvocationTree call) {
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    if (receiver != null
        && BareExpression.of(receiver) instanceof MethodInvocationTree inner
        && WaitApis.COMPLETABLE_FUTURE_TIMEOUT.matches(inner, state)) {
      return Optional.of(ASTHelpers.getSymbol(inner).getSimpleName().toString());
    }
    return Optional.empty();
  }

  /**
   * The expression whose task {@code wait} waits for: the future, thread, latch, queue, condition,
   * monitor or executor; empty for {@code Thread.sleep}, {@code TimeUnit.sleep} and calls on the
   * implicit {@code this}. For {@code cf.orTimeout(t, u).join()} it is {@code cf}; for Guava's
   * waits, their first argument.
   */
  Optional<ExpressionTree> waitedOn(MethodInvocationTree wait) {
    OptionalInt helperArgument = helpers.waitedArgument(wait, state);
    if (helperArgument.isPresent()) {
      return Optional.of(BareExpression.of(wait.getArguments().get(helperArgument.getAsInt())));
    }
    if (ASTHelpers.getSymbol(wait) instanceof MethodSymbol m && m.isStatic()) {
      return WaitApis.GUAVA_WAIT.matches(wait, state)
              && !named(m, "sleepUninterruptibly")
              && !wait.getArguments().isEmpty()
          ? Optional.of(BareExpression.of(wait.getArguments().get(0)))
          : Optional.empty();
    }
    ExpressionTree receiver = ASTHelpers.getReceiver(wait);
    if (receiver == null || isTimeUnitSleep(wait)) {
      return Optional.empty();
    }
    if (timeoutWrapper(wait).isPresent()) {
      receiver = ASTHelpers.getReceiver((MethodInvocationTree) BareExpression.of(receiver));
    }
    return Optional.ofNullable(receiver).map(BareExpression::of);
  }

  /** Whether {@code call} is {@code TimeUnit.sleep}, which waits on nothing, as Thread.sleep. */
  boolean isTimeUnitSleep(MethodInvocationTree call) {
    return WaitApis.TIME_UNIT_SLEEP.matches(call, state);
  }

  private static boolean isZero(ExpressionTree arg) {
    Object value = ASTHelpers.constValue(arg);
    return value instanceof Number n && n.longValue() == 0;
  }
}
