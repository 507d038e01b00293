package dev.stallcheck.fixes;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.FixChooser;
import com.google.errorprone.BugCheckerRefactoringTestHelper.FixChoosers;
import org.junit.jupiter.api.Test;

/**
 * Replacement tests for {@link BlockingSendFixes}, through {@link FixProbe}, which flags every
 * blocking send. The refactoring helper compiles each output, so every expected output is also
 * proof that the fix compiles.
 */
class BlockingSendFixesTest {
  /** An analysis error fails the test instead of silently meaning "no fix". */
  private static final String FAIL_ON_ANALYSIS_ERROR =
      "-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true";

  private static void refactor(String input, String output) {
    refactor(FixChoosers.FIRST, input, output);
  }

  private static void refactor(FixChooser chooser, String input, String output) {
    BugCheckerRefactoringTestHelper.newInstance(FixProbe.class, BlockingSendFixesTest.class)
        .setArgs(FAIL_ON_ANALYSIS_ERROR)
        .setFixChooser(chooser)
        .addInputLines("Test.java", input)
        .addOutputLines("Test.java", output)
        .doTest();
  }

  private static void noFix(String input) {
    BugCheckerRefactoringTestHelper.newInstance(FixProbe.class, BlockingSendFixesTest.class)
        .setArgs(FAIL_ON_ANALYSIS_ERROR)
        .addInputLines("Test.java", input)
        .expectUnchanged()
        .doTest();
  }

  // ---- First fix: offer, and throw when it returns false ----

  @Test
  void replacementSynchronizedStatement() {
    refactor(
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          private final Object lock = new Object();
          void send(BlockingQueue<String> q, String m) throws InterruptedException {
            synchronized (lock) {
              q.put(m);
            }
          }
        }
        """,
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          private final Object lock = new Object();
          void send(BlockingQueue<String> q, String m) throws InterruptedException {
            synchronized (lock) {
              if (!q.offer(m)) {
                throw new IllegalStateException("q is full");
              }
            }
          }
        }
        """);
  }

  @Test
  void replacementSynchronizedMethod() {
    refactor(
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          private final BlockingQueue<String> queue;
          Test(BlockingQueue<String> queue) {
            this.queue = queue;
          }
          synchronized void send(String m) throws InterruptedException {
            this.queue.put(m);
          }
        }
        """,
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          private final BlockingQueue<String> queue;
          Test(BlockingQueue<String> queue) {
            this.queue = queue;
          }
          synchronized void send(String m) throws InterruptedException {
            if (!this.queue.offer(m)) {
              throw new IllegalStateException("this.queue is full");
            }
          }
        }
        """);
  }

  @Test
  void replacementPutFirstAndPutLast() {
    refactor(
        """
        import java.util.concurrent.BlockingDeque;
        class Test {
          synchronized void send(BlockingDeque<String> d, String m) throws InterruptedException {
            d.putFirst(m);
            d.putLast(m);
            d.put(m);
          }
        }
        """,
        """
        import java.util.concurrent.BlockingDeque;
        class Test {
          synchronized void send(BlockingDeque<String> d, String m) throws InterruptedException {
            if (!d.offerFirst(m)) {
              throw new IllegalStateException("d is full");
            }
            if (!d.offerLast(m)) {
              throw new IllegalStateException("d is full");
            }
            if (!d.offer(m)) {
              throw new IllegalStateException("d is full");
            }
          }
        }
        """);
  }

  @Test
  void replacementTransferAndSynchronousQueue() {
    // Sends that need a waiting consumer put the plain offer last; no move out of a synchronized
    // method, so it is second, after the timed offer.
    refactor(
        FixChoosers.SECOND,
        """
        import java.util.concurrent.SynchronousQueue;
        import java.util.concurrent.TransferQueue;
        class Test {
          synchronized void send(TransferQueue<String> t, SynchronousQueue<String> s, String m)
              throws InterruptedException {
            t.transfer(m);
            s.put(m);
          }
        }
        """,
        """
        import java.util.concurrent.SynchronousQueue;
        import java.util.concurrent.TransferQueue;
        class Test {
          synchronized void send(TransferQueue<String> t, SynchronousQueue<String> s, String m)
              throws InterruptedException {
            if (!t.tryTransfer(m)) {
              throw new IllegalStateException("no consumer is waiting on t");
            }
            if (!s.offer(m)) {
              throw new IllegalStateException("no consumer is waiting on s");
            }
          }
        }
        """);
  }

  @Test
  void replacementLambdaBodyBecomesBlock() {
    refactor(
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          interface Sink<T> {
            void accept(T t) throws InterruptedException;
          }
          synchronized Sink<String> sink(BlockingQueue<String> q) {
            return x -> q.put(x);
          }
        }
        """,
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          interface Sink<T> {
            void accept(T t) throws InterruptedException;
          }
          synchronized Sink<String> sink(BlockingQueue<String> q) {
            return x -> {
              if (!q.offer(x)) {
                throw new IllegalStateException("q is full");
              }
            };
          }
        }
        """);
  }

  @Test
  void replacementBracesKeepElseWithItsIf() {
    refactor(
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          synchronized void send(BlockingQueue<String> q, String m, boolean urgent)
              throws InterruptedException {
            if (urgent) q.put(m); else q.clear();
          }
        }
        """,
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          synchronized void send(BlockingQueue<String> q, String m, boolean urgent)
              throws InterruptedException {
            if (urgent) {
              if (!q.offer(m)) {
                throw new IllegalStateException("q is full");
              }
            } else q.clear();
          }
        }
        """);
  }

  @Test
  void replacementSwitchRuleGetsBlock() {
    refactor(
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          synchronized void send(BlockingQueue<String> q, int kind) throws InterruptedException {
            switch (kind) {
              case 1 -> q.put("one");
              default -> q.clear();
            }
          }
        }
        """,
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          synchronized void send(BlockingQueue<String> q, int kind) throws InterruptedException {
            switch (kind) {
              case 1 -> {
                if (!q.offer("one")) {
                  throw new IllegalStateException("q is full");
                }
              }
              default -> q.clear();
            }
          }
        }
        """);
  }

  @Test
  void replacementReceiverWithSideEffectsEvaluatedOnce() {
    refactor(
        """
        import java.util.List;
        import java.util.concurrent.BlockingQueue;
        class Test {
          private int next;
          synchronized void send(List<BlockingQueue<String>> queues, String m)
              throws InterruptedException {
            queues.get(next++ % queues.size()).put(m);
          }
        }
        """,
        """
        import java.util.List;
        import java.util.concurrent.BlockingQueue;
        class Test {
          private int next;
          synchronized void send(List<BlockingQueue<String>> queues, String m)
              throws InterruptedException {
            if (!queues.get(next++ % queues.size()).offer(m)) {
              throw new IllegalStateException("queues.get(next++ % queues.size()) is full");
            }
          }
        }
        """);
  }

  @Test
  void replacementReceiverlessCallInQueueSubclass() {
    refactor(
        """
        import java.util.concurrent.LinkedBlockingQueue;
        class Test extends LinkedBlockingQueue<String> {
          Test() {
            super(10);
          }
          synchronized void deliver(String m) throws InterruptedException {
            put(m);
          }
        }
        """,
        """
        import java.util.concurrent.LinkedBlockingQueue;
        class Test extends LinkedBlockingQueue<String> {
          Test() {
            super(10);
          }
          synchronized void deliver(String m) throws InterruptedException {
            if (!offer(m)) {
              throw new IllegalStateException("Test is full");
            }
          }
        }
        """);
  }

  @Test
  void replacementQualifiesShadowedIllegalStateException() {
    refactor(
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          static class IllegalStateException extends RuntimeException {}
          synchronized void send(BlockingQueue<String> q, String m) throws InterruptedException {
            q.put(m);
          }
        }
        """,
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          static class IllegalStateException extends RuntimeException {}
          synchronized void send(BlockingQueue<String> q, String m) throws InterruptedException {
            if (!q.offer(m)) {
              throw new java.lang.IllegalStateException("q is full");
            }
          }
        }
        """);
  }

  @Test
  void replacementMessageEscapesReceiverSource() {
    refactor(
        """
        import java.util.Map;
        import java.util.concurrent.BlockingQueue;
        class Test {
          synchronized void send(Map<String, BlockingQueue<String>> byName, String m)
              throws InterruptedException {
            byName.get("a\\\\b").put(m);
          }
        }
        """,
        """
        import java.util.Map;
        import java.util.concurrent.BlockingQueue;
        class Test {
          synchronized void send(Map<String, BlockingQueue<String>> byName, String m)
              throws InterruptedException {
            if (!byName.get("a\\\\b").offer(m)) {
              throw new IllegalStateException("byName.get(\\"a\\\\\\\\b\\") is full");
            }
          }
        }
        """);
  }

  @Test
  void replacementRemovesOneLineTry() {
    refactor(
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          synchronized void send(BlockingQueue<String> q, String m) {
            try { q.put(m); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
          }
        }
        """,
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          synchronized void send(BlockingQueue<String> q, String m) {
            if (!q.offer(m)) {
              throw new IllegalStateException("q is full");
            }
          }
        }
        """);
  }

  @Test
  void replacementSwitchStatementGroupNeedsNoBraces() {
    refactor(
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          synchronized void send(BlockingQueue<String> q, int kind) throws InterruptedException {
            switch (kind) {
              case 1:
                q.put("one");
                break;
              default:
                q.clear();
            }
          }
        }
        """,
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          synchronized void send(BlockingQueue<String> q, int kind) throws InterruptedException {
            switch (kind) {
              case 1:
                if (!q.offer("one")) {
                  throw new IllegalStateException("q is full");
                }
                break;
              default:
                q.clear();
            }
          }
        }
        """);
  }

  @Test
  void replacementTryLockWithFinally() {
    refactor(
        """
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.locks.Lock;
        class Test {
          boolean send(Lock lock, BlockingQueue<String> q, String m) throws InterruptedException {
            if (lock.tryLock()) {
              try {
                q.put(m);
              } finally {
                lock.unlock();
              }
              return true;
            }
            return false;
          }
        }
        """,
        """
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.locks.Lock;
        class Test {
          boolean send(Lock lock, BlockingQueue<String> q, String m) throws InterruptedException {
            if (lock.tryLock()) {
              try {
                if (!q.offer(m)) {
                  throw new IllegalStateException("q is full");
                }
              } finally {
                lock.unlock();
              }
              return true;
            }
            return false;
          }
        }
        """);
  }

  @Test
  void replacementReceiverlessCallFromNestedClassOnlyMoves() {
    // From an inner class, offer(m) could resolve to the inner class's own method: no offer fix.
    refactor(
        """
        import java.util.concurrent.LinkedBlockingQueue;
        class Test extends LinkedBlockingQueue<String> {
          class Sender {
            boolean offer(String m) {
              return false;
            }
            void send(String m) throws InterruptedException {
              synchronized (this) {
                put(m);
              }
            }
          }
        }
        """,
        """
        import java.util.concurrent.LinkedBlockingQueue;
        class Test extends LinkedBlockingQueue<String> {
          class Sender {
            boolean offer(String m) {
              return false;
            }
            void send(String m) throws InterruptedException {
              synchronized (this) {
              }
              put(m);
            }
          }
        }
        """);
  }

  // ---- Checked exceptions ----

  @Test
  void replacementRemovesCatchAndTry() {
    refactor(
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          synchronized void send(BlockingQueue<String> q, String m) {
            q.clear();
            try {
              q.put(m);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            q.clear();
          }
        }
        """,
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          synchronized void send(BlockingQueue<String> q, String m) {
            q.clear();
            if (!q.offer(m)) {
              throw new IllegalStateException("q is full");
            }
            q.clear();
          }
        }
        """);
  }

  @Test
  void replacementRemovedTryKeepsBracesWhenNamesClash() {
    refactor(
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          synchronized void send(BlockingQueue<String> q, String m) {
            try {
              String framed = "[" + m + "]";
              q.put(framed);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            String framed = "";
          }
        }
        """,
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          synchronized void send(BlockingQueue<String> q, String m) {
            {
              String framed = "[" + m + "]";
              if (!q.offer(framed)) {
                throw new IllegalStateException("q is full");
              }
            }
            String framed = "";
          }
        }
        """);
  }

  @Test
  void replacementRemovedTryInCaseGroupKeepsBracesAroundDeclarations() {
    refactor(
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          synchronized void send(BlockingQueue<String> q, String m, int kind) {
            switch (kind) {
              case 1:
                try {
                  String framed = "[" + m + "]";
                  q.put(framed);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                break;
              default:
                String framed = "";
            }
          }
        }
        """,
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          synchronized void send(BlockingQueue<String> q, String m, int kind) {
            switch (kind) {
              case 1:
                {
                  String framed = "[" + m + "]";
                  if (!q.offer(framed)) {
                    throw new IllegalStateException("q is full");
                  }
                }
                break;
              default:
                String framed = "";
            }
          }
        }
        """);
  }

  @Test
  void replacementInnerFinallyThatReturnsSwallowsOtherInterrupts() {
    // Thread.sleep's exception never leaves the inner try (its finally returns), so once the
    // send stops throwing, nothing needs the catch any more.
    refactor(
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          @SuppressWarnings("finally")
          synchronized int send(BlockingQueue<String> q, String m) {
            try {
              q.put(m);
              try {
                Thread.sleep(1);
              } finally {
                return 1;
              }
            } catch (InterruptedException e) {
              return 0;
            }
          }
        }
        """,
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          @SuppressWarnings("finally")
          synchronized int send(BlockingQueue<String> q, String m) {
            if (!q.offer(m)) {
              throw new IllegalStateException("q is full");
            }
            try {
              Thread.sleep(1);
            } finally {
              return 1;
            }
          }
        }
        """);
  }

  @Test
  void replacementRemovesMultiCatchAlternative() {
    refactor(
        """
        import java.io.IOException;
        import java.io.Writer;
        import java.util.concurrent.BlockingQueue;
        class Test {
          synchronized void send(BlockingQueue<String> q, Writer log, String m) {
            try {
              q.put(m);
              log.write(m);
            } catch (InterruptedException | IOException e) {
              throw new RuntimeException(e);
            }
          }
        }
        """,
        """
        import java.io.IOException;
        import java.io.Writer;
        import java.util.concurrent.BlockingQueue;
        class Test {
          synchronized void send(BlockingQueue<String> q, Writer log, String m) {
            try {
              if (!q.offer(m)) {
                throw new IllegalStateException("q is full");
              }
              log.write(m);
            } catch (IOException e) {
              throw new RuntimeException(e);
            }
          }
        }
        """);
  }

  @Test
  void replacementRemovesCatchButKeepsTryWithFinallyOrOtherCatch() {
    refactor(
        """
        import java.io.IOException;
        import java.io.Writer;
        import java.util.concurrent.BlockingQueue;
        class Test {
          synchronized void send(BlockingQueue<String> q, Writer log, String m) {
            try {
              q.put(m);
              log.write(m);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            } catch (IOException e) {
              throw new RuntimeException(e);
            } finally {
              q.clear();
            }
          }
        }
        """,
        """
        import java.io.IOException;
        import java.io.Writer;
        import java.util.concurrent.BlockingQueue;
        class Test {
          synchronized void send(BlockingQueue<String> q, Writer log, String m) {
            try {
              if (!q.offer(m)) {
                throw new IllegalStateException("q is full");
              }
              log.write(m);
            } catch (IOException e) {
              throw new RuntimeException(e);
            } finally {
              q.clear();
            }
          }
        }
        """);
  }

  @Test
  void replacementTryWithResourcesStays() {
    refactor(
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          static class Span implements AutoCloseable {
            @Override
            public void close() {}
          }
          synchronized void send(BlockingQueue<String> q, String m) {
            try (Span span = new Span()) {
              q.put(m);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        }
        """,
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          static class Span implements AutoCloseable {
            @Override
            public void close() {}
          }
          synchronized void send(BlockingQueue<String> q, String m) {
            try (Span span = new Span()) {
              if (!q.offer(m)) {
                throw new IllegalStateException("q is full");
              }
            }
          }
        }
        """);
  }

  @Test
  void replacementKeepsCatchWhileSomethingElseThrowsInterrupted() {
    refactor(
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          void pause() throws InterruptedException {}
          synchronized void send(BlockingQueue<String> q, String m) {
            try {
              Thread.sleep(1);
              q.put(m);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            try {
              q.put(m);
              pause();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        }
        """,
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          void pause() throws InterruptedException {}
          synchronized void send(BlockingQueue<String> q, String m) {
            try {
              Thread.sleep(1);
              if (!q.offer(m)) {
                throw new IllegalStateException("q is full");
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            try {
              if (!q.offer(m)) {
                throw new IllegalStateException("q is full");
              }
              pause();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        }
        """);
  }

  @Test
  void replacementKeepsCatchOfException() {
    refactor(
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          synchronized void send(BlockingQueue<String> q, String m) {
            try {
              q.put(m);
            } catch (Exception e) {
              throw new RuntimeException(e);
            }
          }
        }
        """,
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          synchronized void send(BlockingQueue<String> q, String m) {
            try {
              if (!q.offer(m)) {
                throw new IllegalStateException("q is full");
              }
            } catch (Exception e) {
              throw new RuntimeException(e);
            }
          }
        }
        """);
  }

  @Test
  void replacementRemovesOuterCatchPastInnerTry() {
    refactor(
        """
        import java.io.IOException;
        import java.util.concurrent.BlockingQueue;
        class Test {
          synchronized void send(BlockingQueue<String> q, String m) {
            try {
              try {
                q.put(m);
              } catch (RuntimeException e) {
                q.clear();
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        }
        """,
        """
        import java.io.IOException;
        import java.util.concurrent.BlockingQueue;
        class Test {
          synchronized void send(BlockingQueue<String> q, String m) {
            try {
              if (!q.offer(m)) {
                throw new IllegalStateException("q is full");
              }
            } catch (RuntimeException e) {
              q.clear();
            }
          }
        }
        """);
  }

  // ---- Explicit locks ----

  @Test
  void replacementLockWithTryFinally() {
    refactor(
        """
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.locks.ReentrantLock;
        class Test {
          private final ReentrantLock lock = new ReentrantLock();
          void send(BlockingQueue<String> q, String m) throws InterruptedException {
            lock.lock();
            try {
              q.put(m);
            } finally {
              lock.unlock();
            }
          }
        }
        """,
        """
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.locks.ReentrantLock;
        class Test {
          private final ReentrantLock lock = new ReentrantLock();
          void send(BlockingQueue<String> q, String m) throws InterruptedException {
            lock.lock();
            try {
              if (!q.offer(m)) {
                throw new IllegalStateException("q is full");
              }
            } finally {
              lock.unlock();
            }
          }
        }
        """);
  }

  @Test
  void replacementReadLockWithCatchInsideTryFinally() {
    refactor(
        """
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.locks.ReadWriteLock;
        class Test {
          private final ReadWriteLock members;
          Test(ReadWriteLock members) {
            this.members = members;
          }
          void send(BlockingQueue<String> q, String m) {
            members.readLock().lock();
            try {
              q.put(m);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            } finally {
              this.members.readLock().unlock();
            }
          }
        }
        """,
        """
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.locks.ReadWriteLock;
        class Test {
          private final ReadWriteLock members;
          Test(ReadWriteLock members) {
            this.members = members;
          }
          void send(BlockingQueue<String> q, String m) {
            members.readLock().lock();
            try {
              if (!q.offer(m)) {
                throw new IllegalStateException("q is full");
              }
            } finally {
              this.members.readLock().unlock();
            }
          }
        }
        """);
  }

  @Test
  void replacementEarlierLockReleasedInFinallyDoesNotMatter() {
    refactor(
        """
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.locks.Lock;
        class Test {
          void send(Lock other, BlockingQueue<String> q, String m) throws InterruptedException {
            other.lock();
            try {
              q.clear();
            } finally {
              other.unlock();
            }
            synchronized (this) {
              q.put(m);
            }
          }
        }
        """,
        """
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.locks.Lock;
        class Test {
          void send(Lock other, BlockingQueue<String> q, String m) throws InterruptedException {
            other.lock();
            try {
              q.clear();
            } finally {
              other.unlock();
            }
            synchronized (this) {
              if (!q.offer(m)) {
                throw new IllegalStateException("q is full");
              }
            }
          }
        }
        """);
  }

  @Test
  void replacementLockWithoutFinallyMovesSendInsteadOfThrowing() {
    // Throwing between lock() and unlock() would leave the lock held: the first fix moves the
    // send after unlock() instead.
    refactor(
        """
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.locks.Lock;
        class Test {
          void send(Lock lock, BlockingQueue<String> q, String m) throws InterruptedException {
            lock.lock();
            q.put(m);
            lock.unlock();
          }
        }
        """,
        """
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.locks.Lock;
        class Test {
          void send(Lock lock, BlockingQueue<String> q, String m) throws InterruptedException {
            lock.lock();
            lock.unlock();
            q.put(m);
          }
        }
        """);
  }

  @Test
  void replacementStampedLockWithoutFinallyMovesSend() {
    refactor(
        """
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.locks.StampedLock;
        class Test {
          private final StampedLock sl = new StampedLock();
          void send(BlockingQueue<String> q, String m) throws InterruptedException {
            long stamp = sl.writeLock();
            q.put(m + "!");
            sl.unlockWrite(stamp);
          }
        }
        """,
        """
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.locks.StampedLock;
        class Test {
          private final StampedLock sl = new StampedLock();
          void send(BlockingQueue<String> q, String m) throws InterruptedException {
            long stamp = sl.writeLock();
            sl.unlockWrite(stamp);
            q.put(m + "!");
          }
        }
        """);
  }

  @Test
  void replacementStampConversionCountsAsTakingTheLock() {
    // tryConvertToWriteLock may take the write lock: a throw at the send would keep it held.
    refactor(
        """
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.locks.StampedLock;
        class Test {
          private final StampedLock sl = new StampedLock();
          void send(BlockingQueue<String> q, String m, long read) throws InterruptedException {
            long stamp = sl.tryConvertToWriteLock(read);
            q.put(m);
            sl.unlockWrite(stamp);
          }
        }
        """,
        """
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.locks.StampedLock;
        class Test {
          private final StampedLock sl = new StampedLock();
          void send(BlockingQueue<String> q, String m, long read) throws InterruptedException {
            long stamp = sl.tryConvertToWriteLock(read);
            sl.unlockWrite(stamp);
            q.put(m);
          }
        }
        """);
  }

  @Test
  void replacementLockNamedThroughAliasIsReleasedByFinally() {
    // `l` and `lock` are one lock, as the lock model (and the diagnostic) sees them.
    refactor(
        """
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.locks.Lock;
        import java.util.concurrent.locks.ReentrantLock;
        class Test {
          private final Lock lock = new ReentrantLock();
          void send(BlockingQueue<String> q, String m) {
            Lock l = this.lock;
            l.lock();
            try {
              q.put(m);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            } finally {
              lock.unlock();
            }
          }
        }
        """,
        """
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.locks.Lock;
        import java.util.concurrent.locks.ReentrantLock;
        class Test {
          private final Lock lock = new ReentrantLock();
          void send(BlockingQueue<String> q, String m) {
            Lock l = this.lock;
            l.lock();
            try {
              if (!q.offer(m)) {
                throw new IllegalStateException("q is full");
              }
            } finally {
              lock.unlock();
            }
          }
        }
        """);
  }

  @Test
  void replacementNoOfferWhenFinallyReleasesTheOtherMode() {
    // The finally releases the read lock, not the write lock the send holds.
    noFix(
        """
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.locks.ReadWriteLock;
        class Test {
          void send(ReadWriteLock rw, BlockingQueue<String> q, String m) throws InterruptedException {
            rw.writeLock().lock();
            try {
              q.put(m);
            } finally {
              rw.readLock().unlock();
            }
          }
        }
        """);
  }

  // ---- Second fix: send after releasing the lock ----

  @Test
  void replacementSecondFixMovesSendOutOfSynchronized() {
    refactor(
        FixChoosers.SECOND,
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          private final Object lock = new Object();
          private int sent;
          void send(BlockingQueue<String> q, String m) throws InterruptedException {
            synchronized (lock) {
              sent++;
              q.put(m);
            }
          }
        }
        """,
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          private final Object lock = new Object();
          private int sent;
          void send(BlockingQueue<String> q, String m) throws InterruptedException {
            synchronized (lock) {
              sent++;
            }
            q.put(m);
          }
        }
        """);
  }

  @Test
  void replacementSecondFixMovesSendAfterTryFinally() {
    refactor(
        FixChoosers.SECOND,
        """
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.locks.ReentrantReadWriteLock;
        class Test {
          private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
          private final BlockingQueue<String> out;
          Test(BlockingQueue<String> out) {
            this.out = out;
          }
          void send(final String m) throws InterruptedException {
            rw.readLock().lock();
            try {
              out.put(m);
            } finally {
              rw.readLock().unlock();
            }
          }
        }
        """,
        """
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.locks.ReentrantReadWriteLock;
        class Test {
          private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
          private final BlockingQueue<String> out;
          Test(BlockingQueue<String> out) {
            this.out = out;
          }
          void send(final String m) throws InterruptedException {
            rw.readLock().lock();
            try {
            } finally {
              rw.readLock().unlock();
            }
            out.put(m);
          }
        }
        """);
  }

  // ---- Timed offer ----

  @Test
  void replacementTimedOfferKeepsCatch() {
    refactor(
        FixChoosers.SECOND,
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          synchronized void send(BlockingQueue<String> q, String m) {
            try {
              q.put(m);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        }
        """,
        """
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.TimeUnit;
        class Test {
          synchronized void send(BlockingQueue<String> q, String m) {
            try {
              if (!q.offer(m, 100, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("q is still full after 100 ms");
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        }
        """);
  }

  @Test
  void replacementTimedTryTransferIsSecondAfterMove() {
    refactor(
        FixChoosers.SECOND,
        """
        import java.util.concurrent.TransferQueue;
        class Test {
          void send(TransferQueue<String> q, String m) throws InterruptedException {
            synchronized (this) {
              q.transfer(m);
            }
          }
        }
        """,
        """
        import java.util.concurrent.TimeUnit;
        import java.util.concurrent.TransferQueue;
        class Test {
          void send(TransferQueue<String> q, String m) throws InterruptedException {
            synchronized (this) {
              if (!q.tryTransfer(m, 100, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("no consumer took from q within 100 ms");
              }
            }
          }
        }
        """);
  }

  // ---- Fix order: bounded queues offer first; sends that need a waiting consumer move first ----

  private static final String BOUNDED_IN_MONITOR =
      """
      import java.util.concurrent.BlockingQueue;
      class Test {
        void send(BlockingQueue<String> q, String m) throws InterruptedException {
          synchronized (this) {
            q.put(m);
          }
        }
      }
      """;

  @Test
  void replacementBoundedQueueOrderOfferMoveTimed() {
    refactor(
        FixChoosers.FIRST,
        BOUNDED_IN_MONITOR,
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          void send(BlockingQueue<String> q, String m) throws InterruptedException {
            synchronized (this) {
              if (!q.offer(m)) {
                throw new IllegalStateException("q is full");
              }
            }
          }
        }
        """);
    refactor(
        FixChoosers.SECOND,
        BOUNDED_IN_MONITOR,
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          void send(BlockingQueue<String> q, String m) throws InterruptedException {
            synchronized (this) {
            }
            q.put(m);
          }
        }
        """);
    refactor(
        FixChoosers.THIRD,
        BOUNDED_IN_MONITOR,
        """
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.TimeUnit;
        class Test {
          void send(BlockingQueue<String> q, String m) throws InterruptedException {
            synchronized (this) {
              if (!q.offer(m, 100, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("q is still full after 100 ms");
              }
            }
          }
        }
        """);
  }

  private static final String SYNCHRONOUS_IN_MONITOR =
      """
      import java.util.concurrent.SynchronousQueue;
      class Test {
        void send(SynchronousQueue<String> q, String m) throws InterruptedException {
          synchronized (this) {
            q.put(m);
          }
        }
      }
      """;

  @Test
  void replacementSynchronousQueueOrderMoveTimedOffer() {
    // A plain offer fails whenever the consumer is busy at that instant: last, not first.
    refactor(
        FixChoosers.FIRST,
        SYNCHRONOUS_IN_MONITOR,
        """
        import java.util.concurrent.SynchronousQueue;
        class Test {
          void send(SynchronousQueue<String> q, String m) throws InterruptedException {
            synchronized (this) {
            }
            q.put(m);
          }
        }
        """);
    refactor(
        FixChoosers.SECOND,
        SYNCHRONOUS_IN_MONITOR,
        """
        import java.util.concurrent.SynchronousQueue;
        import java.util.concurrent.TimeUnit;
        class Test {
          void send(SynchronousQueue<String> q, String m) throws InterruptedException {
            synchronized (this) {
              if (!q.offer(m, 100, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("no consumer took from q within 100 ms");
              }
            }
          }
        }
        """);
    refactor(
        FixChoosers.THIRD,
        SYNCHRONOUS_IN_MONITOR,
        """
        import java.util.concurrent.SynchronousQueue;
        class Test {
          void send(SynchronousQueue<String> q, String m) throws InterruptedException {
            synchronized (this) {
              if (!q.offer(m)) {
                throw new IllegalStateException("no consumer is waiting on q");
              }
            }
          }
        }
        """);
  }

  private static final String TRANSFER_IN_MONITOR =
      """
      import java.util.concurrent.TransferQueue;
      class Test {
        void send(TransferQueue<String> q, String m) throws InterruptedException {
          synchronized (this) {
            q.transfer(m);
          }
        }
      }
      """;

  @Test
  void replacementTransferOrderMoveTimedTryTransfer() {
    refactor(
        FixChoosers.FIRST,
        TRANSFER_IN_MONITOR,
        """
        import java.util.concurrent.TransferQueue;
        class Test {
          void send(TransferQueue<String> q, String m) throws InterruptedException {
            synchronized (this) {
            }
            q.transfer(m);
          }
        }
        """);
    refactor(
        FixChoosers.THIRD,
        TRANSFER_IN_MONITOR,
        """
        import java.util.concurrent.TransferQueue;
        class Test {
          void send(TransferQueue<String> q, String m) throws InterruptedException {
            synchronized (this) {
              if (!q.tryTransfer(m)) {
                throw new IllegalStateException("no consumer is waiting on q");
              }
            }
          }
        }
        """);
  }

  @Test
  void replacementSynchronousQueueInBlockingQueueFieldMovesFirst() {
    // The field's static type is BlockingQueue, but it only ever holds a SynchronousQueue.
    refactor(
        FixChoosers.FIRST,
        """
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.SynchronousQueue;
        class Test {
          private final BlockingQueue<String> handOff = new SynchronousQueue<>();
          void send(String m) throws InterruptedException {
            synchronized (this) {
              handOff.put(m);
            }
          }
        }
        """,
        """
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.SynchronousQueue;
        class Test {
          private final BlockingQueue<String> handOff = new SynchronousQueue<>();
          void send(String m) throws InterruptedException {
            synchronized (this) {
            }
            handOff.put(m);
          }
        }
        """);
  }

  @Test
  void replacementSynchronousQueueWaitsFirstWhenTheSendCannotMove() {
    // `return true` follows the send inside the locked region: no move; the timed offer leads.
    refactor(
        FixChoosers.FIRST,
        """
        import java.util.concurrent.SynchronousQueue;
        import java.util.concurrent.locks.ReentrantLock;
        class Test {
          private final ReentrantLock quotaLock = new ReentrantLock();
          private final SynchronousQueue<String> toScanner = new SynchronousQueue<>();
          boolean submit(String upload) throws InterruptedException {
            quotaLock.lock();
            try {
              toScanner.put(upload);
              return true;
            } finally {
              quotaLock.unlock();
            }
          }
        }
        """,
        """
        import java.util.concurrent.SynchronousQueue;
        import java.util.concurrent.TimeUnit;
        import java.util.concurrent.locks.ReentrantLock;
        class Test {
          private final ReentrantLock quotaLock = new ReentrantLock();
          private final SynchronousQueue<String> toScanner = new SynchronousQueue<>();
          boolean submit(String upload) throws InterruptedException {
            quotaLock.lock();
            try {
              if (!toScanner.offer(upload, 100, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("no consumer took from toScanner within 100 ms");
              }
              return true;
            } finally {
              quotaLock.unlock();
            }
          }
        }
        """);
  }

  // ---- Shapes where a fix kind is withheld ----

  @Test
  void replacementTwoSendsSharingACatchGetOnlyTimedOffers() {
    // Each send's offer fix alone would keep the catch for the other; applied together they
    // would leave it unused. So the first fix of each is the timed offer, which keeps it needed.
    refactor(
        """
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.TimeUnit;
        class Test {
          synchronized void send(BlockingQueue<String> a, BlockingQueue<String> b, String m) {
            try {
              a.put(m);
              b.put(m);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        }
        """,
        """
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.TimeUnit;
        class Test {
          synchronized void send(BlockingQueue<String> a, BlockingQueue<String> b, String m) {
            try {
              if (!a.offer(m, 100, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("a is still full after 100 ms");
              }
              if (!b.offer(m, 100, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("b is still full after 100 ms");
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        }
        """);
  }

  @Test
  void replacementNoOfferWhenRemovingCatchMakesCodeUnreachable() {
    // Without the catch, the try could no longer complete normally and `return 0` would be
    // unreachable: only the timed offer, which keeps the catch, is offered.
    refactor(
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          synchronized int send(BlockingQueue<String> q, String m) {
            try {
              q.put(m);
              return 1;
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return 0;
          }
        }
        """,
        """
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.TimeUnit;
        class Test {
          synchronized int send(BlockingQueue<String> q, String m) {
            try {
              if (!q.offer(m, 100, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("q is still full after 100 ms");
              }
              return 1;
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return 0;
          }
        }
        """);
  }

  @Test
  void replacementNoOfferWhenMultiCatchTestsItsParameter() {
    refactor(
        """
        import java.io.IOException;
        import java.io.Writer;
        import java.util.concurrent.BlockingQueue;
        class Test {
          void send(BlockingQueue<String> q, Writer log, String m) {
            try {
              log.write(m);
              synchronized (this) {
                q.put(m);
              }
            } catch (InterruptedException | IOException e) {
              if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
              }
            }
          }
        }
        """,
        """
        import java.io.IOException;
        import java.io.Writer;
        import java.util.concurrent.BlockingQueue;
        class Test {
          void send(BlockingQueue<String> q, Writer log, String m) {
            try {
              log.write(m);
              synchronized (this) {
              }
              q.put(m);
            } catch (InterruptedException | IOException e) {
              if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
              }
            }
          }
        }
        """);
  }

  @Test
  void replacementNoOfferWhenExceptionCatchRethrows() {
    // `throw e` rethrows precisely what the try throws: without InterruptedException from the
    // send, the outer catch would become illegal.
    refactor(
        """
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.TimeUnit;
        class Test {
          synchronized void send(BlockingQueue<String> q, String m) {
            try {
              try {
                q.put(m);
              } catch (Exception e) {
                throw e;
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        }
        """,
        """
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.TimeUnit;
        class Test {
          synchronized void send(BlockingQueue<String> q, String m) {
            try {
              try {
                if (!q.offer(m, 100, TimeUnit.MILLISECONDS)) {
                  throw new IllegalStateException("q is still full after 100 ms");
                }
              } catch (Exception e) {
                throw e;
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        }
        """);
  }

  @Test
  void replacementNoOfferInLambdaWhoseExceptionIsInferred() {
    refactor(
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          interface Action<E extends Exception> {
            void run() throws E;
          }
          static <E extends Exception> void call(Action<E> action) throws E {
            action.run();
          }
          synchronized void send(BlockingQueue<String> q, String m) {
            try {
              call(() -> q.put(m));
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        }
        """,
        """
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.TimeUnit;
        class Test {
          interface Action<E extends Exception> {
            void run() throws E;
          }
          static <E extends Exception> void call(Action<E> action) throws E {
            action.run();
          }
          synchronized void send(BlockingQueue<String> q, String m) {
            try {
              call(
                  () -> {
                    if (!q.offer(m, 100, TimeUnit.MILLISECONDS)) {
                      throw new IllegalStateException("q is still full after 100 ms");
                    }
                  });
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        }
        """);
  }

  @Test
  void replacementNoFixInForLoopUpdate() {
    noFix(
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          synchronized void send(BlockingQueue<String> q, String m) throws InterruptedException {
            for (int i = 0; i < 3; i++, q.put(m)) {}
          }
        }
        """);
  }

  @Test
  void replacementNoFixWithoutFinallyWhenArgumentCannotMove() {
    noFix(
        """
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.locks.Lock;
        class Test {
          private String last = "";
          void send(Lock lock, BlockingQueue<String> q) throws InterruptedException {
            lock.lock();
            q.put(last);
            lock.unlock();
          }
        }
        """);
  }

  @Test
  void replacementNoFixWithoutFinallyWhenSendIsNotLastBeforeUnlock() {
    noFix(
        """
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.locks.Lock;
        class Test {
          void send(Lock lock, BlockingQueue<String> q, String m) throws InterruptedException {
            lock.lock();
            q.put(m);
            q.clear();
            lock.unlock();
          }
        }
        """);
  }

  @Test
  void replacementNoFixWhenTwoLocksAreHeldWithoutFinally() {
    noFix(
        """
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.locks.Lock;
        class Test {
          void send(Lock a, Lock b, BlockingQueue<String> q, String m)
              throws InterruptedException {
            a.lock();
            b.lock();
            q.put(m);
            b.unlock();
            a.unlock();
          }
        }
        """);
  }

  @Test
  void replacementNoMoveOutOfNestedSynchronized() {
    // Leaving the inner region would still hold the outer monitor: no move, so the timed offer
    // comes second.
    refactor(
        FixChoosers.SECOND,
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          private final Object outer = new Object();
          private final Object inner = new Object();
          void send(BlockingQueue<String> q, String m) throws InterruptedException {
            synchronized (outer) {
              synchronized (inner) {
                q.put(m);
              }
            }
          }
        }
        """,
        """
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.TimeUnit;
        class Test {
          private final Object outer = new Object();
          private final Object inner = new Object();
          void send(BlockingQueue<String> q, String m) throws InterruptedException {
            synchronized (outer) {
              synchronized (inner) {
                if (!q.offer(m, 100, TimeUnit.MILLISECONDS)) {
                  throw new IllegalStateException("q is still full after 100 ms");
                }
              }
            }
          }
        }
        """);
  }

  @Test
  void replacementNoMoveWhenArgumentDeclaredInRegion() {
    refactor(
        FixChoosers.SECOND,
        """
        import java.util.concurrent.BlockingQueue;
        class Test {
          void send(BlockingQueue<String> q, String m) throws InterruptedException {
            synchronized (this) {
              String framed = "[" + m + "]";
              q.put(framed);
            }
          }
        }
        """,
        """
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.TimeUnit;
        class Test {
          void send(BlockingQueue<String> q, String m) throws InterruptedException {
            synchronized (this) {
              String framed = "[" + m + "]";
              if (!q.offer(framed, 100, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("q is still full after 100 ms");
              }
            }
          }
        }
        """);
  }
}
