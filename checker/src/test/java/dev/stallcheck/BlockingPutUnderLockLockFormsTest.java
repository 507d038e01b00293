package dev.stallcheck;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Identification tests for the ways real code holds a lock besides writing {@code lock()} and
 * {@code unlock()} in the method that sends (issue 9): lock wrappers in try-with-resources,
 * monitor-style classes, lock and unlock in helpers, templates that run a callback under a lock,
 * locks the JDK holds while a callback runs, and the {@code LockMethods} option. Each form with the
 * negatives that must stay silent.
 */
final class BlockingPutUnderLockLockFormsTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(BlockingPutUnderLock.class, getClass())
          .setArgs("-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true");

  /** Jetty's AutoLock: {@code lock()} takes the lock and returns the wrapper; close() unlocks. */
  private static final String[] AUTO_LOCK = {
    "import java.util.concurrent.locks.ReentrantLock;",
    "final class AutoLock implements AutoCloseable {",
    "  private final ReentrantLock _lock = new ReentrantLock();",
    "  AutoLock lock() {",
    "    _lock.lock();",
    "    return this;",
    "  }",
    "  @Override",
    "  public void close() {",
    "    _lock.unlock();",
    "  }",
    "}"
  };

  @Test
  void identificationLockWrapperInTryWithResources() {
    helper
        .addSourceLines("AutoLock.java", AUTO_LOCK)
        .addSourceLines(
            "Test.java",
            "import java.util.concurrent.*;",
            "class Test {",
            "  private final AutoLock lock = new AutoLock();",
            "  private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(8);",
            "  void send(String x) throws InterruptedException {",
            "    try (AutoLock l = lock.lock()) {",
            "      // BUG: Diagnostic contains: `lock._lock` (taken in `lock()`, line 6)",
            "      queue.put(x);",
            "    }",
            "    queue.put(x);",
            "  }",
            "  void closedBeforeTheSend(String x) throws InterruptedException {",
            "    try (AutoLock l = lock.lock()) {",
            "      x = x.trim();",
            "    }",
            "    queue.put(x);",
            "    AutoLock l = lock.lock();",
            "    l.close();",
            "    queue.put(x);",
            "  }",
            "  void closedInFinally(String x) throws InterruptedException {",
            "    AutoLock l = lock.lock();",
            "    try {",
            "      // BUG: Diagnostic contains: taken in `lock()`",
            "      queue.put(x);",
            "    } finally {",
            "      l.close();",
            "    }",
            "    queue.put(x);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationLockGuardTakingItsLockInItsConstructor() {
    helper
        .addSourceLines(
            "LockGuard.java",
            "import java.util.concurrent.locks.Lock;",
            "final class LockGuard implements AutoCloseable {",
            "  private final Lock lock;",
            "  private LockGuard(Lock lock) {",
            "    this.lock = lock;",
            "    lock.lock();",
            "  }",
            "  static LockGuard locked(Lock lock) {",
            "    return new LockGuard(lock);",
            "  }",
            "  @Override",
            "  public void close() {",
            "    lock.unlock();",
            "  }",
            "}")
        .addSourceLines(
            "Test.java",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Test {",
            "  private final ReadWriteLock rw = new ReentrantReadWriteLock();",
            "  private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(8);",
            "  void send(String x) throws InterruptedException {",
            "    try (LockGuard g = LockGuard.locked(rw.writeLock())) {",
            "      // BUG: Diagnostic contains: `rw.writeLock()` (taken in `locked()`, line 7)",
            "      queue.put(x);",
            "    }",
            "    queue.put(x);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationGuavaMonitor() {
    helper
        .addSourceLines(
            "Test.java",
            "import com.google.common.util.concurrent.Monitor;",
            "import java.util.concurrent.*;",
            "class Test {",
            "  private final Monitor monitor = new Monitor();",
            "  private final Monitor.Guard ready = monitor.newGuard(() -> true);",
            "  private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(8);",
            "  void enter(String x) throws InterruptedException {",
            "    monitor.enter();",
            "    try {",
            "      // BUG: Diagnostic contains: `monitor` (taken at line 8)",
            "      queue.put(x);",
            "    } finally {",
            "      monitor.leave();",
            "    }",
            "    queue.put(x);",
            "  }",
            "  void enterWhen(String x) throws InterruptedException {",
            "    monitor.enterWhen(ready);",
            "    try {",
            "      // BUG: Diagnostic contains: `monitor` (taken at line 18)",
            "      queue.put(x);",
            "    } finally {",
            "      monitor.leave();",
            "    }",
            "  }",
            "  void tryEnter(String x) throws InterruptedException {",
            "    if (monitor.tryEnter()) {",
            "      try {",
            "        // BUG: Diagnostic contains: `monitor` (taken at line 27)",
            "        queue.put(x);",
            "      } finally {",
            "        monitor.leave();",
            "      }",
            "    } else {",
            "      queue.put(x);",
            "    }",
            "  }",
            "  void enterIf(String x) throws InterruptedException {",
            "    if (!monitor.enterIf(ready)) {",
            "      queue.put(x);",
            "      return;",
            "    }",
            "    try {",
            "      // BUG: Diagnostic contains: `monitor` (taken at line 39)",
            "      queue.put(x);",
            "    } finally {",
            "      monitor.leave();",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationInHouseMonitorSeenFromItsBody() {
    helper
        .addSourceLines(
            "StateGuard.java",
            "import java.util.concurrent.locks.*;",
            "final class StateGuard {",
            "  private final Lock lock = new ReentrantLock();",
            "  void enter() {",
            "    lock.lock();",
            "  }",
            "  void leave() {",
            "    lock.unlock();",
            "  }",
            "}")
        .addSourceLines(
            "Test.java",
            "import java.util.concurrent.*;",
            "class Test {",
            "  private final StateGuard guard = new StateGuard();",
            "  private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(8);",
            "  void send(String x) throws InterruptedException {",
            "    guard.enter();",
            "    try {",
            "      // BUG: Diagnostic contains: `guard.lock` (taken in `enter()`, line 6)",
            "      queue.put(x);",
            "    } finally {",
            "      guard.leave();",
            "    }",
            "    queue.put(x);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationLockAndUnlockInHelpers() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Test {",
            "  private final Lock stateLock = new ReentrantLock();",
            "  private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(8);",
            "  private void acquireState() {",
            "    stateLock.lock();",
            "  }",
            "  private void releaseState() {",
            "    stateLock.unlock();",
            "  }",
            "  private void touchState() {",
            "    stateLock.lock();",
            "    try {",
            "      queue.clear();",
            "    } finally {",
            "      stateLock.unlock();",
            "    }",
            "  }",
            "  void send(String x) throws InterruptedException {",
            "    acquireState();",
            "    try {",
            "      // BUG: Diagnostic contains: `stateLock` (taken in `acquireState()`, line 21)",
            "      queue.put(x);",
            "    } finally {",
            "      releaseState();",
            "    }",
            "    queue.put(x);",
            "  }",
            "  void lockedAndUnlockedBeforeReturning(String x) throws InterruptedException {",
            "    touchState();",
            "    queue.put(x);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationTemplates() {
    helper
        .addSourceLines(
            "Locks.java",
            "import java.util.concurrent.locks.Lock;",
            "final class Locks {",
            "  interface Action { void run() throws InterruptedException; }",
            "  static void inLock(Lock lock, Action action) throws InterruptedException {",
            "    lock.lock();",
            "    try {",
            "      action.run();",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "  }",
            "}")
        .addSourceLines(
            "Test.java",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Test {",
            "  private final Lock lock = new ReentrantLock();",
            "  private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(8);",
            "  private final ExecutorService executor = Executors.newSingleThreadExecutor();",
            "  void withLock(Runnable r) {",
            "    synchronized (this) {",
            "      r.run();",
            "    }",
            "  }",
            "  void later(Runnable r) {",
            "    synchronized (this) {",
            "      executor.execute(r);",
            "      executor.execute(() -> r.run());",
            "    }",
            "  }",
            "  void send(String x) throws InterruptedException {",
            "    // BUG: Diagnostic contains: `lock` (taken in `inLock()`, line 20)",
            "    Locks.inLock(lock, () -> queue.put(x));",
            "    withLock(",
            "        () -> {",
            "          try {",
            "            // BUG: Diagnostic contains: `this` (taken in `withLock()`, line 21)",
            "            queue.put(x);",
            "          } catch (InterruptedException e) {",
            "            Thread.currentThread().interrupt();",
            "          }",
            "        });",
            "    later(",
            "        () -> {",
            "          try {",
            "            queue.put(x);",
            "          } catch (InterruptedException e) {",
            "            Thread.currentThread().interrupt();",
            "          }",
            "        });",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationJdkLocksHeldWhileACallbackRuns() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "class Test {",
            "  private final ConcurrentHashMap<String, Integer> counts = new ConcurrentHashMap<>();",
            "  private final ConcurrentMap<String, Integer> sorted = new ConcurrentSkipListMap<>();",
            "  private final Map<String, Integer> shared = Collections.synchronizedMap(new HashMap<>());",
            "  private final Map<String, Integer> plain = new HashMap<>();",
            "  private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(8);",
            "  void send(String x) {",
            "    counts.computeIfAbsent(",
            "        x,",
            "        k -> {",
            "          try {",
            "            // BUG: Diagnostic contains: the bin lock of `counts` (held by"
                + " `counts.computeIfAbsent(...)` while its function runs, line 10: every writer"
                + " of that bin stalls)",
            "            queue.put(k);",
            "          } catch (InterruptedException e) {",
            "            Thread.currentThread().interrupt();",
            "          }",
            "          return 1;",
            "        });",
            "    counts.computeIfAbsent(x, k -> k.length());",
            "    sorted.computeIfAbsent(",
            "        x,",
            "        k -> {",
            "          try {",
            "            queue.put(k);",
            "          } catch (InterruptedException e) {",
            "            Thread.currentThread().interrupt();",
            "          }",
            "          return 1;",
            "        });",
            "    shared.forEach(",
            "        (k, v) -> {",
            "          try {",
            "            // BUG: Diagnostic contains: the mutex of the synchronized collection `shared`",
            "            queue.put(k);",
            "          } catch (InterruptedException e) {",
            "            Thread.currentThread().interrupt();",
            "          }",
            "        });",
            "    plain.forEach(",
            "        (k, v) -> {",
            "          try {",
            "            queue.put(k);",
            "          } catch (InterruptedException e) {",
            "            Thread.currentThread().interrupt();",
            "          }",
            "        });",
            "  }",
            "}")
        .doTest();
  }

  /**
   * A semaphore made with {@code Integer.MAX_VALUE} permits bounds no buffer: one permit waits only
   * while a drain holds them all. One that may have been made with fewer still counts.
   */
  @Test
  void identificationSemaphoreWithUnlimitedPermits() {
    helper
        .addSourceLines(
            "Streamer.java",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "class Streamer {",
            "  private final Semaphore remaps = new Semaphore(Integer.MAX_VALUE);",
            "  private final Semaphore sized;",
            "  private final Deque<String> pending = new ArrayDeque<>();",
            "  Streamer(boolean limited) {",
            "    sized = limited ? new Semaphore(16) : new Semaphore(Integer.MAX_VALUE);",
            "  }",
            "  synchronized void remap(String x) throws InterruptedException {",
            "    remaps.acquire();",
            "    pending.add(x);",
            "  }",
            "  synchronized void send(String x) throws InterruptedException {",
            "    // BUG: Diagnostic contains: `sized.acquire()` waits for a free permit",
            "    sized.acquire();",
            "    pending.add(x);",
            "  }",
            "  synchronized void drain() throws InterruptedException {",
            "    remaps.acquire(Integer.MAX_VALUE);",
            "    remaps.release(Integer.MAX_VALUE);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationSemaphoreBoundedBuffer() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "class Test {",
            "  private final Semaphore slots = new Semaphore(16);",
            "  private final Semaphore connections = new Semaphore(4);",
            "  private final Deque<String> items = new ArrayDeque<>();",
            "  synchronized void offerUnderLock(String x) throws InterruptedException {",
            "    // BUG: Diagnostic contains: `slots.acquire()` waits for a free permit",
            "    slots.acquire();",
            "    items.addLast(x);",
            "  }",
            "  synchronized void limitsConcurrencyOnly() throws InterruptedException {",
            "    connections.acquire();",
            "    try {",
            "      items.clear();",
            "    } finally {",
            "      connections.release();",
            "    }",
            "  }",
            "  private final Semaphore creators = new Semaphore(64);",
            "  private final Map<String, Object> cache = new HashMap<>();",
            "  synchronized Object throttledCreate(String key) throws InterruptedException {",
            "    creators.acquire();",
            "    try {",
            "      Object created = new Object();",
            "      cache.put(key, created);",
            "      return created;",
            "    } finally {",
            "      creators.release();",
            "    }",
            "  }",
            "  synchronized void givenBackAfter(String key) throws InterruptedException {",
            "    creators.acquireUninterruptibly();",
            "    cache.put(key, key);",
            "    creators.release();",
            "  }",
            "  synchronized void givenBackOnFailureOnly(String x) throws InterruptedException {",
            "    // BUG: Diagnostic contains: `slots.acquire()` waits for a free permit",
            "    slots.acquire();",
            "    try {",
            "      items.addLast(x);",
            "    } catch (RuntimeException e) {",
            "      slots.release();",
            "      throw e;",
            "    }",
            "  }",
            "  synchronized void otherSemaphoreGivenBack(String x) throws InterruptedException {",
            "    // BUG: Diagnostic contains: `slots.acquire()` waits for a free permit",
            "    slots.acquire();",
            "    try {",
            "      items.addLast(x);",
            "    } finally {",
            "      connections.release();",
            "    }",
            "  }",
            "  synchronized void tries(String x) {",
            "    if (slots.tryAcquire()) {",
            "      items.addLast(x);",
            "    }",
            "  }",
            "  void withoutLock(String x) throws InterruptedException {",
            "    slots.acquire();",
            "    synchronized (this) {",
            "      items.addLast(x);",
            "    }",
            "  }",
            "  private void enqueue(String x) {",
            "    // BUG: Diagnostic contains: can block while a caller holds `Test.this`: `enqueue(x)`",
            "    slots.acquireUninterruptibly();",
            "    items.add(x);",
            "  }",
            "  synchronized void throughAHelper(String x) {",
            "    // BUG: Diagnostic contains: `enqueue(x)` can block while `this`",
            "    enqueue(x);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationOptimisticStampedReadIsNoLock() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.StampedLock;",
            "class Test {",
            "  private final StampedLock sl = new StampedLock();",
            "  private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(8);",
            "  void send(String x) throws InterruptedException {",
            "    long stamp = sl.tryOptimisticRead();",
            "    queue.put(x);",
            "    if (!sl.validate(stamp)) {",
            "      queue.put(x);",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationLockMethodsOption() {
    CompilationTestHelper.newInstance(BlockingPutUnderLock.class, getClass())
        .setArgs(
            "-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true",
            "-XepOpt:BlockingPutUnderLock:LockMethods=com.acme.Guard#enter:com.acme.Guard#exit")
        .addSourceLines(
            "Guard.java",
            "package com.acme;",
            "public interface Guard {",
            "  void enter();",
            "  void exit();",
            "}")
        .addSourceLines(
            "Test.java",
            "import com.acme.Guard;",
            "import java.util.concurrent.*;",
            "class Test {",
            "  private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(8);",
            "  void send(Guard guard, String x) throws InterruptedException {",
            "    guard.enter();",
            "    try {",
            "      // BUG: Diagnostic contains: `guard` (taken at line 6)",
            "      queue.put(x);",
            "    } finally {",
            "      guard.exit();",
            "    }",
            "    queue.put(x);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationUndeclaredLibraryMethodsTakeNoLock() {
    helper
        .addSourceLines(
            "Guard.java",
            "package com.acme;",
            "public interface Guard {",
            "  void enter();",
            "  void exit();",
            "}")
        .addSourceLines(
            "Test.java",
            "import com.acme.Guard;",
            "import java.util.concurrent.*;",
            "class Test {",
            "  private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(8);",
            "  void send(Guard guard, String x) throws InterruptedException {",
            "    guard.enter();",
            "    try {",
            "      queue.put(x);",
            "    } finally {",
            "      guard.exit();",
            "    }",
            "  }",
            "}")
        .doTest();
  }
}
