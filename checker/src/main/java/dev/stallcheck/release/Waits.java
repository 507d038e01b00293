package dev.stallcheck.release;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.matchers.method.MethodMatchers;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.TypeTag;
import dev.stallcheck.paths.BareExpression;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Recognises the blocking waits a submitting thread makes, timed or not: {@code Future.get}, {@code
 * CompletableFuture.join} and its {@code orTimeout}/{@code completeOnTimeout} forms, {@code
 * CountDownLatch.await}, {@code Thread.join}, {@code Condition.await}/{@code awaitUntil}, {@code
 * Object.wait}, {@code BlockingQueue.poll/take}, {@code Exchanger.exchange}, {@code
 * ExecutorService.awaitTermination/invokeAll/invokeAny/close} and {@code Thread.sleep}. A zero
 * timeout to {@code join}/{@code wait} means "forever", so it is untimed.
 */
final class Waits {
  /**
   * {@code exchange(x)} returns once the partner thread arrives; with a timeout, {@code exchange(x,
   * t, unit)} throws {@code TimeoutException} when it does not.
   */
  private static final Matcher<ExpressionTree> EXCHANGE =
      MethodMatchers.instanceMethod()
          .onDescendantOf("java.util.concurrent.Exchanger")
          .named("exchange");

  /**
   * {@code awaitNanos(n)} returns what is left of {@code n}, at most 0 on timeout; the result is
   * not read as a success check, so code after it counts as reached on timeout.
   */
  private static final Matcher<ExpressionTree> AWAIT_NANOS =
      MethodMatchers.instanceMethod()
          .onDescendantOf("java.util.concurrent.locks.Condition")
          .named("awaitNanos");

  /** The names of the waits {@link #kindOf} knows: a call named otherwise can only be a helper. */
  private static final ImmutableSet<String> WAIT_NAMES =
      ImmutableSet.of(
          "join",
          "get",
          "exchange",
          "awaitNanos",
          "await",
          "awaitUninterruptibly",
          "awaitUntil",
          "sleep",
          "wait",
          "take",
          "poll",
          "awaitTermination",
          "invokeAll",
          "invokeAny",
          "close");

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
    String name = method.getSimpleName().toString();
    if (!WAIT_NAMES.contains(name)) {
      // The other methods of these types are neither waits nor helpers (as below).
      return owned(method, "java.util.concurrent.locks.Condition")
              || owned(method, "java.util.concurrent.BlockingQueue")
              || owned(method, "java.util.concurrent.ExecutorService")
          ? Optional.empty()
          : helperWait(call);
    }
    List<? extends ExpressionTree> args = call.getArguments();
    int arity = args.size();
    if (owned(method, "java.util.concurrent.CompletableFuture")
        && arity == 0
        && (name.equals("join") || name.equals("get"))) {
      Optional<String> wrapper = timeoutWrapper(call);
      if (wrapper.isPresent()) {
        if (wrapper.get().equals("completeOnTimeout")) {
          return Optional.of(WaitKind.TIMED_SILENT);
        }
        return Optional.of(
            name.equals("join")
                ? WaitKind.TIMED_THROWS_COMPLETION
                : WaitKind.TIMED_THROWS_EXECUTION);
      }
      return Optional.of(WaitKind.UNTIMED);
    }
    if (EXCHANGE.matches(call, state)) {
      return Optional.of(arity == 1 ? WaitKind.UNTIMED : WaitKind.TIMED_THROWS_TIMEOUT);
    }
    if (AWAIT_NANOS.matches(call, state)) {
      return Optional.of(WaitKind.TIMED_SILENT);
    }
    if (owned(method, "java.util.concurrent.Future") && name.equals("get")) {
      return Optional.of(arity == 0 ? WaitKind.UNTIMED : WaitKind.TIMED_THROWS_TIMEOUT);
    }
    if (owned(method, "java.util.concurrent.CountDownLatch") && name.equals("await")) {
      return Optional.of(arity == 0 ? WaitKind.UNTIMED : WaitKind.TIMED_RETURNS_FALSE);
    }
    if (owned(method, "java.lang.Thread") && name.equals("join")) {
      if (arity == 0 || isZero(args.get(0))) {
        return Optional.of(WaitKind.UNTIMED);
      }
      // join(Duration) reports whether the thread terminated; join(ms) reports nothing.
      return Optional.of(
          method.getReturnType().hasTag(TypeTag.BOOLEAN)
              ? WaitKind.TIMED_RETURNS_FALSE
              : WaitKind.TIMED_SILENT);
    }
    if (owned(method, "java.lang.Thread") && name.equals("sleep") && method.isStatic()) {
      return Optional.of(WaitKind.TIMED_SILENT);
    }
    if (owned(method, "java.util.concurrent.locks.Condition")) {
      return switch (name) {
        case "await" -> Optional.of(arity == 0 ? WaitKind.UNTIMED : WaitKind.TIMED_RETURNS_FALSE);
        case "awaitUninterruptibly" -> Optional.of(WaitKind.UNTIMED);
        case "awaitUntil" -> Optional.of(WaitKind.TIMED_RETURNS_FALSE);
        default -> Optional.empty();
      };
    }
    if (name.equals("wait") && method.owner.getQualifiedName().contentEquals("java.lang.Object")) {
      return Optional.of(
          arity == 0 || isZero(args.get(0)) ? WaitKind.UNTIMED : WaitKind.TIMED_SILENT);
    }
    if (owned(method, "java.util.concurrent.BlockingQueue")) {
      if (name.equals("take")) {
        return Optional.of(WaitKind.UNTIMED);
      }
      if (name.equals("poll") && arity == 2) {
        return Optional.of(WaitKind.TIMED_RETURNS_NULL);
      }
      return Optional.empty();
    }
    if (owned(method, "java.util.concurrent.ExecutorService")) {
      return switch (name) {
        case "awaitTermination" -> Optional.of(WaitKind.TIMED_RETURNS_FALSE);
        // invokeAll returns once every task is done; with a timeout, unfinished ones are only
        // cancelled, and cancelling does not wait for them.
        case "invokeAll" -> Optional.of(arity == 1 ? WaitKind.UNTIMED : WaitKind.TIMED_SILENT);
        case "invokeAny" ->
            arity == 1 ? Optional.empty() : Optional.of(WaitKind.TIMED_THROWS_TIMEOUT);
        case "close" -> Optional.of(WaitKind.UNTIMED);
        default -> Optional.empty();
      };
    }
    return helperWait(call);
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
        && ASTHelpers.getSymbol(inner) instanceof MethodSymbol innerMethod
        && owned(innerMethod, "java.util.concurrent.CompletableFuture")
        && (innerMethod.getSimpleName().contentEquals("orTimeout")
            || innerMethod.getSimpleName().contentEquals("completeOnTimeout"))) {
      return Optional.of(innerMethod.getSimpleName().toString());
    }
    return Optional.empty();
  }

  /**
   * The expression whose task {@code wait} waits for: the future, thread, latch, queue, condition,
   * monitor or executor; empty for {@code Thread.sleep} and calls on the implicit {@code this}. For
   * {@code cf.orTimeout(t, u).join()} it is {@code cf}.
   */
  Optional<ExpressionTree> waitedOn(MethodInvocationTree wait) {
    OptionalInt helperArgument = helpers.waitedArgument(wait, state);
    if (helperArgument.isPresent()) {
      return Optional.of(BareExpression.of(wait.getArguments().get(helperArgument.getAsInt())));
    }
    ExpressionTree receiver = ASTHelpers.getReceiver(wait);
    if (receiver == null || ASTHelpers.getSymbol(wait) instanceof MethodSymbol m && m.isStatic()) {
      return Optional.empty();
    }
    if (timeoutWrapper(wait).isPresent()) {
      receiver = ASTHelpers.getReceiver((MethodInvocationTree) BareExpression.of(receiver));
    }
    return Optional.ofNullable(receiver).map(BareExpression::of);
  }

  private static boolean isZero(ExpressionTree arg) {
    Object value = ASTHelpers.constValue(arg);
    return value instanceof Number n && n.longValue() == 0;
  }

  private boolean owned(MethodSymbol method, String owner) {
    return AcquireReleasePairs.isSubtype(method.owner.type, owner, state);
  }
}
