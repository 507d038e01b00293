package dev.stallcheck;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * The abandoned waiter: a waiter registered with a channel that another thread serves with a grant,
 * given up on after a timed wait without being withdrawn.
 */
class ReleaseOrderedByTimeoutWaitersTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(ReleaseOrderedByTimeout.class, getClass())
          .setArgs("-XepOpt:ReleaseOrderedByTimeout:FailOnAnalysisError=true");

  /** A waiter list handing permits to the first waiter, as a bulkhead does. */
  private static final String[] WAITERS = {
    "package demo;",
    "import java.util.ArrayDeque;",
    "import java.util.concurrent.CompletableFuture;",
    "final class Waiters {",
    "  private final ArrayDeque<CompletableFuture<Void>> queue = new ArrayDeque<>();",
    "  CompletableFuture<Void> add() {",
    "    CompletableFuture<Void> waiter = new CompletableFuture<>();",
    "    queue.add(waiter);",
    "    return waiter;",
    "  }",
    "  CompletableFuture<Void> pollFirst() { return queue.pollFirst(); }",
    "  boolean remove(CompletableFuture<Void> waiter) { return queue.remove(waiter); }",
    "}",
  };

  private static String[] bulkhead(String... tryAcquireBody) {
    String[] head = {
      "package demo;",
      "import java.time.Duration;",
      "import java.util.concurrent.CompletableFuture;",
      "import java.util.concurrent.ExecutionException;",
      "import java.util.concurrent.TimeUnit;",
      "import java.util.concurrent.TimeoutException;",
      "class Bulkhead {",
      "  private static final CompletableFuture<Void> GRANTED = CompletableFuture.completedFuture(null);",
      "  private final int maxPermits = 4;",
      "  private int permits = 4;",
      "  private final Waiters waiters = new Waiters();",
      "  synchronized CompletableFuture<Void> acquirePermitAsync() {",
      "    if (permits > 0) {",
      "      permits -= 1;",
      "      return GRANTED;",
      "    }",
      "    return waiters.add();",
      "  }",
      "  synchronized void releasePermit() {",
      "    if (permits < maxPermits) {",
      "      permits += 1;",
      "      CompletableFuture<Void> waiter = waiters.pollFirst();",
      "      if (waiter != null) {",
      "        permits -= 1;",
      "        waiter.complete(null);",
      "      }",
      "    }",
      "  }",
      "  boolean tryAcquirePermit(Duration maxWait) throws InterruptedException {",
      "    CompletableFuture<Void> future = acquirePermitAsync();",
      "    if (future == GRANTED) {",
      "      return true;",
      "    }",
    };
    return Lines.of(head, tryAcquireBody, new String[] {"  }", "}"});
  }

  /** {@code bulkhead}'s source with a grant that skips a waiter already cancelled or completed. */
  private static String[] skippingSettledWaiters(String[] bulkhead) {
    String[] source = bulkhead.clone();
    for (int i = 0; i < source.length; i++) {
      if (source[i].equals("      if (waiter != null) {")) {
        source[i] = "      if (waiter != null && !waiter.isDone()) {";
      }
    }
    return source;
  }

  /**
   * The rest of {@code tryAcquirePermit} once the waiter is registered: a timed wait for it, then
   * on the timeout {@code onTimeout} and {@code return false}.
   */
  private static String[] timedWait(String... onTimeout) {
    return timedWaitAfter(new String[0], onTimeout);
  }

  /** {@link #timedWait}, the wait reported with a message that contains {@code diagnostic}. */
  private static String[] reportedTimedWait(String diagnostic, String... onTimeout) {
    return timedWaitAfter(
        new String[] {"      // BUG: Diagnostic contains: " + diagnostic}, onTimeout);
  }

  /** Compiles {@code bulkhead} beside {@link #WAITERS}, checking its expected diagnostics. */
  private void testBulkhead(String[] bulkhead) {
    helper
        .addSourceLines("demo/Waiters.java", WAITERS)
        .addSourceLines("demo/Bulkhead.java", bulkhead)
        .doTest();
  }

  private static String[] timedWaitAfter(String[] beforeWait, String[] onTimeout) {
    return Lines.of(
        new String[] {"    try {"},
        beforeWait,
        new String[] {
          "      future.get(maxWait.toNanos(), TimeUnit.NANOSECONDS);",
          "      return true;",
          "    } catch (ExecutionException | TimeoutException e) {"
        },
        onTimeout,
        new String[] {"      return false;", "    }"});
  }

  @Test
  void identificationWaiterLeftQueuedAfterTimeoutReceivesAPermitNobodyReturns() {
    testBulkhead(
        bulkhead(
            reportedTimedWait(
                "if `future.get(maxWait.toNanos(), NANOSECONDS)` times out, the waiter stays"
                    + " registered in `waiters`: Bulkhead.releasePermit later takes it out, takes a"
                    + " resource for it (`permits -= 1`) and hands that over with"
                    + " `waiter.complete(...)` (line 25), where nobody reads it or gives it back;"
                    + " when the wait times out, take the waiter back out of `waiters`, and give"
                    + " back what it was granted if the grant came first (it is no longer there);"
                    + " cancelling or completing it is not enough, since the grant ignores whether"
                    + " its delivery took.")));
  }

  /**
   * A cancelled waiter stays in the channel, and the grant, which ignores whether its delivery
   * took, still takes a permit for it.
   */
  @Test
  void identificationWaiterCancelledOnTimeoutStillTakesAPermit() {
    testBulkhead(
        bulkhead(
            reportedTimedWait(
                "cancelling or completing it is not enough", "      future.cancel(false);")));
  }

  @Test
  void identificationWaiterCompletedOnTimeoutStillTakesAPermit() {
    testBulkhead(
        bulkhead(
            reportedTimedWait(
                "the waiter stays registered in `waiters`",
                "      future.completeExceptionally(e);")));
  }

  /** A grant that asks each waiter whether it is still wanted skips a cancelled one. */
  @Test
  void negativeWaiterCancelledWhereTheGrantSkipsSettledWaiters() {
    testBulkhead(skippingSettledWaiters(bulkhead(timedWait("      future.cancel(false);"))));
  }

  /** Left as it is, the waiter takes a permit even from a grant that would skip a cancelled one. */
  @Test
  void identificationGrantSkipsSettledWaitersButTheWaiterIsLeftAsItIs() {
    testBulkhead(
        skippingSettledWaiters(
            bulkhead(
                reportedTimedWait(
                    "when the wait times out, cancel the waiter (the grant skips one no longer"
                        + " wanted) or take it back out of `waiters`"))));
  }

  @Test
  void negativeWaiterWithdrawnFromTheChannelOnTimeout() {
    testBulkhead(bulkhead(timedWait("      synchronized (this) { waiters.remove(future); }")));
  }

  /**
   * The fix ReleaseOrderedByTimeout.md shows for the abandoned waiter: withdrawn under the lock the
   * grant is made under, and a grant that came first given back.
   */
  @Test
  void negativeWaiterWithdrawnAndAGrantThatCameFirstGivenBack() {
    testBulkhead(
        bulkhead(
            timedWait(
                "      synchronized (this) {",
                "        if (waiters.remove(future)) {",
                "          return false;",
                "        }",
                "      }",
                "      releasePermit();")));
  }

  @Test
  void negativeLateGrantGivenBackWhenItArrives() {
    testBulkhead(bulkhead(timedWait("      future.whenComplete((r, error) -> releasePermit());")));
  }

  @Test
  void negativeUntimedWait() {
    testBulkhead(
        bulkhead(
            "    try {",
            "      future.get();",
            "      return true;",
            "    } catch (ExecutionException e) {",
            "      return false;",
            "    }"));
  }

  @Test
  void negativeGrantThatChecksTheWaiterStillWants() {
    helper
        .addSourceLines("demo/Waiters.java", WAITERS)
        .addSourceLines(
            "demo/Bulkhead.java",
            "package demo;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.TimeUnit;",
            "import java.util.concurrent.TimeoutException;",
            "class Bulkhead {",
            "  private int permits;",
            "  private final Waiters waiters = new Waiters();",
            "  synchronized void releasePermit() {",
            "    CompletableFuture<Void> waiter = waiters.pollFirst();",
            "    permits -= 1;",
            "    if (waiter == null || !waiter.complete(null)) {",
            "      permits += 1;",
            "    }",
            "  }",
            "  boolean tryAcquirePermit(long nanos) throws Exception {",
            "    CompletableFuture<Void> future;",
            "    synchronized (this) { future = waiters.add(); }",
            "    try {",
            "      future.get(nanos, TimeUnit.NANOSECONDS);",
            "      return true;",
            "    } catch (TimeoutException e) {",
            "      return false;",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  /**
   * A request queue served by an allocation thread, with a callback future, as a resource manager
   * has.
   */
  private static String[] resourceManager(String... allocateBody) {
    String[] head = {
      "package demo;",
      "import java.util.concurrent.BlockingQueue;",
      "import java.util.concurrent.LinkedBlockingQueue;",
      "import java.util.concurrent.TimeUnit;",
      "class ResourceManager {",
      "  interface Callback<T> { void run(T value); }",
      "  static final class CallFuture<T> extends java.util.concurrent.CompletableFuture<T> implements Callback<T> {",
      "    @Override public void run(T value) { complete(value); }",
      "  }",
      "  static final class Slots {",
      "    private int free = 8;",
      "    synchronized void allocateSlot() { free--; }",
      "    synchronized void releaseSlot() { free++; }",
      "  }",
      "  static final class Request {",
      "    final Callback<String> callBack;",
      "    Request(Callback<String> callBack) { this.callBack = callBack; }",
      "  }",
      "  private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();",
      "  private final Slots slots = new Slots();",
      "  void start() { new Allocator().start(); }",
      "  final class Allocator extends Thread {",
      "    @Override public void run() {",
      "      try {",
      "        while (true) {",
      "          Request request = requests.take();",
      "          String container = choose();",
      "          request.callBack.run(container);",
      "        }",
      "      } catch (InterruptedException e) {",
      "        Thread.currentThread().interrupt();",
      "      }",
      "    }",
      "  }",
      "  private String choose() {",
      "    slots.allocateSlot();",
      "    return \"container-1\";",
      "  }",
      "  void releaseContainer(String container) { slots.releaseSlot(); }",
      "  void enqueue(Callback<String> callBack) throws InterruptedException {",
      "    requests.put(new Request(callBack));",
      "  }",
      "  String allocate() throws InterruptedException {",
      "    CallFuture<String> callFuture = new CallFuture<>();",
      "    enqueue(callFuture);",
    };
    return Lines.of(head, allocateBody, new String[] {"  }", "}"});
  }

  @Test
  void identificationRequestQueuedWithCallbackAbandonedAfterTimeout() {
    helper
        .addSourceLines(
            "demo/ResourceManager.java",
            resourceManager(
                "    try {",
                "      // BUG: Diagnostic contains: the waiter stays registered in `requests`:"
                    + " Allocator.run later takes it out, takes a resource for it (`slots.allocateSlot()`) and"
                    + " hands that over with `request.callBack.run(...)` (line 28)",
                "      return callFuture.get(3, TimeUnit.SECONDS);",
                "    } catch (Throwable t) {",
                "      return null;",
                "    }"))
        .doTest();
  }

  @Test
  void negativeLateContainerReleasedByACallbackOnTimeout() {
    helper
        .addSourceLines(
            "demo/ResourceManager.java",
            resourceManager(
                "    try {",
                "      return callFuture.get(3, TimeUnit.SECONDS);",
                "    } catch (Throwable t) {",
                "      callFuture.thenAccept(this::releaseContainer);",
                "      return null;",
                "    }"))
        .doTest();
  }

  @Test
  void negativeServingThreadGrantsNothing() {
    helper
        .addSourceLines(
            "demo/Replies.java",
            "package demo;",
            "import java.util.concurrent.BlockingQueue;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.LinkedBlockingQueue;",
            "import java.util.concurrent.TimeUnit;",
            "class Replies {",
            "  private final BlockingQueue<CompletableFuture<String>> pending = new LinkedBlockingQueue<>();",
            "  void serve() throws InterruptedException {",
            "    CompletableFuture<String> next = pending.take();",
            "    next.complete(\"pong\");",
            "  }",
            "  String ping() throws Exception {",
            "    CompletableFuture<String> reply = new CompletableFuture<>();",
            "    pending.put(reply);",
            "    try {",
            "      return reply.get(1, TimeUnit.SECONDS);",
            "    } catch (java.util.concurrent.TimeoutException e) {",
            "      return null;",
            "    }",
            "  }",
            "}")
        .doTest();
  }
}
