package dev.stallcheck;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Replacement tests for sends under the lock forms of issue 9: the first suggested fix (what patch
 * mode applies), where one is safe. The refactoring helper compiles every output. A fix never
 * throws where the throw could leave one of these locks held: only a {@code finally} that calls the
 * releasing helper, a try-with-resources, a template that releases in a {@code finally}, or a lock
 * the JDK releases itself make a throw safe.
 */
final class BlockingPutUnderLockLockFormsFixTest {
  private static BugCheckerRefactoringTestHelper refactor() {
    return BugCheckerRefactoringTestHelper.newInstance(
            BlockingPutUnderLock.class, BlockingPutUnderLockLockFormsFixTest.class)
        .setArgs("-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true")
        .setFixChooser(RewriteOnly.FIRST);
  }

  @Test
  void replacementHelperReleasedInFinally() {
    refactor()
        .addInputLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            import java.util.concurrent.locks.*;
            class Test {
              private final Lock stateLock = new ReentrantLock();
              private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(8);
              private void acquireState() {
                stateLock.lock();
              }
              private void releaseState() {
                stateLock.unlock();
              }
              void send(String x) throws InterruptedException {
                acquireState();
                try {
                  queue.put(x);
                } finally {
                  releaseState();
                }
              }
            }
            """)
        .addOutputLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            import java.util.concurrent.locks.*;
            class Test {
              private final Lock stateLock = new ReentrantLock();
              private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(8);
              private void acquireState() {
                stateLock.lock();
              }
              private void releaseState() {
                stateLock.unlock();
              }
              void send(String x) throws InterruptedException {
                acquireState();
                try {
                  if (!queue.offer(x)) {
                    throw new IllegalStateException("queue is full");
                  }
                } finally {
                  releaseState();
                }
              }
            }
            """)
        .doTest();
  }

  /** No finally: a throw would keep stateLock held, so the send moves after the release instead. */
  @Test
  void replacementHelperWithoutFinallyMovesTheSend() {
    refactor()
        .addInputLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            import java.util.concurrent.locks.*;
            class Test {
              private final Lock stateLock = new ReentrantLock();
              private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(8);
              private void acquireState() {
                stateLock.lock();
              }
              private void releaseState() {
                stateLock.unlock();
              }
              void send(String x) throws InterruptedException {
                acquireState();
                queue.put(x);
                releaseState();
              }
            }
            """)
        .addOutputLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            import java.util.concurrent.locks.*;
            class Test {
              private final Lock stateLock = new ReentrantLock();
              private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(8);
              private void acquireState() {
                stateLock.lock();
              }
              private void releaseState() {
                stateLock.unlock();
              }
              void send(String x) throws InterruptedException {
                acquireState();
                releaseState();
                queue.put(x);
              }
            }
            """)
        .doTest();
  }

  @Test
  void replacementInsideTryWithResources() {
    refactor()
        .addInputLines(
            "AutoLock.java",
            """
            import java.util.concurrent.locks.ReentrantLock;
            final class AutoLock implements AutoCloseable {
              private final ReentrantLock lock = new ReentrantLock();
              AutoLock lock() {
                lock.lock();
                return this;
              }
              @Override
              public void close() {
                lock.unlock();
              }
            }
            """)
        .expectUnchanged()
        .addInputLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              private final AutoLock lock = new AutoLock();
              private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(8);
              void send(String x) throws InterruptedException {
                try (AutoLock l = lock.lock()) {
                  queue.put(x);
                }
              }
            }
            """)
        .addOutputLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              private final AutoLock lock = new AutoLock();
              private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(8);
              void send(String x) throws InterruptedException {
                try (AutoLock l = lock.lock()) {
                  if (!queue.offer(x)) {
                    throw new IllegalStateException("queue is full");
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void replacementGuavaMonitorReleasedInFinally() {
    refactor()
        .addInputLines(
            "Test.java",
            """
            import com.google.common.util.concurrent.Monitor;
            import java.util.concurrent.*;
            class Test {
              private final Monitor monitor = new Monitor();
              private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(8);
              void send(String x) throws InterruptedException {
                monitor.enter();
                try {
                  queue.put(x);
                } finally {
                  monitor.leave();
                }
              }
            }
            """)
        .addOutputLines(
            "Test.java",
            """
            import com.google.common.util.concurrent.Monitor;
            import java.util.concurrent.*;
            class Test {
              private final Monitor monitor = new Monitor();
              private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(8);
              void send(String x) throws InterruptedException {
                monitor.enter();
                try {
                  if (!queue.offer(x)) {
                    throw new IllegalStateException("queue is full");
                  }
                } finally {
                  monitor.leave();
                }
              }
            }
            """)
        .doTest();
  }

  /** The lambda's functional interface allows InterruptedException, so the output compiles. */
  @Test
  void replacementInATemplateLambdaReleasedInFinally() {
    refactor()
        .addInputLines(
            "Locks.java",
            """
            import java.util.concurrent.locks.Lock;
            final class Locks {
              interface Action {
                void run() throws InterruptedException;
              }
              static void inLock(Lock lock, Action action) throws InterruptedException {
                lock.lock();
                try {
                  action.run();
                } finally {
                  lock.unlock();
                }
              }
            }
            """)
        .expectUnchanged()
        .addInputLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            import java.util.concurrent.locks.*;
            class Test {
              private final Lock lock = new ReentrantLock();
              private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(8);
              void send(String x) throws InterruptedException {
                Locks.inLock(lock, () -> queue.put(x));
              }
            }
            """)
        .addOutputLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            import java.util.concurrent.locks.*;
            class Test {
              private final Lock lock = new ReentrantLock();
              private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(8);
              void send(String x) throws InterruptedException {
                Locks.inLock(lock, () -> {
                  if (!queue.offer(x)) {
                    throw new IllegalStateException("queue is full");
                  }
                });
              }
            }
            """)
        .doTest();
  }

  /** A Runnable cannot throw InterruptedException: the catch goes with the send. */
  @Test
  void replacementInASynchronizedTemplateLambda() {
    refactor()
        .addInputLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(8);
              void withLock(Runnable r) {
                synchronized (this) {
                  r.run();
                }
              }
              void send(String x) {
                withLock(
                    () -> {
                      try {
                        queue.put(x);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                    });
              }
            }
            """)
        .addOutputLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(8);
              void withLock(Runnable r) {
                synchronized (this) {
                  r.run();
                }
              }
              void send(String x) {
                withLock(
                    () -> {
                      if (!queue.offer(x)) {
                        throw new IllegalStateException("queue is full");
                      }
                    });
              }
            }
            """)
        .doTest();
  }

  /** inLock has no finally: a throw from the lambda would leave the lock held. */
  @Test
  void noThrowingFixInATemplateWithoutFinally() {
    refactor()
        .addInputLines(
            "Locks.java",
            """
            import java.util.concurrent.locks.Lock;
            final class Locks {
              interface Action {
                void run() throws InterruptedException;
              }
              static void inLock(Lock lock, Action action) throws InterruptedException {
                lock.lock();
                action.run();
                lock.unlock();
              }
            }
            """)
        .expectUnchanged()
        .addInputLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            import java.util.concurrent.locks.*;
            class Test {
              private final Lock lock = new ReentrantLock();
              private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(8);
              void send(String x) throws InterruptedException {
                Locks.inLock(lock, () -> queue.put(x));
              }
            }
            """)
        .expectUnchanged()
        .doTest();
  }

  /** The bin lock is a monitor inside ConcurrentHashMap: a throw from the function releases it. */
  @Test
  void replacementInAComputeIfAbsentFunction() {
    refactor()
        .addInputLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              private final ConcurrentHashMap<String, Integer> counts = new ConcurrentHashMap<>();
              private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(8);
              int send(String x) {
                return counts.computeIfAbsent(
                    x,
                    k -> {
                      try {
                        queue.put(k);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return 1;
                    });
              }
            }
            """)
        .addOutputLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              private final ConcurrentHashMap<String, Integer> counts = new ConcurrentHashMap<>();
              private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(8);
              int send(String x) {
                return counts.computeIfAbsent(
                    x,
                    k -> {
                      if (!queue.offer(k)) {
                        throw new IllegalStateException("queue is full");
                      }
                      return 1;
                    });
              }
            }
            """)
        .doTest();
  }
}
