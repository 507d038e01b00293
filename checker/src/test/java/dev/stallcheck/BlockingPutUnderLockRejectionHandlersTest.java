package dev.stallcheck;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * A pool that rejects a task calls its handler in the submitting thread: a "caller blocks" handler
 * ({@code e.getQueue().put(r)}) makes {@code execute} and {@code submit} blocking sends, known
 * where the executor is a {@code new ThreadPoolExecutor(..., handler)} of the compilation.
 */
final class BlockingPutUnderLockRejectionHandlersTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(BlockingPutUnderLock.class, getClass())
          .setArgs("-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true");

  /** The "caller blocks" policy; its put is reported where some caller holds a lock. */
  private static String[] policy(boolean reported) {
    return new String[] {
      "import java.util.concurrent.*;",
      "final class CallerBlocks implements RejectedExecutionHandler {",
      "  @Override",
      "  public void rejectedExecution(Runnable r, ThreadPoolExecutor e) {",
      "    try {",
      reported ? "      // BUG: Diagnostic contains: can block while a caller holds" : "",
      "      e.getQueue().put(r);",
      "    } catch (InterruptedException ex) {",
      "      Thread.currentThread().interrupt();",
      "    }",
      "  }",
      "}"
    };
  }

  @Test
  void identification() {
    helper
        .addSourceLines("CallerBlocks.java", policy(true))
        .addSourceLines(
            "Dispatcher.java",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Dispatcher {",
            "  private final ThreadPoolExecutor workers = new ThreadPoolExecutor(",
            "      2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(16), new CallerBlocks());",
            "  private final ExecutorService inline = new ThreadPoolExecutor(",
            "      2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(16),",
            "      (r, e) -> {",
            "        try {",
            "          // BUG: Diagnostic contains: can block while a caller holds",
            "          e.getQueue().put(r);",
            "        } catch (InterruptedException ex) {",
            "          Thread.currentThread().interrupt();",
            "        }",
            "      });",
            "  private final Lock lock = new ReentrantLock();",
            "  synchronized void dispatch(Runnable task) {",
            "    // BUG: Diagnostic contains: `workers.execute(task)` can block while `this`",
            "    workers.execute(task);",
            "  }",
            "  void submit(Runnable task) {",
            "    lock.lock();",
            "    try {",
            "      // BUG: Diagnostic contains: `inline.submit(task)` can block while `lock`",
            "      inline.submit(task);",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  /**
   * Class {@code Relay}: a {@code CallerRunsPolicy} pool {@code workers} with a bounded queue,
   * {@code members}, and {@code forward(line)}, which puts into a bounded queue (reported there
   * when {@code reported}).
   */
  private static String[] relay(boolean reported, String... members) {
    String[] head = {
      "import java.util.concurrent.*;",
      "class Relay {",
      "  private final BlockingQueue<String> out = new ArrayBlockingQueue<>(64);",
      "  private final ExecutorService workers = new ThreadPoolExecutor(",
      "      2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(16),",
      "      new ThreadPoolExecutor.CallerRunsPolicy());",
    };
    String[] forward = {
      "  void forward(String line) {",
      "    try {",
      reported ? "      // BUG: Diagnostic contains: can block while a caller holds" : "",
      "      out.put(line);",
      "    } catch (InterruptedException e) {",
      "      Thread.currentThread().interrupt();",
      "    }",
      "  }",
      "}"
    };
    return Lines.of(head, members, forward);
  }

  /**
   * {@code CallerRunsPolicy}, given to the pool's constructor or set later with {@code
   * setRejectedExecutionHandler}, runs a rejected task in the submitting thread: the task's code
   * runs under the submitter's locks, so a task that may block makes the submission block.
   */
  @Test
  void identificationCallerRuns() {
    helper
        .addSourceLines(
            "Relay.java",
            relay(
                true,
                "  synchronized void relay(String line) {",
                "    // BUG: Diagnostic contains: can block while `this` (synchronized method",
                "    workers.execute(() -> forward(line));",
                "  }",
                "  synchronized void relayTask(String line) {",
                "    // BUG: Diagnostic contains: can block while `this` (synchronized method",
                "    workers.submit(new Forward(line));",
                "  }",
                "  private final ThreadPoolExecutor tuned = new ThreadPoolExecutor(",
                "      2, 2, 0, TimeUnit.SECONDS, new SynchronousQueue<>());",
                "  Relay() {",
                "    tuned.setRejectedExecutionHandler(new ThreadPoolExecutor.CallerRunsPolicy());",
                "  }",
                "  synchronized void relayTuned(String line) {",
                "    // BUG: Diagnostic contains: can block while `this` (synchronized method",
                "    tuned.execute(() -> forward(line));",
                "  }",
                "  final class Forward implements Runnable {",
                "    private final String line;",
                "    Forward(String line) { this.line = line; }",
                "    @Override public void run() { forward(line); }",
                "  }"))
        .doTest();
  }

  /**
   * Silent: under {@code CallerRunsPolicy}, a task that does not block, a task submitted without a
   * lock, and a pool with an unbounded queue (which never rejects); under the other JDK policies,
   * given to the constructor or set later, a rejected task does not run in the submitting thread.
   */
  @Test
  void identificationCallerRunsSilentTwins() {
    helper
        .addSourceLines(
            "Relay.java",
            relay(
                false,
                "  private final ExecutorService unbounded = new ThreadPoolExecutor(",
                "      2, 2, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),",
                "      new ThreadPoolExecutor.CallerRunsPolicy());",
                "  private final ExecutorService discarding = new ThreadPoolExecutor(",
                "      2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(16),",
                "      new ThreadPoolExecutor.DiscardPolicy());",
                "  private final ThreadPoolExecutor tuned = new ThreadPoolExecutor(",
                "      2, 2, 0, TimeUnit.SECONDS, new SynchronousQueue<>());",
                "  Relay() {",
                "    tuned.setRejectedExecutionHandler(new ThreadPoolExecutor.DiscardPolicy());",
                "  }",
                "  synchronized void relay(String line) {",
                "    workers.execute(() -> out.offer(line));",
                "    unbounded.execute(() -> forward(line));",
                "    discarding.execute(() -> forward(line));",
                "    tuned.execute(() -> forward(line));",
                "  }",
                "  void unlocked(String line) {",
                "    workers.execute(() -> forward(line));",
                "  }"))
        .doTest();
  }

  /**
   * Silent: a pool with an unbounded queue (rejects only once shut down; a scheduled pool's own
   * queue is unbounded too), the JDK's policies, a handler that drops, an executor of unknown
   * origin, and a submission made without a lock.
   */
  @Test
  void identificationSilentTwins() {
    helper
        .addSourceLines("CallerBlocks.java", policy(false))
        .addSourceLines(
            "Dispatcher.java",
            "import java.util.concurrent.*;",
            "class Dispatcher {",
            "  private final ExecutorService unbounded = new ThreadPoolExecutor(",
            "      2, 2, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), new CallerBlocks());",
            "  private final ExecutorService discarding = new ThreadPoolExecutor(",
            "      2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(16),",
            "      new ThreadPoolExecutor.DiscardOldestPolicy());",
            "  private final ExecutorService aborting = new ThreadPoolExecutor(",
            "      2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(16));",
            "  private final ExecutorService dropping = new ThreadPoolExecutor(",
            "      2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(16),",
            "      (r, e) -> e.getQueue().offer(r));",
            "  private final ThreadPoolExecutor blocking = new ThreadPoolExecutor(",
            "      2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(16), new CallerBlocks());",
            "  private final ScheduledExecutorService timers =",
            "      new ScheduledThreadPoolExecutor(1, new CallerBlocks());",
            "  synchronized void dispatch(Runnable task, ExecutorService given) {",
            "    unbounded.execute(task);",
            "    timers.execute(task);",
            "    discarding.execute(task);",
            "    aborting.submit(task);",
            "    dropping.execute(task);",
            "    given.execute(task);",
            "  }",
            "  void unlocked(Runnable task) {",
            "    blocking.execute(task);",
            "  }",
            "}")
        .doTest();
  }
}
