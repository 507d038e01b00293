package dev.stallcheck.api;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.errorprone.matchers.Matcher;
import com.sun.source.tree.ExpressionTree;

/**
 * The JDK's blocking waits, and Guava's forms of them, one vocabulary for both checks:
 * BlockingPutUnderLock counts the untimed waits that give a lock back ({@link #UNTIMED_LOCK_WAIT}),
 * ReleaseOrderedByTimeout tells timed waits from untimed ones on every kind.
 */
public final class WaitApis {
  private static final String CONDITION = "java.util.concurrent.locks.Condition";
  private static final String BLOCKING_QUEUE = "java.util.concurrent.BlockingQueue";
  private static final String EXECUTOR_SERVICE = "java.util.concurrent.ExecutorService";
  private static final String THREAD = "java.lang.Thread";
  private static final String COMPLETION_SERVICE = "java.util.concurrent.CompletionService";

  /**
   * {@code Object.wait()}, {@code wait(ms)} and {@code wait(ms, nanos)}: final in {@code Object},
   * so no other method has one of these signatures.
   */
  public static final Matcher<ExpressionTree> MONITOR_WAIT =
      anyOf(
          instanceMethod().anyClass().named("wait").withNoParameters(),
          instanceMethod().anyClass().named("wait").withParameters("long"),
          instanceMethod().anyClass().named("wait").withParameters("long", "int"));

  /** {@code Condition.await()} and {@code await(t, unit)}. */
  public static final Matcher<ExpressionTree> CONDITION_AWAIT =
      instanceMethod().onDescendantOf(CONDITION).named("await");

  public static final Matcher<ExpressionTree> CONDITION_AWAIT_UNINTERRUPTIBLY =
      instanceMethod().onDescendantOf(CONDITION).named("awaitUninterruptibly");

  public static final Matcher<ExpressionTree> CONDITION_AWAIT_UNTIL =
      instanceMethod().onDescendantOf(CONDITION).named("awaitUntil");

  /**
   * {@code awaitNanos(n)} returns what is left of {@code n}, at most 0 on timeout; callers rarely
   * read it as a success check.
   */
  public static final Matcher<ExpressionTree> CONDITION_AWAIT_NANOS =
      instanceMethod().onDescendantOf(CONDITION).named("awaitNanos");

  /**
   * The untimed waits that give a lock back while they wait: {@code wait()} gives back the monitor,
   * {@code Condition.await()}/{@code awaitUninterruptibly()} the lock the condition belongs to.
   */
  public static final Matcher<ExpressionTree> UNTIMED_LOCK_WAIT =
      anyOf(
          instanceMethod().anyClass().named("wait").withNoParameters(),
          instanceMethod()
              .onDescendantOf(CONDITION)
              .namedAnyOf("await", "awaitUninterruptibly")
              .withNoParameters());

  /**
   * The names of the methods {@link #UNTIMED_LOCK_WAIT} matches: a call named otherwise is none,
   * settled without the matcher (asked at every call of a compilation).
   */
  public static final NameSet UNTIMED_LOCK_WAIT_NAMES =
      NameSet.of("wait", "await", "awaitUninterruptibly");

  /** {@code CompletableFuture.join()}/{@code get()}: untimed unless a timeout was added before. */
  public static final Matcher<ExpressionTree> COMPLETABLE_FUTURE_RESULT =
      instanceMethod()
          .onDescendantOf("java.util.concurrent.CompletableFuture")
          .namedAnyOf("join", "get")
          .withNoParameters();

  /** {@code cf.orTimeout(t, unit)} and {@code cf.completeOnTimeout(v, t, unit)}. */
  public static final Matcher<ExpressionTree> COMPLETABLE_FUTURE_TIMEOUT =
      instanceMethod()
          .onDescendantOf("java.util.concurrent.CompletableFuture")
          .namedAnyOf("orTimeout", "completeOnTimeout");

  public static final Matcher<ExpressionTree> FUTURE_GET =
      instanceMethod().onDescendantOf("java.util.concurrent.Future").named("get");

  public static final Matcher<ExpressionTree> LATCH_AWAIT =
      instanceMethod().onDescendantOf("java.util.concurrent.CountDownLatch").named("await");

  /**
   * {@code CyclicBarrier.await()} returns once every party has arrived; {@code await(t, unit)}
   * throws {@code TimeoutException} when one has not.
   */
  public static final Matcher<ExpressionTree> BARRIER_AWAIT =
      instanceMethod().onDescendantOf("java.util.concurrent.CyclicBarrier").named("await");

  /**
   * {@code Phaser.awaitAdvance(phase)}/{@code awaitAdvanceInterruptibly(phase)} return once the
   * phase has advanced; {@code awaitAdvanceInterruptibly(phase, t, unit)} throws {@code
   * TimeoutException} when it has not.
   */
  public static final Matcher<ExpressionTree> PHASER_AWAIT_ADVANCE =
      instanceMethod()
          .onDescendantOf("java.util.concurrent.Phaser")
          .namedAnyOf("awaitAdvance", "awaitAdvanceInterruptibly");

  /**
   * {@code CompletionService.take()} returns a completed task's future; {@code poll(t, unit)}
   * returns {@code null} when none completed in time ({@code poll()} does not wait).
   */
  public static final Matcher<ExpressionTree> COMPLETION_SERVICE_TAKE =
      instanceMethod().onDescendantOf(COMPLETION_SERVICE).namedAnyOf("take", "poll");

  public static final Matcher<ExpressionTree> THREAD_JOIN =
      instanceMethod().onDescendantOf(THREAD).named("join");

  public static final Matcher<ExpressionTree> THREAD_SLEEP =
      staticMethod().onClass(THREAD).named("sleep");

  /** {@code TimeUnit.SECONDS.sleep(n)}: {@code Thread.sleep} in the unit's terms. */
  public static final Matcher<ExpressionTree> TIME_UNIT_SLEEP =
      instanceMethod().onDescendantOf("java.util.concurrent.TimeUnit").named("sleep");

  /**
   * {@code exchange(x)} returns once the partner thread arrives; {@code exchange(x, t, unit)}
   * throws {@code TimeoutException} when it does not.
   */
  public static final Matcher<ExpressionTree> EXCHANGE =
      instanceMethod().onDescendantOf("java.util.concurrent.Exchanger").named("exchange");

  public static final Matcher<ExpressionTree> QUEUE_TAKE =
      instanceMethod().onDescendantOf(BLOCKING_QUEUE).named("take");

  /** {@code poll(t, unit)}; {@code poll()} does not wait. */
  public static final Matcher<ExpressionTree> QUEUE_TIMED_POLL =
      instanceMethod()
          .onDescendantOf(BLOCKING_QUEUE)
          .named("poll")
          .withParameters("long", "java.util.concurrent.TimeUnit");

  public static final Matcher<ExpressionTree> AWAIT_TERMINATION =
      instanceMethod().onDescendantOf(EXECUTOR_SERVICE).named("awaitTermination");

  public static final Matcher<ExpressionTree> INVOKE_ALL =
      instanceMethod().onDescendantOf(EXECUTOR_SERVICE).named("invokeAll");

  public static final Matcher<ExpressionTree> INVOKE_ANY =
      instanceMethod().onDescendantOf(EXECUTOR_SERVICE).named("invokeAny");

  /** {@code ExecutorService.close()} (Java 19+) waits for the tasks to finish. */
  public static final Matcher<ExpressionTree> EXECUTOR_CLOSE =
      instanceMethod().onDescendantOf(EXECUTOR_SERVICE).named("close").withNoParameters();

  /**
   * Any method of a condition, a blocking queue, an executor or a completion service: those that
   * are no wait above are neither waits nor helpers that wait.
   */
  public static final Matcher<ExpressionTree> OTHER_WAITING_TYPES =
      instanceMethod()
          .onDescendantOfAny(CONDITION, BLOCKING_QUEUE, EXECUTOR_SERVICE, COMPLETION_SERVICE);

  private static final String GUAVA = "com.google.common.util.concurrent.";

  /**
   * Guava's forms of the waits above, static methods that take the waited object first (a future,
   * latch, condition, thread, executor or queue), with or without a timeout after it: {@code
   * Uninterruptibles.getUninterruptibly}, {@code awaitUninterruptibly}, {@code
   * joinUninterruptibly}, {@code awaitTerminationUninterruptibly}, {@code takeUninterruptibly},
   * {@code MoreExecutors.shutdownAndAwaitTermination} and {@code Futures.getUnchecked}; {@code
   * Futures.getChecked}, whose timeout follows the exception class it is given; and {@code
   * Uninterruptibles.sleepUninterruptibly}, which waits on nothing.
   */
  public static final Matcher<ExpressionTree> GUAVA_WAIT =
      anyOf(
          staticMethod()
              .onClass(GUAVA + "Uninterruptibles")
              .namedAnyOf(
                  "getUninterruptibly",
                  "awaitUninterruptibly",
                  "joinUninterruptibly",
                  "awaitTerminationUninterruptibly",
                  "takeUninterruptibly",
                  "sleepUninterruptibly"),
          staticMethod().onClass(GUAVA + "MoreExecutors").named("shutdownAndAwaitTermination"),
          staticMethod().onClass(GUAVA + "Futures").namedAnyOf("getUnchecked", "getChecked"));

  private WaitApis() {}
}
